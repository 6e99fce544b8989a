import { expandOccurrences } from '../../domain/recurrence.js';
import {
  BadUserInputError,
  ProviderError,
  UnsupportedByProviderError,
} from '../../errors/api-errors.js';
import { meetingGlobalId, occurrenceGlobalId, webinarGlobalId } from '../../schema/ids.js';
import { AdmissionType } from '../../schema/enums/admission-type.enum.js';
import { MeetingKind } from '../../schema/enums/meeting-kind.enum.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { WatermarkStyle } from '../../schema/enums/watermark-style.enum.js';
import { WEEKDAY_ORDER } from '../../schema/enums/weekday.enum.js';
import type { LiveStreamInput } from '../../schema/inputs/live-stream.input.js';
import type { MediaSettingsInput } from '../../schema/inputs/media-settings.input.js';
import type { RecurrenceInput } from '../../schema/inputs/recurrence.input.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';
import type { StartInstantMeetingInput } from '../../schema/inputs/start-instant-meeting.input.js';
import type { LiveStream } from '../../schema/types/live-stream.type.js';
import type { MediaSettings } from '../../schema/types/media-settings.type.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { RecurrenceRule } from '../../schema/types/recurrence-rule.type.js';
import type { RecurringOccurrence } from '../../schema/types/recurring-occurrence.type.js';
import type { Webinar } from '../../schema/types/webinar.type.js';
import {
  fromEpochSeconds,
  isoWeekday,
  toEpochSecondsString,
  toLocal,
} from '../../util/zoned-time.js';
import type {
  TmAutoRecordType,
  TmCreateMeetingRequest,
  TmCreateWebinarRequest,
  TmLiveConfigRequest,
  TmMeetingInfo,
  TmMeetingSettings,
  TmRecurringRule,
  TmSubMeeting,
  TmUserObj,
  TmWebinarInfo,
  TmWebinarMediaSetting,
} from './tencent-meeting.wire.js';

/**
 * THE translation between the unified model and Tencent's wire spelling, both ways (STYLE:
 * one mapper per provider). Ids stay strings end to end; times are epoch-second strings on the
 * wire and Dates here. Whatever Tencent cannot express is refused with UNSUPPORTED_BY_PROVIDER
 * naming the input field, before any request is sent.
 */

const PROVIDER = Provider.TENCENT_MEETING;
/** Tencent schedules in Beijing time unless told otherwise (docs/reference/providers.md §1.3). */
export const TENCENT_DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** `instanceid` 1 (PC) is the documented default device type (seeds 000/001). */
export const INSTANCE_ID = 1;
/** Seed 001: `until_count` 1–50 and "at most 50 sub-meetings" (T-M7). */
const MAX_SUB_MEETINGS = 50;
/** Seed 001: ≤ 512 bytes after Base64 ≈ 384 raw UTF-8 bytes (T-M6). */
const MAX_MEETING_SUBJECT_BYTES = 384;

const unsupported = (field: string, message: string) =>
  new UnsupportedByProviderError(PROVIDER, field, message);

// ---------------------------------------------------------------------------------------------
// unified → wire

const RECORD_TO_WIRE: Record<RecordingType, TmAutoRecordType> = {
  [RecordingType.NONE]: 'none',
  [RecordingType.LOCAL]: 'local',
  [RecordingType.CLOUD]: 'cloud',
};

