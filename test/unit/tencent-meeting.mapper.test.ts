import { describe, expect, it } from '@jest/globals';

import {
  meetingFromWire,
  recurrenceFromWire,
  statusFromWire,
  toCreateMeetingRequest,
  toCreateWebinarRequest,
  toRecurringRule,
  webinarFromWire,
  wireId,
} from '../../src/providers/tencent-meeting/tencent-meeting.mapper.js';
import { AdmissionType } from '../../src/schema/enums/admission-type.enum.js';
import { MeetingStatus } from '../../src/schema/enums/meeting-status.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecordingType } from '../../src/schema/enums/recording-type.enum.js';
import { RecurrenceFrequency } from '../../src/schema/enums/recurrence-frequency.enum.js';
import { WatermarkStyle } from '../../src/schema/enums/watermark-style.enum.js';
import { decodeGlobalId } from '../../src/schema/ids.js';
import type { ScheduleMeetingInput } from '../../src/schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../src/schema/inputs/schedule-webinar.input.js';
import { fixture } from '../fixtures/tencent-meeting/signed-request.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const ctx = { organizer: 'tester', operation: 'test', now: NOW };

describe('Tencent mapper: wire → unified', () => {
  it("maps seed 001's create answer: bare-string hosts, an 18-digit id, live_addr as the watch URL", () => {
    const answer = JSON.parse(fixture('seed-001-create-meeting.response.json'));
    const meeting = meetingFromWire(answer.meeting_info_list[0], ctx);
    expect(meeting).toMatchObject({
      provider: Provider.TENCENT_MEETING,
      providerId: '433471464134410364',
      meetingCode: '637228110',
      subject: "tester's meeting",
      password: '1111',
      hosts: ['test1'],
      invitees: [],
      joinUrl: 'https://wemeet.qq.com/w/5oxCqAc',
      organizer: 'tester',
    });
    expect(meeting.startTime.toISOString()).toBe('2019-10-27T10:30:00.000Z');
    expect(meeting.live?.watchUrl).toBe('https://meeting.tencent.com/l/ehewFSfengBPae');
    expect(meeting.mediaSettings.muteOnJoin).toBe(true);
    // Not reported: null, never a default.
    expect(meeting.mediaSettings.joinBeforeHost).toBeNull();
    expect(decodeGlobalId(meeting.id, 'id')).toMatchObject({
      providerId: '433471464134410364',
      organizer: 'tester',
    });
  });

  it("maps seed 000's create answer with its 20-digit id above 2^63 intact", () => {
    const webinar = webinarFromWire(
      JSON.parse(fixture('seed-000-create-webinar.response.json')),
      ctx,
    );
    expect(webinar.providerId).toBe('17305428542504531991');
    expect(webinar).toMatchObject({
      meetingCode: '933581085',
      admissionType: AdmissionType.PUBLIC,
      manualCheckPassword: 'oVBN2P',
      guestJoinLink: 'https://xxx.tencentmeeting.com/s/xxxxxxUy5V',
      // The create answer does not report these.
      sponsor: null,
      enableQa: null,
    });
  });

  it('reports the zone Tencent schedules in: the one given, else Beijing time (§1.3)', () => {
    const info = {
      subject: 's',
      meeting_id: '1',
      start_time: '1767225600',
      end_time: '1767229200',
    };
    expect(meetingFromWire(info, ctx).timeZone).toBe('Asia/Shanghai');
    expect(meetingFromWire({ ...info, time_zone: 'Europe/Berlin' }, ctx).timeZone).toBe(
      'Europe/Berlin',
    );
  });

  it('starts a series with its first occurrence, not with start_time', () => {
    // WEEKDAYS booked from Saturday 2026-01-03 10:00 Beijing time: the first one is on Monday.
    const meeting = meetingFromWire(
      {
        subject: 's',
        meeting_id: '12345678901234567890',
        start_time: '1767405600',
        end_time: '1767409200',
        status: 'MEETING_STATE_INIT',
        meeting_type: 1,
        recurring_rule: { recurring_type: 1, until_type: 1, until_count: 2 },
        sub_meetings: [
          { sub_meeting_id: '1767664800', start_time: '1767664800', end_time: '1767668400' },
          { sub_meeting_id: '1767578400', start_time: '1767578400', end_time: '1767582000' },
        ],
      },
      ctx,
    );
    expect(meeting.startTime.toISOString()).toBe('2026-01-05T02:00:00.000Z');
    expect(meeting.endTime?.toISOString()).toBe('2026-01-05T03:00:00.000Z');
  });

  it('refuses an unquoted id that JSON.parse has already rounded', () => {
    const rounded = JSON.parse('{"meeting_id": 17305428542504531991}').meeting_id;
    expect(() => wireId(rounded, 'meeting_id', 'test')).toThrow(/meeting_id/);
    expect(wireId(12345, 'meeting_id', 'test')).toBe('12345');
  });

  it.each([
    ['MEETING_STATE_INIT', MeetingStatus.INIT],
    ['MEETING_STATE_CANCELLED', MeetingStatus.CANCELLED],
    ['MEETING_STATE_STARTED', MeetingStatus.STARTED],
    ['MEETING_STATE_ENDED', MeetingStatus.ENDED],
    ['MEETING_STATE_NULL', MeetingStatus.ENDED],
    ['MEETING_STATE_ABOUT_TO_START', MeetingStatus.ABOUT_TO_START],
    ['MEETING_STATE_RECYCLED', MeetingStatus.RECYCLED],
    ['MEETING_STATE_SOMETHING_NEW', MeetingStatus.INVALID],
  ])('maps %s to %s', (wire, status) => {
    expect(statusFromWire(wire, NOW, NOW, NOW)).toBe(status);
  });

  it('derives occurrence states from current_sub_meeting_id and sub-meeting status', () => {
    const meeting = meetingFromWire(
      {
        subject: 's',
        meeting_id: '12345678901234567890',
        start_time: '1767225600',
        end_time: '1767229200',
        status: 'MEETING_STATE_ABOUT_TO_START',
        meeting_type: 1,
        recurring_rule: { recurring_type: 0, until_type: 1, until_count: 4 },
        sub_meetings: [
          {
            sub_meeting_id: '1767225600',
            start_time: '1767225600',
            end_time: '1767229200',
            status: 0,
          },
          {
            sub_meeting_id: '1767312000',
            start_time: '1767312000',
            end_time: '1767315600',
            status: 0,
          },
          {
            sub_meeting_id: '1767398400',
            start_time: '1767398400',
            end_time: '1767402000',
            status: 1,
          },
          {
            sub_meeting_id: '1767484800',
            start_time: '1767484800',
            end_time: '1767488400',
            status: 0,
          },
        ],
        current_sub_meeting_id: '1767312000',
      },
      ctx,
    );
    expect(meeting.occurrences.map((o) => o.status)).toEqual([
      MeetingStatus.ENDED,
      MeetingStatus.ABOUT_TO_START,
      MeetingStatus.CANCELLED,
      MeetingStatus.INIT,
    ]);
    expect(meeting.recurrence).toMatchObject({
      frequency: RecurrenceFrequency.DAILY,
      count: 4,
      until: null,
    });
    expect(meeting.occurrences.every((o) => o.meetingId === meeting.id)).toBe(true);
  });

  it('maps every recurring_type, until_date as a date, and a custom rule to null', () => {
    expect(
      recurrenceFromWire({ recurring_type: 1, until_type: 0, until_date: 1767225600 }),
    ).toMatchObject({
      frequency: RecurrenceFrequency.WEEKDAYS,
      until: new Date('2026-01-01T00:00:00Z'),
      count: null,
    });
    expect(
      recurrenceFromWire({ recurring_type: 3, until_type: 1, until_count: 2 })?.frequency,
    ).toBe(RecurrenceFrequency.BIWEEKLY);
    expect(recurrenceFromWire({ recurring_type: 5 })).toBeNull();
  });
});

