/**
 * Tencent Meeting request/response bodies in the provider's own spelling (seeds 000 and 001,
 * docs/reference/providers.md §1.3–§1.4). These types never leave the provider folder (and its emulator);
 * tencent-meeting.requests.ts builds the requests and tencent-meeting.mapper.ts reads the answers.
 * Ids, codes and times are strings on the wire.
 */

/** Tencent schedules in Beijing time unless told otherwise (docs/reference/providers.md §1.3). */
export const TENCENT_DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** `UserObj` (seed 001). Responses may also carry bare strings (docs/reference/providers.md §1.5 T-M1). */
export interface TmUserObj {
  userid?: string;
  open_id?: string;
  is_anonymous?: boolean;
  nick_name?: string;
}

/** Meeting `settings` (seed 001 plus newer fields, docs/reference/providers.md §1.3). */
export interface TmMeetingSettings {
  mute_enable_join?: boolean;
  allow_unmute_self?: boolean;
  mute_all?: boolean;
  host_video?: boolean;
  participant_video?: boolean;
  enable_record?: boolean;
  play_ivr_on_leave?: boolean;
  play_ivr_on_join?: boolean;
  allow_in_before_host?: boolean;
  auto_in_waiting_room?: boolean;
  allow_screen_shared_watermark?: boolean;
  water_mark_type?: number;
  only_enterprise_user_allowed?: boolean;
  auto_record_type?: TmAutoRecordType;
  participant_join_auto_record?: boolean;
  enable_host_pause_auto_record?: boolean;
}

export type TmAutoRecordType = 'none' | 'local' | 'cloud';

/** Webinar `media_setting` (seed 000). */
export interface TmWebinarMediaSetting {
  mute_enable_join?: boolean;
  allow_unmute_self?: boolean;
  allow_in_before_host?: boolean;
  allow_screen_shared_watermark?: boolean;
  water_mark_type?: number;
  only_enterprise_user_allowed?: boolean;
  auto_record_type?: TmAutoRecordType;
  participant_join_auto_record?: boolean;
  enable_host_pause_auto_record?: boolean;
}

/** `recurring_rule` (seed 001; `until_date` is an integer, T-M5). */
export interface TmRecurringRule {
  /** 0 daily, 1 weekdays, 2 weekly, 3 biweekly, 4 monthly, 5 custom. */
  recurring_type?: number;
  /** 0 until a date, 1 a count. */
  until_type?: number;
  until_date?: number | string;
  until_count?: number;
}

export interface TmLiveConfigRequest {
  live_subject?: string;
  live_summary?: string;
  enable_live_password?: boolean;
  live_password?: string;
  enable_live_im?: boolean;
  enable_live_replay?: boolean;
}

export interface TmLiveConfigResponse extends TmLiveConfigRequest {
  live_addr?: string;
}

export interface TmCreateMeetingRequest {
  userid: string;
  instanceid: number;
  subject: string;
  /** 0 scheduled, 1 quick (instant). */
  type: number;
  start_time: string;
  end_time: string;
  hosts?: TmUserObj[];
  invitees?: TmUserObj[];
  password?: string;
  settings?: TmMeetingSettings;
  meeting_type?: number;
  recurring_rule?: TmRecurringRule;
  enable_live?: boolean;
  live_config?: TmLiveConfigRequest;
  time_zone?: string;
  /** Create only (docs/reference/providers.md §1.3 "newer optional"; default true). */
  sync_to_wework?: boolean;
}

/**
 * PUT /v1/meetings/{id} body (§1.3 PUT): `userid`, `instanceid` and any create field; what is
 * absent stays. `hosts: []` clears, `password: ""` removes the password, and
 * `recurring_rule.sub_meeting_id` moves one occurrence (with that occurrence's new times).
 */
export interface TmUpdateMeetingRequest {
  userid: string;
  instanceid: number;
  subject?: string;
  start_time?: string;
  end_time?: string;
  hosts?: TmUserObj[];
  invitees?: TmUserObj[];
  password?: string;
  settings?: TmMeetingSettings;
  meeting_type?: number;
  recurring_rule?: TmRecurringRule & { sub_meeting_id?: string };
  enable_live?: boolean;
  live_config?: TmLiveConfigRequest;
  time_zone?: string;
}

export interface TmSubMeeting {
  sub_meeting_id: string;
  start_time: string;
  end_time: string;
  /** 0 present, 1 deleted (cancelled). */
  status: number;
}