/** Meeting `settings` (seed 001): every MediaSettingsInput field has a spelling here. */
export function toMeetingSettings(
  input: MediaSettingsInput | undefined | null,
): TmMeetingSettings | undefined {
  if (!input) return undefined;
  const s: TmMeetingSettings = {};
  if (input.muteOnJoin != null) s.mute_enable_join = input.muteOnJoin;
  if (input.allowUnmuteSelf != null) s.allow_unmute_self = input.allowUnmuteSelf;
  if (input.muteAll != null) s.mute_all = input.muteAll;
  if (input.joinBeforeHost != null) s.allow_in_before_host = input.joinBeforeHost;
  if (input.waitingRoom != null) s.auto_in_waiting_room = input.waitingRoom;
  if (input.screenShareWatermark != null)
    s.allow_screen_shared_watermark = input.screenShareWatermark;
  if (input.watermarkStyle != null)
    s.water_mark_type = input.watermarkStyle === WatermarkStyle.MULTI_ROW ? 1 : 0;
  if (input.enterpriseUsersOnly != null) s.only_enterprise_user_allowed = input.enterpriseUsersOnly;
  if (input.hostVideoOnJoin != null) s.host_video = input.hostVideoOnJoin;
  if (input.participantVideoOnJoin != null) s.participant_video = input.participantVideoOnJoin;
  if (input.autoRecordingType != null) s.auto_record_type = RECORD_TO_WIRE[input.autoRecordingType];
  if (input.recordWhenParticipantJoins != null)
    s.participant_join_auto_record = input.recordWhenParticipantJoins;
  if (input.hostCanPauseAutoRecording != null)
    s.enable_host_pause_auto_record = input.hostCanPauseAutoRecording;
  if (input.playSoundOnJoin != null) s.play_ivr_on_join = input.playSoundOnJoin;
  if (input.playSoundOnLeave != null) s.play_ivr_on_leave = input.playSoundOnLeave;
  return s;
}

/** MediaSettingsInput fields webinar `media_setting` has no spelling for (seed 000). */
const WEBINAR_UNSUPPORTED_MEDIA: ReadonlyArray<keyof MediaSettingsInput> = [
  'muteAll',
  'waitingRoom',
  'hostVideoOnJoin',
  'participantVideoOnJoin',
  'playSoundOnJoin',
  'playSoundOnLeave',
];

/** The MediaSettingsInput fields each kind accepts (for ProviderCapabilities). */
export const MEETING_MEDIA_FIELDS: readonly string[] = [
  'muteOnJoin',
  'allowUnmuteSelf',
  'muteAll',
  'joinBeforeHost',
  'waitingRoom',
  'screenShareWatermark',
  'watermarkStyle',
  'enterpriseUsersOnly',
  'hostVideoOnJoin',
  'participantVideoOnJoin',
  'autoRecordingType',
  'recordWhenParticipantJoins',
  'hostCanPauseAutoRecording',
  'playSoundOnJoin',
  'playSoundOnLeave',
];

/** Webinar `media_setting` (seed 000); refuses the fields it cannot express. */
export function toWebinarMediaSetting(
  input: MediaSettingsInput | undefined | null,
): TmWebinarMediaSetting | undefined {
  if (!input) return undefined;
  for (const field of WEBINAR_UNSUPPORTED_MEDIA) {
    if (input[field] != null) {
      throw unsupported(`input.mediaSettings.${field}`, `webinar media_setting has no ${field}`);
    }
  }
  const s: TmWebinarMediaSetting = {};
  if (input.muteOnJoin != null) s.mute_enable_join = input.muteOnJoin;
  if (input.allowUnmuteSelf != null) s.allow_unmute_self = input.allowUnmuteSelf;
  if (input.joinBeforeHost != null) s.allow_in_before_host = input.joinBeforeHost;
  if (input.screenShareWatermark != null)
    s.allow_screen_shared_watermark = input.screenShareWatermark;
  if (input.watermarkStyle != null)
    s.water_mark_type = input.watermarkStyle === WatermarkStyle.MULTI_ROW ? 1 : 0;
  if (input.enterpriseUsersOnly != null) s.only_enterprise_user_allowed = input.enterpriseUsersOnly;
  if (input.autoRecordingType != null) s.auto_record_type = RECORD_TO_WIRE[input.autoRecordingType];
  if (input.recordWhenParticipantJoins != null)
    s.participant_join_auto_record = input.recordWhenParticipantJoins;
  if (input.hostCanPauseAutoRecording != null)
    s.enable_host_pause_auto_record = input.hostCanPauseAutoRecording;
  return s;
}

