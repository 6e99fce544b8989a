import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { loadConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/server/logger.js';
import { sharedKeyValueCache } from '../../src/state/apollo-cache.js';
import { MemoryState } from '../../src/state/memory-state.js';
import { RedisState } from '../../src/state/redis-state.js';
import type { SharedState } from '../../src/state/shared-state.js';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/start-redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 50 ms until true or `timeoutMs` (not a speed assertion: a bound). */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

function capturingLogger() {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (l) => void lines.push(l) } });
  return { log, lines };
}

/** A unique key per test, so both adapters' runs (and reruns against one Redis) never collide. */
let counter = 0;
const fresh = (name: string) => `test:${process.pid}:${Date.now()}:${++counter}:${name}`;

/**
 * The behaviour table, the same for both adapters: what the rest of the code relies on.
 * `make()` gives two handles on one store (for Redis: two instances' clients).
 */
function behaviour(make: () => Promise<[SharedState, SharedState]>) {
  let a: SharedState;
  let b: SharedState;
  beforeAll(async () => {
    [a, b] = await make();
  });
  afterAll(async () => {
    await a?.close();
    if (b !== a) await b?.close();
  });

  it('gets what was set, and nothing once its TTL has passed', async () => {
    const key = fresh('ttl');
    expect(await a.get(key)).toBeNull();
    await a.set(key, 'v1', 150);
    expect(await b.get(key)).toBe('v1');
    await a.set(key, 'v2', 150); // replaced
    expect(await b.get(key)).toBe('v2');
    await sleep(300);
    expect(await b.get(key)).toBeNull();
  });

  it('setIfAbsent: first writer wins, until the value expires or is deleted', async () => {
    const key = fresh('nx');
    expect(await a.setIfAbsent(key, 'first', 150)).toBe(true);
    expect(await b.setIfAbsent(key, 'second', 10_000)).toBe(false);
    expect(await a.get(key)).toBe('first');
    await sleep(300);
    expect(await b.setIfAbsent(key, 'second', 10_000)).toBe(true);
    await a.delete(key);
    expect(await a.get(key)).toBeNull();
    expect(await a.setIfAbsent(key, 'third', 10_000)).toBe(true);
  });

  it('setIfAbsent from many at once: exactly one wins', async () => {
    const key = fresh('race');
    const wins = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).setIfAbsent(key, `v${i}`, 10_000)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('deleteIfValue deletes only while the key holds that value', async () => {
    const key = fresh('lock');
    await a.set(key, 'mine', 10_000);
    expect(await b.deleteIfValue(key, 'theirs')).toBe(false);
    expect(await a.get(key)).toBe('mine');
    expect(await b.deleteIfValue(key, 'mine')).toBe(true);
    expect(await a.get(key)).toBeNull();
    expect(await a.deleteIfValue(key, 'mine')).toBe(false);
  });

  it('token bucket: grants up to capacity, then refuses with when to retry, and refills', async () => {
    const key = fresh('bucket');
    const bucket = { capacity: 3, refillPerSecond: 10 };
    expect(await a.takeTokens(key, 2, bucket)).toEqual({ granted: true, retryAfterMs: 0 });
    expect(await b.takeTokens(key, 1, bucket)).toEqual({ granted: true, retryAfterMs: 0 });
    const refused = await a.takeTokens(key, 1, bucket);
    expect(refused.granted).toBe(false);
    // One token at 10/s is at most 100 ms away (a little has refilled since).
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(100);
    // Nothing is taken when refused: after the wait the token is there.
    await sleep(refused.retryAfterMs + 20);
    expect((await b.takeTokens(key, 1, bucket)).granted).toBe(true);
    // More than the capacity is never granted; the wait names the missing tokens.
    const tooMany = await a.takeTokens(fresh('bucket'), 5, bucket);
    expect(tooMany).toEqual({ granted: false, retryAfterMs: 200 });
  });

  it('token bucket from many at once: exactly the capacity is granted', async () => {
    const key = fresh('bucket-race');
    const bucket = { capacity: 10, refillPerSecond: 0.001 };
    const grants = await Promise.all(
      Array.from({ length: 25 }, (_, i) => (i % 2 ? a : b).takeTokens(key, 1, bucket)),
    );
    expect(grants.filter((g) => g.granted)).toHaveLength(10);
  });

  it('pub/sub: every subscriber gets the message, the publisher included; unsubscribe stops it', async () => {
    const channel = fresh('channel');
    const gotA: string[] = [];
    const gotB: string[] = [];
    const offA = await a.subscribe(channel, (m) => gotA.push(m));
    const offB = await b.subscribe(channel, (m) => gotB.push(m));
    await a.publish(channel, 'hello');
    await eventually(() => gotA.length === 1 && gotB.length === 1);
    expect([gotA, gotB]).toEqual([['hello'], ['hello']]);
    await offB();
    await b.publish(channel, 'again');
    await eventually(() => gotA.length === 2);
    await sleep(100);
    expect(gotB).toEqual(['hello']);
    await offA();
  });

  it("is Apollo's KeyValueCache (persisted queries) through either handle", async () => {
    const key = fresh('apq');
    await sharedKeyValueCache(a).set(key, '{ providers { provider } }');
    expect(await sharedKeyValueCache(b).get(key)).toBe('{ providers { provider } }');
    await sharedKeyValueCache(b).delete(key);
    expect(await sharedKeyValueCache(a).get(key)).toBeUndefined();
  });

  it('reports healthy', () => {
    expect(a.health()).toEqual({ ok: true });
  });
}

describe('MemoryState', () => {
  behaviour(() => {
    const state = new MemoryState();
    return Promise.resolve([state, state]);
  });

  it('is bounded: the oldest keys go first when full', async () => {
    const state = new MemoryState({ maxKeys: 2 });
    await state.set('a', '1', 10_000);
    await state.set('b', '2', 10_000);
    await state.set('c', '3', 10_000);
    expect([await state.get('a'), await state.get('b'), await state.get('c')]).toEqual([
      null,
      '2',
      '3',
    ]);
    await state.close();
  });

  it('computes buckets from the clock it is given', async () => {
    let now = 0;
    const state = new MemoryState({ now: () => now });
    const bucket = { capacity: 1, refillPerSecond: 0.5 };
    expect((await state.takeTokens('q', 1, bucket)).granted).toBe(true);
    expect(await state.takeTokens('q', 1, bucket)).toEqual({ granted: false, retryAfterMs: 2000 });
    now = 1500;
    expect(await state.takeTokens('q', 1, bucket)).toEqual({ granted: false, retryAfterMs: 500 });
    now = 2000;
    expect((await state.takeTokens('q', 1, bucket)).granted).toBe(true);
    await state.close();
  });
});

const available = redisAvailable();
if (!available) {
  console.warn(
    'redis-server is not installed: the Redis adapter tests are SKIPPED (.ci/run installs it)',
  );
}

(available ? describe : describe.skip)('RedisState (redis-server on a free port)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.close();
  });

  describe('the same behaviour as MemoryState, across two clients', () => {
    behaviour(async () => {
      const { log } = capturingLogger();
      const a = new RedisState({ url: redis.url, log });
      const b = new RedisState({ url: redis.url, log });
      expect(await a.connected(5000)).toBe(true);
      expect(await b.connected(5000)).toBe(true);
      return [a, b];
    });
  });

  it('serves on in-process state while Redis is down (one warning), and recovers by itself', async () => {
    const { log, lines } = capturingLogger();
    const a = new RedisState({ url: redis.url, log });
    const b = new RedisState({ url: redis.url, log: createLogger({ level: 'silent' }) });
    try {
      await a.connected(5000);
      await b.connected(5000);
      const channel = fresh('after-restart');
      const heard: string[] = [];
      await a.subscribe(channel, (m) => heard.push(m));

      await redis.stop();
      await eventually(() => !a.health().ok);
      expect(a.health()).toEqual({ ok: false, detail: expect.stringContaining('in-process') });
      // Every call answers (from the fallback), none throws or hangs.
      const key = fresh('down');
      expect(await a.setIfAbsent(key, 'x', 10_000)).toBe(true);
      expect(await a.get(key)).toBe('x');
      expect(await a.setIfAbsent(key, 'y', 10_000)).toBe(false);
      expect((await a.takeTokens(key, 1, { capacity: 1, refillPerSecond: 1 })).granted).toBe(true);
      await a.publish(channel, 'local');
      expect(heard).toEqual(['local']);
      for (let i = 0; i < 20; i += 1) await a.get(key);
      const warnings = lines.filter((l) => l.includes('redis unreachable'));
      expect(warnings).toHaveLength(1);
      expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40 });

      await redis.restart();
      await eventually(() => a.health().ok && b.health().ok);
      expect(lines.filter((l) => l.includes('redis reachable again'))).toHaveLength(1);
      // Back on Redis (an empty one: nothing was persisted), shared again.
      expect(await a.get(key)).toBeNull();
      await b.set(key, 'shared', 10_000);
      expect(await a.get(key)).toBe('shared');
      // The subscription made before the outage is there again.
      await eventually(async () => {
        await b.publish(channel, 'remote');
        return heard.includes('remote');
      });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('starts degraded when Redis is not there, and says why without the password', async () => {
    const { log, lines } = capturingLogger();
    // A port nothing listens on (the test redis' port while it is stopped).
    const spare = await startRedis();
    await spare.stop();
    const url = `redis://:hunter2-password@127.0.0.1:${spare.port}`;
    const state = new RedisState({ url, log });
    try {
      expect(await state.connected(300)).toBe(false);
      await eventually(() => state.health().detail?.includes('ECONNREFUSED') === true);
      expect(await state.get('k')).toBeNull();
      expect(JSON.stringify(state.health())).not.toContain('hunter2');
      expect(lines.join('\n')).not.toContain('hunter2');
    } finally {
      await state.close();
    }
  });
});

describe('REDIS_URL', () => {
  it('is optional; redis:// and rediss:// URLs are accepted', () => {
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@cache.internal:6380/2' }).redisUrl).toBe(
      'rediss://:pw@cache.internal:6380/2',
    );
  });

  it('refuses empty and non-Redis values, without repeating a password', () => {
    expect(() => loadConfig({ REDIS_URL: '' })).toThrow(/REDIS_URL: set but empty/);
    let message = '';
    try {
      loadConfig({ REDIS_URL: 'http://:secret-pw-9@127.0.0.1:6379' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/);
    expect(message).not.toContain('secret-pw-9');
  });
});
