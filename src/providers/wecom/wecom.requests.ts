import { AdmissionType } from '../../schema/enums/admission-type.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import { WatermarkStyle } from '../../schema/enums/watermark-style.enum.js';
import type { MediaSettingsInput } from '../../schema/inputs/media-settings.input.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';
import { toEpochSecondsString } from '../../util/zoned-time.js';
import type {
  WecomMeetingCreateRequest,
  WecomMeetingSettings,
  WecomWebinarCreateRequest,
  WecomWebinarMediaSetting,
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
  if (input.sponsor != null) body.sponsor = input.sponsor;
  if (input.hosts != null) body.hosts = input.hosts.map((userid) => ({ userid }));
  if (input.password != null) body.password = input.password;
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
  return body;
}
