import { BadUserInputError } from '../../errors/api-errors.js';
import { AdmissionType } from '../../schema/enums/admission-type.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';
import type { RecurrenceInput } from '../../schema/inputs/recurrence.input.js';
import type { UpdateMeetingInput } from '../../schema/inputs/update-meeting.input.js';
import type { UpdateWebinarInput } from '../../schema/inputs/update-webinar.input.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { Webinar } from '../../schema/types/webinar.type.js';

/**
 * WeCom's own VALUE rules (docs/reference/providers.md §2.4, §2.5), checked before any request is
 * sent. The GraphQL inputs' class-validator rules already ran; the limits that WeCom documents
 * itself are checked again here so the data source is safe on its own. Which fields WeCom takes
 * at all (no series, no live stream, no time zone, no capacity, its media settings) is
 * wecom.capabilities.ts, checked by the resolvers before any provider code.
 */

/** Meeting length in seconds (`meeting_duration`, §2.5). */
export const MEETING_DURATION = { min: 300, max: 86399 } as const;
const PASSWORD_DIGITS = /^\d{4,6}$/;

const bad = (field: string, rule: string, message: string) =>
  new BadUserInputError(`${field}: ${message}`, { field, rule });

function checkLength(field: string, value: string | undefined | null, min: number, max: number) {
  if (value == null) return;
  const length = [...value].length;
  if (length < min || length > max) {
    throw bad(field, 'isLength', `must be ${min} to ${max} characters`);
  }
}

function checkTimes(startTime: Date, endTime: Date, now: number) {
  if (startTime.getTime() <= now) throw bad('input.startTime', 'inFuture', 'must be in the future');
  if (endTime.getTime() <= startTime.getTime()) {
    throw bad('input.endTime', 'isAfter', 'must be after startTime');
  }
}

/**
 * A PASSWORD admission needs a password (`resulting`: the one given, or kept on an update); any
 * other admission takes none (`given`: what the input sends); a password is 4 to 6 digits.
 */
function checkAdmissionPassword(
  admission: AdmissionType | null | undefined,
  resulting: string | null,
  given: string | null | undefined,
): void {
  if (admission === AdmissionType.PASSWORD) {
    if (resulting == null) {
      throw bad(
        'input.password',
        'requiredForPasswordAdmission',
        'is required when admissionType is PASSWORD',
      );
    }
  } else if (given != null) {
    throw bad(
      'input.password',
      'onlyForPasswordAdmission',
      'is only used when admissionType is PASSWORD',
    );
  }
  if (given != null && !PASSWORD_DIGITS.test(given)) {
    throw bad('input.password', 'matches', 'must be 4 to 6 digits');
  }
}

export function checkWebinarInput(input: ScheduleWebinarInput, now: number): void {
  if (input.subject == null || input.subject === '') {
    throw bad('input.subject', 'isLength', 'is required (1 to 255 characters)');
  }
  checkLength('input.subject', input.subject, 1, 255);
  checkLength('input.sponsor', input.sponsor, 1, 40);
  checkLength('input.description', input.description, 1, 5000);
  checkAdmissionPassword(input.admissionType, input.password || null, input.password);
  checkTimes(input.startTime, input.endTime, now);
  if (input.playbackForAudience && input.mediaSettings?.autoRecordingType !== RecordingType.CLOUD) {
    throw bad(
      'input.playbackForAudience',
      'requiresCloudRecording',
      'requires mediaSettings.autoRecordingType: CLOUD',
    );
  }
}

export function checkMeetingInput(input: ScheduleMeetingInput, now: number): void {
  if (input.subject == null || input.subject === '') {
    throw bad('input.subject', 'isLength', 'is required (1 to 255 characters)');
  }
  checkLength('input.subject', input.subject, 1, 255);
  if (input.password != null && !PASSWORD_DIGITS.test(input.password)) {
    throw bad('input.password', 'matches', 'must be 4 to 6 digits');
  }
  checkTimes(input.startTime, input.endTime, now);
  checkDuration(input.startTime, input.endTime);
  if (input.recurrence) checkRecurrence(input.recurrence, input.startTime);
}

