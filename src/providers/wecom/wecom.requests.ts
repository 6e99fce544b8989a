import { AdmissionType } from '../../schema/enums/admission-type.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import { WatermarkStyle } from '../../schema/enums/watermark-style.enum.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { Weekday } from '../../schema/enums/weekday.enum.js';
import type { MediaSettingsInput } from '../../schema/inputs/media-settings.input.js';
import type { RecurrenceInput } from '../../schema/inputs/recurrence.input.js';
import type { UpdateMeetingInput } from '../../schema/inputs/update-meeting.input.js';
import type { UpdateWebinarInput } from '../../schema/inputs/update-webinar.input.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';
import { toEpochSecondsString } from '../../util/zoned-time.js';
import type {
  WecomMeetingCreateRequest,
  WecomMeetingReminders,
  WecomMeetingSettings,
  WecomMeetingUpdateRequest,
  WecomWarmUpRequest,
  WecomWebinarCreateRequest,
  WecomWebinarMediaSetting,
  WecomWebinarUpdateRequest,
} from './wecom.wire.js';

/**
 * Our inputs → WeCom's request bodies (docs/reference/providers.md §2.4, §2.5). The inputs have
 * passed the capabilities check (which fields) and wecom.input-rules.ts (which values).
 */

const ADMISSION_CODE: Record<AdmissionType, number> = {
  [AdmissionType.PUBLIC]: 0,
  [AdmissionType.REGISTRATION]: 1,
  [AdmissionType.PASSWORD]: 2,
};
const RECORDING_WIRE: Record<RecordingType, string> = {
  [RecordingType.NONE]: 'none',
  [RecordingType.LOCAL]: 'local',
  [RecordingType.CLOUD]: 'cloud',
};

// ---------------------------------------------------------------- media settings

/** The common part of webinar `media_setting` and meeting `settings`, from the input. */
function mediaToWire(m: MediaSettingsInput): Omit<WecomWebinarMediaSetting, 'enable_enter_mute'> {
  const out: Omit<WecomWebinarMediaSetting, 'enable_enter_mute'> = {};
  if (m.allowUnmuteSelf != null) out.allow_unmute_self = m.allowUnmuteSelf;
  if (m.joinBeforeHost != null) out.allow_enter_before_host = m.joinBeforeHost;
  if (m.screenShareWatermark != null) out.enable_screen_watermark = m.screenShareWatermark;
  if (m.watermarkStyle != null)
    out.watermark_type = m.watermarkStyle === WatermarkStyle.MULTI_ROW ? 1 : 0;
  if (m.enterpriseUsersOnly != null) out.allow_external_user = !m.enterpriseUsersOnly; // W-5
  if (m.autoRecordingType != null) out.auto_record_type = RECORDING_WIRE[m.autoRecordingType];
  if (m.recordWhenParticipantJoins != null)
    out.attendee_join_auto_record = m.recordWhenParticipantJoins;
  if (m.hostCanPauseAutoRecording != null)
    out.enable_host_pause_auto_record = m.hostCanPauseAutoRecording;
  return out;
}

function webinarMediaToWire(m: MediaSettingsInput): WecomWebinarMediaSetting {
  return {
    ...(m.muteOnJoin != null ? { enable_enter_mute: m.muteOnJoin } : {}),
    ...mediaToWire(m),
  };
}

function meetingSettingsToWire(m: MediaSettingsInput): WecomMeetingSettings {
  return {
    ...(m.muteOnJoin != null ? { enable_enter_mute: m.muteOnJoin ? 1 : 0 } : {}),
    ...(m.muteAll != null ? { mute_all: m.muteAll } : {}),
    ...(m.waitingRoom != null ? { enable_waiting_room: m.waitingRoom } : {}),
    ...mediaToWire(m),
  };
}

// ---------------------------------------------------------------- webinars

/** `webinar/create` body (path/98842). Fields the input leaves out are left to WeCom's defaults. */
export function webinarCreateRequest(input: ScheduleWebinarInput): WecomWebinarCreateRequest {
  const body: WecomWebinarCreateRequest = {
    admin_userid: input.organizer,
    title: input.subject,
    start_time: toEpochSecondsString(input.startTime),
    end_time: toEpochSecondsString(input.endTime),
    admission_type: ADMISSION_CODE[input.admissionType],
  };
  if (input.password != null) body.password = input.password;
  return withWebinarOptions(body, input);
}

