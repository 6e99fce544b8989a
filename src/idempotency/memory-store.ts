import type { IdempotencyRecord, IdempotencyStore } from './store.js';

/** How many keys the in-process store keeps at most (the oldest go first when full). */
export const DEFAULT_MAX_ENTRIES = 10_000;

interface Entry {
  record: IdempotencyRecord;
  expiresAt: number;
}

/**
 * The in-process adapter of the idempotency store: a Map in insertion order, bounded. Expired
 * entries are dropped when read and when room is needed; when still full, the oldest entry goes
 * (its key is then forgotten early: a retry with it is a new request). Per process only: two
 * replicas do not see each other's keys (docs/operations.md "Idempotency keys").
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { maxEntries?: number; now?: () => number } = {}) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Promise<IdempotencyRecord | undefined> {
    return Promise.resolve(this.live(key)?.record);
  }

  putIfAbsent(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<boolean> {
    if (this.live(key)) return Promise.resolve(false);
    this.set(key, record, ttlSeconds);
    return Promise.resolve(true);
  }

  put(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<void> {
    this.set(key, record, ttlSeconds);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private set(key: string, record: IdempotencyRecord, ttlSeconds: number): void {
    this.entries.delete(key); // re-inserted last: the newest
    const max = this.options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (this.entries.size >= max) {
      const now = this.now();
      for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
      for (const k of this.entries.keys()) {
        if (this.entries.size < max) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(key, { record, expiresAt: this.now() + ttlSeconds * 1000 });
  }
}
