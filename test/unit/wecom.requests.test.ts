import { describe, expect, it } from '@jest/globals';

import {
  meetingCreateRequest,
  webinarCreateRequest,
} from '../../src/providers/wecom/wecom.requests.js';
import { AdmissionType } from '../../src/schema/enums/admission-type.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecordingType } from '../../src/schema/enums/recording-type.enum.js';
import type { ScheduleMeetingInput } from '../../src/schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../src/schema/inputs/schedule-webinar.input.js';

describe('WeCom requests: unified → wire', () => {
  const start = new Date('2030-01-01T02:00:00Z');
  const end = new Date('2030-01-01T03:30:00Z');

  it('writes a webinar create body in WeCom spelling, leaving out what was not asked', () => {
    const body = webinarCreateRequest({
      provider: Provider.WECOM,
      subject: 'Launch',
      startTime: start,
      endTime: end,
      organizer: 'admin',
      admissionType: AdmissionType.PASSWORD,
      password: '1234',
      displayAttendeeCount: false,
      mediaSettings: {
        muteOnJoin: true,
        enterpriseUsersOnly: true,
        autoRecordingType: RecordingType.CLOUD,
      },
    } as ScheduleWebinarInput);
    expect(body).toEqual({
      admin_userid: 'admin',
      title: 'Launch',
      start_time: String(start.getTime() / 1000),
      end_time: String(end.getTime() / 1000),
      admission_type: 2,
      password: '1234',
      display_number_of_attendees: 0,
      media_setting: {
        enable_enter_mute: true,
        allow_external_user: false,
        auto_record_type: 'cloud',
      },
    });
  });

  it('writes a meeting create body with meeting_start and meeting_duration', () => {
    const body = meetingCreateRequest({
      provider: Provider.WECOM,
      subject: 'Standup',
      startTime: start,
      endTime: end,
      organizer: 'admin',
      invitees: ['u1'],
      password: '4321',
      hosts: ['h1'],
      mediaSettings: { muteOnJoin: true, waitingRoom: true },
    } as ScheduleMeetingInput);
    expect(body).toEqual({
      admin_userid: 'admin',
      title: 'Standup',
      meeting_start: start.getTime() / 1000,
      meeting_duration: 5400,
      invitees: { userid: ['u1'] },
      settings: {
        enable_enter_mute: 1,
        enable_waiting_room: true,
        password: '4321',
        hosts: { userid: ['h1'] },
      },
    });
  });
});