describe('Tencent mapper: unified → wire', () => {
  const start = new Date('2026-03-02T01:00:00Z'); // Monday 09:00 in Asia/Shanghai
  const input = {
    provider: Provider.TENCENT_MEETING,
    subject: '测试会议',
    startTime: start,
    endTime: new Date(start.getTime() + 3_600_000),
    organizer: 'tester',
  } as ScheduleMeetingInput;

  it('sends times as epoch-second strings, users as objects, settings in Tencent spelling', () => {
    const body = toCreateMeetingRequest({
      ...input,
      hosts: ['h1'],
      invitees: ['i1'],
      mediaSettings: {
        muteOnJoin: true,
        watermarkStyle: WatermarkStyle.MULTI_ROW,
        autoRecordingType: RecordingType.LOCAL,
      },
    });
    expect(body).toEqual({
      userid: 'tester',
      instanceid: 1,
      subject: '测试会议',
      type: 0,
      start_time: '1772413200',
      end_time: '1772416800',
      hosts: [{ userid: 'h1' }],
      invitees: [{ userid: 'i1' }],
      settings: { mute_enable_join: true, water_mark_type: 1, auto_record_type: 'local' },
    });
  });

  it('sends until_date as an integer (T-M5) and until_count with until_type 1', () => {
    expect(
      toRecurringRule(
        { frequency: RecurrenceFrequency.MONTHLY, count: 3 } as never,
        start,
        'Asia/Shanghai',
      ),
    ).toEqual({
      recurring_type: 4,
      until_type: 1,
      until_count: 3,
    });
    const until = new Date(start.getTime() + 14 * 86_400_000);
    expect(
      toRecurringRule(
        { frequency: RecurrenceFrequency.BIWEEKLY, until } as never,
        start,
        'Asia/Shanghai',
      ),
    ).toEqual({
      recurring_type: 3,
      until_type: 0,
      until_date: Math.floor(until.getTime() / 1000),
    });
  });

  it("accepts the start's own month day and refuses another one", () => {
    expect(() =>
      toRecurringRule(
        { frequency: RecurrenceFrequency.MONTHLY, monthDay: 2, count: 3 } as never,
        start,
        'Asia/Shanghai',
      ),
    ).not.toThrow();
    expect(() =>
      toRecurringRule(
        { frequency: RecurrenceFrequency.MONTHLY, monthDay: 3, count: 3 } as never,
        start,
        'Asia/Shanghai',
      ),
    ).toThrow(/monthDay|month/);
  });

  it('sends every seed 000 field for a webinar, hosts defaulting to the caller and playback always sent', () => {
    const body = toCreateWebinarRequest(
      {
        provider: Provider.TENCENT_MEETING,
        subject: 'webinar 1',
        startTime: start,
        endTime: new Date(start.getTime() + 3_600_000),
        organizer: 'aaa',
        admissionType: AdmissionType.REGISTRATION,
        displayAttendeeCount: false,
        sensitiveWords: ['123'],
      } as ScheduleWebinarInput,
      NOW,
    );
    expect(body).toEqual({
      userid: 'aaa',
      instanceid: 1,
      subject: 'webinar 1',
      start_time: '1772413200',
      end_time: '1772416800',
      admission_type: 1,
      hosts: [{ userid: 'aaa' }],
      playback_for_audience: false,
      sensitive_words: ['123'],
      display_number_of_participants: 0,
    });
  });
});
