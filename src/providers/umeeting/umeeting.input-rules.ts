import { BadUserInputError, UnsupportedByProviderError } from '../../errors/api-errors.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import type { MediaSettingsInput } from '../../schema/inputs/media-settings.input.js';
import type { RecurrenceInput } from '../../schema/inputs/recurrence.input.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { StartInstantMeetingInput } from '../../schema/inputs/start-instant-meeting.input.js';
import type { UpdateMeetingInput } from '../../schema/inputs/update-meeting.input.js';

/**
 * umeeting's own VALUE rules, checked before any request is sent. Which fields umeeting takes at
 * all is umeeting.capabilities.ts (checked by the resolvers first); what is left here depends on
 * a value: `timeZone` must be the configured zone, `hosts` can only name the organizer,
 * recording is CLOUD or NONE, a meeting lasts more than 30 whole minutes, `capacity` is required.
 */

const P = Provider.UMEETING;

/**
 * `duration` "must be greater than 30", on schedule (seed 002; docs/reference/providers.md §3.4 U-8) and on
 * instant meetings alike (seed 004 states the same rule for `/umeeting/share/instant`).
 */
export const MIN_SCHEDULE_DURATION_MINUTES = 31;
/** `user_key` "不能超过200字节": at most 200 bytes (seeds 002/004). */
export const MAX_USER_KEY_BYTES = 200;
/** StartInstantMeetingInput documents 60 minutes as the default length. */
export const DEFAULT_INSTANT_MINUTES = 60;

/** `/umeeting/share/schedule` (seed 002); `timeZone` is the configured zone (UMEETING_TIMEZONE). */
export function checkScheduleInput(input: ScheduleMeetingInput, timeZone: string): void {
  checkCommon(input);
  if (input.timeZone != null && input.timeZone !== timeZone) {
    throw new UnsupportedByProviderError(
      P,
      'input.timeZone',
      `meetings are booked in the configured zone ${timeZone} only; umeeting times carry no zone (docs/reference/providers.md §3.1)`,
    );
  }
  if (input.hosts && input.hosts.some((h) => h !== input.organizer)) {
    throw new UnsupportedByProviderError(
      P,
      'input.hosts',
      'hosts other than the organizer cannot be named (umeeting has only a host key)',
    );
  }
  checkScheduledMinutes((input.endTime.getTime() - input.startTime.getTime()) / 60_000);
  checkRecording(input.mediaSettings);
  if (input.recurrence) checkRecurrence(input.recurrence, input.startTime);
}

/** `/umeeting/share/instant` (seed 004). */
export function checkInstantInput(input: StartInstantMeetingInput): void {
  checkCommon(input);
  const minutes = input.durationMinutes ?? DEFAULT_INSTANT_MINUTES;
  if (minutes < MIN_SCHEDULE_DURATION_MINUTES) {
    throw new BadUserInputError(
      `umeeting requires a duration greater than 30 minutes (31 or more); got ${minutes}`,
      {
        field: 'input.durationMinutes',
        rule: 'minDurationMinutes',
        min: MIN_SCHEDULE_DURATION_MINUTES,
      },
    );
  }
  checkRecording(input.mediaSettings);
}

/**
 * `/umeeting/share/update` (docs/reference/providers.md §3.2 #4), what needs no read: the
 * configured zone, no LOCAL recording, a `capacity` (for `/share/resetCapacity`, §3.2 #10) that
 * is a number of parties as on schedule, and, when both ends are given, the schedule's duration
 * rules (the update page requires `duration` too, U-8). The rest waits for the current meeting
 * (checkUpdateTimes).
 */
export function checkUpdateInput(input: UpdateMeetingInput, timeZone: string): void {
  if (input.timeZone != null && input.timeZone !== timeZone) {
    throw new UnsupportedByProviderError(
      P,
      'input.timeZone',
      `meetings are booked in the configured zone ${timeZone} only; umeeting times carry no zone (docs/reference/providers.md §3.1)`,
    );
  }
  checkRecording(input.mediaSettings);
  checkUpdateCapacity(input.capacity);
  if (input.startTime && input.endTime) checkUpdateTimes(input, input.startTime, input.endTime);
  else if (input.startTime && input.recurrence) checkRecurrence(input.recurrence, input.startTime);
}

