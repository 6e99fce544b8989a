import { describe, expect, it } from '@jest/globals';
import type { Logger } from 'pino';

import { decodeCached, encodeCached } from '../../src/cache/cache-codec.js';
import { ReadCache } from '../../src/cache/read-cache.js';
import { ProviderError } from '../../src/errors/api-errors.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';
import { MemoryState } from '../../src/state/memory-state.js';

/**
 * The read cache's rules (src/cache/) on in-process state: dates survive, one provider read per
 * key across concurrent lookups and across two caches sharing one state (two instances), writes
 * invalidate, and a stale entry answers only when the quota says no.
 */

const silent = { warn: () => undefined } as unknown as Logger;
const idOf = (n: number) => meetingGlobalId(Provider.UMEETING, `m${n}`);

interface Item {
  id: string;
  at: Date;
  nested: { times: Date[] };
}
const item = (id: string): Item => ({
  id,
  at: new Date('2030-01-02T03:04:05.678Z'),
  nested: { times: [new Date('2030-01-02T04:00:00Z')] },
});

function counting(answer: (id: string) => Item | null | Error = item) {
  const reads: string[] = [];
  const read = async (ids: readonly string[]) => {
    reads.push(...ids);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return ids.map(answer);
  };
  return { reads, read };
}

const rateLimited = () =>
  new ProviderError('PROVIDER_RATE_LIMITED', 'later', {
    provider: Provider.UMEETING,
    retryAfterSeconds: 3,
  });

describe('cache codec', () => {
  it('round-trips dates at any depth, and invalid dates stay invalid', () => {
    const value = { ...item('x'), bad: new Date(Number.NaN), none: null, list: [1, 'a'] };
    const back = decodeCached<typeof value>(encodeCached(value));
    expect(back.at).toBeInstanceOf(Date);
    expect(back.at.toISOString()).toBe('2030-01-02T03:04:05.678Z');
    expect(back.nested.times[0]).toEqual(new Date('2030-01-02T04:00:00Z'));
    expect(Number.isNaN(back.bad.getTime())).toBe(true);
    expect(back.none).toBeNull();
    expect(back.list).toEqual([1, 'a']);
  });
});

describe('ReadCache', () => {
  it('answers concurrent lookups of one key with one provider read, then from the entry', async () => {
    const cache = new ReadCache({ state: new MemoryState(), ttlSeconds: 30, log: silent });
    const { reads, read } = counting();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => cache.loadMany('meeting', [idOf(1)], read)),
    );
    expect(reads).toEqual([idOf(1)]);
    for (const [answer] of answers) expect((answer as Item).at).toEqual(item('x').at);
    await cache.loadMany('meeting', [idOf(1)], read);
    expect(reads).toHaveLength(1);
  });

  it('shares reads and entries between two instances on one state', async () => {
    const state = new MemoryState();
    const a = new ReadCache({ state, ttlSeconds: 30, log: silent });
    const b = new ReadCache({ state, ttlSeconds: 30, log: silent });
    const { reads, read } = counting();
    await Promise.all([
      a.loadMany('meeting', [idOf(2)], read),
      b.loadMany('meeting', [idOf(2)], read),
    ]);
    expect(reads).toEqual([idOf(2)]);
  });

  it('forgets an entry on every instance when written, and drops a read the write overtook', async () => {
    const state = new MemoryState();
    const a = new ReadCache({ state, ttlSeconds: 30, log: silent });
    const b = new ReadCache({ state, ttlSeconds: 30, log: silent });
    await Promise.all([a.start(), b.start()]);
    let version = 1;
    let reads = 0;
    // Answers what the provider held when the read began.
    const read = async (ids: readonly string[]) => {
      reads += 1;
      const seen = version;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return ids.map((id) => ({ ...item(id), v: seen }));
    };
    // A read in flight on B when A writes: what it got (version 1) must not be stored.
    const inFlight = b.loadMany('meeting', [idOf(3)], read);
    await new Promise((resolve) => setTimeout(resolve, 5));
    version = 2;
    await a.invalidate('meeting', idOf(3));
    expect(((await inFlight)[0] as unknown as { v: number }).v).toBe(1);
    const [after] = await b.loadMany('meeting', [idOf(3)], read);
    expect((after as unknown as { v: number }).v).toBe(2);
    expect(reads).toBe(2);
    // And now it is kept.
    await a.loadMany('meeting', [idOf(3)], read);
    expect(reads).toBe(2);
    await Promise.all([a.close(), b.close()]);
  });

  it('serves a stale entry only when the read is refused for the rate limit', async () => {
    let now = 1_700_000_000_000;
    const realNow = Date.now;
    Date.now = () => now;
    try {
      const cache = new ReadCache({ state: new MemoryState(), ttlSeconds: 1, log: silent });
      await cache.loadMany('meeting', [idOf(4)], counting().read);
      now += 2000; // past the TTL, within the stale window
      const [stale] = await cache.loadMany('meeting', [idOf(4)], counting(rateLimited).read);
      expect((stale as Item).id).toBe(idOf(4));
      const other = new ProviderError('PROVIDER_UNAVAILABLE', 'down', {
        provider: Provider.UMEETING,
      });
      const [failed] = await cache.loadMany('meeting', [idOf(4)], counting(() => other).read);
      expect(failed).toBe(other);
      const [missing] = await cache.loadMany('meeting', [idOf(5)], counting(rateLimited).read);
      expect((missing as ProviderError).extensions.code).toBe('PROVIDER_RATE_LIMITED');
    } finally {
      Date.now = realNow;
    }
  });

  it('by code: one read, and a write on the id it found forgets it', async () => {
    const cache = new ReadCache({ state: new MemoryState(), ttlSeconds: 30, log: silent });
    let reads = 0;
    const read = () => {
      reads += 1;
      return Promise.resolve(item(idOf(6)));
    };
    const lookup = { provider: Provider.UMEETING, code: '123456789' };
    const found = await Promise.all([
      cache.byCode('meeting', lookup, read),
      cache.byCode('meeting', lookup, read),
    ]);
    expect(found[0]!.at).toEqual(item('x').at);
    expect(reads).toBe(1);
    await cache.byCode('meeting', lookup, read);
    expect(reads).toBe(1);
    await cache.invalidate('meeting', idOf(6));
    await cache.byCode('meeting', lookup, read);
    expect(reads).toBe(2);
  });

  it('with TTL 0 it is a pass-through', async () => {
    const cache = new ReadCache({ state: new MemoryState(), ttlSeconds: 0, log: silent });
    const { reads, read } = counting();
    await cache.loadMany('meeting', [idOf(7)], read);
    await cache.loadMany('meeting', [idOf(7)], read);
    expect(reads).toHaveLength(2);
  });
});
