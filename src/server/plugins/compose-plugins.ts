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

/** What Apollo hands a listener's `hook`. */
type HookContext<C extends BaseContext, H extends Hook> = Parameters<
  NonNullable<GraphQLRequestListener<C>[H]>
>[0];

/**
 * A listener of one request, as our plugins write it: a hook answers at once (`void`) when it
 * has nothing to wait for, a promise when it has.
 */
export type RequestListener<C extends BaseContext> = {
  [H in Hook]?: (requestContext: HookContext<C, H>) => void | Promise<void>;
};

/**
 * One of our request plugins: `requestDidStart` answers its listener for the request at once
 * (none when it has nothing to do for it). Apollo's own type says `Promise` for both; see
 * `composePlugins` for why ours need not.
 */
export interface RequestPlugin<C extends BaseContext> {
  requestDidStart(requestContext: GraphQLRequestContext<C>): RequestListener<C> | undefined;
}

/**
 * Our request plugins as ONE Apollo plugin. Apollo pays per plugin and per request for every
 * lifecycle event, defined or not (an async call per listener for parsing, validation and
 * execution, `responseForOperation` awaited listener by listener…). Leaving five of ours out
 * saved ~0.085 ms of a ~1 ms cold read, their own work included (docs/performance.md
 * "Round 4"); composing them keeps the work and drops the dispatch of all but one. Each concern
 * keeps its own plugin module; only Apollo sees one.
 *
 * Nothing here makes a promise that has nothing to wait for: Apollo collects every answer of
 * `requestDidStart` and of each hook with `await Promise.all(listeners.map(…))`
 * (@apollo/server requestPipeline.ts), which takes a plain value as it takes a promise, so a
 * hook that answers at once is not wrapped in one. An `async` function per plugin and per hook
 * was ~40 of the ~155 promises of a cold read (counted with an async hook: docs/performance.md
 * "Round 5").
 *
 * Semantics are Apollo's: `requestDidStart` of each plugin in order, and for each hook every
 * listener that defines it is called, in plugin order, all of them even when one fails; the
 * first failure in plugin order is what the hook rejects with, as a rejected promise (a throw
 * would stop Apollo's `map` before the plugins listed after this one). Only the hooks in HOOKS
 * may be used: a listener with another hook is refused, at the request, loudly (it would
 * otherwise never be called).
 */
export function composePlugins<C extends BaseContext>(
  plugins: readonly RequestPlugin<C>[],
): ApolloServerPlugin<C> {
  const composed = {
    requestDidStart(
      requestContext: GraphQLRequestContext<C>,
    ): RequestListener<C> | undefined | Promise<never> {
      const listeners: RequestListener<C>[] = [];
      for (const plugin of plugins) {
        let listener: RequestListener<C> | undefined;
        try {
          listener = plugin.requestDidStart(requestContext);
        } catch (error) {
          return Promise.reject(error);
        }
        if (!listener) continue;
        for (const key in listener) {
          if (!SUPPORTED.has(key)) {
            return Promise.reject(new Error(`composePlugins: hook ${key} is not supported`));
          }
        }
        listeners.push(listener);
      }
      if (listeners.length <= 1) return listeners[0];
      const listener: RequestListener<C> = {};
      for (const hook of HOOKS) {
        if (listeners.some((l) => l[hook] !== undefined)) {
          listener[hook] = ((rc: HookContext<C, Hook>) => callAll(listeners, hook, rc)) as never;
        }
      }
      return listener;
    },
  };
  // Apollo's types say `Promise` where it accepts a plain value too (above).
  return composed as unknown as ApolloServerPlugin<C>;
}

function callAll<C extends BaseContext>(
  listeners: readonly RequestListener<C>[],
  hook: Hook,
  requestContext: HookContext<C, Hook>,
): void | Promise<void> {
  // Per listener in plugin order: its promise, or its synchronous failure.
  let outcomes: Array<Promise<void> | { error: unknown }> | undefined;
  let waiting = false;
  for (const listener of listeners) {
    const run = listener[hook] as ((rc: HookContext<C, Hook>) => void | Promise<void>) | undefined;
    if (!run) continue;
    try {
      const answer = run(requestContext);
      if (answer) {
        (outcomes ??= []).push(answer);
        waiting = true;
      }
    } catch (error) {
      (outcomes ??= []).push({ error });
    }
  }
  if (!outcomes) return undefined;
  if (!waiting) return Promise.reject((outcomes[0] as { error: unknown }).error);
  return Promise.allSettled(outcomes.map((o) => ('error' in o ? Promise.reject(o.error) : o))).then(
    (settled) => {
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
    },
  );
}
