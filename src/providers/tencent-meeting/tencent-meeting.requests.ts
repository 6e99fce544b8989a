import { AdmissionType } from '../../schema/enums/admission-type.enum.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { WatermarkStyle } from '../../schema/enums/watermark-style.enum.js';
import type { LiveStreamInput } from '../../schema/inputs/live-stream.input.js';
import type { MediaSettingsInput } from '../../schema/inputs/media-settings.input.js';
import type { RecurrenceInput } from '../../schema/inputs/recurrence.input.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';
import type { StartInstantMeetingInput } from '../../schema/inputs/start-instant-meeting.input.js';
import type { AnonymousAttendeeInput } from '../../schema/inputs/anonymous-attendee.input.js';
import type { UpdateMeetingInput } from '../../schema/inputs/update-meeting.input.js';
import type { UpdateWebinarInput } from '../../schema/inputs/update-webinar.input.js';
import { toEpochSecondsString } from '../../util/zoned-time.js';
import type {
  TmAutoRecordType,
  TmCreateMeetingRequest,
  TmCreateWebinarRequest,
  TmLiveConfigRequest,
  TmMeetingSettings,
  TmRecurringRule,
  TmUpdateMeetingRequest,
  TmUpdateWebinarRequest,
  TmUserObj,
  TmWebinarMediaSetting,
} from './tencent-meeting.wire.js';

/**
 * Our inputs → Tencent's request bodies (seeds 000, 001). Ids stay strings; times are
 * epoch-second strings on the wire. The inputs have passed the capabilities check (which
 * fields) and tencent-meeting.input-rules.ts (which values), so building never refuses.
 */

/** `instanceid` 1 (PC) is the documented default device type (seeds 000/001). */
export const INSTANCE_ID = 1;

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

