import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { fromLocal, toLocal, type LocalDateTime } from '../../src/util/zoned-time.js';

/**
 * `toLocal` reads a zone's offset from a per-15-minute memo instead of asking Intl every time
 * (docs/performance.md "Round 3"). It must answer exactly what Intl says, DST changes included.
 */
const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe', // a 30-minute DST shift
  'America/Sao_Paulo', // DST until 2019
  'Asia/Kathmandu', // +05:45
  'Africa/Monrovia', // -00:44:30 until 1972
];

/** The oracle: Intl's own text in Swedish ("2026-03-08 01:59:59"), read back into fields. */
function intlLocal(instant: Date, timeZone: string): LocalDateTime {
  const text = instant.toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
  const [year, month, day, hour, minute, second] = text.match(/\d+/g)!.map(Number) as number[];
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
}

describe('zoned time', () => {
  it('answers what Intl answers, for any instant from 1950 to 2060 in zones with odd offsets and DST', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          const instant = new Date(ms);
          expect(toLocal(instant, zone)).toEqual(intlLocal(instant, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('answers what Intl answers every minute around DST changes (New York, London, Lord Howe)', () => {
    const changes = [
      ['America/New_York', '2026-03-08T06:30:00Z'],
      ['America/New_York', '2026-11-01T05:30:00Z'],
      ['Europe/London', '2026-03-29T00:30:00Z'],
      ['Europe/London', '2026-10-25T00:30:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T14:30:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:00:00Z'],
    ] as const;
    for (const [zone, around] of changes) {
      const from = Date.parse(around);
      for (let ms = from; ms <= from + 2 * 3600_000; ms += 60_000 + 1) {
        const instant = new Date(ms);
        expect([zone, toLocal(instant, zone)]).toEqual([zone, intlLocal(instant, zone)]);
      }
    }
  });

  it('answers what Intl answers every second of a slice with an offset change inside it (Monrovia, 1972)', () => {
    // -00:44:30 until 1972-01-07 00:44:30Z, then UTC: the only kind of change that falls
    // inside a 15-minute slice (modern changes fall on slice edges), so the memo's check at both
    // ends of a slice is what keeps such a slice from being remembered with one offset.
    const from = Date.parse('1972-01-07T00:30:00Z');
    for (let ms = from; ms < from + 15 * 60_000; ms += 1000) {
      const instant = new Date(ms);
      expect([ms, toLocal(instant, 'Africa/Monrovia')]).toEqual([
        ms,
        intlLocal(instant, 'Africa/Monrovia'),
      ]);
    }
  });

  it('finds the instant a wall clock shows, and the later offset in a DST gap', () => {
    const local = { year: 2026, month: 3, day: 8, hour: 1, minute: 59, second: 59 };
    expect(fromLocal(local, 'America/New_York').toISOString()).toBe('2026-03-08T06:59:59.000Z');
    // 02:30 does not exist on 8 March 2026 in New York: the later reading (03:30 EDT).
    const gap = { year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 };
    expect(fromLocal(gap, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});
