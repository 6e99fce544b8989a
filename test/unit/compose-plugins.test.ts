import { describe, expect, it } from '@jest/globals';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';

import { composePlugins } from '../../src/server/plugins/compose-plugins.js';

/**
 * Our request plugins reach Apollo as one (docs/performance.md "Round 4"). The composed plugin
 * must behave as Apollo does with them apart (requestPipeline.ts): every listener's hook, in
 * plugin order, all of them even when one fails, and the first failure thrown.
 */
const rc = {} as GraphQLRequestContext<BaseContext>;

function recorder(name: string, calls: string[], fail?: Partial<Record<string, Error>>) {
  const hook = (hookName: string) => async () => {
    calls.push(`${name}.${hookName}`);
    const error = fail?.[hookName];
    if (error) throw error;
  };
  return {
    async requestDidStart() {
      calls.push(`${name}.requestDidStart`);
      return {
        didResolveOperation: hook('didResolveOperation'),
        willSendResponse: hook('willSendResponse'),
      };
    },
  } as ApolloServerPlugin<BaseContext>;
}

describe('composePlugins', () => {
  it('starts every plugin in order and calls each hook of every listener in plugin order', async () => {
    const calls: string[] = [];
    const composed = composePlugins([recorder('a', calls), recorder('b', calls)]);
    const listener = (await composed.requestDidStart!(rc))!;
    await listener.didResolveOperation!(rc as never);
    await listener.willSendResponse!(rc as never);
    expect(calls).toEqual([
      'a.requestDidStart',
      'b.requestDidStart',
      'a.didResolveOperation',
      'b.didResolveOperation',
      'a.willSendResponse',
      'b.willSendResponse',
    ]);
    // Hooks nobody defines are not defined (Apollo then skips them).
    expect(listener.didEncounterErrors).toBeUndefined();
  });

  it('calls every listener even when one fails, and throws the first failure', async () => {
    const calls: string[] = [];
    const first = new Error('refused by a');
    const second = new Error('refused by b');
    const composed = composePlugins([
      recorder('a', calls, { didResolveOperation: first }),
      recorder('b', calls, { didResolveOperation: second }),
      recorder('c', calls),
    ]);
    const listener = (await composed.requestDidStart!(rc))!;
    await expect(listener.didResolveOperation!(rc as never)).rejects.toBe(first);
    expect(calls.filter((c) => c.endsWith('didResolveOperation'))).toEqual([
      'a.didResolveOperation',
      'b.didResolveOperation',
      'c.didResolveOperation',
    ]);
  });

  it('answers no listener when no plugin listens, and the one listener as it is', async () => {
    const silent: ApolloServerPlugin<BaseContext> = { requestDidStart: async () => undefined };
    expect(await composePlugins([silent, silent]).requestDidStart!(rc)).toBeUndefined();
    const only = { willSendResponse: async () => undefined };
    const one: ApolloServerPlugin<BaseContext> = { requestDidStart: async () => only };
    expect(await composePlugins([silent, one]).requestDidStart!(rc)).toBe(only);
  });

  it('refuses a listener with a hook it cannot call, rather than never calling it', async () => {
    const executing: ApolloServerPlugin<BaseContext> = {
      requestDidStart: async () => ({ executionDidStart: async () => undefined }),
    };
    await expect(composePlugins([executing]).requestDidStart!(rc)).rejects.toThrow(
      /executionDidStart is not supported/,
    );
  });
});
