import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContext,
  GraphQLRequestListener,
} from '@apollo/server';

/** The request hooks a composed plugin may use: those Apollo calls on every listener alike. */
const HOOKS = [
  'didResolveSource',
  'didResolveOperation',
  'didEncounterErrors',
  'willSendResponse',
] as const;
type Hook = (typeof HOOKS)[number];
const SUPPORTED: ReadonlySet<string> = new Set(HOOKS);

/**
 * Our request plugins as ONE Apollo plugin. Apollo pays per plugin and per request for every
 * lifecycle event, defined or not (an async call per listener for parsing, validation and
 * execution, `responseForOperation` awaited listener by listener…). Leaving five of ours out
 * saved ~0.085 ms of a ~1 ms cold read, their own work included (docs/performance.md
 * "Round 4"); composing them keeps the work and drops the dispatch of all but one. Each concern
 * keeps its own plugin module; only Apollo sees one.
 *
 * Semantics are Apollo's (requestPipeline.ts): `requestDidStart` of each plugin in order, and
 * for each hook every listener that defines it is called, in plugin order, all of them even
 * when one fails, and the first failure is what the hook throws (as `Promise.all` rejects with
 * the first). Only the hooks in HOOKS may be used: a listener with another hook is refused, at
 * the request, loudly (it would otherwise never be called).
 */
export function composePlugins<C extends BaseContext>(
  plugins: readonly ApolloServerPlugin<C>[],
): ApolloServerPlugin<C> {
  return {
    async requestDidStart(requestContext) {
      const listeners: GraphQLRequestListener<C>[] = [];
      for (const plugin of plugins) {
        const listener = await plugin.requestDidStart?.(requestContext);
        if (!listener) continue;
        for (const key in listener) {
          if (!SUPPORTED.has(key)) throw new Error(`composePlugins: hook ${key} is not supported`);
        }
        listeners.push(listener);
      }
      if (listeners.length <= 1) return listeners[0];
      const composed: GraphQLRequestListener<C> = {};
      for (const hook of HOOKS) {
        const defining = listeners.filter((l) => l[hook] !== undefined);
        if (defining.length > 0) composed[hook] = callAll(defining, hook) as never;
      }
      return composed;
    },
  };
}

function callAll<C extends BaseContext>(listeners: GraphQLRequestListener<C>[], hook: Hook) {
  return async (requestContext: GraphQLRequestContext<C>): Promise<void> => {
    let failure: { error: unknown } | undefined;
    for (const listener of listeners) {
      try {
        await (listener[hook] as (rc: GraphQLRequestContext<C>) => Promise<void>)(requestContext);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  };
}
