import { describe, expect, it } from '@jest/globals';

import { ApiError } from '../../src/errors/api-errors.js';
import {
  checkInstantInput,
  checkScheduleInput,
} from '../../src/providers/umeeting/umeeting.input-rules.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecordingType } from '../../src/schema/enums/recording-type.enum.js';
import { RecurrenceFrequency } from '../../src/schema/enums/recurrence-frequency.enum.js';
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

/** The thrown ApiError's extensions, or fails. */
function refusal(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).extensions as Record<string, unknown>;
  }
  throw new Error('expected a refusal');
}

describe('umeeting input rules: scheduled meetings', () => {
  it('refuses a missing capacity as BAD_USER_INPUT on input.capacity', () => {
    expect(refusal(() => checkScheduleInput(schedule({ capacity: undefined }), TZ))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.capacity',
      rule: 'requiredForProvider',
    });
  });

  it('refuses 30 minutes (umeeting needs more than 30) and accepts 31', () => {
    const start = new Date('2026-06-01T02:00:00Z');
    expect(
      refusal(() =>
        checkScheduleInput(schedule({ endTime: new Date(start.getTime() + 30 * 60_000) }), TZ),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endTime', rule: 'minDurationMinutes' });
    expect(() =>
      checkScheduleInput(schedule({ endTime: new Date(start.getTime() + 31 * 60_000) }), TZ),
    ).not.toThrow();
  });

  it('refuses a duration that is not whole minutes rather than rounding it', () => {
    expect(
      refusal(() =>
        checkScheduleInput(schedule({ endTime: new Date('2026-06-01T03:00:30Z') }), TZ),
      ),
    ).toMatchObject({ field: 'input.endTime', rule: 'wholeMinutes' });
  });

  it('refuses an organizer over 200 bytes even when it is under 200 characters', () => {
    const organizer = '会'.repeat(67); // 201 bytes in UTF-8
    expect(refusal(() => checkScheduleInput(schedule({ organizer }), TZ))).toMatchObject({
      field: 'input.organizer',
      rule: 'maxBytes',
    });
  });

  it('refuses the values umeeting cannot express, naming the field', () => {
    const cases: [Partial<ScheduleMeetingInput>, string][] = [
      [{ timeZone: 'Europe/Paris' }, 'input.timeZone'],
      [{ hosts: ['bob'] }, 'input.hosts'],
      [
        { mediaSettings: { autoRecordingType: RecordingType.LOCAL } },
        'input.mediaSettings.autoRecordingType',
      ],
    ];
    for (const [overrides, field] of cases) {
      expect(refusal(() => checkScheduleInput(schedule(overrides), TZ))).toMatchObject({
        code: 'UNSUPPORTED_BY_PROVIDER',
        provider: Provider.UMEETING,
        field,
      });
    }
  });

  it('accepts the organizer as the only host, and the configured zone', () => {
    expect(() =>
      checkScheduleInput(schedule({ hosts: ['alice'], timeZone: TZ }), TZ),
    ).not.toThrow();
  });

  it('refuses an until before the start', () => {
    expect(
      refusal(() =>
        checkScheduleInput(
          schedule({
            recurrence: {
              frequency: RecurrenceFrequency.DAILY,
              until: new Date('2026-05-01T00:00:00Z'),
            },
          }),
          TZ,
        ),
      ),
    ).toMatchObject({ field: 'input.recurrence.until' });
  });
});

describe('umeeting input rules: instant meetings', () => {
  it('refuses an instant duration of 30 minutes or less and a missing capacity', () => {
    // Seed 004: instant `duration` "must be greater than 30" too.
    for (const durationMinutes of [20, 30]) {
      expect(refusal(() => checkInstantInput(instant({ durationMinutes })))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.durationMinutes',
        rule: 'minDurationMinutes',
      });
    }
    expect(refusal(() => checkInstantInput(instant({ capacity: undefined })))).toMatchObject({
      field: 'input.capacity',
      rule: 'requiredForProvider',
    });
  });
});
