import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

import type { Context } from '../context.js';
import type { RequestPlugin } from './compose-plugins.js';

interface WithCacheControl {
  cacheControl: { setCacheHint(hint: { maxAge: number; scope: 'PUBLIC' | 'PRIVATE' }): void };
}

export interface CacheControlOptions {
  /** READ_CACHE_TTL_SECONDS: how stale an answer we serve ourselves; 0: nothing is cacheable. */
  maxAgeSeconds: number;
  /**
   * PRIVATE when answers depend on the caller (`AUTH_MODE=jwt`: field guards hide host secrets
   * and passwords per caller), so a shared cache never hands one caller's answer to another.
   */
  scope: 'PUBLIC' | 'PRIVATE';
}

/**
 * `Cache-Control` on GraphQL answers, so routers and CDNs may cache reads as we do
 * (docs/scale-out.md "Read cache"). Apollo's cache-control plugin computes the header from
 * per-field hints; the schema carries no `@cacheControl` directives (the read cache's TTL is
 * configuration, not schema), so every field of a query gets a dynamic hint: `max-age` = the
 * read cache's TTL, with `scope`. Mutations get none, so Apollo answers them `no-store`, as it
 * does any answer with an error. Apollo's plugin is listed here because its field hook must run
 * before ours (it puts `info.cacheControl` in place).
 */
export function cacheControlPlugins(options: CacheControlOptions): {
  /** Ours, with request hooks only: create-server.ts composes them with the others. */
  composable: RequestPlugin<Context>[];
  /** Apollo's, and ours that hook into execution: listed as they are, in this order. */
  separate: ApolloServerPlugin<Context>[];
} {
  // Nothing is cacheable (READ_CACHE_TTL_SECONDS=0): every answer is `no-store`, as Apollo's
  // plugin would say, without its per-field hook (~15 µs a read of five fields, measured).
  if (options.maxAgeSeconds <= 0) {
    return { composable: [noStore], separate: [ApolloServerPluginCacheControlDisabled()] };
  }
  const hints: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async executionDidStart({ operation }) {
          if (operation?.operation !== 'query' || options.maxAgeSeconds <= 0) return;
          const hint = { maxAge: options.maxAgeSeconds, scope: options.scope };
          return {
            willResolveField({ info }) {
              // Put in place by Apollo's plugin (typed in @apollo/cache-control-types).
              (info as unknown as WithCacheControl).cacheControl.setCacheHint(hint);
            },
          };
        },
      };
    },
  };
  // Apollo calls `willResolveField` hooks in REVERSE plugin order (requestPipeline.ts), so
  // listing ours before Apollo's makes Apollo's run first.
  return {
    composable: [],
    separate: [hints, ApolloServerPluginCacheControl({ defaultMaxAge: 0 })],
  };
}

const noStore: RequestPlugin<Context> = {
  requestDidStart() {
    return {
      willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};
