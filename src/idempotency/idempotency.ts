import { createHash } from 'node:crypto';

import {
  ApiError,
  BadUserInputError,
  OutcomeUnknownError,
  type ErrorCode,
} from '../errors/api-errors.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { Context } from '../server/context.js';
import { MemoryState } from '../state/memory-state.js';
import { SharedIdempotencyStore } from './shared-store.js';
import type { IdempotencyRecord, IdempotencyStore, StoredError } from './store.js';

/** `IDEMPOTENCY_TTL_SECONDS` default: a key is remembered for 24 h. */
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 86_400;

/** How long a duplicate waits for a first attempt running elsewhere (a shared store only). */
const PENDING_WAIT_MS = 60_000;
const PENDING_POLL_MS = 50;

/**
 * Failures that mean nothing was applied at the provider: the key is forgotten, and a retry with
 * it is sent again. Every other failure (OUTCOME_UNKNOWN, PROVIDER_RESPONSE_INVALID, an
 * unexpected error) may have created something and is remembered like an answer.
 */
const NOTHING_APPLIED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'UNSUPPORTED_BY_PROVIDER',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'PROVIDER_AUTH_FAILED',
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_REJECTED',
  // Writes never answer it (a lost or 5xx answer to a write is OUTCOME_UNKNOWN): it comes from a
  // call made before the write, e.g. WeCom's token fetch.
  'PROVIDER_UNAVAILABLE',
  'MAX_DEPTH_LIMIT',
  'MAX_ALIASES_LIMIT',
  'MAX_ROOT_FIELDS_LIMIT',
  'COST_ESTIMATED_TOO_EXPENSIVE',
]);

/** The mutations that take an idempotency key; part of the key's scope. */
export type IdempotentMutation =
  | 'scheduleMeeting'
  | 'startInstantMeeting'
  | 'scheduleWebinar'
  | 'updateMeeting'
  | 'updateOccurrence'
  | 'updateWebinar';

/** A remembered failure, thrown again as it was answered the first time. */
class ReplayedError extends ApiError {
  constructor(stored: StoredError) {
    const { code, ...extensions } = stored.extensions;
    super(code as ErrorCode, stored.message, extensions);
  }
}

/**
 * Idempotency keys (issue 12): one per process, shared by every request. The store keeps the
 * records (./store.ts, a port); `inFlight` lets a duplicate in this process wait on the first
 * attempt's promise instead of polling.
 */
export class Idempotency {
  private readonly inFlight = new Map<string, { fingerprint: string; promise: Promise<unknown> }>();

  constructor(
    // Standalone (tests, a server built without a state): the in-process shared state, the same
    // store the server uses over it.
    readonly store: IdempotencyStore = new SharedIdempotencyStore(new MemoryState()),
    readonly ttlSeconds: number = DEFAULT_IDEMPOTENCY_TTL_SECONDS,
  ) {}

  /**
   * Runs `write` once per `scopedKey`: a later call with the same fingerprint gets the first
   * answer (or remembered failure); with another fingerprint, `onReuse()` is thrown.
   */
  async run<T>(
    scopedKey: string,
    fingerprint: string,
    write: () => Promise<T>,
    onReuse: () => Error,
    onStale: () => Error,
  ): Promise<T> {
    const deadline = Date.now() + PENDING_WAIT_MS;
    for (;;) {
      const flight = this.inFlight.get(scopedKey);
      if (flight) {
        if (flight.fingerprint !== fingerprint) throw onReuse();
        return (await flight.promise) as T;
      }
      const record = await this.store.get(scopedKey);
      if (record) {
        if (record.fingerprint !== fingerprint) throw onReuse();
        if (record.state === 'done') {
          if (record.outcome.ok) return record.outcome.value as T;
          throw replay(record.outcome.error);
        }
        // Pending, and not in this process: another replica's first attempt (a shared store).
        if (Date.now() >= deadline) throw onStale();
        await new Promise((resolve) => setTimeout(resolve, PENDING_POLL_MS));
        continue;
      }
      const pending: IdempotencyRecord = { state: 'pending', fingerprint };
      if (!(await this.store.putIfAbsent(scopedKey, pending, this.ttlSeconds))) continue;
      if (this.inFlight.has(scopedKey)) continue; // cannot happen with a consistent store
      const promise = this.execute(scopedKey, fingerprint, write);
      this.inFlight.set(scopedKey, { fingerprint, promise });
      try {
        return await promise;
      } finally {
        this.inFlight.delete(scopedKey);
      }
    }
  }

  private async execute<T>(
    scopedKey: string,
    fingerprint: string,
    write: () => Promise<T>,
  ): Promise<T> {
    let value: T;
    try {
      value = await write();
    } catch (error) {
      if (error instanceof ApiError && NOTHING_APPLIED.has(error.code)) {
        await this.store.delete(scopedKey);
      } else {
        await this.store.put(
          scopedKey,
          { state: 'done', fingerprint, outcome: { ok: false, error: stored(error) } },
          this.ttlSeconds,
        );
      }
      throw error;
    }
    await this.store.put(
      scopedKey,
      { state: 'done', fingerprint, outcome: { ok: true, value } },
      this.ttlSeconds,
    );
    return value;
  }
}

function stored(error: unknown): StoredError {
  if (error instanceof ApiError) {
    return { message: error.message, extensions: { ...error.extensions } };
  }
  // Unexpected: answered masked (formatError), so nothing of it is kept.
  return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function replay(error: StoredError): Error {
  if (error.extensions.code === 'INTERNAL_SERVER_ERROR') {
    return new Error('replay of a remembered unexpected error');
  }
  return new ReplayedError(error);
}

/**
 * The input's fingerprint: sha256 of its canonical JSON without `idempotencyKey` (object keys
 * sorted, undefined left out, Dates as ISO strings).
 */
export function fingerprintOf(input: object): string {
  const { idempotencyKey: _key, ...rest } = input as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs a create once per idempotency key (issue 12). Without `input.idempotencyKey`, it just runs
 * `write`. Keys are scoped per caller (`ctx.caller.userId`, or the organizer for a trusted caller)
 * and per mutation. Call it after authorisation and capability checks, around the provider call.
 */
export function withIdempotency<T>(
  ctx: Context,
  mutation: IdempotentMutation,
  input: { idempotencyKey?: string | null; provider: Provider; organizer: string },
  write: () => Promise<T>,
): Promise<T> {
  const key = input.idempotencyKey;
  if (key === undefined || key === null) return write();
  const caller =
    ctx.caller.userId !== null ? `user:${ctx.caller.userId}` : `organizer:${input.organizer}`;
  const scopedKey = JSON.stringify([mutation, caller, key]);
  return ctx.idempotency.run(
    scopedKey,
    fingerprintOf(input),
    write,
    () =>
      new BadUserInputError(
        'this idempotencyKey was used with a different input; use a new key for a new request',
        { field: 'input.idempotencyKey', rule: 'idempotencyKeyReused' },
      ),
    () =>
      new OutcomeUnknownError({
        provider: input.provider,
        operation: mutation,
        cause: 'a first attempt with this idempotencyKey has not finished',
      }),
  );
}
