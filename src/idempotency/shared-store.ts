import type { SharedState } from '../state/shared-state.js';
import type { IdempotencyRecord, IdempotencyStore } from './store.js';

/** Where records live in the shared state. */
const PREFIX = 'idem:';

/**
 * The idempotency store over the shared state (src/state/): with Redis, a key sent to any
 * instance is the same key (docs/scale-out.md); with the in-process state (src/state/
 * memory-state.ts: bounded, expired keys first, then the oldest), per process. Records are JSON; Dates (a meeting's start and end) are tagged so that
 * a replay answers Dates, as the first attempt did.
 */
export class SharedIdempotencyStore implements IdempotencyStore {
  constructor(private readonly state: SharedState) {}

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    const raw = await this.state.get(PREFIX + key);
    return raw === null ? undefined : decode(raw);
  }

  putIfAbsent(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<boolean> {
    return this.state.setIfAbsent(PREFIX + key, encode(record), ttlSeconds * 1000);
  }

  put(key: string, record: IdempotencyRecord, ttlSeconds: number): Promise<void> {
    return this.state.set(PREFIX + key, encode(record), ttlSeconds * 1000);
  }

  delete(key: string): Promise<void> {
    return this.state.delete(PREFIX + key);
  }
}

const DATE_TAG = '$date';

export function encode(record: IdempotencyRecord): string {
  // `this[key]` is the value before Date#toJSON turned it into a string.
  return JSON.stringify(record, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    return original instanceof Date ? { [DATE_TAG]: original.toISOString() } : value;
  });
}

export function decode(raw: string): IdempotencyRecord {
  return JSON.parse(raw, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.keys(value);
      const tagged = (value as Record<string, unknown>)[DATE_TAG];
      if (entries.length === 1 && typeof tagged === 'string') return new Date(tagged);
    }
    return value;
  }) as IdempotencyRecord;
}
