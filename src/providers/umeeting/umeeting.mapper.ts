import { isLastMonthWeek } from '../../domain/recurrence.js';
import { MeetingKind } from '../../schema/enums/meeting-kind.enum.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { WEEKDAY_ORDER, type Weekday } from '../../schema/enums/weekday.enum.js';
import { meetingGlobalId, occurrenceGlobalId } from '../../schema/ids.js';
import { LAST_MONTH_WEEK } from '../../schema/inputs/recurrence.input.js';
import type { LiveStream } from '../../schema/types/live-stream.type.js';
import type { MediaSettings } from '../../schema/types/media-settings.type.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { RecurrenceRule } from '../../schema/types/recurrence-rule.type.js';
import type { RecurringOccurrence } from '../../schema/types/recurring-occurrence.type.js';
import { UmeetingResponseShapeError } from './umeeting.errors.js';
import { fromUmeetingEndDate, fromUmeetingTime } from './umeeting.time.js';
import {
  UMEETING_DAILY_TYPE,
  UMEETING_RECURRENCE_TYPE,
  UMEETING_STATUS,
  splitWeeklyDays,
  weekdayFromUmeeting,
  type UmeetingBool,
  type UmeetingCreateData,
  type UmeetingForm,
  type UmeetingListedWire,
  type UmeetingMeetingWire,
  type UmeetingNumber,
  type UmeetingOccurrenceWire,
} from './umeeting.wire.js';

/**
 * umeeting's answers → the unified model (Meeting, occurrences and their states). Wire shapes
 * stop here; an answer that lacks what we need throws UmeetingResponseShapeError
 * (umeeting.errors.ts), which the data source maps to our error codes.
 */

const P = Provider.UMEETING;

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
    providerLiveId: enabled ? parseUmeetingId(w.live_id) : null,
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
    // Create answers only (seeds 002/004): a read (`/share/get`) documents none of them.
    earlyJoinMinutes: parseUmeetingInt(w.ready_time),
    providerHostId: nonEmpty(w.host_id),
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
    ready_time: data.ready_time,
    host_id: data.host_id,
    live_id: data.live_id,
  };
  return meetingFromWire(wire, {
    timeZone: opts.timeZone,
    kind: opts.kind,
    status: opts.kind === MeetingKind.INSTANT ? MeetingStatus.ABOUT_TO_START : MeetingStatus.INIT,
  });
}

/** Where a `/share/list` or `/share/history` item sits in start order: its start and id. */
export interface ListedMeeting {
  providerId: string;
  startTime: Date;
}

/**
 * One list item → its id and start (docs/reference/providers.md §3.2 #7, #8): what ordering and
 * `from`/`to` need; the meeting itself is read in full with `/share/get`. `host_key` is never
 * read (§3.4 U-15).
 */
export function listedFromWire(w: UmeetingListedWire, timeZone: string): ListedMeeting {
  const providerId = parseUmeetingId(w.id);
  const startTime = fromUmeetingTime(w.start_time, timeZone);
  if (!providerId || !startTime) {
    throw new UmeetingResponseShapeError('a listed meeting lacks id or start_time');
  }
  return { providerId, startTime };
}
