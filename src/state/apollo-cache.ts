import type { PersistedQueryOptions } from '@apollo/server';

import type { SharedState } from './shared-state.js';

/** Apollo's 3-method `KeyValueCache` (from @apollo/utils.keyvaluecache, through @apollo/server). */
export type KeyValueCache = NonNullable<PersistedQueryOptions['cache']>;

/** Where entries live in the shared state. */
const PREFIX = 'apollo:';
/** Kept this long when Apollo gives no TTL (it gives none for persisted queries by default). */
export const DEFAULT_TTL_SECONDS = 86_400;

/**
 * Apollo's cache over the shared state: the automatic persisted queries (APQ) a client
 * registered through one instance are known to all (docs/scale-out.md). Apollo's own default
 * is an in-process LRU, which behind a load balancer answers PERSISTED_QUERY_NOT_FOUND whenever
 * the hash lands on another instance.
 */
export function sharedKeyValueCache(state: SharedState): KeyValueCache {
  return {
    async get(key) {
      return (await state.get(PREFIX + key)) ?? undefined;
    },
    set(key, value, options) {
      const seconds = options?.ttl ?? DEFAULT_TTL_SECONDS;
      return state.set(PREFIX + key, value, Math.max(1, seconds) * 1000);
    },
    async delete(key) {
      await state.delete(PREFIX + key);
    },
  };
}
