import { isLastMonthWeek } from '../../domain/recurrence.js';
import { BadUserInputError, UnsupportedByProviderError } from '../../errors/api-errors.js';
import { MeetingKind } from '../../schema/enums/meeting-kind.enum.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { WEEKDAY_ORDER, type Weekday } from '../../schema/enums/weekday.enum.js';
import { meetingGlobalId, occurrenceGlobalId } from '../../schema/ids.js';
import type { LiveStreamInput } from '../../schema/inputs/live-stream.input.js';
import type { MediaSettingsInput } from '../../schema/inputs/media-settings.input.js';
import { LAST_MONTH_WEEK, type RecurrenceInput } from '../../schema/inputs/recurrence.input.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { StartInstantMeetingInput } from '../../schema/inputs/start-instant-meeting.input.js';
import type { LiveStream } from '../../schema/types/live-stream.type.js';
import type { MediaSettings } from '../../schema/types/media-settings.type.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { RecurrenceRule } from '../../schema/types/recurrence-rule.type.js';
import type { RecurringOccurrence } from '../../schema/types/recurring-occurrence.type.js';
import { isoWeekday, toLocal } from '../../util/zoned-time.js';
import { fromUmeetingEndDate, fromUmeetingTime, toUmeetingTime } from './umeeting.time.js';
import {
  UMEETING_DAILY_TYPE,
  UMEETING_RECURRENCE_TYPE,
  UMEETING_STATUS,
  UMEETING_WEEKDAY,
  splitWeeklyDays,
  weekdayFromUmeeting,
  type UmeetingBool,
  type UmeetingCreateData,
  type UmeetingForm,
  type UmeetingMeetingWire,
  type UmeetingNumber,
  type UmeetingOccurrenceWire,
} from './umeeting.wire.js';

/**
 * THE umeeting mapper: unified inputs → form fields (refusing, before any request, whatever
 * umeeting cannot express) and wire answers → the unified model. Wire shapes stop here.
 */

const P = Provider.UMEETING;

/**
 * `duration` "must be greater than 30", on schedule (seed 002; docs/reference/providers.md §3.4 U-8) and on
 * instant meetings alike (seed 004 states the same rule for `/umeeting/share/instant`).
 */
export const MIN_SCHEDULE_DURATION_MINUTES = 31;
/** umeeting spells "the last week of the month" as `monthly_week` 5 (1–5, docs/reference/providers.md §3.3). */
const WIRE_LAST_MONTH_WEEK = 5;
/** `user_key` "不能超过200字节": at most 200 bytes (seeds 002/004). */
export const MAX_USER_KEY_BYTES = 200;
/** StartInstantMeetingInput documents 60 minutes as the default length. */
export const DEFAULT_INSTANT_MINUTES = 60;

/** Thrown when an answer lacks what we need; the data source maps it to our error codes. */
export class UmeetingResponseShapeError extends Error {}

// ---------------------------------------------------------------------------------------------
// unified → wire

/** The form of `/umeeting/share/schedule` for `input`; throws before any request when refused. */
export function toScheduleForm(input: ScheduleMeetingInput, timeZone: string): UmeetingForm {
  const form: UmeetingForm = {
    topic: input.subject,
    ...commonFields(input),
  };
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
  if (input.invitees && input.invitees.length > 0) {
    throw new UnsupportedByProviderError(P, 'input.invitees', 'invitees are not supported');
  }
  const durationMs = input.endTime.getTime() - input.startTime.getTime();
  const minutes = durationMs / 60_000;
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
  form.start_time = toUmeetingTime(input.startTime, timeZone);
  form.duration = String(minutes);
  if (input.password != null) form.password = input.password;
  Object.assign(form, mediaToForm(input.mediaSettings, 'schedule'));
  Object.assign(form, liveToForm(input.live));
  if (input.recurrence) {
    Object.assign(form, recurrenceToForm(input.recurrence, input.startTime, timeZone));
  }
  return form;
}

/**
 * The form of `/umeeting/share/instant`. Recurrence never goes to `/instant` (§3.4 U-2) and the
 * instant page has no `password` parameter (seed 004).
 */
export function toInstantForm(input: StartInstantMeetingInput): UmeetingForm {
  const form: UmeetingForm = { topic: input.subject, ...commonFields(input) };
  if (input.password != null) {
    throw new UnsupportedByProviderError(
      P,
      'input.password',
      'instant meetings take no password (seed 004 has no password parameter)',
    );
  }
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
  form.duration = String(minutes);
  Object.assign(form, mediaToForm(input.mediaSettings, 'instant'));
  // The documented default is "false" (seed 004); sending it makes `live` known on the answer.
  form.allow_live_streaming = 'false';
  return form;
}

