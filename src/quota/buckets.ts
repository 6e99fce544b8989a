import type { TokenBucket } from '../state/shared-state.js';

/**
 * The shape of the token buckets behind a per-minute budget B (docs/scale-out.md "Quota governor").
 *
 * A token bucket of capacity C refilled at R tokens/s grants at most C + 60·R tokens in ANY 60-s
 * window (a full bucket, then the refill). So that no window, sliding or calendar, ever sees more
 * than B calls, C + 60·R = B: a burst of C, then (B − C)/min sustained. BURST_SHARE trades the
 * two: a quarter of the budget at once (a `meetings(ids:)` page of 25+ ids), three quarters
 * sustained.
 *
 * Writes keep a reserved share: every call takes a token from the `all` bucket (budget B); a read
 * must ALSO take one from the `reads` bucket (budget B·(1 − WRITE_RESERVE_SHARE)), taken first.
 * Reads can therefore never spend more than 80 % of a minute, and the other 20 % is there for
 * writes (and for the reads a mutation makes: read-back after a create, read-before-cancel).
 */
export const BURST_SHARE = 0.25;
export const WRITE_RESERVE_SHARE = 0.2;

export interface QuotaBuckets {
  /** Every call takes from it. */
  all: TokenBucket;
  /** Reads take from it first, so that they never eat the writes' reserve. */
  reads: TokenBucket;
}

export function bucketsFor(perMinute: number): QuotaBuckets {
  return {
    all: bucketOf(perMinute),
    reads: bucketOf(perMinute * (1 - WRITE_RESERVE_SHARE)),
  };
}

/** A bucket that never grants more than `perMinute` in a 60-s window. */
export function bucketOf(perMinute: number): TokenBucket {
  const capacity = Math.max(1, Math.floor(perMinute * BURST_SHARE));
  return { capacity, refillPerSecond: Math.max(0, perMinute - capacity) / 60 };
}
