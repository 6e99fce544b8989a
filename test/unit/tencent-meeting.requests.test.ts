import { describe, expect, it } from '@jest/globals';

import {
  toCreateMeetingRequest,
  toCreateWebinarRequest,
  toRecurringRule,
} from '../../src/providers/tencent-meeting/tencent-meeting.requests.js';
import { AdmissionType } from '../../src/schema/enums/admission-type.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecordingType } from '../../src/schema/enums/recording-type.enum.js';
import { RecurrenceFrequency } from '../../src/schema/enums/recurrence-frequency.enum.js';
import { WatermarkStyle } from '../../src/schema/enums/watermark-style.enum.js';
import type { ScheduleMeetingInput } from '../../src/schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../src/schema/inputs/schedule-webinar.input.js';

describe('Tencent requests: unified → wire', () => {
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
    expect(toRecurringRule({ frequency: RecurrenceFrequency.MONTHLY, count: 3 } as never)).toEqual({
      recurring_type: 4,
      until_type: 1,
      until_count: 3,
    });
    const until = new Date(start.getTime() + 14 * 86_400_000);
    expect(toRecurringRule({ frequency: RecurrenceFrequency.BIWEEKLY, until } as never)).toEqual({
      recurring_type: 3,
      until_type: 0,
      until_date: Math.floor(until.getTime() / 1000),
    });
  });

  it('sends every seed 000 field for a webinar, hosts defaulting to the caller and playback always sent', () => {
    const body = toCreateWebinarRequest({
      provider: Provider.TENCENT_MEETING,
      subject: 'webinar 1',
      startTime: start,
      endTime: new Date(start.getTime() + 3_600_000),
      organizer: 'aaa',
      admissionType: AdmissionType.REGISTRATION,
      displayAttendeeCount: false,
      sensitiveWords: ['123'],
    } as ScheduleWebinarInput);
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
