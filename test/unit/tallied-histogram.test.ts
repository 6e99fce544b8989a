import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Histogram, Registry } from 'prom-client';

import { TalliedHistogram } from '../../src/telemetry/tallied-histogram.js';

/**
 * The two latency histograms tally their observations themselves and answer the registry in
 * prom-client's own shape (docs/performance.md "Round 5"). The oracle: prom-client's own
 * Histogram, given every observation as it happens, must print exactly the same exposition
 * text and JSON, scrape after scrape, reset included.
 */
const LABELS = ['provider', 'operation', 'outcome'] as const;
type Label = (typeof LABELS)[number];
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function pair() {
  const plain = new Registry();
  const tallied = new Registry();
  const config = { name: 'call_seconds', help: 'Calls.', labelNames: LABELS, buckets: BUCKETS };
  const histogram = new Histogram({ ...config, buckets: [...BUCKETS], registers: [plain] });
  const tally = new TalliedHistogram({ ...config, registers: [tallied] });
  return { plain, tallied, histogram, tally };
}

const labelSet = fc.record({
  provider: fc.constantFrom('WECOM', 'TENCENT_MEETING', 'UMEETING'),
  operation: fc.constantFrom('get_info', 'create', 'say "hi"\n\\'),
  outcome: fc.constantFrom('ok', 'PROVIDER_UNAVAILABLE'),
});
// Bucket edges exactly, around them, past the last, zero and negatives.
const seconds = fc.oneof(
  fc.constantFrom(...BUCKETS, 0, 31, 1e9, -1),
  fc.double({ min: -1, max: 40, noNaN: true }),
);

describe('TalliedHistogram', () => {
  it('prints what a plain prom-client Histogram prints, for any observations, scrapes and resets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(labelSet, seconds, fc.constantFrom('none', 'scrape', 'json', 'reset')), {
          maxLength: 60,
        }),
        async (steps) => {
          const { plain, tallied, histogram, tally } = pair();
          for (const [labels, value, then] of steps) {
            histogram.observe(labels, value);
            tally.observe(labels, value);
            if (then === 'scrape') expect(await tallied.metrics()).toBe(await plain.metrics());
            if (then === 'json') {
              expect(await tallied.getMetricsAsJSON()).toEqual(await plain.getMetricsAsJSON());
            }
            if (then === 'reset') {
              plain.resetMetrics();
              tallied.resetMetrics();
            }
          }
          expect(await tallied.metrics()).toBe(await plain.metrics());
          expect(await tallied.getMetricsAsJSON()).toEqual(await plain.getMetricsAsJSON());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is the metric of its name in its registry, shown from its first observation', async () => {
    const { tallied, tally } = pair();
    expect(tallied.getSingleMetric('call_seconds')).toBe(tally);
    expect(await tallied.metrics()).not.toContain('call_seconds_count');
    tally.observe({ provider: 'WECOM', operation: 'get_info', outcome: 'ok' }, 0.02);
    expect(await tallied.metrics()).toContain(
      'call_seconds_count{provider="WECOM",operation="get_info",outcome="ok"} 1',
    );
  });

  it('refuses a value that is not a number, at the observation, first or later', () => {
    const { tally } = pair();
    const labels = { provider: 'WECOM', operation: 'get_info', outcome: 'ok' };
    expect(() => tally.observe(labels, Number.NaN)).toThrow(/not a valid number/);
    tally.observe(labels, 1);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => tally.observe(labels, bad)).toThrow(/not a valid number/);
    }
  });

  it('refuses a label it was not given, at the observation (as prom-client does)', () => {
    const { tally } = pair();
    expect(() =>
      tally.observe({ provider: 'WECOM', nope: 'x' } as unknown as Record<Label, string>, 1),
    ).toThrow(/nope/);
  });

  it('refuses a name or labels prom-client refuses, and a second metric of its name', () => {
    const registers = [new Registry()];
    const config = { help: 'h', labelNames: ['a'] as const, buckets: BUCKETS, registers };
    expect(() => new TalliedHistogram({ ...config, name: 'bad name' })).toThrow(/name/);
    expect(
      () => new TalliedHistogram({ ...config, name: 'x', labelNames: ['le'] as const }),
    ).toThrow(/le/);
    new TalliedHistogram({ ...config, name: 'twice' });
    expect(() => new TalliedHistogram({ ...config, name: 'twice' })).toThrow(/already/);
  });
});
