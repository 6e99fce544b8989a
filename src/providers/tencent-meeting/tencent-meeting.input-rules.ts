import { expandOccurrences } from '../../domain/recurrence.js';
import { BadUserInputError, UnsupportedByProviderError } from '../../errors/api-errors.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { WEEKDAY_ORDER } from '../../schema/enums/weekday.enum.js';
import type { RecurrenceInput } from '../../schema/inputs/recurrence.input.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';
import type { StartInstantMeetingInput } from '../../schema/inputs/start-instant-meeting.input.js';
import type { UpdateMeetingInput } from '../../schema/inputs/update-meeting.input.js';
import type { UpdateWebinarInput } from '../../schema/inputs/update-webinar.input.js';
import { AdmissionType } from '../../schema/enums/admission-type.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import { isoWeekday, toLocal } from '../../util/zoned-time.js';
import { TENCENT_DEFAULT_TIME_ZONE } from './tencent-meeting.wire.js';

/**
 * Tencent's own VALUE rules, checked before any request is sent. Which fields Tencent takes at
 * all is tencent-meeting.capabilities.ts (checked by the resolvers first); what is left here
 * depends on a value: a weekly rule must repeat the start's weekday, a monthly one the start's
 * day of month, a series has at most 50 sub-meetings, a subject at most 384 UTF-8 bytes.
 */

const PROVIDER = Provider.TENCENT_MEETING;
/** Seed 001: `until_count` 1–50 and "at most 50 sub-meetings" (T-M7). */
const MAX_SUB_MEETINGS = 50;
/** Seed 001: ≤ 512 bytes after Base64 ≈ 384 raw UTF-8 bytes (T-M6). */
const MAX_MEETING_SUBJECT_BYTES = 384;

const unsupported = (field: string, message: string) =>
  new UnsupportedByProviderError(PROVIDER, field, message);

/**
 * `recurring_rule` (seed 001). Tencent repeats weekly/biweekly on the start's weekday and
 * monthly on the start's day of month, so a weekday list or another month day cannot be
 * expressed (an n-th weekday rule is not in the capabilities). A list holding only the start's
 * weekday (or the start's own month day) says the same thing as Tencent's rule and is accepted.
 */
export function checkRecurrence(rec: RecurrenceInput, startTime: Date, timeZone: string): void {
  const start = toLocal(startTime, timeZone);
  if (rec.weekDays && rec.weekDays.length > 0) {
    const startDay = WEEKDAY_ORDER[isoWeekday(start.year, start.month, start.day) - 1];
    if (rec.weekDays.length !== 1 || rec.weekDays[0] !== startDay) {
      throw unsupported(
        'input.recurrence.weekDays',
        "recurrence on a list of weekdays is not supported (Tencent repeats on the start's weekday)",
      );
    }
  }
  if (rec.monthDay != null && rec.monthDay !== start.day) {
    throw unsupported(
      'input.recurrence.monthDay',
      "monthly recurrence on a day other than the start's day of month is not supported",
    );
  }
  if (rec.count != null) return;
  if (rec.until) {
    if (rec.until.getTime() < startTime.getTime()) {
      throw new BadUserInputError('recurrence.until must not be before startTime', {
        field: 'input.recurrence.until',
        rule: 'notBeforeStart',
      });
    }
    // Seed 001: at most 50 sub-meetings; counted with the shared recurrence semantics.
    const n = expandOccurrences(
      { frequency: rec.frequency, until: rec.until },
      startTime,
      timeZone,
    ).length;
    if (n > MAX_SUB_MEETINGS) {
      throw new BadUserInputError(
        `recurrence.until yields ${n} occurrences; Tencent allows at most ${MAX_SUB_MEETINGS}`,
        {
          field: 'input.recurrence.until',
          rule: 'maxOccurrences',
        },
      );
    }
    if (n === 0) {
      throw new BadUserInputError('recurrence yields no occurrence before until', {
        field: 'input.recurrence.until',
        rule: 'noOccurrence',
      });
    }
  }
}

function checkSubjectBytes(subject: string): void {
  if (Buffer.byteLength(subject, 'utf8') > MAX_MEETING_SUBJECT_BYTES) {
    throw new BadUserInputError(`subject is longer than ${MAX_MEETING_SUBJECT_BYTES} UTF-8 bytes`, {
      field: 'input.subject',
      rule: 'maxBytes',
    });
  }
}

export function checkTimeZone(zone: string | undefined, field: string): string {
  if (zone === undefined) return TENCENT_DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new BadUserInputError(`${field} is not an IANA time zone`, { field, rule: 'timeZone' });
  }
}

/** A scheduled (one-off or recurring) meeting (seed 001). */
export function checkMeetingInput(input: ScheduleMeetingInput): void {
  checkSubjectBytes(input.subject);
  const timeZone = checkTimeZone(input.timeZone, 'input.timeZone');
  if (input.recurrence) checkRecurrence(input.recurrence, input.startTime, timeZone);
  checkAnonymousAttendees(input);
}

/**
 * Seed 001: anonymity (`is_anonymous`, `nick_name`) is a property of a host's or invitee's
 * `UserObj`, so an anonymous attendee must be one of them, and named once.
 */