/** Webinar `media_setting` (seed 000); the fields it cannot express are not in the capabilities. */
export function toWebinarMediaSetting(
  input: MediaSettingsInput | undefined | null,
): TmWebinarMediaSetting | undefined {
  if (!input) return undefined;
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
 * monthly on the start's day of month (checked in tencent-meeting.input-rules.ts).
 */
export function toRecurringRule(rec: RecurrenceInput): TmRecurringRule {
  const rule: TmRecurringRule = { recurring_type: FREQUENCY_TO_TYPE[rec.frequency] };
  if (rec.count != null) {
    rule.until_type = 1;
    rule.until_count = rec.count;
    return rule;
  }
  if (rec.until) {
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

/**
 * `UserObj`s (seed 001); a user named in `anonymous` joins anonymously: `is_anonymous: true` and
 * `nick_name` when one is given (the provider picks one otherwise).
 */
const users = (
  ids: readonly string[],
  anonymous: readonly AnonymousAttendeeInput[] = [],
): TmUserObj[] =>
  ids.map((userid) => {
    const hidden = anonymous.find((a) => a.userId === userid);
    if (!hidden) return { userid };
    return {
      userid,
      is_anonymous: true,
      ...(hidden.nickname != null ? { nick_name: hidden.nickname } : {}),
    };
  });

/** POST /v1/meetings body for a scheduled (one-off or recurring) meeting (seed 001). */
export function toCreateMeetingRequest(input: ScheduleMeetingInput): TmCreateMeetingRequest {
  const body: TmCreateMeetingRequest = {
    userid: input.organizer,
    instanceid: INSTANCE_ID,
    subject: input.subject,
    type: 0,
    start_time: toEpochSecondsString(input.startTime),
    end_time: toEpochSecondsString(input.endTime),
  };
  const anonymous = input.anonymousAttendees ?? [];
  if (input.hosts?.length) body.hosts = users(input.hosts, anonymous);
  if (input.invitees?.length) body.invitees = users(input.invitees, anonymous);
  if (input.password) body.password = input.password;
  const settings = toMeetingSettings(input.mediaSettings);
  if (settings) body.settings = settings;
  if (input.recurrence) {
    body.meeting_type = 1;
    body.recurring_rule = toRecurringRule(input.recurrence);
  }
  if (input.live) {
    body.enable_live = true;
    body.live_config = toLiveConfig(input.live, input.subject);
  }
  if (input.timeZone !== undefined) body.time_zone = input.timeZone;
  if (input.syncToWeWork != null) body.sync_to_wework = input.syncToWeWork;
  return body;
}

/** What an update needs of the meeting as it is now (read before the update). */
export interface CurrentTimes {
  startTime: Date;
  endTime?: Date | null;
}

/**
 * PUT /v1/meetings/{id} body (§1.3 PUT) for what `input` gives; nothing else is sent, so the
 * rest stays. Tencent takes `start_time` and `end_time` together: one given alone is completed
 * from `current` (a new start keeps the current length, a new end keeps the current start).
 * `password: null` is sent as `""` (removes it); `hosts: []` and `invitees: []` clear them.
 */
export function toUpdateMeetingRequest(
  input: UpdateMeetingInput,
  organizer: string,
  current: CurrentTimes | null,
): TmUpdateMeetingRequest {
  const body: TmUpdateMeetingRequest = { userid: organizer, instanceid: INSTANCE_ID };
  if (input.subject != null) body.subject = input.subject;
  const times = updatedTimes(input, current);
  if (times) {
    body.start_time = toEpochSecondsString(times.start);
    body.end_time = toEpochSecondsString(times.end);
  }
  if (input.hosts != null) body.hosts = users(input.hosts);
  if (input.invitees != null) body.invitees = users(input.invitees);
  if (input.password === null) body.password = '';
  else if (input.password != null) body.password = input.password;
  const settings = toMeetingSettings(input.mediaSettings);
  if (settings) body.settings = settings;
  if (input.recurrence) {
    body.meeting_type = 1;
    body.recurring_rule = toRecurringRule(input.recurrence);
  }
  if (input.live) {
    body.enable_live = true;
    const live = toLiveConfig(input.live, input.subject ?? '');
    // Without a live subject or a new subject, the current live subject stays.
    if (!live.live_subject) delete live.live_subject;
    body.live_config = live;
  }
  if (input.timeZone != null) body.time_zone = input.timeZone;
  return body;
}

/**
 * The start and end to send, or undefined when neither changes. A start alone keeps the current
 * length; an end alone keeps the current start (the input rules checked it is after it).
 */
export function updatedTimes(
  input: { startTime?: Date | null; endTime?: Date | null },
  current: CurrentTimes | null,
): { start: Date; end: Date } | undefined {
  const { startTime, endTime } = input;
  if (startTime == null && endTime == null) return undefined;
  if (startTime != null && endTime != null) return { start: startTime, end: endTime };
  if (!current) throw new Error('updatedTimes: the current times are needed');
  if (startTime != null) {
    const length =
      current.endTime == null ? 3_600_000 : current.endTime.getTime() - current.startTime.getTime();
    return { start: startTime, end: new Date(startTime.getTime() + length) };
  }
  return { start: current.startTime, end: endTime! };
}

/**
 * PUT /v1/meetings/{id} body moving one occurrence (§1.3 PUT: `recurring_rule.sub_meeting_id`
 * with that occurrence's new times; never together with a rule change).
 */
export function toMoveOccurrenceRequest(
  organizer: string,
  subMeetingId: string,
  start: Date,
  end: Date,
): TmUpdateMeetingRequest {
  return {
    userid: organizer,
    instanceid: INSTANCE_ID,
    meeting_type: 1,
    recurring_rule: { sub_meeting_id: subMeetingId },
    start_time: toEpochSecondsString(start),
    end_time: toEpochSecondsString(end),
  };
}

/** POST /v1/meetings body for a quick meeting (`type` 1) starting now. */
export function toInstantMeetingRequest(
  input: StartInstantMeetingInput,
  now: Date,
): TmCreateMeetingRequest {
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
export function toCreateWebinarRequest(input: ScheduleWebinarInput): TmCreateWebinarRequest {
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
  if (input.timeZone !== undefined) body.time_zone = input.timeZone;
  if (input.admissionType === AdmissionType.PASSWORD && input.password)
    body.password = input.password;
  setWebinarOptions(body, input);
  if (input.syncToWeWork != null) body.sync_to_wework = input.syncToWeWork;
  return body;
}

/**
 * The optional fields a create and an update map alike (seed 000; §1.4 PUT, 1095/61964): set
 * only what the input gives.
 */
function setWebinarOptions(
  body: TmUpdateWebinarRequest,
  input: Pick<
    UpdateWebinarInput,
    | 'description'
    | 'coverUrl'
    | 'mediaSettings'
    | 'enableQa'
    | 'sensitiveWords'
    | 'enableManualCheck'
    | 'activityPage'
    | 'displayAttendeeCount'
    | 'preparationMode'
    | 'enableGuestInviteLink'
  >,
): void {
  if (input.description != null) body.description = input.description;
  if (input.coverUrl != null) body.cover_url = input.coverUrl;
  const mediaSetting = toWebinarMediaSetting(input.mediaSettings);
  if (mediaSetting) body.media_setting = mediaSetting;
  if (input.enableQa != null) body.enable_qa = input.enableQa;
  if (input.sensitiveWords != null) body.sensitive_words = [...input.sensitiveWords];
  if (input.enableManualCheck != null) body.enable_manual_check = input.enableManualCheck;
  if (input.activityPage != null) body.activity_page = input.activityPage;
  if (input.displayAttendeeCount != null)
    body.display_number_of_participants = input.displayAttendeeCount ? 1 : 0;
  if (input.preparationMode != null) body.preparation_mode = input.preparationMode;
  if (input.enableGuestInviteLink != null)
    body.enable_guest_invite_link = input.enableGuestInviteLink;
}

/**
 * PUT /v1/webinars/{id} body (§1.4 PUT, 1095/61964) for what `input` gives. `start_time` must
 * travel with `end_time`: one given alone is completed from `current`. `hosts` overwrites.
 */
export function toUpdateWebinarRequest(
  input: UpdateWebinarInput,
  organizer: string,
  current: CurrentTimes | null,
): TmUpdateWebinarRequest {
  const body: TmUpdateWebinarRequest = { userid: organizer, instanceid: INSTANCE_ID };
  if (input.subject != null) body.subject = input.subject;
  if (input.sponsor != null) body.sponsor = input.sponsor;
  const times = updatedTimes(input, current);
  if (times) {
    body.start_time = toEpochSecondsString(times.start);
    body.end_time = toEpochSecondsString(times.end);
  }
  if (input.admissionType != null) body.admission_type = ADMISSION_TO_WIRE[input.admissionType];
  if (input.password != null) body.password = input.password;
  if (input.hosts != null) body.hosts = users(input.hosts);
  if (input.playbackForAudience != null) body.playback_for_audience = input.playbackForAudience;
  setWebinarOptions(body, input);
  return body;
}
