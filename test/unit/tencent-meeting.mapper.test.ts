import { describe, expect, it } from '@jest/globals';

import {
  meetingFromWire,
  recurrenceFromWire,
  statusFromWire,
  webinarFromWire,
  wireId,
} from '../../src/providers/tencent-meeting/tencent-meeting.mapper.js';
import { AdmissionType } from '../../src/schema/enums/admission-type.enum.js';
import { MeetingStatus } from '../../src/schema/enums/meeting-status.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecurrenceFrequency } from '../../src/schema/enums/recurrence-frequency.enum.js';
import { decodeGlobalId } from '../../src/schema/ids.js';
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
