import { describe, expect, it } from '@jest/globals';

import {
  WecomTokenCache,
  wecomTokenKey,
  type FetchedToken,
} from '../../src/providers/wecom/wecom.token-cache.js';
import { createLogger } from '../../src/server/logger.js';
import { MemoryState } from '../../src/state/memory-state.js';

const credentials = { corpId: 'ww-unit-corp', corpSecret: 'unit-secret-value-93' };
const log = createLogger({ level: 'silent' });

/** A `gettoken` stand-in: numbered tokens, optionally slow, counting its calls. */
function tokenSource(delayMs = 0) {
  let calls = 0;
  return {
    calls: () => calls,
    fetchToken: async (): Promise<FetchedToken> => {
      calls += 1;
      const n = calls;
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { token: `token-${n}`, expiresInSeconds: 7200 };
    },
  };
}

/**
 * Two caches over one MemoryState stand for two instances over one Redis (the Redis adapter
 * has the same behaviour table: test/unit/shared-state.test.ts; the three-instance run is
 * test/integration/multi-instance.test.ts).
 */
describe('WecomTokenCache over shared state (two instances)', () => {
  it('names the shared entry by corpid and a hash of the secret, never the secret', () => {
    const key = wecomTokenKey(credentials);
    expect(key).toMatch(/^wecom:token:ww-unit-corp:[0-9a-f]{16}$/);
    expect(key).not.toContain(credentials.corpSecret);
    expect(wecomTokenKey({ ...credentials, corpSecret: 'rotated' })).not.toBe(key);
  });

  it('makes one gettoken for both instances, cold and concurrent', async () => {
    const state = new MemoryState();
    const source = tokenSource(50);
    const shared = { state, ...credentials };
    const a = new WecomTokenCache({ fetchToken: source.fetchToken, log, shared });
    const b = new WecomTokenCache({ fetchToken: source.fetchToken, log, shared });
    const tokens = await Promise.all([a.get(), b.get(), a.get(), b.get()]);
    expect(tokens).toEqual(['token-1', 'token-1', 'token-1', 'token-1']);
    expect(source.calls()).toBe(1);
    // Stored with its expiry: a third instance started later fetches nothing either.
    const c = new WecomTokenCache({ fetchToken: source.fetchToken, log, shared });
    expect(await c.get()).toBe('token-1');
    expect(source.calls()).toBe(1);
    await state.close();
  });

  it('invalidate removes the shared entry only while it still holds that token', async () => {
    const state = new MemoryState();
    const source = tokenSource();
    const shared = { state, ...credentials };
    const a = new WecomTokenCache({ fetchToken: source.fetchToken, log, shared });
    const b = new WecomTokenCache({ fetchToken: source.fetchToken, log, shared });
    expect(await a.get()).toBe('token-1');
    expect(await b.get()).toBe('token-1');
    // WeCom refuses token-1 on instance A (40014): A refreshes once, and shares token-2.
    a.invalidate('token-1');
    expect(await a.get()).toBe('token-2');
    expect(source.calls()).toBe(2);
    // B then meets the same refusal: its invalidate must not delete A's token-2, and B takes it.
    b.invalidate('token-1');
    expect(await b.get()).toBe('token-2');
    expect(source.calls()).toBe(2);
    // A stale invalidate (a token no longer current) changes nothing.
    a.invalidate('token-1');
    expect(await a.get()).toBe('token-2');
    expect(source.calls()).toBe(2);
    await state.close();
  });

  it('waits for the instance holding the lock instead of fetching', async () => {
    const state = new MemoryState();
    const source = tokenSource();
    const shared = { state, ...credentials };
    const key = wecomTokenKey(credentials);
    await state.setIfAbsent(`${key}:lock`, 'another-instance', 10_000);
    const waiting = new WecomTokenCache({ fetchToken: source.fetchToken, log, shared }).get();
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The other instance stores its token and releases its lock.
    const now = Date.now();
    await state.set(
      key,
      JSON.stringify({ token: 'theirs', refreshAt: now + 60_000, expiresAt: now + 120_000 }),
      120_000,
    );
    await state.deleteIfValue(`${key}:lock`, 'another-instance');
    expect(await waiting).toBe('theirs');
    expect(source.calls()).toBe(0);
    await state.close();
  });

  it('takes over a lock whose holder died once it expires', async () => {
    const state = new MemoryState();
    const source = tokenSource();
    const key = wecomTokenKey(credentials);
    await state.setIfAbsent(`${key}:lock`, 'a-dead-instance', 200);
    const cache = new WecomTokenCache({
      fetchToken: source.fetchToken,
      log,
      shared: { state, ...credentials },
      lockTtlMs: 200,
    });
    expect(await cache.get()).toBe('token-1');
    expect(source.calls()).toBe(1);
    await state.close();
  });

  it('refreshes ahead of expiry once for both; meanwhile the still-valid token serves', async () => {
    let now = 1_000_000;
    const state = new MemoryState();
    const source = tokenSource(100);
    const shared = { state, ...credentials };
    const a = new WecomTokenCache({ fetchToken: source.fetchToken, log, shared, now: () => now });
    const b = new WecomTokenCache({ fetchToken: source.fetchToken, log, shared, now: () => now });
    expect(await a.get()).toBe('token-1');
    expect(await b.get()).toBe('token-1');
    now += 7200_000 - 200_000; // inside the 300 s refresh margin, still valid
    const [fromA, fromB] = await Promise.all([a.get(), b.get()]);
    // One of them refreshed (token-2); the other did not wait for it: token-1 is still valid.
    expect([fromA, fromB].sort()).toEqual(['token-1', 'token-2']);
    expect(source.calls()).toBe(2);
    expect(await b.get()).toBe('token-2');
    expect(source.calls()).toBe(2);
    await state.close();
  });
});