function commonFields(input: { organizer: string; capacity?: number | null }): UmeetingForm {
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
  return { meeting_capacity: String(input.capacity), user_key: input.organizer };
}

const bool = (v: boolean) => (v ? 'true' : 'false');

/** MediaSettingsInput field → umeeting option (docs/reference/providers.md §3.2); anything else is refused. */
const MEDIA_FIELDS: Partial<Record<keyof MediaSettingsInput, string>> = {
  muteOnJoin: 'mute_upon_entry',
  waitingRoom: 'waiting_room',
  hostVideoOnJoin: 'option_host_video',
  participantVideoOnJoin: 'option_participants_video',
  joinBeforeHost: 'option_jbh',
  autoRecordingType: 'recording',
};

/** The MediaSettingsInput fields umeeting accepts (on `/instant`; `/schedule` lacks joinBeforeHost). */
export const UMEETING_MEDIA_FIELDS = Object.keys(MEDIA_FIELDS) as (keyof MediaSettingsInput)[];

function mediaToForm(
  media: MediaSettingsInput | undefined | null,
  endpoint: 'schedule' | 'instant',
): UmeetingForm {
  const form: UmeetingForm = {};
  if (!media) return form;
  for (const [key, value] of Object.entries(media) as [keyof MediaSettingsInput, unknown][]) {
    if (value === undefined || value === null) continue;
    const field = `input.mediaSettings.${key}`;
    const wire = MEDIA_FIELDS[key];
    if (!wire)
      throw new UnsupportedByProviderError(P, field, `mediaSettings.${key} has no umeeting option`);
    if (key === 'joinBeforeHost' && endpoint === 'schedule') {
      // option_jbh exists on /instant only (§3.4 U-18).
      throw new UnsupportedByProviderError(
        P,
        field,
        'joinBeforeHost is only available on instant meetings',
      );
    }
    if (key === 'autoRecordingType') {
      if (value === RecordingType.LOCAL) {
        throw new UnsupportedByProviderError(
          P,
          field,
          'umeeting records in the cloud or not at all (no LOCAL)',
        );
      }
      form[wire] = value === RecordingType.CLOUD ? 'cloud' : 'none';
      continue;
    }
    form[wire] = bool(value === true);
  }
  return form;
}

/** umeeting can only switch live streaming on (`allow_live_streaming`); its settings are refused. */
function liveToForm(live: LiveStreamInput | undefined | null): UmeetingForm {
  if (!live) return { allow_live_streaming: 'false' };
  for (const [key, value] of Object.entries(live)) {
    if (value === undefined || value === null) continue;
    throw new UnsupportedByProviderError(
      P,
      `input.live.${key}`,
      `live.${key} cannot be set; umeeting only enables live streaming (allow_live_streaming)`,
    );
  }
  return { allow_live_streaming: 'true' };
}

