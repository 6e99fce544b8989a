import { describe, expect, it } from '@jest/globals';

import {
  fromUmeetingEndDate,
  fromUmeetingTime,
  toUmeetingTime,
} from '../../src/providers/umeeting/umeeting.time.js';

describe('umeeting local times (docs/reference/providers.md §3.1, §3.4 U-16)', () => {
  it('writes an instant as yyyy-MM-dd HH:mm:ss in Asia/Shanghai (UTC+8)', () => {
    expect(toUmeetingTime(new Date('2026-05-18T02:00:00Z'), 'Asia/Shanghai')).toBe(
      '2026-05-18 10:00:00',
    );
  });

  it('reads a local time back as the same instant', () => {
    const instant = new Date('2026-12-31T23:59:59Z');
    const text = toUmeetingTime(instant, 'Asia/Shanghai');
    expect(text).toBe('2027-01-01 07:59:59');
    expect(fromUmeetingTime(text, 'Asia/Shanghai')?.toISOString()).toBe(instant.toISOString());
  });

  it('refuses the seeds\' placeholder "7" and anything not strictly yyyy-MM-dd HH:mm:ss', () => {
    for (const bad of [
      '7',
      '',
      '2026-05-18',
      '2026-05-18T10:00:00',
      '2026-05-18 10:00',
      '2026-02-30 10:00:00',
      '2026-05-18 24:00:00',
    ]) {
      expect(fromUmeetingTime(bad, 'Asia/Shanghai')).toBeUndefined();
    }
    expect(fromUmeetingTime(7, 'Asia/Shanghai')).toBeUndefined();
    expect(fromUmeetingTime(null, 'Asia/Shanghai')).toBeUndefined();
  });

  it('uses the offset in force on each side of the March DST change in America/New_York', () => {
    const tz = 'America/New_York';
    expect(fromUmeetingTime('2026-03-07 09:00:00', tz)?.toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
    expect(fromUmeetingTime('2026-03-09 09:00:00', tz)?.toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    expect(toUmeetingTime(new Date('2026-03-07T14:00:00Z'), tz)).toBe('2026-03-07 09:00:00');
    expect(toUmeetingTime(new Date('2026-03-09T13:00:00Z'), tz)).toBe('2026-03-09 09:00:00');
  });

  it('maps a wall-clock time that does not exist (the spring gap) to the later offset', () => {
    // 02:30 does not exist on 2026-03-08 in New York; it is read as 03:30 EDT.
    const instant = fromUmeetingTime('2026-03-08 02:30:00', 'America/New_York');
    expect(instant?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('maps an ambiguous wall-clock time (the autumn overlap) to the earlier instant', () => {
    const instant = fromUmeetingTime('2026-11-01 01:30:00', 'America/New_York');
    expect(instant?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(toUmeetingTime(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toBe(
      '2026-11-01 01:30:00',
    );
  });

  it('reads end_date_time as a full local time or a bare date meaning the end of that day', () => {
    expect(fromUmeetingEndDate('2026-06-30 10:00:00', 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-06-30T02:00:00.000Z',
    );
    expect(fromUmeetingEndDate('2026-06-30', 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-06-30T15:59:59.000Z',
    );
    expect(fromUmeetingEndDate('30/06/2026', 'Asia/Shanghai')).toBeUndefined();
  });
});
