import { describe, expect, it } from '@jest/globals';

import { loadConfig } from '../../src/config/env.js';
import { canonicalJson, fingerprintOf } from '../../src/idempotency/idempotency.js';
import { SharedIdempotencyStore } from '../../src/idempotency/shared-store.js';
import { MemoryState } from '../../src/state/memory-state.js';

describe('idempotency fingerprint', () => {
  it('ignores key order, undefined fields and the key itself; writes Dates as ISO', () => {
    const at = new Date('2030-01-02T03:04:05Z');
    expect(canonicalJson({ b: 1, a: [at, { d: undefined, c: null }] })).toBe(
      '{"a":["2030-01-02T03:04:05.000Z",{"c":null}],"b":1}',
    );
    expect(fingerprintOf({ subject: 'x', provider: 'UMEETING', idempotencyKey: 'k1' })).toBe(
      fingerprintOf({ provider: 'UMEETING', subject: 'x', idempotencyKey: 'k2', extra: undefined }),
    );
    expect(fingerprintOf({ subject: 'x' })).not.toBe(fingerprintOf({ subject: 'y' }));
    expect(fingerprintOf({ subject: 'x' })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the idempotency store over the in-process state', () => {
  const pending = { state: 'pending' as const, fingerprint: 'f' };

  it('puts if absent, replaces, deletes, and forgets after the TTL', async () => {
    let now = 0;
    const store = new SharedIdempotencyStore(new MemoryState({ now: () => now }));
    expect(await store.putIfAbsent('k', pending, 10)).toBe(true);
    expect(await store.putIfAbsent('k', pending, 10)).toBe(false);
    const done = { ...pending, state: 'done' as const, outcome: { ok: true as const, value: 1 } };
    await store.put('k', done, 10);
    expect(await store.get('k')).toEqual(done);
    now = 10_000;
    expect(await store.get('k')).toBeUndefined();
    expect(await store.putIfAbsent('k', pending, 10)).toBe(true);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('is bounded: expired entries go first, then the oldest', async () => {
    let now = 0;
    const state = new MemoryState({ maxKeys: 2, now: () => now });
    const store = new SharedIdempotencyStore(state);
    await store.put('short', pending, 1);
    await store.put('a', pending, 100);
    now = 2_000;
    await store.put('b', pending, 100);
    expect(state.size).toBe(2);
    expect(await store.get('a')).toBeDefined();
    await store.put('c', pending, 100);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
    expect(await store.get('c')).toBeDefined();
  });
});

describe('IDEMPOTENCY_TTL_SECONDS', () => {
  it('defaults to 24 h and is validated', () => {
    expect(loadConfig({ AUTH_MODE: 'none' }).idempotencyTtlSeconds).toBe(86_400);
    expect(loadConfig({ IDEMPOTENCY_TTL_SECONDS: '60' }).idempotencyTtlSeconds).toBe(60);
    expect(() => loadConfig({ IDEMPOTENCY_TTL_SECONDS: '0' })).toThrow(
      /IDEMPOTENCY_TTL_SECONDS: expected an integer from 1 to 604800/,
    );
  });
});
