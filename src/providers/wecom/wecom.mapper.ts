import { toRrule, type RecurrenceSpec } from '../../domain/recurrence.js';
import { AdmissionType } from '../../schema/enums/admission-type.enum.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { WEEKDAY_ORDER, type Weekday } from '../../schema/enums/weekday.enum.js';
import { MeetingKind } from '../../schema/enums/meeting-kind.enum.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import { WatermarkStyle } from '../../schema/enums/watermark-style.enum.js';
import { meetingGlobalId, webinarGlobalId } from '../../schema/ids.js';
import type { MediaSettingsInput } from '../../schema/inputs/media-settings.input.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';
import type { MediaSettings } from '../../schema/types/media-settings.type.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { RecurrenceRule } from '../../schema/types/recurrence-rule.type.js';
import type { Webinar } from '../../schema/types/webinar.type.js';
import { fromEpochSeconds } from '../../util/zoned-time.js';
import { responseInvalid } from './wecom.errors.js';
import type {
  WecomMeetingCreateResponse,
  WecomWebinarCreateResponse,
  WecomMeetingGetInfoResponse,
  WecomMeetingReminders,
  WecomMeetingSettings,
  WecomWebinarGetResponse,
  WecomWebinarMediaSetting,
} from './wecom.wire.js';

/**
 * The WeCom mapper: answers (WeCom spelling, docs/reference/providers.md §2.4–§2.6, seed 003) → unified
 * model; requests are built in wecom.requests.ts.
 * Reads accept both spellings where the seed and the docs disagree (W-1 `title`/`subject`, W-2
 * `enable_enter_mute`/`mute_enable_join`, W-4 number-or-string `display_number_of_attendees`).
 * A value WeCom does not report maps to null, never to a guessed default.
 */

// ---------------------------------------------------------------- small readers

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const not = (v: boolean | null): boolean | null => (v === null ? null : !v);

/** 0/1 given as a number or a numeric string (W-4). */
function zeroOne(v: unknown): boolean | null {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return n === 1 ? true : n === 0 ? false : null;
}

const ADMISSION: Record<number, AdmissionType> = {
  0: AdmissionType.PUBLIC,
  1: AdmissionType.REGISTRATION,
  2: AdmissionType.PASSWORD,
};
const WATERMARK: Record<number, WatermarkStyle> = {
  0: WatermarkStyle.SINGLE_ROW,
  1: WatermarkStyle.MULTI_ROW,
};
const RECORDING: Record<string, RecordingType> = {
  none: RecordingType.NONE,
  local: RecordingType.LOCAL,
  cloud: RecordingType.CLOUD,
};

const lookup = <T>(table: Record<string | number, T>, key: unknown): T | null =>
  (typeof key === 'number' || typeof key === 'string') && key in table ? table[key]! : null;

/** `MEETING_STATE_*` of webinar get (W-3, W-9); missing or unknown → INVALID. */
export function webinarStatusFromWire(status: unknown): MeetingStatus {
  if (typeof status !== 'string') return MeetingStatus.INVALID;
  const name = status.replace(/^MEETING_STATE_/, '');
  if (name === 'NULL') return MeetingStatus.ENDED; // Tencent's "past end, nobody in" (§1.3)
  return (Object.values(MeetingStatus) as string[]).includes(name)
    ? (name as MeetingStatus)
    : MeetingStatus.INVALID;
}

/**
 * Meeting `get_info` `status` is an integer whose table is unverified (docs/reference/providers.md §2.5).
 * ASSUMPTION, shared with the emulator (MEETING_STATUS) and docs/providers/wecom.md:
 * 1 waiting → INIT, 2 in progress → ABOUT_TO_START, 3 ended → ENDED, 4 cancelled → CANCELLED,
 * 5 expired → RECYCLED; anything else → INVALID.
 *
 * "In progress" only says the scheduled time has come: nothing in `get_info` says whether anyone
 * is in (the emulator reports it from the start to the end, people or not), so it is reported as
 * ABOUT_TO_START — what WeCom webinars and Tencent answer for the same situation with nobody in —
 * and a WeCom meeting never reports STARTED (MeetingStatus descriptions).
 */
