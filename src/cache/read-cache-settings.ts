/**
 * The read cache's numbers (docs/scale-out.md "Read cache" argues them).
 *
 * 30 s: a meeting's status moves with the clock (ABOUT_TO_START, STARTED, ENDED at its times, and
 * people joining), so a cached answer may lag the provider by at most this much; our own writes
 * never lag (they invalidate at once). At 30 s a key read continuously costs at most 2 provider
 * calls a minute, whatever the read rate: at 10 reads/s on a key, 1 call per 300 reads.
 */
export const DEFAULT_READ_CACHE_TTL_SECONDS = 30;
/**
 * An entry is kept this many TTLs in all: fresh for one, then stale, served only when the quota
 * governor (or the provider) refuses a fresh read with PROVIDER_RATE_LIMITED.
 */
export const STALE_FACTOR = 10;
/** How long one instance holds the right to read a key for all (longer than a provider read). */
export const LOCK_TTL_MS = 5_000;
/** How long an instance waits for another's read of the same key before reading itself. */
export const LOCK_WAIT_MS = 1_000;
export const LOCK_POLL_MS = 20;
/** The pub/sub channel our writes announce invalidations on. */
export const INVALIDATION_CHANNEL = 'read-cache:invalidate';
