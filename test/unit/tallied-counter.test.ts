import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Counter, Registry } from 'prom-client';

import { TalliedCounter } from '../../src/telemetry/tallied-counter.js';

/**
 * The hot counters add up their increments themselves and hand them to prom-client at scrape
 * (docs/performance.md "Round 4"). The oracle: prom-client's own Counter, given every increment
 * as it happens, must print exactly the same exposition text, scrape after scrape.
 */
const LABELS = ['provider', 'operation', 'kind', 'outcome'] as const;
type Label = (typeof LABELS)[number];

function pair() {
  const plain = new Registry();
  const tallied = new Registry();
  const config = { name: 'calls_total', help: 'Calls.', labelNames: LABELS };
  const counter = new Counter({ ...config, registers: [plain] });
  const tally = new TalliedCounter({ ...config, registers: [tallied] });
  return { plain, tallied, counter, tally };
}

const labelSet = fc.record({
  provider: fc.constantFrom('WECOM', 'TENCENT_MEETING', 'UMEETING'),
  operation: fc.constantFrom('get_info', 'create', 'cancel'),
  kind: fc.constantFrom('read', 'write'),
  outcome: fc.constantFrom('ok', 'PROVIDER_UNAVAILABLE', 'NOT_FOUND'),
});

describe('TalliedCounter', () => {
  it('prints what a plain prom-client Counter prints, for any increments and scrapes between them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(labelSet, fc.integer({ min: 1, max: 5 }), fc.boolean()), {
          maxLength: 60,
        }),
        async (steps) => {
          const { plain, tallied, counter, tally } = pair();
          for (const [labels, by, scrape] of steps) {
            counter.inc(labels, by);
            tally.inc(labels, by);
            if (scrape) expect(await tallied.metrics()).toBe(await plain.metrics());
          }
          expect(await tallied.metrics()).toBe(await plain.metrics());
          expect(await tallied.metrics()).toBe(await plain.metrics());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts one by default, and shows a label set from its first increment', async () => {
    const { tallied, tally } = pair();
    tally.inc({ provider: 'WECOM', operation: 'get_info', kind: 'read', outcome: 'ok' });
    tally.inc({ provider: 'WECOM', operation: 'get_info', kind: 'read', outcome: 'ok' });
    expect(await tallied.metrics()).toContain(
      'calls_total{provider="WECOM",operation="get_info",kind="read",outcome="ok"} 2',
    );
  });

  it('refuses to go down, or by a non-finite amount, at the increment', () => {
    const { tally } = pair();
    const labels = { provider: 'WECOM', operation: 'get_info', kind: 'read', outcome: 'ok' };
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => tally.inc(labels, bad)).toThrow(/only goes up/);
    }
  });

  it('refuses a label it was not given, at the increment (as prom-client does)', () => {
    const { tally } = pair();
    expect(() =>
      tally.inc({ provider: 'WECOM', nope: 'x' } as unknown as Record<Label, string>),
    ).toThrow(/nope/);
  });
});