export const MEETING_STATUS_BY_CODE: Record<number, MeetingStatus> = {
  1: MeetingStatus.INIT,
  2: MeetingStatus.ABOUT_TO_START,
  3: MeetingStatus.ENDED,
  4: MeetingStatus.CANCELLED,
  5: MeetingStatus.RECYCLED,
};

// ---------------------------------------------------------------- media settings

export function webinarMediaFromWire(m: WecomWebinarMediaSetting | undefined): MediaSettings {
  const s = m ?? {};
  return {
    // W-2: the request/table name wins; the get example's spelling is the fallback.
    muteOnJoin: bool(s.enable_enter_mute) ?? bool(s.mute_enable_join),
    allowUnmuteSelf: bool(s.allow_unmute_self),
    muteAll: null,
    joinBeforeHost: bool(s.allow_enter_before_host),
    waitingRoom: null,
    screenShareWatermark: bool(s.enable_screen_watermark),
    watermarkStyle: lookup(WATERMARK, s.watermark_type),
    // W-5: follow the field's name (true = outsiders allowed); see MediaSettings' description.
    enterpriseUsersOnly: not(bool(s.allow_external_user)),
    hostVideoOnJoin: null,
    participantVideoOnJoin: null,
    autoRecordingType: lookup(RECORDING, s.auto_record_type),
    recordWhenParticipantJoins: bool(s.attendee_join_auto_record),
    hostCanPauseAutoRecording: bool(s.enable_host_pause_auto_record),
    playSoundOnJoin: null,
    playSoundOnLeave: null,
  };
}

export function meetingMediaFromWire(m: WecomMeetingSettings | undefined): MediaSettings {
  const s = m ?? {};
  return {
    // Meeting `enable_enter_mute` is an integer (§2.5): 0 off, 1 on; 2 ("on above six people")
    // is neither, so it is reported as null rather than guessed.
    muteOnJoin: s.enable_enter_mute === 1 ? true : s.enable_enter_mute === 0 ? false : null,
    allowUnmuteSelf: bool(s.allow_unmute_self),
    muteAll: bool(s.mute_all),
    joinBeforeHost: bool(s.allow_enter_before_host),
    waitingRoom: bool(s.enable_waiting_room),
    screenShareWatermark: bool(s.enable_screen_watermark),
    watermarkStyle: lookup(WATERMARK, s.watermark_type),
    enterpriseUsersOnly: not(bool(s.allow_external_user)), // W-5
    hostVideoOnJoin: null,
    participantVideoOnJoin: null,
    autoRecordingType: lookup(RECORDING, s.auto_record_type),
    recordWhenParticipantJoins: bool(s.attendee_join_auto_record),
    hostCanPauseAutoRecording: bool(s.enable_host_pause_auto_record),
    playSoundOnJoin: null,
    playSoundOnLeave: null,
  };
}

// ---------------------------------------------------------------- webinars

/**
 * A `webinar/get` answer (seed 003) → Webinar. `meetingid`, the title and both times are
 * required (PROVIDER_RESPONSE_INVALID otherwise); everything else is null when not reported.
 * WeCom's get does not report `sensitive_words`, `enable_manual_check` (only its link, present
 * when it is on) or the creator, so those are null here.
 */