const FREQUENCY_TO_TYPE: Record<RecurrenceFrequency, number> = {
  [RecurrenceFrequency.DAILY]: 0,
  [RecurrenceFrequency.WEEKDAYS]: 1,
  [RecurrenceFrequency.WEEKLY]: 2,
  [RecurrenceFrequency.BIWEEKLY]: 3,
  [RecurrenceFrequency.MONTHLY]: 4,
};

/**
 * `recurring_rule` (seed 001). Tencent repeats weekly/biweekly on the start's weekday and
 * monthly on the start's day of month, so a weekday list, another month day or an n-th weekday
 * rule cannot be expressed. A list holding only the start's weekday (or the start's own month
 * day) says the same thing as Tencent's rule and is accepted.
 */
export function toRecurringRule(
  rec: RecurrenceInput,
  startTime: Date,
  timeZone: string,
): TmRecurringRule {
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
  if (rec.monthWeek != null || rec.monthWeekDay != null) {
    throw unsupported(
      'input.recurrence.monthWeek',
      'monthly recurrence on the n-th weekday is not supported',
    );
  }
  if (rec.monthDay != null && rec.monthDay !== start.day) {
    throw unsupported(
      'input.recurrence.monthDay',
      "monthly recurrence on a day other than the start's day of month is not supported",
    );
  }
  const rule: TmRecurringRule = { recurring_type: FREQUENCY_TO_TYPE[rec.frequency] };
  if (rec.count != null) {
    rule.until_type = 1;
    rule.until_count = rec.count;
    return rule;
  }
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
    rule.until_type = 0;
    // T-M5: `until_date` is an integer on the wire, unlike start/end.
    rule.until_date = Math.floor(rec.until.getTime() / 1000);
  }
  return rule;
}

function toLiveConfig(live: LiveStreamInput, subject: string): TmLiveConfigRequest {
  return {
    live_subject: live.subject ?? subject,
    ...(live.summary != null ? { live_summary: live.summary } : {}),
    enable_live_password: live.passwordEnabled ?? false,
    ...(live.passwordEnabled && live.password ? { live_password: live.password } : {}),
    ...(live.chatEnabled != null ? { enable_live_im: live.chatEnabled } : {}),
    ...(live.replayEnabled != null ? { enable_live_replay: live.replayEnabled } : {}),
  };
}

const users = (ids: readonly string[]): TmUserObj[] => ids.map((userid) => ({ userid }));

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

/** POST /v1/meetings body for a scheduled (one-off or recurring) meeting (seed 001). */
export function toCreateMeetingRequest(input: ScheduleMeetingInput): TmCreateMeetingRequest {
  if (input.capacity != null) throw unsupported('input.capacity', 'capacity is umeeting-only');
  checkSubjectBytes(input.subject);
  const timeZone = checkTimeZone(input.timeZone, 'input.timeZone');
  const body: TmCreateMeetingRequest = {
    userid: input.organizer,
    instanceid: INSTANCE_ID,
    subject: input.subject,
    type: 0,
    start_time: toEpochSecondsString(input.startTime),
    end_time: toEpochSecondsString(input.endTime),
  };
  if (input.hosts?.length) body.hosts = users(input.hosts);
  if (input.invitees?.length) body.invitees = users(input.invitees);
  if (input.password) body.password = input.password;
  const settings = toMeetingSettings(input.mediaSettings);
  if (settings) body.settings = settings;
  if (input.recurrence) {
    body.meeting_type = 1;
    body.recurring_rule = toRecurringRule(input.recurrence, input.startTime, timeZone);
  }
  if (input.live) {
    body.enable_live = true;
    body.live_config = toLiveConfig(input.live, input.subject);
  }
  if (input.timeZone !== undefined) body.time_zone = timeZone;
  return body;
}

