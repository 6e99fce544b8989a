import type { ApolloServerPlugin } from '@apollo/server';
import apolloResponseCachePlugin from '@apollo/server-plugin-response-cache';

import type { ReadCache } from '../../cache/read-cache.js';
import type { KeyValueCache } from '../../state/apollo-cache.js';
import type { Context } from '../context.js';

/**
 * A whole answer is kept this share of READ_CACHE_TTL_SECONDS (5 s at 30 s): it may be built from
 * a read-cache entry near the end of its TTL, so an answer lags the provider by at most
 * TTL × (1 + 1/6) (35 s at 30 s), not 2 × TTL.
 */
const RESPONSE_TTL_SHARE = 1 / 6;

/**
 * The whole-response cache (docs/scale-out.md "Read cache"): a repeated query is answered from
 * Apollo's response cache, in the shared state (`cache`, the one persisted queries use), without
 * executing (no resolver, no loader, no read-cache lookup). Apollo keeps only answers of queries
 * whose every field has a cache hint (cache-control.plugin.ts gives one while
 * READ_CACHE_TTL_SECONDS > 0) and that have no error; mutations never.
 *
 * - Our writes: the key holds the read cache's `generation`, which every write (ours or another
 *   instance's, through the invalidation message) changes, so no instance serves a whole answer
 *   from before a write once the write has answered.
 * - Callers: with PRIVATE answers (`AUTH_MODE=jwt`: field guards hide host secrets per caller)
 *   the caller's identity (user id and scopes) is in the key, so one caller never gets another's
 *   answer.
 */
export function responseCachePlugin(options: {
  cache: KeyValueCache;
  readCache: ReadCache;
  scope: 'PUBLIC' | 'PRIVATE';
}): ApolloServerPlugin<Context> {
  const { readCache } = options;
  const maxTtl = Math.max(1, Math.round((readCache.ttlMs / 1000) * RESPONSE_TTL_SHARE));
  const cache: KeyValueCache = {
    get: (key) => options.cache.get(key),
    set: (key, value, setOptions) =>
      options.cache.set(key, value, { ttl: Math.min(setOptions?.ttl ?? maxTtl, maxTtl) }),
    delete: (key) => options.cache.delete(key),
  };
  return apolloResponseCachePlugin<Context>({
    cache,
    // Read once per request, before the lookup: an answer whose execution a write overtook is
    // kept under the generation it started in, which nobody serves any more.
    extraCacheKeyData: async () => readCache.generation,
    sessionId: async ({ contextValue: { caller } }) =>
      options.scope === 'PRIVATE'
        ? JSON.stringify([caller.trusted, caller.userId, [...caller.scopes].sort()])
        : null,
  });
}