export function webinarFromWire(w: WecomWebinarGetResponse, operation: string): Webinar {
  const meetingid = str(w.meetingid);
  const subject = str(w.title) ?? str(w.subject); // W-1
  const startTime = fromEpochSeconds(w.start_time); // W-7: string or number
  const endTime = fromEpochSeconds(w.end_time);
  if (!meetingid || subject === null || !startTime || !endTime) {
    throw responseInvalid(
      operation,
      'webinar answer lacks meetingid, title, start_time or end_time',
    );
  }
  const manualCheckLink = str(w.manual_check_link);
  return {
    id: webinarGlobalId(Provider.WECOM, meetingid),
    provider: Provider.WECOM,
    providerId: meetingid,
    meetingCode: str(w.meeting_code),
    subject,
    sponsor: str(w.sponsor),
    description: str(w.description),
    coverUrl: str(w.cover_url),
    status: webinarStatusFromWire(w.status),
    startTime,
    endTime,
    admissionType: lookup(ADMISSION, w.admission_type),
    password: str(w.password),
    organizer: null,
    hosts: hostIds(w.hosts),
    audienceJoinLink: str(w.audience_join_link),
    guestJoinLink: str(w.guest_join_link),
    enableGuestInviteLink: bool(w.enable_guest_invite_link),
    mediaSettings: webinarMediaFromWire(w.media_setting),
    enableQa: bool(w.enable_qa),
    sensitiveWords: null,
    // "manual_check_link: returned when enable_manual_check is on" (seed 003).
    enableManualCheck: manualCheckLink ? true : null,
    manualCheckLink,
    manualCheckPassword: str(w.manual_check_password),
    activityPage: bool(w.activity_page),
    displayAttendeeCount: zeroOne(w.display_number_of_attendees), // W-4
    playbackForAudience: bool(w.playback_for_audience),
    playbackUrl: str(w.playback_url),
    preparationMode: bool(w.preparation_mode),
    warmUpPicture: str(w.warm_up_picture),
    warmUpVideo: str(w.warm_up_video),
    allowAttendeesInviteOthers: bool(w.allow_attendees_invite_others),
    registeredCount: null,
  };
}

function hostIds(hosts: unknown): string[] {
  if (!Array.isArray(hosts)) return [];
  return hosts
    .map((h: unknown) =>
      typeof h === 'string' ? h : str((h as { userid?: unknown } | null)?.userid),
    )
    .filter((h): h is string => typeof h === 'string' && h !== '');
}

// ---------------------------------------------------------------- meetings

/**
 * A `get_info` answer → Meeting. `meetingid` is not in the documented answer (§2.5), so the id
 * the caller asked for is used when it is absent; `meeting_start` and `meeting_duration` are
 * required and give startTime/endTime.
 */
export function meetingFromWire(
  m: WecomMeetingGetInfoResponse,
  knownId: string | undefined,
  operation: string,
): Meeting {
  const meetingid = str(m.meetingid) ?? knownId;
  const startTime = fromEpochSeconds(m.meeting_start);
  const duration = Number(m.meeting_duration);
  const subject = str(m.title);
  if (!meetingid || !startTime || !Number.isFinite(duration) || duration < 0 || subject === null) {
    throw responseInvalid(
      operation,
      'meeting answer lacks meetingid, title, meeting_start or meeting_duration',
    );
  }
  const members = Array.isArray(m.attendees?.member) ? m.attendees.member : [];
  return {
    id: meetingGlobalId(Provider.WECOM, meetingid),
    provider: Provider.WECOM,
    providerId: meetingid,
    meetingCode: str(m.meeting_code),
    subject,
    kind: MeetingKind.SCHEDULED,
    status: lookup(MEETING_STATUS_BY_CODE, m.status) ?? MeetingStatus.INVALID,
    startTime,
    endTime: new Date(startTime.getTime() + duration * 1000),
    password: str(m.settings?.password),
    organizer: str(m.admin_userid),
    hosts: Array.isArray(m.settings?.hosts?.userid)
      ? m.settings.hosts.userid.filter((h) => typeof h === 'string')
      : [],
    invitees: hostIds(members),
    joinUrl: str(m.meeting_link),
    mediaSettings: meetingMediaFromWire(m.settings),
    recurrence: recurrenceFromWire(m.reminders),
    // get_info's `sub_meetings` lists only the occurrences changed on their own (有特例的子会议,
    // `has_more_sub_meeting`), so the series' occurrences are not listed (docs/providers/wecom.md).
    occurrences: [],
    live: null,
    timeZone: null,
    capacity: null,
    hostKey: null,
    startUrl: null,
  };
}

