import { expandOccurrences } from '../../domain/recurrence.js';
import { meetingGlobalId, occurrenceGlobalId, webinarGlobalId } from '../../schema/ids.js';
import { AdmissionType } from '../../schema/enums/admission-type.enum.js';
import { MeetingKind } from '../../schema/enums/meeting-kind.enum.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { WatermarkStyle } from '../../schema/enums/watermark-style.enum.js';
import type { LiveStream } from '../../schema/types/live-stream.type.js';
import type { MediaSettings } from '../../schema/types/media-settings.type.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { RecurrenceRule } from '../../schema/types/recurrence-rule.type.js';
import type { RecurringOccurrence } from '../../schema/types/recurring-occurrence.type.js';
import type { Webinar } from '../../schema/types/webinar.type.js';
import { fromEpochSeconds } from '../../util/zoned-time.js';
import { InvalidAnswer } from './tencent-meeting.errors.js';
import {
  TENCENT_DEFAULT_TIME_ZONE,
  type TmCreateMeetingRequest,
  type TmMeetingInfo,
  type TmMeetingSettings,
  type TmRecurringRule,
  type TmSubMeeting,
  type TmUserObj,
  type TmWebinarInfo,
  type TmWebinarMediaSetting,
} from './tencent-meeting.wire.js';

/**
 * Tencent's answers → the unified model (Meeting, Webinar, occurrences and their states). Ids
 * stay strings end to end; times are epoch-second strings on the wire and Dates here. An answer
 * we cannot read is PROVIDER_RESPONSE_INVALID (InvalidAnswer, tencent-meeting.errors.ts).
 */

const PROVIDER = Provider.TENCENT_MEETING;

/**
 * An id from the wire. Tencent quotes its ids; an unquoted one above 2^53 was already rounded
 * by JSON.parse and is refused rather than trusted (docs/reference/providers.md §0).
 */