function checkAnonymousAttendees(input: ScheduleMeetingInput): void {
  const known = new Set([...(input.hosts ?? []), ...(input.invitees ?? [])]);
  const seen = new Set<string>();
  (input.anonymousAttendees ?? []).forEach((a, i) => {
    const field = `input.anonymousAttendees[${i}].userId`;
    if (!known.has(a.userId)) {
      throw new BadUserInputError(`${a.userId} is not among hosts or invitees`, {
        field,
        rule: 'hostOrInvitee',
      });
    }
    if (seen.has(a.userId)) {
      throw new BadUserInputError(`${a.userId} is named twice`, { field, rule: 'unique' });
    }
    seen.add(a.userId);
  });
}

/**
 * An update's rules that need no current state: checked before any request (the subject's
 * bytes, the time zone, a recurrence that repeats on the new start's weekday).
 */
export function checkUpdateMeetingInput(input: UpdateMeetingInput): void {
  if (input.subject != null) checkSubjectBytes(input.subject);
  if (input.timeZone != null) checkTimeZone(input.timeZone, 'input.timeZone');
}

/**
 * An update's rules against the meeting as read just before (no write sent yet): an end alone
 * must follow the current start; a new rule must fit the (new or current) start.
 */
export function checkUpdateAgainstCurrent(
  input: UpdateMeetingInput | UpdateWebinarInput,
  current: { startTime: Date; timeZone?: string | null },
): void {
  if (input.startTime == null && input.endTime != null) checkEndAfter(input.endTime, current);
  const recurrence = (input as UpdateMeetingInput).recurrence;
  if (recurrence) {
    const zone = (input as UpdateMeetingInput).timeZone ?? current.timeZone ?? undefined;
    checkRecurrence(
      recurrence,
      input.startTime ?? current.startTime,
      checkTimeZone(zone, 'input.timeZone'),
    );
  }
}

function checkEndAfter(endTime: Date, current: { startTime: Date }): void {
  if (endTime.getTime() <= current.startTime.getTime()) {
    throw new BadUserInputError('endTime must be after the current startTime', {
      field: 'input.endTime',
      rule: 'after',
    });
  }
}

/**
 * A webinar update (1095/61964 and the create's rules of seed 000), against the webinar as read:
 * PASSWORD admission needs a password (given or current); cover, description and the attendee
 * count need the activity page; playback for the audience needs cloud recording.
 */
export function checkUpdateWebinarInput(
  input: UpdateWebinarInput,
  current: {
    startTime: Date;
    admissionType?: AdmissionType | null;
    password?: string | null;
    activityPage?: boolean | null;
    mediaSettings?: { autoRecordingType?: RecordingType | null } | null;
  },
): void {
  if (input.startTime == null && input.endTime != null) checkEndAfter(input.endTime, current);
  const admission = input.admissionType ?? current.admissionType;
  if (
    input.admissionType === AdmissionType.PASSWORD &&
    admission === AdmissionType.PASSWORD &&
    !(input.password ?? current.password)
  ) {
    throw new BadUserInputError('a PASSWORD admission needs a password', {
      field: 'input.password',
      rule: 'requiredForPasswordAdmission',
    });
  }
  checkActivityPage(input.activityPage ?? current.activityPage ?? true, input);
  const recording =
    input.mediaSettings?.autoRecordingType ?? current.mediaSettings?.autoRecordingType;
  if (input.playbackForAudience === true && recording !== RecordingType.CLOUD) {
    throw new BadUserInputError('playbackForAudience needs cloud recording', {
      field: 'input.playbackForAudience',
      rule: 'requiresCloudRecording',
    });
  }
}

/** A quick meeting starting now. */
export function checkInstantMeetingInput(input: StartInstantMeetingInput): void {
  checkSubjectBytes(input.subject);
}

/** A webinar (seed 000). */
export function checkWebinarInput(input: ScheduleWebinarInput, now: Date): void {
  // T-W3: the seed's start rule is ambiguous; the client asks for a start in the future (the
  // input's own `inFuture` rule, checked again so the data source is safe on its own).
  if (input.startTime.getTime() <= now.getTime()) {
    throw new BadUserInputError('startTime must be in the future', {
      field: 'input.startTime',
      rule: 'inFuture',
    });
  }
  checkActivityPage(input.activityPage ?? true, input);
  if (input.timeZone !== undefined) checkTimeZone(input.timeZone, 'input.timeZone');
}

/** Seed 000: cover, description and the attendee count need the activity page. */
function checkActivityPage(
  activityPage: boolean,
  input: {
    coverUrl?: string | null;
    description?: string | null;
    displayAttendeeCount?: boolean | null;
  },
): void {
  if (activityPage) return;
  for (const [field, value] of [
    ['coverUrl', input.coverUrl],
    ['description', input.description],
    ['displayAttendeeCount', input.displayAttendeeCount],
  ] as const) {
    if (value != null) {
      throw new BadUserInputError(`${field} needs activityPage: true`, {
        field: `input.${field}`,
        rule: 'requiresActivityPage',
      });
    }
  }
}