// ---------------------------------------------------------------- recurrence

const WEEKDAY_BY_NUMBER: Record<number, Weekday> = Object.fromEntries(
  WEEKDAY_ORDER.map((day, i) => [i + 1, day]),
);

const numbers = (v: unknown): number[] =>
  Array.isArray(v) ? v.filter((n): n is number => typeof n === 'number') : [];

/**
 * get_info `reminders` → RecurrenceRule (the inverse of `remindersFromRecurrence`; value table in
 * docs/providers/wecom.md "Recurring meetings"). Null for a one-off. A rule our model cannot
 * express (every 3 weeks, several days of the month) is null too rather than a nearest
 * frequency that would misstate when it meets.
 */
export function recurrenceFromWire(r: WecomMeetingReminders | undefined): RecurrenceRule | null {
  if (!r || Number(r.is_repeat) !== 1) return null;
  const custom = Number(r.is_custom_repeat) === 1;
  const interval = custom ? Number(r.repeat_interval ?? 1) : 1;
  const weekDays = numbers(r.repeat_day_of_week);
  const monthDays = numbers(r.repeat_day_of_month);
  let spec: RecurrenceSpec;
  switch (Number(r.repeat_type)) {
    case 0:
      if (interval !== 1) return null;
      spec = { frequency: RecurrenceFrequency.DAILY };
      break;
    case 7:
      spec = { frequency: RecurrenceFrequency.WEEKDAYS };
      break;
    case 1:
      if (interval === 2 && weekDays.length <= 1) {
        spec = { frequency: RecurrenceFrequency.BIWEEKLY };
      } else if (interval === 1) {
        const days = custom ? weekDays.map((n) => WEEKDAY_BY_NUMBER[n]) : [];
        if (days.some((d) => d === undefined)) return null;
        spec = {
          frequency: RecurrenceFrequency.WEEKLY,
          weekDays: days.length > 0 ? (days as Weekday[]) : null,
        };
      } else return null;
      break;
    case 2:
      if (interval !== 1 || monthDays.length > 1) return null;
      spec = {
        frequency: RecurrenceFrequency.MONTHLY,
        monthDay: custom && monthDays.length === 1 ? monthDays[0]! : null,
      };
      break;
    default:
      return null;
  }
  if (Number(r.repeat_until_type) === 1 && Number(r.repeat_until_count) > 0) {
    spec.count = Number(r.repeat_until_count);
  } else {
    spec.until = fromEpochSeconds(r.repeat_until) ?? null;
  }
  return {
    frequency: spec.frequency,
    weekDays: spec.weekDays ?? null,
    monthDay: spec.monthDay ?? null,
    monthWeek: null,
    monthWeekDay: null,
    until: spec.until ?? null,
    count: spec.count ?? null,
    rrule: toRrule(spec),
  };
}

// ---------------------------------------------------------------- answers built after a create

/** What we sent, as MediaSettings: the given fields, null for the rest (WeCom did not report). */
function mediaFromInput(m: MediaSettingsInput | undefined | null): MediaSettings {
  return {
    muteOnJoin: m?.muteOnJoin ?? null,
    allowUnmuteSelf: m?.allowUnmuteSelf ?? null,
    muteAll: m?.muteAll ?? null,
    joinBeforeHost: m?.joinBeforeHost ?? null,
    waitingRoom: m?.waitingRoom ?? null,
    screenShareWatermark: m?.screenShareWatermark ?? null,
    watermarkStyle: m?.watermarkStyle ?? null,
    enterpriseUsersOnly: m?.enterpriseUsersOnly ?? null,
    hostVideoOnJoin: null,
    participantVideoOnJoin: null,
    autoRecordingType: m?.autoRecordingType ?? null,
    recordWhenParticipantJoins: m?.recordWhenParticipantJoins ?? null,
    hostCanPauseAutoRecording: m?.hostCanPauseAutoRecording ?? null,
    playSoundOnJoin: null,
    playSoundOnLeave: null,
  };
}