/** Unified rule → recurrence fields (docs/reference/providers.md §3.3). */
export function recurrenceToForm(
  r: RecurrenceInput,
  firstStart: Date,
  timeZone: string,
): UmeetingForm {
  const form: UmeetingForm = {};
  const local = toLocal(firstStart, timeZone);
  switch (r.frequency) {
    case RecurrenceFrequency.DAILY:
      form.recurrence_type = String(UMEETING_RECURRENCE_TYPE.DAILY);
      form.daily_type = String(UMEETING_DAILY_TYPE.EVERY_DAY);
      break;
    case RecurrenceFrequency.WEEKDAYS:
      form.recurrence_type = String(UMEETING_RECURRENCE_TYPE.DAILY);
      form.daily_type = String(UMEETING_DAILY_TYPE.WEEKDAYS);
      break;
    case RecurrenceFrequency.WEEKLY: {
      // Always explicit: WEEKLY without weekDays repeats on the start's weekday (src/domain/recurrence.ts).
      const days = r.weekDays?.length
        ? r.weekDays
        : [WEEKDAY_ORDER[isoWeekday(local.year, local.month, local.day) - 1]!];
      form.recurrence_type = String(UMEETING_RECURRENCE_TYPE.WEEKLY);
      form.weekly_days = [...new Set(days.map((d) => UMEETING_WEEKDAY[d]))]
        .sort((a, b) => a - b)
        .join(',');
      break;
    }
    case RecurrenceFrequency.MONTHLY:
      form.recurrence_type = String(UMEETING_RECURRENCE_TYPE.MONTHLY);
      if (r.monthWeek != null && r.monthWeekDay != null) {
        form.monthly_week = String(
          isLastMonthWeek(r.monthWeek) ? WIRE_LAST_MONTH_WEEK : r.monthWeek,
        );
        form.monthly_week_day = String(UMEETING_WEEKDAY[r.monthWeekDay]);
      } else {
        form.monthly_day = String(r.monthDay ?? local.day);
      }
      break;
    case RecurrenceFrequency.BIWEEKLY:
      throw new UnsupportedByProviderError(
        P,
        'input.recurrence.frequency',
        'BIWEEKLY cannot be expressed: umeeting has no interval ("every n weeks", docs/reference/providers.md §3.3)',
      );
    default:
      throw new UnsupportedByProviderError(
        P,
        'input.recurrence.frequency',
        `${String(r.frequency)} is not supported`,
      );
  }
  if (r.count != null) {
    form.end_times = String(r.count);
  } else if (r.until != null) {
    if (r.until.getTime() < firstStart.getTime()) {
      throw new BadUserInputError('recurrence.until must not be before startTime', {
        field: 'input.recurrence.until',
        rule: 'notBeforeStart',
      });
    }
    // end_date_time's format is undocumented (docs/reference/providers.md §3.3); we send the full local time.
    form.end_date_time = toUmeetingTime(r.until, timeZone);
  } else {
    // A recurring meeting needs an end condition (§3.4 U-3); the input rules already demand one.
    throw new BadUserInputError('give an end condition: until or count', {
      field: 'input.recurrence.count',
      rule: 'untilOrCount',
    });
  }
  return form;
}

// ---------------------------------------------------------------------------------------------
// wire → unified

/** Lenient boolean (§3.4 U-5): `"true"`, `true`, `"1"`, 1 are true; null when absent or unknown. */
export function parseUmeetingBool(value: UmeetingBool): boolean | null {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  if (typeof value !== 'string') return null;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

/** A number or numeric string as an integer (§3.4 U-13); null when absent or not an integer. */
export function parseUmeetingInt(value: UmeetingNumber): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value);
  return null;
}

/** An id that must stay a string (§3.4 U-17); unquoted numbers beyond 2^53 are refused (§0). */
export function parseUmeetingId(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return null;
}

/**
 * umeeting status → MeetingStatus (docs/reference/providers.md §3.2 #3): 0 booked → INIT, 1 in progress →
 * ABOUT_TO_START, 2 cancelled → CANCELLED, 3 ended → ENDED; `del_flag` "1" → CANCELLED. Absent:
 * `fallback`.
 *
 * "In progress" only says the scheduled time has come: nothing in a umeeting answer says whether
 * anyone is in (the emulator reports it for the whole scheduled window), so it is reported as
 * ABOUT_TO_START — what Tencent and WeCom webinars answer for the same situation with nobody in —
 * and umeeting never reports STARTED (MeetingStatus descriptions).
 */
export function statusFromWire(
  status: UmeetingNumber,
  delFlag: UmeetingNumber,
  fallback: MeetingStatus,
): MeetingStatus {
  if (parseUmeetingInt(delFlag) === 1) return MeetingStatus.CANCELLED;
  if (status === undefined || status === null || status === '') return fallback;
  switch (parseUmeetingInt(status)) {
    case UMEETING_STATUS.BOOKED:
      return MeetingStatus.INIT;
    case UMEETING_STATUS.IN_PROGRESS:
      return MeetingStatus.ABOUT_TO_START;
    case UMEETING_STATUS.CANCELLED:
      return MeetingStatus.CANCELLED;
    case UMEETING_STATUS.ENDED:
      return MeetingStatus.ENDED;
    default:
      return MeetingStatus.INVALID;
  }
}