/** The optional webinar fields a create or an update carries (path/98842, 98843). */
type WebinarOptions = Pick<
  UpdateWebinarInput,
  | 'sponsor'
  | 'hosts'
  | 'coverUrl'
  | 'description'
  | 'enableGuestInviteLink'
  | 'mediaSettings'
  | 'enableQa'
  | 'sensitiveWords'
  | 'enableManualCheck'
  | 'activityPage'
  | 'displayAttendeeCount'
  | 'playbackForAudience'
  | 'preparationMode'
>;

function withWebinarOptions<T extends Omit<WecomWebinarCreateRequest, 'admin_userid'>>(
  body: T,
  input: WebinarOptions,
): T {
  if (input.sponsor != null) body.sponsor = input.sponsor;
  if (input.hosts != null) body.hosts = input.hosts.map((userid) => ({ userid }));
  if (input.coverUrl != null) body.cover_url = input.coverUrl;
  if (input.description != null) body.description = input.description;
  if (input.enableGuestInviteLink != null)
    body.enable_guest_invite_link = input.enableGuestInviteLink;
  if (input.mediaSettings != null) body.media_setting = webinarMediaToWire(input.mediaSettings);
  if (input.enableQa != null) body.enable_qa = input.enableQa;
  if (input.sensitiveWords != null) body.sensitive_words = input.sensitiveWords;
  if (input.enableManualCheck != null) body.enable_manual_check = input.enableManualCheck;
  if (input.activityPage != null) body.activity_page = input.activityPage;
  if (input.displayAttendeeCount != null) {
    body.display_number_of_attendees = input.displayAttendeeCount ? 1 : 0;
  }
  if (input.playbackForAudience != null) body.playback_for_audience = input.playbackForAudience;
  if (input.preparationMode != null) body.preparation_mode = input.preparationMode;
  return body;
}

/**
 * `webinar/update` body (path/98843). Its table marks title, start_time, end_time and
 * admission_type required, so the current webinar's fill those the input leaves out (and its
 * password while the admission stays PASSWORD); the other fields go only when given.
 */
export function webinarUpdateRequest(
  meetingid: string,
  input: UpdateWebinarInput,
  current: { subject: string; admissionType: AdmissionType; password: string | null },
  times: { start: Date; end: Date },
): WecomWebinarUpdateRequest {
  const admission = input.admissionType ?? current.admissionType;
  const body: WecomWebinarUpdateRequest = {
    meetingid,
    title: input.subject ?? current.subject,
    start_time: toEpochSecondsString(times.start),
    end_time: toEpochSecondsString(times.end),
    admission_type: ADMISSION_CODE[admission],
  };
  const password =
    input.password ?? (admission === AdmissionType.PASSWORD ? current.password : null);
  if (password != null) body.password = password;
  return withWebinarOptions(body, input);
}

/** The fields only `webinar/update_warm_up` changes (path/98882). */
export const WARM_UP_FIELDS = [
  'warmUpPicture',
  'warmUpVideo',
  'allowAttendeesInviteOthers',
] as const;

/** `webinar/update_warm_up` body (path/98882), or null when the input changes none of its fields. */
export function warmUpRequest(
  meetingid: string,
  input: UpdateWebinarInput,
): WecomWarmUpRequest | null {
  if (WARM_UP_FIELDS.every((field) => input[field] == null)) return null;
  const body: WecomWarmUpRequest = { meetingid };
  if (input.warmUpPicture != null) body.warm_up_picture = input.warmUpPicture;
  if (input.warmUpVideo != null) body.warm_up_video = input.warmUpVideo;
  if (input.allowAttendeesInviteOthers != null) {
    body.allow_attendees_invite_others = input.allowAttendeesInviteOthers;
  }
  return body;
}

// ---------------------------------------------------------------- meetings

/** `meeting/create` body (path/97454): start + duration in seconds (§2.5). */
export function meetingCreateRequest(input: ScheduleMeetingInput): WecomMeetingCreateRequest {
  const start = Math.floor(input.startTime.getTime() / 1000);
  const end = Math.floor(input.endTime.getTime() / 1000);
  const settings: WecomMeetingSettings = input.mediaSettings
    ? meetingSettingsToWire(input.mediaSettings)
    : {};
  if (input.password != null) settings.password = input.password;
  if (input.hosts != null) settings.hosts = { userid: input.hosts };
  const body: WecomMeetingCreateRequest = {
    admin_userid: input.organizer,
    title: input.subject,
    meeting_start: start,
    meeting_duration: end - start,
  };
  if (input.invitees != null) body.invitees = { userid: input.invitees };
  if (Object.keys(settings).length > 0) body.settings = settings;
  if (input.recurrence != null) body.reminders = remindersFromRecurrence(input.recurrence);
  return body;
}