/** POST /v1/meetings body for a quick meeting (`type` 1) starting now. */
export function toInstantMeetingRequest(
  input: StartInstantMeetingInput,
  now: Date,
): TmCreateMeetingRequest {
  if (input.capacity != null) throw unsupported('input.capacity', 'capacity is umeeting-only');
  checkSubjectBytes(input.subject);
  const end = new Date(now.getTime() + (input.durationMinutes ?? 60) * 60_000);
  const body: TmCreateMeetingRequest = {
    userid: input.organizer,
    instanceid: INSTANCE_ID,
    subject: input.subject,
    type: 1,
    start_time: toEpochSecondsString(now),
    end_time: toEpochSecondsString(end),
  };
  if (input.password) body.password = input.password;
  const settings = toMeetingSettings(input.mediaSettings);
  if (settings) body.settings = settings;
  return body;
}

const ADMISSION_TO_WIRE: Record<AdmissionType, number> = {
  [AdmissionType.PUBLIC]: 0,
  [AdmissionType.REGISTRATION]: 1,
  [AdmissionType.PASSWORD]: 2,
};

/** POST /v1/webinars body (seed 000), every field of the seed. */
export function toCreateWebinarRequest(
  input: ScheduleWebinarInput,
  now: Date,
): TmCreateWebinarRequest {
  // T-W3: the seed's start rule is ambiguous; the client asks for a start in the future (the
  // input's own `inFuture` rule, checked again so the mapper is safe on its own).
  if (input.startTime.getTime() <= now.getTime()) {
    throw new BadUserInputError('startTime must be in the future', {
      field: 'input.startTime',
      rule: 'inFuture',
    });
  }
  if (input.activityPage === false) {
    // Seed 000: cover, description and the attendee count need the activity page.
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
  const timeZone =
    input.timeZone !== undefined ? checkTimeZone(input.timeZone, 'input.timeZone') : undefined;
  const mediaSetting = toWebinarMediaSetting(input.mediaSettings);
  const body: TmCreateWebinarRequest = {
    userid: input.organizer,
    instanceid: INSTANCE_ID,
    subject: input.subject,
    start_time: toEpochSecondsString(input.startTime),
    end_time: toEpochSecondsString(input.endTime),
    admission_type: ADMISSION_TO_WIRE[input.admissionType],
    // T-W1: `hosts` is marked required; send the caller when none are given.
    hosts: users(input.hosts?.length ? input.hosts : [input.organizer]),
    // T-W2: marked required (default false): always sent.
    playback_for_audience: input.playbackForAudience ?? false,
  };
  if (input.sponsor != null) body.sponsor = input.sponsor;
  if (timeZone) body.time_zone = timeZone;
  if (input.admissionType === AdmissionType.PASSWORD && input.password)
    body.password = input.password;
  if (input.coverUrl != null) body.cover_url = input.coverUrl;
  if (input.description != null) body.description = input.description;
  if (input.enableGuestInviteLink != null)
    body.enable_guest_invite_link = input.enableGuestInviteLink;
  if (mediaSetting) body.media_setting = mediaSetting;
  if (input.enableQa != null) body.enable_qa = input.enableQa;
  if (input.sensitiveWords != null) body.sensitive_words = [...input.sensitiveWords];
  if (input.enableManualCheck != null) body.enable_manual_check = input.enableManualCheck;
  if (input.activityPage != null) body.activity_page = input.activityPage;
  if (input.displayAttendeeCount != null)
    body.display_number_of_participants = input.displayAttendeeCount ? 1 : 0;
  if (input.preparationMode != null) body.preparation_mode = input.preparationMode;
  return body;
}

// ---------------------------------------------------------------------------------------------
// wire → unified

export class InvalidAnswer extends ProviderError {
  constructor(operation: string, what: string) {
    super('PROVIDER_RESPONSE_INVALID', `${PROVIDER} ${operation}: ${what}`, {
      provider: PROVIDER,
      operation,
    });
  }
}

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
  };
}