/**
 * A webinar from its create answer and the input, for when the read-back after a create fails:
 * the webinar exists, so the caller must get it, not an error (a retry would book it twice).
 * What WeCom's get never reports (the creator, the sensitive words) is null, as on any read.
 */
export function webinarFromCreate(
  created: WecomWebinarCreateResponse,
  meetingid: string,
  input: ScheduleWebinarInput,
): Webinar {
  return {
    id: webinarGlobalId(Provider.WECOM, meetingid),
    provider: Provider.WECOM,
    providerId: meetingid,
    meetingCode: str(created.meeting_code),
    subject: str(created.title) ?? input.subject,
    sponsor: input.sponsor ?? null,
    description: input.description ?? null,
    coverUrl: input.coverUrl ?? null,
    status: MeetingStatus.INIT, // the start is in the future (checked before sending)
    startTime: fromEpochSeconds(created.start_time) ?? input.startTime,
    endTime: fromEpochSeconds(created.end_time) ?? input.endTime,
    admissionType: lookup(ADMISSION, created.admission_type) ?? input.admissionType,
    password: str(created.password) ?? input.password ?? null,
    organizer: null,
    hosts: input.hosts ?? [input.organizer],
    audienceJoinLink: str(created.audience_join_link),
    guestJoinLink: str(created.guest_join_link),
    enableGuestInviteLink: input.enableGuestInviteLink ?? null,
    mediaSettings: mediaFromInput(input.mediaSettings),
    enableQa: input.enableQa ?? null,
    sensitiveWords: null,
    // As a read tells it: the check link is returned when manual check is on (seed 003).
    enableManualCheck: str(created.manual_check_link) ? true : null,
    manualCheckLink: str(created.manual_check_link),
    manualCheckPassword: str(created.manual_check_password),
    activityPage: input.activityPage ?? null,
    displayAttendeeCount: input.displayAttendeeCount ?? null,
    playbackForAudience: input.playbackForAudience ?? null,
    playbackUrl: null,
    preparationMode: input.preparationMode ?? null,
    warmUpPicture: null,
    warmUpVideo: null,
    allowAttendeesInviteOthers: null,
    registeredCount: null,
  };
}

/**
 * A meeting from its create answer and the input. WeCom's create answer has only `meetingid`
 * (and `excess_users`), so everything else is what we sent and WeCom accepted; media settings
 * not sent are null (not reported), never a guessed default.
 */
export function meetingFromCreate(
  created: WecomMeetingCreateResponse,
  meetingid: string,
  input: ScheduleMeetingInput,
  meetingCode: string | null,
): Meeting {
  const start = Math.floor(input.startTime.getTime() / 1000) * 1000;
  const end = Math.floor(input.endTime.getTime() / 1000) * 1000;
  return {
    id: meetingGlobalId(Provider.WECOM, meetingid),
    provider: Provider.WECOM,
    providerId: meetingid,
    meetingCode: meetingCode ?? str(created.meeting_code),
    subject: input.subject,
    kind: MeetingKind.SCHEDULED,
    status: MeetingStatus.INIT, // the start is in the future (checked before sending)
    startTime: new Date(start),
    endTime: new Date(end),
    password: input.password ?? null,
    organizer: input.organizer,
    hosts: input.hosts ?? [input.organizer],
    invitees: input.invitees ?? [],
    joinUrl: str(created.meeting_link),
    mediaSettings: mediaFromInput(input.mediaSettings),
    recurrence: null,
    occurrences: [],
    live: null,
    timeZone: null,
    capacity: null,
    hostKey: null,
    startUrl: null,
  };
}
