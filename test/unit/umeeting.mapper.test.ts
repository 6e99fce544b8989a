import { readFileSync } from 'node:fs';

import { describe, expect, it } from '@jest/globals';

import { UmeetingResponseShapeError } from '../../src/providers/umeeting/umeeting.errors.js';
import {
  meetingFromCreate,
  meetingFromWire,
  parseUmeetingBool,
  parseUmeetingId,
  parseUmeetingInt,
  recurrenceFromWire,
  statusFromWire,
} from '../../src/providers/umeeting/umeeting.mapper.js';
import { MeetingKind } from '../../src/schema/enums/meeting-kind.enum.js';
import { MeetingStatus } from '../../src/schema/enums/meeting-status.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecurrenceFrequency } from '../../src/schema/enums/recurrence-frequency.enum.js';
import { Weekday } from '../../src/schema/enums/weekday.enum.js';
import { decodeGlobalId } from '../../src/schema/ids.js';

const TZ = 'Asia/Shanghai';
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/umeeting/${name}`, import.meta.url), 'utf8')) as {
    data: Record<string, unknown>;
  };

describe('umeeting mapper: recurrence answers (docs/reference/providers.md §3.3)', () => {
  it('reads weekly_days with a full-width comma back into weekdays (§3.4 U-7)', () => {
    const rule = recurrenceFromWire(
      { recurrence_type: '2', weekly_days: '4，2', end_times: 4 },
      TZ,
    );
    expect(rule).toMatchObject({
      frequency: RecurrenceFrequency.WEEKLY,
      weekDays: [Weekday.MONDAY, Weekday.WEDNESDAY],
      count: 4,
      until: null,
    });
  });

  it('reads a monthly n-th weekday, with end_date_time winning over end_times (5 = the last, -1)', () => {
    const rule = recurrenceFromWire(
      {
        recurrence_type: 3,
        monthly_week: '5',
        monthly_week_day: '6',
        end_times: '3',
        end_date_time: '2026-12-31',
      },
      TZ,
    );
    expect(rule).toMatchObject({
      frequency: RecurrenceFrequency.MONTHLY,
      monthWeek: -1,
      monthWeekDay: Weekday.FRIDAY,
      monthDay: null,
      count: null,
    });
    expect(rule?.until?.toISOString()).toBe('2026-12-31T15:59:59.000Z');
  });

  it('reads an empty recurrence_type as a one-off meeting and refuses an unknown one', () => {
    expect(recurrenceFromWire({ recurrence_type: '' }, TZ)).toBeNull();
    expect(recurrenceFromWire({}, TZ)).toBeNull();
    expect(() => recurrenceFromWire({ recurrence_type: '9' }, TZ)).toThrow(
      UmeetingResponseShapeError,
    );
  });
});

describe('umeeting mapper: answers → Meeting', () => {
  it('parses booleans leniently (§3.4 U-5) and numbers from strings (U-13)', () => {
    expect([true, 'true', 'TRUE', '1', 1].map(parseUmeetingBool)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([false, 'false', '0', 0].map(parseUmeetingBool)).toEqual([false, false, false, false]);
    expect([undefined, null, '', 'yes'].map(parseUmeetingBool)).toEqual([null, null, null, null]);
    expect([50, '50', ' 25 ', 'x', null, 1.5].map(parseUmeetingInt)).toEqual([
      50,
      50,
      25,
      null,
      null,
      null,
    ]);
  });

  it('keeps ids strings and refuses an unquoted id beyond 2^53', () => {
    expect(parseUmeetingId('15464648254')).toBe('15464648254');
    expect(parseUmeetingId(1574054185)).toBe('1574054185');
    expect(parseUmeetingId(2 ** 60)).toBeNull();
  });

  it('maps status 0/1/2/3 and del_flag "1" (docs/reference/providers.md §3.2 #3)', () => {
    const f = MeetingStatus.INVALID;
    expect(statusFromWire('0', '0', f)).toBe(MeetingStatus.INIT);
    // "In progress" does not say whether anyone is in: ABOUT_TO_START (MeetingStatus).
    expect(statusFromWire(1, undefined, f)).toBe(MeetingStatus.ABOUT_TO_START);
    expect(statusFromWire('2', undefined, f)).toBe(MeetingStatus.CANCELLED);
    expect(statusFromWire(3, undefined, f)).toBe(MeetingStatus.ENDED);
    expect(statusFromWire('0', '1', f)).toBe(MeetingStatus.CANCELLED);
    expect(statusFromWire('7', undefined, f)).toBe(MeetingStatus.INVALID);
    expect(statusFromWire(undefined, undefined, MeetingStatus.INIT)).toBe(MeetingStatus.INIT);
  });

  it('reads the get example with its drift: numeric strings, user_Key, empty password', () => {
    const meeting = meetingFromWire(fixture('get-response.doc.json').data, {
      timeZone: TZ,
      kind: MeetingKind.SCHEDULED,
      status: MeetingStatus.INVALID,
    });
    expect(meeting).toMatchObject({
      provider: Provider.UMEETING,
      providerId: '1574054185',
      meetingCode: '1574054185',
      subject: '王者荣耀世界大战',
      status: MeetingStatus.INIT,
      password: null,
      organizer: null,
      capacity: 25,
      recurrence: null,
      occurrences: [],
      live: null,
      hostKey: null,
      startUrl: null,
    });
    expect(meeting.startTime.toISOString()).toBe('2018-04-26T07:00:00.000Z');
    expect(meeting.endTime?.toISOString()).toBe('2018-04-26T07:50:00.000Z');
    expect(meeting.mediaSettings.muteOnJoin).toBeNull();
    expect(decodeGlobalId(meeting.id, 'id')).toMatchObject({
      providerId: '1574054185',
      organizer: undefined,
    });
  });

  it('builds a created meeting from the form sent and seed 004\'s answer, ignoring start_time "7"', () => {
    const form = {
      topic: 'Standup',
      meeting_capacity: '10',
      user_key: 'alice',
      start_time: '2020-05-18 10:00:00',
      duration: '45',
      recurrence_type: '1',
      daily_type: '1',
      end_times: '3',
      mute_upon_entry: 'true',
      allow_live_streaming: 'true',
    };
    const meeting = meetingFromCreate(form, fixture('instant-response.seed-004.json').data, {
      timeZone: TZ,
      kind: MeetingKind.SCHEDULED,
    });
    expect(meeting.startTime.toISOString()).toBe('2020-05-18T02:00:00.000Z');
    expect(meeting.status).toBe(MeetingStatus.INIT);
    expect(meeting.hostKey).toBe('030488');
    expect(meeting.startUrl).toMatch(/^https:\/\/u\.systeccloud\.com\/s\/1890181373\?zak=/);
    expect(meeting.recurrence).toMatchObject({ frequency: RecurrenceFrequency.DAILY, count: 3 });
    expect(meeting.mediaSettings.muteOnJoin).toBe(true);
    expect(meeting.live).toMatchObject({
      enabled: true,
      playUrl: 'http://p2.weizan.cn/79555295/132312377802785197/live.m3u8',
      watchUrl: 'https://wx.vzan.com/live/tvchat-1590377657?ver=637223897808876626',
    });
    expect(meeting.occurrences.map((o) => o.providerOccurrenceId)).toEqual([
      '2d3l1sotx4rky8vcipkrku==',
      '9fqqv0gx57zgj83wy2pzra==',
      '1cyrs8qs2bxtq9gp115e6x==',
    ]);
    expect(meeting.occurrences[1]!.endTime?.toISOString()).toBe('2020-05-19T02:45:00.000Z');
    expect(decodeGlobalId(meeting.occurrences[0]!.id, 'id')).toMatchObject({
      kind: 'RecurringOccurrence',
      providerId: '1770498237',
      occurrenceId: '2d3l1sotx4rky8vcipkrku==',
    });
    expect(meeting.occurrences[0]!.meetingId).toBe(meeting.id);
  });

  it('starts a series with its first occurrence, not the start it was booked from', () => {
    const form = {
      topic: 'Sync',
      meeting_capacity: '10',
      // A day before seed 004's first occurrence (2020-05-18 10:00): not itself an occurrence.
      start_time: '2020-05-17 10:00:00',
      duration: '45',
      recurrence_type: '1',
      daily_type: '1',
      end_times: '3',
    };
    const meeting = meetingFromCreate(form, fixture('instant-response.seed-004.json').data, {
      timeZone: TZ,
      kind: MeetingKind.SCHEDULED,
    });
    expect(meeting.startTime.toISOString()).toBe('2020-05-18T02:00:00.000Z');
    expect(meeting.endTime?.toISOString()).toBe('2020-05-18T02:45:00.000Z');
    expect(meeting.startTime).toEqual(meeting.occurrences[0]!.startTime);
  });

  it('reads seed 002\'s schedule answer, whose start_time is the placeholder "7"', () => {
    const form = {
      topic: 'x',
      meeting_capacity: '2',
      start_time: '2026-06-01 10:00:00',
      duration: '60',
    };
    const meeting = meetingFromCreate(form, fixture('schedule-response.seed-002.json').data, {
      timeZone: TZ,
      kind: MeetingKind.SCHEDULED,
    });
    expect(meeting.providerId).toBe('1770498237');
    expect(meeting.startTime.toISOString()).toBe('2026-06-01T02:00:00.000Z');
    expect(meeting.live).toBeNull();
  });

  it('refuses an answer without a meeting id or a real start time', () => {
    const opts = { timeZone: TZ, kind: MeetingKind.SCHEDULED, status: MeetingStatus.INIT };
    expect(() => meetingFromWire({ start_time: '2026-06-01 10:00:00' }, opts)).toThrow(
      UmeetingResponseShapeError,
    );
    expect(() => meetingFromWire({ id: '1', start_time: '7' }, opts)).toThrow(
      UmeetingResponseShapeError,
    );
  });
});