/**
 * `meeting/update` body (path/98154): `meetingid` and only what the input changes (a field not
 * sent stays). New times go as `meeting_start` with `meeting_duration` (the doc requires both
 * together); `times` is the meeting's resulting start and end, set when either time is given.
 */
export function meetingUpdateRequest(
  meetingid: string,
  input: UpdateMeetingInput,
  times: { start: Date; end: Date } | null,
): WecomMeetingUpdateRequest {
  const body: WecomMeetingUpdateRequest = { meetingid };
  if (input.subject != null) body.title = input.subject;
  if (times) {
    const start = Math.floor(times.start.getTime() / 1000);
    body.meeting_start = start;
    body.meeting_duration = Math.floor(times.end.getTime() / 1000) - start;
  }
  if (input.invitees != null) body.invitees = { userid: input.invitees };
  const settings: WecomMeetingSettings = input.mediaSettings
    ? meetingSettingsToWire(input.mediaSettings)
    : {};
  if (input.password != null) settings.password = input.password;
  if (input.hosts != null) settings.hosts = { userid: input.hosts };
  if (Object.keys(settings).length > 0) body.settings = settings;
  if (input.recurrence != null) body.reminders = remindersFromRecurrence(input.recurrence);
  return body;
}

// ---------------------------------------------------------------- recurrence

/** `repeat_day_of_week`: 1–7, Monday to Sunday (path/98148). */
const WEEKDAY_NUMBER: Record<Weekday, number> = {
  [Weekday.MONDAY]: 1,
  [Weekday.TUESDAY]: 2,
  [Weekday.WEDNESDAY]: 3,
  [Weekday.THURSDAY]: 4,
  [Weekday.FRIDAY]: 5,
  [Weekday.SATURDAY]: 6,
  [Weekday.SUNDAY]: 7,
};

/**
 * A RecurrenceInput → `reminders` (create path/98148, update path/98154; the value table in
 * docs/providers/wecom.md "Recurring meetings"): `repeat_type` 0 daily, 1 weekly, 2 monthly,
 * 7 working days; a custom repeat (`is_custom_repeat` 1) carries `repeat_interval` and the day
 * lists, so BIWEEKLY is weekly every 2 weeks, WEEKLY `weekDays` is `repeat_day_of_week` and
 * MONTHLY `monthDay` is `repeat_day_of_month`. `count` ends it by number (`repeat_until_type` 1),
 * `until` by date (0, epoch seconds). What the docs do not confirm (`monthWeek`/`monthWeekDay`)
 * is refused by the capabilities before this runs.
 */
export function remindersFromRecurrence(r: RecurrenceInput): WecomMeetingReminders {
  const out: WecomMeetingReminders = { is_repeat: 1 };
  switch (r.frequency) {
    case RecurrenceFrequency.DAILY:
      out.repeat_type = 0;
      break;
    case RecurrenceFrequency.WEEKDAYS:
      out.repeat_type = 7;
      break;
    case RecurrenceFrequency.WEEKLY:
      out.repeat_type = 1;
      if (r.weekDays?.length) {
        out.is_custom_repeat = 1;
        out.repeat_interval = 1;
        out.repeat_day_of_week = r.weekDays.map((d) => WEEKDAY_NUMBER[d]).sort((a, b) => a - b);
      }
      break;
    case RecurrenceFrequency.BIWEEKLY:
      out.repeat_type = 1;
      out.is_custom_repeat = 1;
      out.repeat_interval = 2;
      break;
    case RecurrenceFrequency.MONTHLY:
      out.repeat_type = 2;
      if (r.monthDay != null) {
        out.is_custom_repeat = 1;
        out.repeat_interval = 1;
        out.repeat_day_of_month = [r.monthDay];
      }
      break;
  }
  if (r.count != null) {
    out.repeat_until_type = 1;
    out.repeat_until_count = r.count;
  } else if (r.until != null) {
    out.repeat_until_type = 0;
    out.repeat_until = Math.floor(r.until.getTime() / 1000);
  }
  return out;
}
