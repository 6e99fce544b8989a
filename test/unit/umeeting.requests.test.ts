import { describe, expect, it } from '@jest/globals';

import {
  recurrenceToForm,
  toInstantForm,
  toScheduleForm,
} from '../../src/providers/umeeting/umeeting.requests.js';
import { UMEETING_WEEKDAY } from '../../src/providers/umeeting/umeeting.wire.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecordingType } from '../../src/schema/enums/recording-type.enum.js';
import { RecurrenceFrequency } from '../../src/schema/enums/recurrence-frequency.enum.js';
import { Weekday } from '../../src/schema/enums/weekday.enum.js';
import type { ScheduleMeetingInput } from '../../src/schema/inputs/schedule-meeting.input.js';
import type { StartInstantMeetingInput } from '../../src/schema/inputs/start-instant-meeting.input.js';

const TZ = 'Asia/Shanghai';

// 2026-06-01 is a Monday; 10:00 in Shanghai.
const schedule = (overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput => ({
  provider: Provider.UMEETING,
  subject: 'Weekly sync',
  startTime: new Date('2026-06-01T02:00:00Z'),
  endTime: new Date('2026-06-01T03:00:00Z'),
  organizer: 'alice',
  capacity: 10,
  ...overrides,
});

const instant = (overrides: Partial<StartInstantMeetingInput> = {}): StartInstantMeetingInput => ({
  provider: Provider.UMEETING,
  subject: 'Now',
  organizer: 'alice',
  capacity: 5,
  ...overrides,
});

describe('umeeting requests: schedule form', () => {
  it('writes topic, capacity, user_key, local start and whole-minute duration', () => {
    expect(toScheduleForm(schedule({ password: '1234' }), TZ)).toEqual({
      topic: 'Weekly sync',
      meeting_capacity: '10',
      user_key: 'alice',
      start_time: '2026-06-01 10:00:00',
      duration: '60',
      password: '1234',
      allow_live_streaming: 'false',
    });
  });

  it('sends a duration of 31 minutes as it is', () => {
    const start = new Date('2026-06-01T02:00:00Z');
    expect(
      toScheduleForm(schedule({ endTime: new Date(start.getTime() + 31 * 60_000) }), TZ).duration,
    ).toBe('31');
  });

  it('sends media settings and live streaming as "true"/"false" strings', () => {
    const form = toScheduleForm(
      schedule({
        mediaSettings: {
          muteOnJoin: true,
          waitingRoom: false,
          hostVideoOnJoin: true,
          participantVideoOnJoin: false,
          autoRecordingType: RecordingType.CLOUD,
        },
        live: {},
      }),
      TZ,
    );
    expect(form).toMatchObject({
      mute_upon_entry: 'true',
      waiting_room: 'false',
      option_host_video: 'true',
      option_participants_video: 'false',
      recording: 'cloud',
      allow_live_streaming: 'true',
    });
  });
});

describe('umeeting requests: recurrence (docs/reference/providers.md §3.3)', () => {
  it('writes WEEKLY days in the one umeeting numbering (1 = Sunday) with end_times', () => {
    const form = toScheduleForm(
      schedule({
        recurrence: {
          frequency: RecurrenceFrequency.WEEKLY,
          weekDays: [Weekday.WEDNESDAY, Weekday.MONDAY],
          count: 4,
        },
      }),
      TZ,
    );
    expect(UMEETING_WEEKDAY[Weekday.SUNDAY]).toBe(1);
    expect(form).toMatchObject({ recurrence_type: '2', weekly_days: '2,4', end_times: '4' });
  });

  it('writes WEEKLY without days as the weekday of the start, in the configured zone', () => {
    // 2026-06-01T20:00Z is Monday in UTC but Tuesday 04:00 in Shanghai.
    const form = toScheduleForm(
      schedule({
        startTime: new Date('2026-06-01T20:00:00Z'),
        endTime: new Date('2026-06-01T21:00:00Z'),
        recurrence: { frequency: RecurrenceFrequency.WEEKLY, count: 2 },
      }),
      TZ,
    );
    expect(form.weekly_days).toBe(String(UMEETING_WEEKDAY[Weekday.TUESDAY]));
  });

  it('writes DAILY, WEEKDAYS, monthly day and monthly n-th weekday', () => {
    const rec = (recurrence: ScheduleMeetingInput['recurrence']) =>
      toScheduleForm(schedule({ recurrence }), TZ);
    expect(rec({ frequency: RecurrenceFrequency.DAILY, count: 3 })).toMatchObject({
      recurrence_type: '1',
      daily_type: '1',
    });
    expect(rec({ frequency: RecurrenceFrequency.WEEKDAYS, count: 3 })).toMatchObject({
      recurrence_type: '1',
      daily_type: '2',
    });
    expect(rec({ frequency: RecurrenceFrequency.MONTHLY, count: 3 })).toMatchObject({
      recurrence_type: '3',
      monthly_day: '1',
    });
    expect(rec({ frequency: RecurrenceFrequency.MONTHLY, monthDay: 15, count: 3 })).toMatchObject({
      monthly_day: '15',
    });
    const nth = rec({
      frequency: RecurrenceFrequency.MONTHLY,
      monthWeek: 2,
      monthWeekDay: Weekday.TUESDAY,
      count: 3,
    });
    expect(nth).toMatchObject({ recurrence_type: '3', monthly_week: '2', monthly_week_day: '3' });
    expect(nth.monthly_day).toBeUndefined();
  });

  it('writes until as end_date_time in local time', () => {
    const form = toScheduleForm(
      schedule({
        recurrence: {
          frequency: RecurrenceFrequency.DAILY,
          until: new Date('2026-06-05T02:00:00Z'),
        },
      }),
      TZ,
    );
    expect(form.end_date_time).toBe('2026-06-05 10:00:00');
    expect(form.end_times).toBeUndefined();
  });

  it('sends the last week of the month (-1) as monthly_week 5, its wire spelling', () => {
    const form = recurrenceToForm(
      {
        frequency: RecurrenceFrequency.MONTHLY,
        monthWeek: -1,
        monthWeekDay: Weekday.FRIDAY,
        count: 2,
      },
      new Date('2026-12-25T02:00:00Z'),
      TZ,
    );
    expect(form).toMatchObject({ monthly_week: '5', monthly_week_day: '6' });
  });
});

describe('umeeting requests: instant form', () => {
  it('sends the default 60 minutes, option_jbh, and never recurrence', () => {
    const form = toInstantForm(instant({ mediaSettings: { joinBeforeHost: true } }));
    expect(form).toEqual({
      topic: 'Now',
      meeting_capacity: '5',
      user_key: 'alice',
      duration: '60',
      option_jbh: 'true',
      allow_live_streaming: 'false',
    });
  });

  it('maps durationMinutes to duration', () => {
    expect(toInstantForm(instant({ durationMinutes: 31 })).duration).toBe('31');
  });
});
