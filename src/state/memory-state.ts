import type { SharedState, StateHealth, TokenBucket, TokenGrant } from './shared-state.js';

/** Keys kept at most (the oldest go first when full): the read cache must not grow unbounded. */
export const DEFAULT_MAX_KEYS = 100_000;
/** How often expired keys are swept (they are also dropped whenever read). */
const SWEEP_INTERVAL_MS = 30_000;

export interface MemoryStateOptions {
  /** Milliseconds since the epoch (injectable for tests). */
  now?: () => number;
  maxKeys?: number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
  /** When it is full again (then it is the same as no bucket, and the sweep forgets it). */
  fullAt: number;
}

/**
 * The in-process adapter of the shared-state port (./shared-state.ts): the default, so
 * `npm start` needs nothing, and the Redis adapter's fallback while Redis is unreachable.
 * Keys expire lazily (dropped when read) and by a periodic unref'd sweep; the map is bounded,
 * oldest first. Token buckets are computed lazily from the last refill time (no timers).
 * Pub/sub is delivered in process, before `publish` resolves.
 */
export class MemoryState implements SharedState {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly channels = new Map<string, Set<(message: string) => void>>();
  private readonly now: () => number;
  private readonly maxKeys: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: MemoryStateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.live(key)?.value ?? null);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    this.put(key, value, ttlMs);
    return Promise.resolve();
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return Promise.resolve(false);
    this.put(key, value, ttlMs);
    return Promise.resolve(true);
  }

  deleteIfValue(key: string, value: string): Promise<boolean> {
    if (this.live(key)?.value !== value) return Promise.resolve(false);
    this.entries.delete(key);
    return Promise.resolve(true);
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  takeTokens(key: string, tokens: number, bucket: TokenBucket): Promise<TokenGrant> {
    return Promise.resolve(this.takeTokensNow(key, tokens, bucket));
  }

  takeTokensNow(key: string, tokens: number, bucket: TokenBucket): TokenGrant {
    const now = this.now();
    const state = this.buckets.get(key);
    const refilled = state
      ? Math.min(
          bucket.capacity,
          state.tokens + (Math.max(0, now - state.at) * bucket.refillPerSecond) / 1000,
        )
      : bucket.capacity;
    const grant = grantFrom(refilled, tokens, bucket);
    const left = grant.granted ? refilled - tokens : refilled;
    const fullAt = now + refillMs(bucket.capacity - left, bucket);
    // In place: this runs before every provider call.
    if (state) {
      state.tokens = left;
      state.at = now;
      state.fullAt = fullAt;
    } else {
      this.buckets.set(key, { tokens: left, at: now, fullAt });
    }
    return grant;
  }

  publish(channel: string, message: string): Promise<void> {
    for (const handler of [...(this.channels.get(channel) ?? [])]) {
      try {
        handler(message);
      } catch {
        // A subscriber's failure is its own; the others still get the message (as with Redis).
      }
    }
    return Promise.resolve();
  }

  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>> {
    // Wrapped so one handler subscribed twice is two subscriptions, each removed on its own.
    const own = (message: string) => handler(message);
    let set = this.channels.get(channel);
    if (!set) this.channels.set(channel, (set = new Set()));
    set.add(own);
    return Promise.resolve(() => {
      const current = this.channels.get(channel);
      current?.delete(own);
      if (current?.size === 0) this.channels.delete(channel);
      return Promise.resolve();
    });
  }

  health(): StateHealth {
    return { ok: true };
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.channels.clear();
    return Promise.resolve();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private put(key: string, value: string, ttlMs: number): void {
    this.entries.delete(key); // re-inserted last: the newest
    if (this.entries.size >= this.maxKeys) {
      this.sweep();
      for (const k of this.entries.keys()) {
        if (this.entries.size < this.maxKeys) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(key, { value, expiresAt: this.now() + Math.max(1, Math.ceil(ttlMs)) });
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
    for (const [k, b] of this.buckets) if (b.fullAt <= now) this.buckets.delete(k);
  }
}

/**
 * The grant for `tokens` out of `available`: taken when there, else how long until they are.
 * Shared with the Redis adapter's fallback path; its Lua script computes the same.
 */
export function grantFrom(available: number, tokens: number, bucket: TokenBucket): TokenGrant {
  if (available >= tokens) return { granted: true, retryAfterMs: 0 };
  return { granted: false, retryAfterMs: refillMs(tokens - available, bucket) };
}

/** setTimeout's largest delay: what "never" is answered as (a bucket that does not refill). */
const NEVER_MS = 2 ** 31 - 1;

/** Milliseconds until `missing` tokens have been refilled (rounded up). */
function refillMs(missing: number, bucket: TokenBucket): number {
  if (missing <= 0) return 0;
  if (!(bucket.refillPerSecond > 0)) return NEVER_MS;
  return Math.min(NEVER_MS, Math.ceil((missing * 1000) / bucket.refillPerSecond));
}
