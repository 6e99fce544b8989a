import { describe, expect, it } from '@jest/globals';

import { expandOccurrences, toRrule } from '../../src/domain/recurrence.js';
import { RecurrenceFrequency } from '../../src/schema/enums/recurrence-frequency.enum.js';
import { Weekday } from '../../src/schema/enums/weekday.enum.js';
import { formatLocal, parseLocal } from '../../src/util/zoned-time.js';

const local = (instants: Date[], zone: string) => instants.map((d) => formatLocal(d, zone));

describe('recurrence', () => {
  it('derives the RFC 5545 RRULE from the fields', () => {
    expect(toRrule({ frequency: RecurrenceFrequency.DAILY, count: 5 })).toBe('FREQ=DAILY;COUNT=5');
    expect(toRrule({ frequency: RecurrenceFrequency.WEEKDAYS, count: 3 })).toBe(
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=3',
    );
    expect(
      toRrule({
        frequency: RecurrenceFrequency.WEEKLY,
        weekDays: [Weekday.FRIDAY, Weekday.MONDAY],
        count: 4,
      }),
    ).toBe('FREQ=WEEKLY;BYDAY=MO,FR;COUNT=4');
    expect(
      toRrule({ frequency: RecurrenceFrequency.BIWEEKLY, until: new Date('2026-12-31T15:59:59Z') }),
    ).toBe('FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T155959Z');
    expect(toRrule({ frequency: RecurrenceFrequency.MONTHLY, monthDay: 15, count: 2 })).toBe(
      'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=2',
    );
    expect(
      toRrule({
        frequency: RecurrenceFrequency.MONTHLY,
        monthWeek: 5,
        monthWeekDay: Weekday.TUESDAY,
        count: 2,
      }),
    ).toBe('FREQ=MONTHLY;BYDAY=-1TU;COUNT=2');
  });

  it('expands a weekly rule on two weekdays with a count in the given zone', () => {
    const zone = 'Asia/Shanghai';
    const first = parseLocal('2026-12-01 09:00:00', zone)!; // a Tuesday
    const starts = expandOccurrences(
      {
        frequency: RecurrenceFrequency.WEEKLY,
        weekDays: [Weekday.MONDAY, Weekday.THURSDAY],
        count: 4,
      },
      first,
      zone,
    );
    expect(local(starts, zone)).toEqual([
      '2026-12-03 09:00:00',
      '2026-12-07 09:00:00',
      '2026-12-10 09:00:00',
      '2026-12-14 09:00:00',
    ]);
  });

  it('keeps the wall-clock time across a DST change', () => {
    const zone = 'America/New_York';
    const first = parseLocal('2026-10-30 09:00:00', zone)!;
    const starts = expandOccurrences(
      { frequency: RecurrenceFrequency.DAILY, count: 4 },
      first,
      zone,
    );
    expect(local(starts, zone)).toEqual([
      '2026-10-30 09:00:00',
      '2026-10-31 09:00:00',
      '2026-11-01 09:00:00',
      '2026-11-02 09:00:00',
    ]);
    expect(starts[3]!.getTime() - starts[0]!.getTime()).toBe((3 * 24 + 1) * 3600 * 1000);
  });

  it('expands the n-th and the last weekday of the month', () => {
    const zone = 'Asia/Shanghai';
    const first = parseLocal('2026-12-01 10:00:00', zone)!;
    const second = expandOccurrences(
      {
        frequency: RecurrenceFrequency.MONTHLY,
        monthWeek: 2,
        monthWeekDay: Weekday.WEDNESDAY,
        count: 3,
      },
      first,
      zone,
    );
    expect(local(second, zone)).toEqual([
      '2026-12-09 10:00:00',
      '2027-01-13 10:00:00',
      '2027-02-10 10:00:00',
    ]);
    const last = expandOccurrences(
      {
        frequency: RecurrenceFrequency.MONTHLY,
        monthWeek: 5,
        monthWeekDay: Weekday.FRIDAY,
        count: 2,
      },
      first,
      zone,
    );
    expect(local(last, zone)).toEqual(['2026-12-25 10:00:00', '2027-01-29 10:00:00']);
  });

  it('stops at an inclusive until, skips weekends for WEEKDAYS and steps two weeks for BIWEEKLY', () => {
    const zone = 'UTC';
    const first = new Date('2026-12-04T08:00:00Z'); // a Friday
    const weekdays = expandOccurrences(
      { frequency: RecurrenceFrequency.WEEKDAYS, until: new Date('2026-12-08T08:00:00Z') },
      first,
      zone,
    );
    expect(local(weekdays, zone)).toEqual([
      '2026-12-04 08:00:00',
      '2026-12-07 08:00:00',
      '2026-12-08 08:00:00',
    ]);
    const biweekly = expandOccurrences(
      { frequency: RecurrenceFrequency.BIWEEKLY, count: 3 },
      first,
      zone,
    );
    expect(local(biweekly, zone)).toEqual([
      '2026-12-04 08:00:00',
      '2026-12-18 08:00:00',
      '2027-01-01 08:00:00',
    ]);
  });

  it('skips months that lack the day', () => {
    const zone = 'UTC';
    const starts = expandOccurrences(
      { frequency: RecurrenceFrequency.MONTHLY, count: 3 },
      new Date('2027-01-31T08:00:00Z'),
      zone,
    );
    expect(local(starts, zone)).toEqual([
      '2027-01-31 08:00:00',
      '2027-03-31 08:00:00',
      '2027-05-31 08:00:00',
    ]);
  });
});
