import { describe, expect, it } from '@jest/globals';
import type { Logger } from 'pino';

import { ProviderError } from '../../src/errors/api-errors.js';
import { bucketOf, bucketsFor, WRITE_RESERVE_SHARE } from '../../src/quota/buckets.js';
import { createQuotaGovernor } from '../../src/quota/create-governor.js';
import { QuotaGovernor, QuotaRefusal } from '../../src/quota/quota-governor.js';
import { defaultRateLimitPerMinute } from '../../src/quota/rate-limits.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { MemoryState } from '../../src/state/memory-state.js';
import type { SharedState } from '../../src/state/shared-state.js';

/**
 * The quota governor's decisions (src/quota/), on a hand-moved clock: what a bucket grants, that
 * no 60-s window ever holds more than the budget whatever the load, that writes keep their
 * reserve through a read storm, and what a refusal says.
 */

const silent = { warn: () => undefined } as unknown as Logger;
const read = { operation: 'getMeeting', kind: 'read' as const, path: 'v1/meetings/1' };
const write = { operation: 'createMeeting', kind: 'write' as const, path: 'v1/meetings' };

function clocked() {
  let now = 1_700_000_000_000;
  const state = new MemoryState({ now: () => now });
  return {
    state,
    advance: (ms: number) => (now += ms),
    now: () => now,
  };
}

async function granted(governor: QuotaGovernor, call: typeof read | typeof write) {
  try {
    await governor.admit(call);
    return true;
  } catch (error) {
    if (error instanceof QuotaRefusal) return false;
    throw error;
  }
}

/** The largest number of times in any 60-s window (sliding, every start a time in the list). */
function maxPerWindow(times: number[]): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= 60_000) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('bucket maths', () => {
  it('a bucket never grants more than its budget in a 60-s window: burst plus a minute of refill', () => {
    for (const perMinute of [10, 60, 270, 9000]) {
      const bucket = bucketOf(perMinute);
      expect(bucket.capacity).toBeGreaterThanOrEqual(1);
      expect(bucket.refillPerSecond).toBeGreaterThan(0);
      expect(bucket.capacity + bucket.refillPerSecond * 60).toBeCloseTo(perMinute, 9);
    }
  });

  it('reads get the budget less the writes’ reserve', () => {
    const { all, reads } = bucketsFor(60);
    expect(all.capacity + all.refillPerSecond * 60).toBeCloseTo(60, 9);
    expect(reads.capacity + reads.refillPerSecond * 60).toBeCloseTo(
      60 * (1 - WRITE_RESERVE_SHARE),
      9,
    );
  });

  it('defaults are the documented limits less a 10 % margin', () => {
    expect(defaultRateLimitPerMinute(Provider.TENCENT_MEETING)).toBe(270);
    expect(defaultRateLimitPerMinute(Provider.WECOM)).toBe(9000);
    expect(defaultRateLimitPerMinute(Provider.UMEETING)).toBe(108);
  });
});

describe('QuotaGovernor', () => {
  const governorOn = (state: SharedState, perMinute = 60, provider = Provider.TENCENT_MEETING) =>
    new QuotaGovernor({ provider, state, perMinute, app: 'app-1', log: silent });

  it('at ten times the budget for five minutes, no 60-s window holds more than the budget', async () => {
    const clock = clocked();
    const governor = governorOn(clock.state, 60);
    const times: number[] = [];
    // 600 calls a minute (one every 100 ms), a write every 20th.
    for (let i = 0; i < 3000; i += 1) {
      if (await granted(governor, i % 20 === 0 ? write : read)) times.push(clock.now());
      clock.advance(100);
    }
    expect(maxPerWindow(times)).toBeLessThanOrEqual(60);
    // And the budget is used, not starved: at least the sustained rate over the 5 minutes.
    expect(times.length).toBeGreaterThanOrEqual(45 * 5);
  });

  it('keeps the writes’ reserve through a read storm', async () => {
    const clock = clocked();
    const governor = governorOn(clock.state, 60);
    let reads = 0;
    for (let i = 0; i < 600; i += 1) {
      if (await granted(governor, read)) reads += 1;
      clock.advance(10);
    }
    expect(reads).toBeGreaterThan(0);
    expect(await granted(governor, read)).toBe(false);
    // Reads are refused, yet a create and its read-back (a mutation's calls) still go.
    expect(await granted(governor, write)).toBe(true);
    expect(await granted(governor, write)).toBe(true);
  });

  it('refuses with PROVIDER_RATE_LIMITED, no provider code, and a local retryAfterSeconds', async () => {
    const clock = clocked();
    const governor = governorOn(clock.state, 60);
    let refusal: unknown;
    for (let i = 0; i < 100 && !refusal; i += 1) {
      await governor.admit(read).catch((error: unknown) => (refusal = error));
    }
    expect(refusal).toBeInstanceOf(ProviderError);
    const error = refusal as ProviderError;
    expect(error.extensions).toMatchObject({
      code: 'PROVIDER_RATE_LIMITED',
      provider: Provider.TENCENT_MEETING,
      providerCode: null,
      operation: 'getMeeting',
    });
    // The reads bucket refills 36/48 of a token a second: 2 s for one token.
    expect(error.extensions.retryAfterSeconds).toBe(2);
    // Waiting that long is enough.
    clock.advance(2000);
    expect(await granted(governor, read)).toBe(true);
  });

  it('instances with the same app share one budget through the shared state', async () => {
    const clock = clocked();
    const a = governorOn(clock.state, 60);
    const b = governorOn(clock.state, 60);
    let count = 0;
    for (let i = 0; i < 100; i += 1) if (await granted(i % 2 ? a : b, write)) count += 1;
    expect(count).toBe(bucketOf(60).capacity);
  });

  it('WeCom buckets are per API: a storm on one path leaves another path its budget', async () => {
    const clock = clocked();
    const governor = governorOn(clock.state, 60, Provider.WECOM);
    for (let i = 0; i < 100; i += 1) await granted(governor, read);
    expect(await granted(governor, read)).toBe(false);
    expect(await granted(governor, { ...read, path: 'cgi-bin/meeting/webinar/get' })).toBe(true);
  });

  it('lets calls through when the shared state cannot answer (the provider still limits)', async () => {
    const broken = {
      takeTokens: () => Promise.reject(new Error('down')),
    } as unknown as SharedState;
    const governor = governorOn(broken, 60);
    for (let i = 0; i < 100; i += 1) expect(await granted(governor, read)).toBe(true);
  });

  it('keys the budget by the app credential, hashed (no credential in a key)', async () => {
    const keys: string[] = [];
    const spy = {
      takeTokens: (key: string) => {
        keys.push(key);
        return Promise.resolve({ granted: true, retryAfterMs: 0 });
      },
    } as unknown as SharedState;
    const governor = createQuotaGovernor({
      provider: Provider.WECOM,
      config: { credentials: { corpId: 'corp-secretish', corpSecret: 'sekret' } },
      state: spy,
      log: silent,
    });
    expect(governor.perMinute).toBe(9000);
    await governor.admit({ ...read, path: 'cgi-bin/meeting/get_info' });
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatch(/^quota:WECOM:[0-9a-f]{16}:cgi-bin\/meeting\/get_info:(reads|all)$/);
      expect(key).not.toContain('corp-secretish');
      expect(key).not.toContain('sekret');
    }
  });
});