export function wireId(value: unknown, what: string, operation: string): string {
  if (typeof value === 'string' && /^\d{1,24}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  throw new InvalidAnswer(operation, `${what} is missing or not an exact id`);
}

function wireTime(value: unknown, what: string, operation: string): Date {
  const date = fromEpochSeconds(value);
  if (!date) throw new InvalidAnswer(operation, `${what} is missing or not epoch seconds`);
  return date;
}

const STATUS_FROM_WIRE: Record<string, MeetingStatus> = {
  MEETING_STATE_INVALID: MeetingStatus.INVALID,
  MEETING_STATE_INIT: MeetingStatus.INIT,
  MEETING_STATE_CANCELLED: MeetingStatus.CANCELLED,
  MEETING_STATE_STARTED: MeetingStatus.STARTED,
  MEETING_STATE_ENDED: MeetingStatus.ENDED,
  // §1.3: NULL is "past end, nobody in" — the product enum reports it as ENDED.
  MEETING_STATE_NULL: MeetingStatus.ENDED,
  MEETING_STATE_ABOUT_TO_START: MeetingStatus.ABOUT_TO_START,
  MEETING_STATE_RECYCLED: MeetingStatus.RECYCLED,
};

/** A `MEETING_STATE_*` value; when absent (create answers), the state implied by the times. */
export function statusFromWire(
  status: unknown,
  start: Date,
  end: Date | null,
  now: Date,
): MeetingStatus {
  if (typeof status === 'string') return STATUS_FROM_WIRE[status] ?? MeetingStatus.INVALID;
  if (now < start) return MeetingStatus.INIT;
  if (!end || now < end) return MeetingStatus.ABOUT_TO_START;
  return MeetingStatus.ENDED;
}

/** T-M1: users arrive as objects or bare strings. */
function userIds(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((u) =>
      typeof u === 'string'
        ? u
        : u && typeof u === 'object'
          ? ((u as TmUserObj).userid ?? (u as TmUserObj).open_id)
          : undefined,
    )
    .filter((u): u is string => typeof u === 'string' && u.length > 0);
}

/**
 * Hosts and participants who join anonymously (seed 001 `UserObj.is_anonymous` / `nick_name`),
 * each once; null when the answer carries no user objects at all (nothing reported).
 */
function anonymousFromWire(
  info: TmMeetingInfo,
): Array<{ userId: string; nickname: string | null }> | null {
  const { hosts, participants } = info;
  if (!Array.isArray(hosts) && !Array.isArray(participants)) return null;
  const out: Array<{ userId: string; nickname: string | null }> = [];
  // Plain loops and a set made only when someone is anonymous: `flat()` and a Map for every
  // meeting cost ~10 µs per read (a 100-id Tencent batch's profile; docs/performance.md).
  let seen: Set<string> | undefined;
  for (const list of [hosts, participants]) {
    if (!Array.isArray(list)) continue;
    for (const u of list) {
      if (!u || typeof u !== 'object' || u.is_anonymous !== true) continue;
      const id = u.userid ?? u.open_id;
      if (typeof id !== 'string' || !id || seen?.has(id)) continue;
      (seen ??= new Set()).add(id);
      out.push({ userId: id, nickname: u.nick_name || null });
    }
  }
  return out;
}

const RECORD_FROM_WIRE: Record<string, RecordingType> = {
  none: RecordingType.NONE,
  local: RecordingType.LOCAL,
  cloud: RecordingType.CLOUD,
};

const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

function watermarkStyle(v: unknown): WatermarkStyle | null {
  if (v === 0) return WatermarkStyle.SINGLE_ROW;
  if (v === 1) return WatermarkStyle.MULTI_ROW;
  return null;
}

/** Meeting `settings` → MediaSettings; what Tencent does not report stays null. */
export function mediaSettingsFromMeeting(s: TmMeetingSettings | undefined): MediaSettings {
  const w = s ?? {};
  return {
    muteOnJoin: bool(w.mute_enable_join),
    allowUnmuteSelf: bool(w.allow_unmute_self),
    muteAll: bool(w.mute_all),
    joinBeforeHost: bool(w.allow_in_before_host),
    waitingRoom: bool(w.auto_in_waiting_room),
    screenShareWatermark: bool(w.allow_screen_shared_watermark),
    watermarkStyle: watermarkStyle(w.water_mark_type),
    enterpriseUsersOnly: bool(w.only_enterprise_user_allowed),
    hostVideoOnJoin: bool(w.host_video),
    participantVideoOnJoin: bool(w.participant_video),
    autoRecordingType: (w.auto_record_type && RECORD_FROM_WIRE[w.auto_record_type]) ?? null,
    recordWhenParticipantJoins: bool(w.participant_join_auto_record),
    hostCanPauseAutoRecording: bool(w.enable_host_pause_auto_record),
    playSoundOnJoin: bool(w.play_ivr_on_join),
    playSoundOnLeave: bool(w.play_ivr_on_leave),
  };
}

/** Webinar `media_setting` → MediaSettings (the fields it lacks are null). */
export function mediaSettingsFromWebinar(s: TmWebinarMediaSetting | undefined): MediaSettings {
  const w = s ?? {};
  return {
    muteOnJoin: bool(w.mute_enable_join),
    allowUnmuteSelf: bool(w.allow_unmute_self),
    muteAll: null,
    joinBeforeHost: bool(w.allow_in_before_host),
    waitingRoom: null,
    screenShareWatermark: bool(w.allow_screen_shared_watermark),
    watermarkStyle: watermarkStyle(w.water_mark_type),
    enterpriseUsersOnly: bool(w.only_enterprise_user_allowed),
    hostVideoOnJoin: null,
    participantVideoOnJoin: null,
    autoRecordingType: (w.auto_record_type && RECORD_FROM_WIRE[w.auto_record_type]) ?? null,
    recordWhenParticipantJoins: bool(w.participant_join_auto_record),
    hostCanPauseAutoRecording: bool(w.enable_host_pause_auto_record),
    playSoundOnJoin: null,
    playSoundOnLeave: null,
  };
}

const FREQUENCY_FROM_TYPE: Record<number, RecurrenceFrequency> = {
  0: RecurrenceFrequency.DAILY,
  1: RecurrenceFrequency.WEEKDAYS,
  2: RecurrenceFrequency.WEEKLY,
  3: RecurrenceFrequency.BIWEEKLY,
  4: RecurrenceFrequency.MONTHLY,
};

/**
 * `recurring_rule` → RecurrenceRule. A custom rule (`recurring_type` 5) has no unified form:
 * the rule is null then, while its occurrences are still listed. `rrule` is left to the resolver.
 */
export function recurrenceFromWire(rule: TmRecurringRule | undefined): RecurrenceRule | null {
  if (!rule) return null;
  const frequency = FREQUENCY_FROM_TYPE[rule.recurring_type ?? 0];
  if (!frequency) return null;
  const out: RecurrenceRule = {
    frequency,
    weekDays: null,
    monthDay: null,
    monthWeek: null,
    monthWeekDay: null,
  };
  if (rule.until_type === 1) {
    out.count = typeof rule.until_count === 'number' ? rule.until_count : null;
    out.until = null;
  } else {
    out.until = fromEpochSeconds(rule.until_date) ?? null;
    out.count = null;
  }
  return out;
}

/** `enable_live`/`live_config` → LiveStream; a meeting without live streaming has `live: null`. */
function liveFromWire(info: TmMeetingInfo): LiveStream | null {
  if (info.enable_live !== true) return null;
  const c = info.live_config ?? {};
  return {
    enabled: info.enable_live === true,
    subject: c.live_subject ?? null,
    summary: c.live_summary ?? null,
    passwordEnabled: bool(c.enable_live_password),
    password: c.live_password ?? null,
    chatEnabled: bool(c.enable_live_im),
    replayEnabled: bool(c.enable_live_replay),
    watchUrl: c.live_addr ?? null,
    playUrl: null,
  };
}

/**
 * Occurrence states. `sub_meetings[].status` only says present (0) or deleted (1), so the
 * rest is read off the provider's own clock through the series: occurrences before
 * `current_sub_meeting_id` are over, the current one has the series' state, later ones are
 * booked (INIT). Without a current one, a finished series' state applies to all.
 */
function occurrencesFromWire(
  info: TmMeetingInfo,
  series: {
    meetingGlobalId: string;
    providerId: string;
    organizer?: string;
    status: MeetingStatus;
    now: Date;
  },
  operation: string,
): RecurringOccurrence[] {
  const subs: TmSubMeeting[] = Array.isArray(info.sub_meetings) ? info.sub_meetings : [];
  const currentIndex = info.current_sub_meeting_id
    ? subs.findIndex((s) => String(s.sub_meeting_id) === info.current_sub_meeting_id)
    : -1;
  return subs
    .map((sub, index) => {
      const subId = wireId(sub.sub_meeting_id, 'sub_meeting_id', operation);
      const startTime = wireTime(sub.start_time, 'sub_meetings[].start_time', operation);
      const endTime = fromEpochSeconds(sub.end_time) ?? null;
      let status: MeetingStatus;
      if (sub.status === 1 || series.status === MeetingStatus.CANCELLED)
        status = MeetingStatus.CANCELLED;
      else if (currentIndex >= 0) {
        status =
          index < currentIndex
            ? MeetingStatus.ENDED
            : index === currentIndex
              ? series.status
              : MeetingStatus.INIT;
      } else if (
        series.status === MeetingStatus.ENDED ||
        series.status === MeetingStatus.RECYCLED
      ) {
        status = series.status;
      } else status = statusFromWire(undefined, startTime, endTime, series.now);
      return {
        id: occurrenceGlobalId(PROVIDER, series.providerId, subId, series.organizer),
        provider: PROVIDER,
        providerOccurrenceId: subId,
        startTime,
        endTime,
        status,
        meetingId: series.meetingGlobalId,
      } satisfies RecurringOccurrence;
    })
    .sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
}

export interface MeetingContext {
  /** The user the meeting was read or created as; rides in the global id. */
  organizer?: string;
  operation: string;
  now: Date;
  /** For create answers, which carry no `type`. */
  type?: number;
}

/** A `MeetingInfo` (create or get answer) → Meeting. */
export function meetingFromWire(raw: unknown, ctx: MeetingContext): Meeting {
  if (!raw || typeof raw !== 'object')
    throw new InvalidAnswer(ctx.operation, 'meeting_info is not an object');
  const info = raw as TmMeetingInfo;
  const providerId = wireId(info.meeting_id, 'meeting_id', ctx.operation);
  if (typeof info.subject !== 'string')
    throw new InvalidAnswer(ctx.operation, 'subject is missing');
  const startTime = wireTime(info.start_time, 'start_time', ctx.operation);
  const endTime = fromEpochSeconds(info.end_time) ?? null;
  const status = statusFromWire(info.status, startTime, endTime, ctx.now);
  const id = meetingGlobalId(PROVIDER, providerId, ctx.organizer);
  const type = info.type ?? ctx.type;
  const occurrences = occurrencesFromWire(
    info,
    { meetingGlobalId: id, providerId, organizer: ctx.organizer, status, now: ctx.now },
    ctx.operation,
  );
  // A series starts with its first occurrence (WEEKDAYS booked from a Saturday first meets on
  // the Monday), whatever `start_time` says.
  const first = occurrences[0];
  return {
    id,
    provider: PROVIDER,
    providerId,
    meetingCode: typeof info.meeting_code === 'string' ? info.meeting_code : null,
    subject: info.subject,
    kind: type === 1 ? MeetingKind.INSTANT : MeetingKind.SCHEDULED,
    status,
    startTime: first ? first.startTime : startTime,
    endTime: first ? (first.endTime ?? null) : endTime,
    password: info.password || null,
    organizer: ctx.organizer ?? null,
    hosts: userIds(info.hosts),
    invitees: userIds(info.participants),
    joinUrl: info.join_url ?? null,
    mediaSettings: mediaSettingsFromMeeting(info.settings),
    recurrence: recurrenceFromWire(info.recurring_rule),
    occurrences,
    live: liveFromWire(info),
    // Tencent schedules in Beijing time unless told otherwise (docs/reference/providers.md §1.3).
    timeZone: info.time_zone || TENCENT_DEFAULT_TIME_ZONE,
    capacity: null,
    hostKey: info.host_key ?? null,
    startUrl: null,
    syncToWeWork: bool(info.sync_to_wework),
    unregisteredInvitees: Array.isArray(info.user_non_registered)
      ? info.user_non_registered.filter((u) => typeof u === 'string')
      : null,
    anonymousAttendees: anonymousFromWire(info),
  };
}

/**
 * A create answer → Meeting. The answer echoes little (seed 001: `participants: []` although
 * invitees were given, `settings` with one key; T-M8), so what we sent and Tencent accepted
 * fills the gaps; the answer wins where it speaks. The state is the one implied by the times.
 */
export function meetingFromCreate(
  raw: unknown,
  sent: TmCreateMeetingRequest,
  ctx: MeetingContext,
): Meeting {
  const info = (raw && typeof raw === 'object' ? raw : {}) as TmMeetingInfo;
  const meeting = meetingFromWire(raw, { ...ctx, type: sent.type });
  const liveAnswer = info.live_config ?? {};
  const timeZone = info.time_zone || sent.time_zone || TENCENT_DEFAULT_TIME_ZONE;
  const recurrence = meeting.recurrence ?? recurrenceFromWire(sent.recurring_rule);
  // A create answer lists no occurrences; a series still starts with its first one.
  const firstStart =
    recurrence && meeting.occurrences.length === 0
      ? expandOccurrences(recurrence, meeting.startTime, timeZone)[0]
      : undefined;
  const length =
    meeting.endTime !== null && meeting.endTime !== undefined
      ? meeting.endTime.getTime() - meeting.startTime.getTime()
      : null;
  return {
    ...meeting,
    ...(firstStart
      ? {
          startTime: firstStart,
          endTime: length === null ? null : new Date(firstStart.getTime() + length),
        }
      : {}),
    password: meeting.password ?? sent.password ?? null,
    hosts:
      meeting.hosts.length > 0 ? meeting.hosts : userIds(sent.hosts ?? [{ userid: sent.userid }]),
    invitees: meeting.invitees.length > 0 ? meeting.invitees : userIds(sent.invitees),
    mediaSettings: mediaSettingsFromMeeting({ ...sent.settings, ...info.settings }),
    syncToWeWork: meeting.syncToWeWork ?? sent.sync_to_wework ?? null,
    anonymousAttendees: meeting.anonymousAttendees?.length
      ? meeting.anonymousAttendees
      : anonymousFromWire({ ...info, hosts: sent.hosts ?? [], participants: sent.invitees ?? [] }),
    recurrence,
    live: sent.enable_live
      ? liveFromWire({
          ...info,
          enable_live: true,
          live_config: { ...sent.live_config, ...liveAnswer },
        })
      : meeting.live,
    timeZone,
  };
}

/** The single `meeting_info_list` entry of a meetings answer, or undefined when the list is empty. */
export function firstMeetingInfo(body: unknown, operation: string): unknown {
  if (!body || typeof body !== 'object')
    throw new InvalidAnswer(operation, 'answer is not an object');
  const list = (body as { meeting_info_list?: unknown }).meeting_info_list;
  if (list === undefined && (body as { meeting_number?: unknown }).meeting_number === 0)
    return undefined;
  if (!Array.isArray(list)) throw new InvalidAnswer(operation, 'meeting_info_list is missing');
  return list[0];
}

const ADMISSION_FROM_WIRE: Record<number, AdmissionType> = {
  0: AdmissionType.PUBLIC,
  1: AdmissionType.REGISTRATION,
  2: AdmissionType.PASSWORD,
};

/** A webinar answer (create: flat, seed 000; get: flat with state, §1.4) → Webinar. */
export function webinarFromWire(raw: unknown, ctx: MeetingContext): Webinar {
  if (!raw || typeof raw !== 'object')
    throw new InvalidAnswer(ctx.operation, 'webinar answer is not an object');
  const w = raw as TmWebinarInfo;
  const providerId = wireId(w.meeting_id, 'meeting_id', ctx.operation);
  if (typeof w.subject !== 'string') throw new InvalidAnswer(ctx.operation, 'subject is missing');
  const startTime = wireTime(w.start_time, 'start_time', ctx.operation);
  const endTime = wireTime(w.end_time, 'end_time', ctx.operation);
  return {
    id: webinarGlobalId(PROVIDER, providerId, ctx.organizer),
    provider: PROVIDER,
    providerId,
    meetingCode: typeof w.meeting_code === 'string' ? w.meeting_code : null,
    subject: w.subject,
    sponsor: w.sponsor ?? null,
    description: w.description ?? null,
    coverUrl: w.cover_url ?? null,
    status: statusFromWire(w.status, startTime, endTime, ctx.now),
    startTime,
    endTime,
    admissionType:
      typeof w.admission_type === 'number' ? (ADMISSION_FROM_WIRE[w.admission_type] ?? null) : null,
    password: w.password || null,
    organizer: ctx.organizer ?? null,
    hosts: userIds(w.hosts),
    audienceJoinLink: w.audience_join_link ?? null,
    guestJoinLink: w.guest_join_link ?? null,
    enableGuestInviteLink: bool(w.enable_guest_invite_link),
    mediaSettings: mediaSettingsFromWebinar(w.media_setting),
    enableQa: bool(w.enable_qa),
    sensitiveWords: Array.isArray(w.sensitive_words)
      ? w.sensitive_words.filter((x) => typeof x === 'string')
      : null,
    enableManualCheck: bool(w.enable_manual_check),
    manualCheckLink: w.manual_check_link ?? null,
    manualCheckPassword: w.manual_check_password ?? null,
    activityPage: bool(w.activity_page),
    displayAttendeeCount:
      w.display_number_of_participants === 1
        ? true
        : w.display_number_of_participants === 0
          ? false
          : null,
    playbackForAudience: bool(w.playback_for_audience),
    playbackUrl: w.playback_url ?? null,
    preparationMode: bool(w.preparation_mode),
    warmUpPicture: w.warm_up_picture ?? null,
    warmUpVideo: w.warm_up_video ?? null,
    allowAttendeesInviteOthers: null,
    registeredCount: null,
    syncToWeWork: bool(w.sync_to_wework),
  };
}
