import { describe, expect, it } from '@jest/globals';
import type { Logger } from 'pino';

import { decodeCached, encodeCached } from '../../src/cache/cache-codec.js';
import { ReadCache } from '../../src/cache/read-cache.js';
import { ProviderError } from '../../src/errors/api-errors.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';
import { MemoryState } from '../../src/state/memory-state.js';
import type { SharedState } from '../../src/state/shared-state.js';

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

/**
 * `state` as another instance sees it, slowed at one point: the `nth` get of a key `matches`
 * takes its value at once (then calls `taken`) but answers only once `until` settles. It places another instance's
 * whole read (store, then unlock) between two steps of this one, where a busy machine may.
 */
function heldAt(
  state: MemoryState,
  matches: (key: string) => boolean,
  nth: number,
  until: Promise<unknown>,
  taken: () => void = () => undefined,
): SharedState {
  let seen = 0;
  return new Proxy(state, {
    get(target, property) {
      if (property === 'get') {
        return async (key: string) => {
          const value = await target.get(key);
          if (matches(key) && (seen += 1) === nth) {
            taken();
            await until;
          }
          return value;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
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

  it('an instance that finds no entry, then the lock free, looks again before it reads', async () => {
    const state = new MemoryState();
    const { reads, read } = counting();
    let done!: () => void;
    const aDone = new Promise<void>((resolve) => (done = resolve));
    const a = new ReadCache({ state, ttlSeconds: 30, log: silent });
    // B's first look finds nothing; A then reads, stores and unlocks before B takes the lock.
    const entry = (key: string) => key.startsWith('read:meeting:');
    const b = new ReadCache({ state: heldAt(state, entry, 1, aDone), ttlSeconds: 30, log: silent });
    const answers = await Promise.all([
      a.loadMany('meeting', [idOf(8)], read).finally(done),
      b.loadMany('meeting', [idOf(8)], read),
    ]);
    expect(reads).toEqual([idOf(8)]);
    expect((answers[1][0] as Item).id).toBe(idOf(8));
  });

  it('an instance waiting for another read sees its entry when the lock goes', async () => {
    const state = new MemoryState();
    let done!: () => void;
    const aDone = new Promise<void>((resolve) => (done = resolve));
    let taken!: () => void;
    const bLooked = new Promise<void>((resolve) => (taken = resolve));
    const reads: string[] = [];
    // A's provider answers only once B has looked at the entry (and found none).
    const read = async (ids: readonly string[]) => {
      reads.push(...ids);
      await bLooked;
      return ids.map(item);
    };
    const a = new ReadCache({ state, ttlSeconds: 30, log: silent });
    const first = a.loadMany('meeting', [idOf(9)], read).finally(done);
    while ((await state.get(`lock:read:meeting:UMEETING:m9`)) === null) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    // B waits (A holds the lock); its first poll's look at the entry comes back after A is done.
    const entry = (key: string) => key.startsWith('read:meeting:');
    const b = new ReadCache({
      state: heldAt(state, entry, 2, aDone, taken),
      ttlSeconds: 30,
      log: silent,
    });
    const [, [answer]] = await Promise.all([first, b.loadMany('meeting', [idOf(9)], read)]);
    expect(reads).toEqual([idOf(9)]);
    expect((answer as Item).id).toBe(idOf(9));
  });

  it('by code: an instance that finds no pointer, then the lock free, looks again', async () => {
    const state = new MemoryState();
    let reads = 0;
    const read = () => {
      reads += 1;
      return Promise.resolve(item(idOf(10)));
    };
    let done!: () => void;
    const aDone = new Promise<void>((resolve) => (done = resolve));
    const lookup = { provider: Provider.UMEETING, code: '987654321' };
    const a = new ReadCache({ state, ttlSeconds: 30, log: silent });
    const pointer = (key: string) => key.startsWith('read:code:');
    const b = new ReadCache({
      state: heldAt(state, pointer, 1, aDone),
      ttlSeconds: 30,
      log: silent,
    });
    await Promise.all([
      a.byCode('meeting', lookup, read).finally(done),
      b.byCode('meeting', lookup, read),
    ]);
    expect(reads).toBe(1);
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
