import { describe, expect, it } from '@jest/globals';
import type { BaseContext, GraphQLRequestContext } from '@apollo/server';

import {
  composePlugins,
  type RequestListener,
  type RequestPlugin,
} from '../../src/server/plugins/compose-plugins.js';

/**
 * Our request plugins reach Apollo as one (docs/performance.md "Round 4"). The composed plugin
 * must behave as Apollo does with them apart (requestPipeline.ts): every listener's hook, in
 * plugin order, all of them even when one fails, and the first failure thrown; and it makes no
 * promise when no hook has anything to wait for ("Round 5").
 */
const rc = {} as GraphQLRequestContext<BaseContext>;

type Mode = 'sync' | 'async';

function recorder(
  name: string,
  calls: string[],
  options: { mode?: Mode; fail?: Partial<Record<string, Error>>; delayMs?: number } = {},
): RequestPlugin<BaseContext> {
  // Each call is recorded when it is made; an async hook fails (or finishes) later.
  const hook = (hookName: string) => {
    const error = options.fail?.[hookName];
    if (options.mode !== 'async') {
      return () => {
        calls.push(`${name}.${hookName}`);
        if (error) throw error;
      };
    }
    return async () => {
      calls.push(`${name}.${hookName}`);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      calls.push(`${name}.${hookName} done`);
      if (error) throw error;
    };
  };
  return {
    requestDidStart() {
      calls.push(`${name}.requestDidStart`);
      return {
        didResolveOperation: hook('didResolveOperation'),
        willSendResponse: hook('willSendResponse'),
      };
    },
  };
}

/** What Apollo does with a hook's answer: `await Promise.all(listeners.map(…))`. */
async function asApollo(answer: unknown): Promise<void> {
  await Promise.all([answer]);
}

function start(plugins: RequestPlugin<BaseContext>[]) {
  return composePlugins(plugins).requestDidStart!(rc) as unknown as
    RequestListener<BaseContext> | undefined | Promise<never>;
}

describe('composePlugins', () => {
  it('starts every plugin in order and calls each hook of every listener in plugin order', async () => {
    const calls: string[] = [];
    const listener = (await start([
      recorder('a', calls),
      recorder('b', calls, { mode: 'async' }),
      recorder('c', calls),
    ]))!;
    await asApollo(listener.didResolveOperation!(rc as never));
    await asApollo(listener.willSendResponse!(rc as never));
    expect(calls.filter((c) => !c.endsWith(' done'))).toEqual([
      'a.requestDidStart',
      'b.requestDidStart',
      'c.requestDidStart',
      'a.didResolveOperation',
      'b.didResolveOperation',
      'c.didResolveOperation',
      'a.willSendResponse',
      'b.willSendResponse',
      'c.willSendResponse',
    ]);
    // Hooks nobody defines are not defined (Apollo then skips them).
    expect(listener.didEncounterErrors).toBeUndefined();
  });

  it('makes no promise when every listener answers at once', () => {
    const calls: string[] = [];
    const listener = start([recorder('a', calls), recorder('b', calls)]);
    expect(listener).not.toBeInstanceOf(Promise);
    const answer = (listener as RequestListener<BaseContext>).didResolveOperation!(rc as never);
    expect(answer).toBeUndefined();
    expect(calls).toEqual([
      'a.requestDidStart',
      'b.requestDidStart',
      'a.didResolveOperation',
      'b.didResolveOperation',
    ]);
  });

  it('waits for a listener that answers with a promise', async () => {
    const calls: string[] = [];
    const listener = (await start([
      recorder('a', calls),
      recorder('b', calls, { mode: 'async', delayMs: 20 }),
    ]))!;
    const answer = listener.willSendResponse!(rc as never);
    expect(answer).toBeInstanceOf(Promise);
    expect(calls).not.toContain('b.willSendResponse done');
    await answer;
    expect(calls).toContain('b.willSendResponse done');
  });

  it.each<[string, Mode, Mode]>([
    ['both answer at once', 'sync', 'sync'],
    ['both answer with promises', 'async', 'async'],
    ['the first fails later than the second', 'async', 'sync'],
  ])(
    'calls every listener even when some fail, and rejects with the first failure in plugin order (%s)',
    async (_name, firstMode, secondMode) => {
      const calls: string[] = [];
      const first = new Error('refused by a');
      const second = new Error('refused by b');
      const listener = (await start([
        recorder('a', calls, {
          mode: firstMode,
          fail: { didResolveOperation: first },
          delayMs: 20,
        }),
        recorder('b', calls, { mode: secondMode, fail: { didResolveOperation: second } }),
        recorder('c', calls),
      ]))!;
      // A rejected promise, never a throw: a throw would stop Apollo's `map` before the plugins
      // listed after ours.
      let answer: unknown;
      expect(() => {
        answer = listener.didResolveOperation!(rc as never);
      }).not.toThrow();
      await expect(asApollo(answer)).rejects.toBe(first);
      expect(calls.filter((c) => c.endsWith('didResolveOperation'))).toEqual([
        'a.didResolveOperation',
        'b.didResolveOperation',
        'c.didResolveOperation',
      ]);
    },
  );

  it('answers no listener when no plugin listens, and the one listener as it is', () => {
    const silent: RequestPlugin<BaseContext> = { requestDidStart: () => undefined };
    expect(start([silent, silent])).toBeUndefined();
    const only: RequestListener<BaseContext> = { willSendResponse: () => undefined };
    const one: RequestPlugin<BaseContext> = { requestDidStart: () => only };
    expect(start([silent, one])).toBe(only);
  });

  it('refuses a listener with a hook it cannot call, rather than never calling it', async () => {
    const executing = {
      requestDidStart: () => ({ executionDidStart: () => undefined }),
    } as unknown as RequestPlugin<BaseContext>;
    await expect(asApollo(start([executing]))).rejects.toThrow(
      /executionDidStart is not supported/,
    );
  });

  it('rejects, without a throw, when a plugin fails to start', async () => {
    const failing: RequestPlugin<BaseContext> = {
      requestDidStart: () => {
        throw new Error('cannot start');
      },
    };
    let answer: unknown;
    expect(() => {
      answer = start([failing]);
    }).not.toThrow();
    await expect(asApollo(answer)).rejects.toThrow('cannot start');
  });
});