export interface TmMeetingInfo {
  subject: string;
  meeting_id: string;
  meeting_code?: string;
  password?: string;
  need_password?: boolean;
  status?: string;
  type?: number;
  meeting_type?: number;
  hosts?: Array<TmUserObj | string>;
  participants?: Array<TmUserObj | string>;
  current_hosts?: Array<TmUserObj | string>;
  user_non_registered?: string[];
  start_time: string;
  end_time: string;
  join_url?: string;
  settings?: TmMeetingSettings;
  enable_live?: boolean;
  live_config?: TmLiveConfigResponse;
  recurring_rule?: TmRecurringRule;
  sub_meetings?: TmSubMeeting[];
  has_more_sub_meeting?: number;
  remain_sub_meetings?: number;
  current_sub_meeting_id?: string;
  time_zone?: string;
  host_key?: string;
  join_meeting_role?: string;
  sync_to_wework?: boolean;
}

export interface TmMeetingListResponse {
  meeting_number: number;
  meeting_info_list: TmMeetingInfo[];
}

/**
 * GET /v1/meetings?userid=… (1095/42421): at most 20 a call; `remaining` > 0 means more, asked
 * with `pos` = `next_pos` (start time, epoch s, inclusive: items may repeat) or `cursory`.
 */
export interface TmUserMeetingListResponse extends TmMeetingListResponse {
  remaining?: number;
  next_pos?: number;
  next_cursory?: number;
}

/** One item of GET /v1/history/meetings/{userid} (1095/53805): times are integers here. */
export interface TmEndedMeetingItem {
  subject?: string;
  meeting_id?: string;
  meeting_code?: string;
  sub_meeting_id?: string;
  start_time?: number | string;
  end_time?: number | string;
  /** 0 one-off, 1 recurring, 2 WeChat, 4 Rooms, 5 PMI, 6 webinar. */
  meeting_type?: number;
}

export interface TmEndedMeetingsResponse {
  current_page?: number;
  current_size?: number;
  total_count?: number;
  total_page?: number;
  meeting_info_list?: TmEndedMeetingItem[];
}

export interface TmCancelMeetingRequest {
  userid: string;
  instanceid: number;
  reason_code: number;
  reason_detail?: string;
  meeting_type?: number;
  sub_meeting_id?: string;
}

export interface TmCreateWebinarRequest {
  userid: string;
  instanceid: number;
  subject: string;
  sponsor?: string;
  start_time: string;
  end_time: string;
  time_zone?: string;
  /** 0 public, 1 registration, 2 password. */
  admission_type: number;
  hosts?: TmUserObj[];
  password?: string;
  cover_url?: string;
  description?: string;
  enable_guest_invite_link?: boolean;
  media_setting?: TmWebinarMediaSetting;
  enable_qa?: boolean;
  sensitive_words?: string[];
  enable_manual_check?: boolean;
  activity_page?: boolean;
  /** 0 hide, 1 show. */
  display_number_of_participants?: number;
  playback_for_audience?: boolean;
  sync_to_wework?: boolean;
  preparation_mode?: boolean;
}

/**
 * PUT /v1/webinars/{id} body (§1.4 PUT, 1095/61964): every create field optional (but
 * `sync_to_wework`, create-only); `start_time` only together with `end_time`; `hosts` overwrites.
 */
export type TmUpdateWebinarRequest = Partial<
  Omit<TmCreateWebinarRequest, 'userid' | 'instanceid' | 'sync_to_wework'>
> & { userid: string; instanceid: number };

/** Create-webinar answer: a flat object (seed 000). */
export interface TmWebinarCreated {
  subject: string;
  meeting_id: string;
  meeting_code?: string;
  start_time: string;
  end_time: string;
  admission_type?: number;
  password?: string;
  audience_join_link?: string;
  guest_join_link?: string;
  manual_check_link?: string;
  manual_check_password?: string;
}

/** Get-webinar answer (docs/reference/providers.md §1.4 GET): the create fields plus state. */
export interface TmWebinarInfo extends TmWebinarCreated {
  status?: string;
  sponsor?: string;
  description?: string;
  cover_url?: string;
  hosts?: Array<TmUserObj | string>;
  media_setting?: TmWebinarMediaSetting;
  enable_guest_invite_link?: boolean;
  enable_qa?: boolean;
  sensitive_words?: string[];
  enable_manual_check?: boolean;
  activity_page?: boolean;
  display_number_of_participants?: number;
  playback_for_audience?: boolean;
  playback_url?: string;
  preparation_mode?: boolean;
  time_zone?: string;
  warm_up_picture?: string;
  warm_up_video?: string;
  sync_to_wework?: boolean;
}

export interface TmCancelWebinarRequest {
  userid: string;
  instanceid: number;
  reason_code: number;
  reason_detail?: string;
}

/** Error body (docs/reference/providers.md §1.2). */
export interface TmErrorBody {
  error_info: {
    error_code: number;
    new_error_code?: number;
    message: string;
  };
}