function checkDuration(startTime: Date, endTime: Date) {
  const seconds = Math.floor(endTime.getTime() / 1000) - Math.floor(startTime.getTime() / 1000);
  if (seconds < MEETING_DURATION.min || seconds > MEETING_DURATION.max) {
    throw bad(
      'input.endTime',
      'meetingDuration',
      `a WeCom meeting lasts ${MEETING_DURATION.min} s to ${MEETING_DURATION.max} s (5 minutes to just under 24 hours)`,
    );
  }
}

/** A series ends by date on or after its first meeting (`repeat_until`, path/98148). */
function checkRecurrence(recurrence: RecurrenceInput, startTime: Date) {
  if (recurrence.until != null && recurrence.until.getTime() < startTime.getTime()) {
    throw bad('input.recurrence.until', 'notBeforeStart', 'must not be before the first start');
  }
}

// ---------------------------------------------------------------- updates

export interface Times {
  start: Date;
  end: Date;
}

/**
 * The start and end an update leaves: a new start alone moves the item and keeps its length (the
 * update inputs' `startTime` description); a new end alone keeps the start. Null when neither is
 * given.
 */
export function resultingTimes(
  input: { startTime?: Date | null; endTime?: Date | null },
  current: { startTime: Date; endTime?: Date | null },
): Times | null {
  if (input.startTime == null && input.endTime == null) return null;
  const currentEnd = current.endTime ?? current.startTime;
  const start = input.startTime ?? current.startTime;
  const end =
    input.endTime ??
    (input.startTime
      ? new Date(start.getTime() + (currentEnd.getTime() - current.startTime.getTime()))
      : currentEnd);
  return { start, end };
}

function checkUpdatedTimes(input: { startTime?: Date | null }, times: Times, now: number) {
  if (input.startTime != null && times.start.getTime() <= now) {
    throw bad('input.startTime', 'inFuture', 'must be in the future');
  }
  if (times.end.getTime() <= times.start.getTime()) {
    throw bad('input.endTime', 'isAfter', 'must be after the (new or current) startTime');
  }
}

/**
 * `meeting/update` (path/98154) value rules against the current meeting; answers the resulting
 * times when the update moves it (null when it does not).
 */
export function checkMeetingUpdate(
  input: UpdateMeetingInput,
  /** Null before the meeting is read: only the rules that do not depend on it. */
  current: Meeting | null,
  now: number,
): Times | null {
  checkLength('input.subject', input.subject, 1, 255);
  if (input.password != null && !PASSWORD_DIGITS.test(input.password)) {
    throw bad('input.password', 'matches', 'must be 4 to 6 digits');
  }
  const times =
    current || (input.startTime != null && input.endTime != null)
      ? resultingTimes(input, current ?? { startTime: input.startTime! })
      : null;
  if (times) {
    checkUpdatedTimes(input, times, now);
    checkDuration(times.start, times.end);
  }
  const start = times?.start ?? current?.startTime;
  if (input.recurrence && start) checkRecurrence(input.recurrence, start);
  return times;
}

/**
 * `webinar/update` (path/98843) value rules against the current webinar (a PASSWORD admission
 * needs a password, given or kept); answers the resulting times (sent on every update: the doc
 * requires them).
 */
export function checkWebinarUpdate(
  input: UpdateWebinarInput,
  current: Webinar,
  now: number,
): Times {
  checkLength('input.subject', input.subject, 1, 255);
  checkLength('input.sponsor', input.sponsor, 1, 40);
  checkLength('input.description', input.description, 1, 5000);
  const admission = input.admissionType ?? current.admissionType;
  checkAdmissionPassword(admission, input.password ?? current.password ?? null, input.password);
  const times = resultingTimes(input, current) ?? {
    start: current.startTime,
    end: current.endTime,
  };
  checkUpdatedTimes(input, times, now);
  const recording =
    input.mediaSettings?.autoRecordingType ?? current.mediaSettings?.autoRecordingType;
  if (input.playbackForAudience && recording !== RecordingType.CLOUD) {
    throw bad(
      'input.playbackForAudience',
      'requiresCloudRecording',
      'requires mediaSettings.autoRecordingType: CLOUD',
    );
  }
  return times;
}