/** Recurrence fields → the unified rule; null for a one-off meeting (`recurrence_type` empty, U-6). */
export function recurrenceFromWire(
  w: UmeetingMeetingWire,
  timeZone: string,
): RecurrenceRule | null {
  if (w.recurrence_type === undefined || w.recurrence_type === null || w.recurrence_type === '')
    return null;
  const type = parseUmeetingInt(w.recurrence_type);
  const rule: RecurrenceRule = {
    frequency: RecurrenceFrequency.DAILY,
    weekDays: null,
    monthDay: null,
    monthWeek: null,
    monthWeekDay: null,
    until: null,
    count: null,
  };
  switch (type) {
    case UMEETING_RECURRENCE_TYPE.DAILY:
      rule.frequency =
        parseUmeetingInt(w.daily_type) === UMEETING_DAILY_TYPE.WEEKDAYS
          ? RecurrenceFrequency.WEEKDAYS
          : RecurrenceFrequency.DAILY;
      break;
    case UMEETING_RECURRENCE_TYPE.WEEKLY: {
      rule.frequency = RecurrenceFrequency.WEEKLY;
      const days = splitWeeklyDays(String(w.weekly_days ?? '')).map((s) => {
        const day = weekdayFromUmeeting(Number(s));
        if (!day) throw new UmeetingResponseShapeError(`weekly_days holds an unknown day`);
        return day;
      });
      rule.weekDays = days.length > 0 ? sortWeekdays(days) : null;
      break;
    }
    case UMEETING_RECURRENCE_TYPE.MONTHLY: {
      rule.frequency = RecurrenceFrequency.MONTHLY;
      const monthDay = parseUmeetingInt(w.monthly_day);
      const monthWeek = parseUmeetingInt(w.monthly_week);
      const monthWeekDay = parseUmeetingInt(w.monthly_week_day);
      // monthly_day wins over monthly_week when both are given (seed 004).
      if (monthDay != null) rule.monthDay = monthDay;
      else if (monthWeek != null && monthWeekDay != null) {
        rule.monthWeek = isLastMonthWeek(monthWeek) ? LAST_MONTH_WEEK : monthWeek;
        rule.monthWeekDay = weekdayFromUmeeting(monthWeekDay) ?? null;
        if (!rule.monthWeekDay)
          throw new UmeetingResponseShapeError('monthly_week_day is out of range');
      }
      break;
    }
    default:
      throw new UmeetingResponseShapeError('recurrence_type is not 1, 2 or 3');
  }
  // end_date_time wins over end_times (docs/reference/providers.md §3.3).
  const until = w.end_date_time ? fromUmeetingEndDate(w.end_date_time, timeZone) : undefined;
  if (until) rule.until = until;
  else rule.count = parseUmeetingInt(w.end_times);
  return rule;
}

function sortWeekdays(days: Weekday[]): Weekday[] {
  return [...new Set(days)].sort((a, b) => WEEKDAY_ORDER.indexOf(a) - WEEKDAY_ORDER.indexOf(b));
}

function mediaFromWire(w: UmeetingMeetingWire): MediaSettings {
  const recording = typeof w.recording === 'string' ? w.recording.trim().toLowerCase() : null;
  return {
    muteOnJoin: parseUmeetingBool(w.mute_upon_entry),
    allowUnmuteSelf: null,
    muteAll: null,
    joinBeforeHost: parseUmeetingBool(w.option_jbh),
    waitingRoom: parseUmeetingBool(w.waiting_room),
    screenShareWatermark: null,
    watermarkStyle: null,
    enterpriseUsersOnly: null,
    hostVideoOnJoin: parseUmeetingBool(w.option_host_video),
    participantVideoOnJoin: parseUmeetingBool(w.option_participants_video),
    autoRecordingType:
      recording === 'cloud'
        ? RecordingType.CLOUD
        : recording === 'none'
          ? RecordingType.NONE
          : null,
    recordWhenParticipantJoins: null,
    hostCanPauseAutoRecording: null,
    playSoundOnJoin: null,
    playSoundOnLeave: null,
  };
}

function liveFromWire(w: UmeetingMeetingWire): LiveStream | null {
  const enabled = parseUmeetingBool(w.allow_live_streaming);
  if (enabled === null) return null;
  return {
    enabled,
    subject: null,
    summary: null,
    passwordEnabled: null,
    password: null,
    chatEnabled: null,
    replayEnabled: null,
    // play_addr is often plain http:// on a third-party CDN; passed through (§3.4 U-12).
    watchUrl: enabled ? w.watch_url || null : null,
    playUrl: enabled ? w.play_addr || null : null,
  };
}

const nonEmpty = (v: string | null | undefined) => (typeof v === 'string' && v !== '' ? v : null);

export interface MeetingFromWireOptions {
  timeZone: string;
  /** Kind when the answer does not say (`type` is a `/share/list` field). */
  kind: MeetingKind;
  /** Status when the answer does not say (create answers carry none). */
  status: MeetingStatus;
}