/** A booked length: whole minutes, more than 30 (U-8); named on `input.endTime`, the length's. */
function checkScheduledMinutes(minutes: number): void {
  if (!Number.isInteger(minutes)) {
    throw new BadUserInputError('umeeting books whole minutes: endTime − startTime', {
      field: 'input.endTime',
      rule: 'wholeMinutes',
    });
  }
  if (minutes < MIN_SCHEDULE_DURATION_MINUTES) {
    throw new BadUserInputError(
      `umeeting requires a duration greater than 30 minutes (31 or more); got ${minutes}`,
      { field: 'input.endTime', rule: 'minDurationMinutes', min: MIN_SCHEDULE_DURATION_MINUTES },
    );
  }
}

/**
 * The start and end an update books (given, or kept from the current meeting): whole minutes,
 * more than 30 (U-8), and a new rule's end not before the start. The field named is the one the
 * caller can change: `input.endTime` for the length.
 */
export function checkUpdateTimes(input: UpdateMeetingInput, start: Date, end: Date): void {
  const minutes = (end.getTime() - start.getTime()) / 60_000;
  if (minutes <= 0) {
    throw new BadUserInputError('endTime must be after the start', {
      field: 'input.endTime',
      rule: 'afterStart',
    });
  }
  checkScheduledMinutes(minutes);
  if (input.recurrence) checkRecurrence(input.recurrence, start);
}

/**
 * A new `meeting_capacity` (`/share/resetCapacity`, §3.2 #10): what schedule takes, a whole
 * number of parties (the schema bounds it, 1–100000, before this); an explicit null clears
 * nothing, since umeeting requires a capacity (U-9).
 */
function checkUpdateCapacity(capacity: number | null | undefined): void {
  if (capacity === undefined) return;
  if (capacity === null) {
    throw new BadUserInputError(
      'umeeting requires capacity (meeting_capacity, the number of parties): it cannot be cleared',
      { field: 'input.capacity', rule: 'requiredForProvider' },
    );
  }
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new BadUserInputError(
      'umeeting capacity (meeting_capacity) is a number of parties: a positive integer',
      { field: 'input.capacity', rule: 'positiveInteger' },
    );
  }
}

function checkCommon(input: { organizer: string; capacity?: number | null }): void {
  if (input.capacity == null) {
    throw new BadUserInputError(
      'umeeting requires capacity (meeting_capacity, the number of parties)',
      {
        field: 'input.capacity',
        rule: 'requiredForProvider',
      },
    );
  }
  if (Buffer.byteLength(input.organizer, 'utf8') > MAX_USER_KEY_BYTES) {
    throw new BadUserInputError(
      `organizer (umeeting user_key) must be at most ${MAX_USER_KEY_BYTES} bytes`,
      {
        field: 'input.organizer',
        rule: 'maxBytes',
        max: MAX_USER_KEY_BYTES,
      },
    );
  }
}

/** umeeting records in the cloud or not at all (docs/reference/providers.md §3.2). */
function checkRecording(media: MediaSettingsInput | undefined | null): void {
  if (media?.autoRecordingType === RecordingType.LOCAL) {
    throw new UnsupportedByProviderError(
      P,
      'input.mediaSettings.autoRecordingType',
      'umeeting records in the cloud or not at all (no LOCAL)',
    );
  }
}

/** A series' end (docs/reference/providers.md §3.3). */
function checkRecurrence(r: RecurrenceInput, firstStart: Date): void {
  if (r.count != null) return;
  if (r.until != null) {
    if (r.until.getTime() < firstStart.getTime()) {
      throw new BadUserInputError('recurrence.until must not be before startTime', {
        field: 'input.recurrence.until',
        rule: 'notBeforeStart',
      });
    }
    return;
  }
  // A recurring meeting needs an end condition (§3.4 U-3); the input rules already demand one.
  throw new BadUserInputError('give an end condition: until or count', {
    field: 'input.recurrence.count',
    rule: 'untilOrCount',
  });
}
