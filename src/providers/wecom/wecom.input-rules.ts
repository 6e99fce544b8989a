import { BadUserInputError } from '../../errors/api-errors.js';
import { AdmissionType } from '../../schema/enums/admission-type.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';

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

export function checkWebinarInput(input: ScheduleWebinarInput, now: number): void {
  if (input.subject == null || input.subject === '') {
    throw bad('input.subject', 'isLength', 'is required (1 to 255 characters)');
  }
  checkLength('input.subject', input.subject, 1, 255);
  checkLength('input.sponsor', input.sponsor, 1, 40);
  checkLength('input.description', input.description, 1, 5000);
  if (input.admissionType === AdmissionType.PASSWORD) {
    if (input.password == null || input.password === '') {
      throw bad(
        'input.password',
        'requiredForPasswordAdmission',
        'is required when admissionType is PASSWORD',
      );
    }
  } else if (input.password != null) {
    throw bad(
      'input.password',
      'onlyForPasswordAdmission',
      'is only used when admissionType is PASSWORD',
    );
  }
  if (input.password != null && !PASSWORD_DIGITS.test(input.password)) {
    throw bad('input.password', 'matches', 'must be 4 to 6 digits');
  }
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
  const seconds =
    Math.floor(input.endTime.getTime() / 1000) - Math.floor(input.startTime.getTime() / 1000);
  if (seconds < MEETING_DURATION.min || seconds > MEETING_DURATION.max) {
    throw bad(
      'input.endTime',
      'meetingDuration',
      `a WeCom meeting lasts ${MEETING_DURATION.min} s to ${MEETING_DURATION.max} s (5 minutes to just under 24 hours)`,
    );
  }
}
