/**
 * The idempotency store, as a port (issue 12): what `withIdempotency` (./idempotency.ts) needs
 * from wherever keys are kept. The server uses ./shared-store.ts, over the shared state
 * (src/state/: in-process, or Redis `GET`, `SET NX PX`, `SET PX`, `DEL` with `REDIS_URL`), the
 * default of `new Idempotency()` too, over an in-process state.
 * Every write carries its time to live; an expired record is as good as absent.
 */

/** What a remembered failure is replayed as: an API error's code, message and extensions. */
export interface StoredError {
  message: string;
  extensions: Record<string, unknown>;
}

export type IdempotencyRecord =
  /** A first attempt is running (in this process or, with a shared store, another one). */
  | { state: 'pending'; fingerprint: string }
  /** It finished: its answer, or a failure that may have changed the provider (OUTCOME_UNKNOWN …). */
  | {
      state: 'done';
      fingerprint: string;
      outcome: { ok: true; value: unknown } | { ok: false; error: StoredError };
    };

export interface IdempotencyStore {
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores `record` only when no live record has `key`; true when it did. */
  putIfAbsent(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<boolean>;
  /** Stores `record` under `key`, replacing any (a pending record becoming done). */
  put(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}
