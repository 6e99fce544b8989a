/**
 * The shared-state port (scale-out issue): everything stateful that instances must agree on goes
 * through it — WeCom access tokens (one `gettoken` for all instances), the quota governor's token
 * buckets, the read cache and its invalidations, idempotency records, Apollo's persisted-query
 * cache. Two adapters: in-process (the default; `npm start` needs nothing) and Redis (`REDIS_URL`).
 *
 * Keys are namespaced by the caller (`wecom:token:<corp>`, `quota:<provider>`, `read:<id>` …);
 * values are strings (callers serialise). Every method may reject when the store is unreachable;
 * the Redis adapter falls back to in-process state with a warning and reports it in `health()`.
 */
export interface SharedState {
  /** `memory` or `redis`: what `/readyz` and the startup line report. */
  readonly kind: 'memory' | 'redis';

  get(key: string): Promise<string | null>;
  /** Sets `key` to `value`, expiring after `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets `key` only when absent (a lock or a first-writer-wins record); true when it did. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only while it still holds `value` (releasing one's own lock). */
  deleteIfValue(key: string, value: string): Promise<boolean>;
  delete(key: string): Promise<void>;

  /**
   * Takes `tokens` from the token bucket `key` (capacity `capacity`, refilled at
   * `refillPerSecond`), atomically across instances. Nothing is taken when not granted;
   * `retryAfterMs` says when that many tokens will be there.
   */
  takeTokens(key: string, tokens: number, bucket: TokenBucket): Promise<TokenGrant>;
  /**
   * `takeTokens` answered at once, where the buckets are in this process (the in-process
   * adapter): the quota governor then admits a call without a promise (docs/performance.md).
   */
  takeTokensNow?(key: string, tokens: number, bucket: TokenBucket): TokenGrant;

  /** Sends `message` to every instance's subscribers of `channel` (this one's included). */
  publish(channel: string, message: string): Promise<void>;
  /** Calls `handler` for every message on `channel`; resolves to an unsubscribe function. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;

  /** Whether the store is serving as configured (false: Redis unreachable, in-process fallback). */
  health(): StateHealth;
  close(): Promise<void>;
}

export interface TokenBucket {
  capacity: number;
  refillPerSecond: number;
}

export interface TokenGrant {
  granted: boolean;
  /** 0 when granted; else how long until the tokens asked for are there. */
  retryAfterMs: number;
}

export interface StateHealth {
  ok: boolean;
  /** Why not (no secrets: never the Redis URL's password). */
  detail?: string;
}