/** A `/share/get` answer (or a merged create answer) → Meeting. */
export function meetingFromWire(w: UmeetingMeetingWire, opts: MeetingFromWireOptions): Meeting {
  const providerId = parseUmeetingId(w.id);
  if (!providerId) throw new UmeetingResponseShapeError('the answer has no meeting id');
  const startTime = fromUmeetingTime(w.start_time, opts.timeZone);
  if (!startTime) throw new UmeetingResponseShapeError('the answer has no valid start_time');
  const duration = parseUmeetingInt(w.duration);
  const durationMs = duration != null ? duration * 60_000 : null;
  const type = parseUmeetingInt(w.type);
  const status = statusFromWire(w.status, w.del_flag, opts.status);
  const id = meetingGlobalId(P, providerId);
  const occurrences = (w.occurrences ?? [])
    .map((o) =>
      occurrenceFromWire(o, {
        meetingProviderId: providerId,
        durationMs,
        seriesStatus: status,
        ...opts,
      }),
    )
    .sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  // A series starts with its first occurrence: `start_time` is the start we sent, which need not
  // match the rule (a Wednesday 2nd with `monthly_day` 15 first meets on the 15th).
  const first = occurrences[0];
  return {
    id,
    provider: P,
    providerId,
    meetingCode: providerId,
    subject: typeof w.topic === 'string' ? w.topic : '',
    kind: type === 1 ? MeetingKind.INSTANT : type === 2 ? MeetingKind.SCHEDULED : opts.kind,
    status,
    startTime: first ? first.startTime : startTime,
    endTime: first
      ? (first.endTime ?? null)
      : durationMs != null
        ? new Date(startTime.getTime() + durationMs)
        : null,
    password: nonEmpty(w.password),
    organizer: nonEmpty(w.user_key ?? w.user_Key),
    hosts: [],
    invitees: [],
    joinUrl: nonEmpty(w.join_url),
    mediaSettings: mediaFromWire(w),
    recurrence: recurrenceFromWire(w, opts.timeZone),
    occurrences,
    live: liveFromWire(w),
    timeZone: opts.timeZone,
    capacity: parseUmeetingInt(w.meeting_capacity),
    hostKey: nonEmpty(w.host_key),
    startUrl: nonEmpty(w.start_url),
  };
}

/** One `occurrences[]` entry → RecurringOccurrence (umeeting `uuid` is the occurrence id). */
export function occurrenceFromWire(
  o: UmeetingOccurrenceWire,
  ctx: {
    meetingProviderId: string;
    durationMs: number | null;
    seriesStatus: MeetingStatus;
    timeZone: string;
  },
): RecurringOccurrence {
  const uuid = typeof o.uuid === 'string' && o.uuid !== '' ? o.uuid : null;
  const startTime = fromUmeetingTime(o.start_time, ctx.timeZone);
  if (!uuid || !startTime)
    throw new UmeetingResponseShapeError('an occurrence lacks uuid or start_time');
  return {
    id: occurrenceGlobalId(P, ctx.meetingProviderId, uuid),
    provider: P,
    providerOccurrenceId: uuid,
    startTime,
    endTime: ctx.durationMs != null ? new Date(startTime.getTime() + ctx.durationMs) : null,
    status: statusFromWire(o.status, undefined, ctx.seriesStatus),
    meetingId: meetingGlobalId(P, ctx.meetingProviderId),
  };
}

/**
 * A create answer merged with the form we sent → Meeting. The answer carries ids, URLs and host
 * secrets but not the meeting's fields, and its `start_time` is the placeholder "7" (§3.4 U-4), so
 * the fields come from what we sent. A new scheduled meeting is booked (INIT); an instant one is
 * past its start with nobody known to be in (ABOUT_TO_START, as a read answers it: see
 * statusFromWire).
 */
export function meetingFromCreate(
  form: UmeetingForm,
  data: UmeetingCreateData,
  opts: { timeZone: string; kind: MeetingKind; startTime?: string },
): Meeting {
  const wire: UmeetingMeetingWire = {
    ...form,
    id: data.meeting_id,
    start_time: opts.startTime ?? form.start_time,
    join_url: data.join_url,
    play_addr: data.play_addr,
    watch_url: data.watch_url,
    occurrences: data.occurrences,
    host_key: data.host_key,
    start_url: data.start_url,
  };
  return meetingFromWire(wire, {
    timeZone: opts.timeZone,
    kind: opts.kind,
    status: opts.kind === MeetingKind.INSTANT ? MeetingStatus.ABOUT_TO_START : MeetingStatus.INIT,
  });
}
