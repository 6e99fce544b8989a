import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { DateTimeScalar, isoString } from '../../src/schema/scalars/date-time.scalar.js';

/**
 * Answers format their instants with `isoString`, not `toISOString` (docs/performance.md
 * "Round 4"). They must be the same text for every instant, in and outside years 1000–9999.
 */
describe('DateTime answers', () => {
  it('are exactly what toISOString writes, for any instant from year 1 to 275 760', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        expect(isoString(date)).toBe(date.toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('are exactly what toISOString writes at the edges: zero padding, leap days, year bounds', () => {
    for (const text of [
      '1970-01-01T00:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '2026-12-01T01:02:03.004Z',
      '2026-12-01T01:02:03.040Z',
      '0999-12-31T23:59:59.999Z',
      '1000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '+010000-01-01T00:00:00.000Z',
      '-000001-06-15T12:00:00.000Z',
    ]) {
      const date = new Date(text);
      expect(isoString(date)).toBe(date.toISOString());
      expect(DateTimeScalar.serialize(date)).toBe(text);
    }
  });

  it('refuses to answer an invalid date', () => {
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow(TypeError);
  });
});
