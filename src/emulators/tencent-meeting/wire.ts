/**
 * The Tencent Meeting emulator's own wire types: the JSON it answers, in Tencent's spelling.
 *
 * Written from the provider documents, NOT imported from the client
 * (src/providers/tencent-meeting/): the emulator is the client's check, so a client mistake must
 * not be mirrored here. Sources: seeds 000 (create webinar) and 001 (create meeting), and
 * docs/reference/providers.md §1.2–§1.4. Ids, codes and times are strings on the wire (§1.5
 * T-M11; seed 001 `start_time`), `until_date` an integer (T-M5).
 */

/** A user in `hosts` / `participants`. The emulator always answers objects (§1.5 T-M1). */
export interface TmUserObj {
  userid: string;
  /** Seed 001: joins anonymously, shown as `nick_name`. */
  is_anonymous?: boolean;
  nick_name?: string;
}

export type TmAutoRecordType = 'none' | 'local' | 'cloud';

/** Meeting `settings` (seed 001's table plus the newer fields of §1.3). */
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
  /** 0 single row, 1 multi-row. */
  water_mark_type?: number;
  only_enterprise_user_allowed?: boolean;
  auto_record_type?: TmAutoRecordType;
  participant_join_auto_record?: boolean;
  enable_host_pause_auto_record?: boolean;
}

/** Webinar `media_setting` (seed 000; named differently from meeting `settings`, §1.7). */
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

/**
 * `recurring_rule` as the emulator stores and echoes it (seed 001, §1.3). A type alias, not an
 * interface, so a stored rule can be re-read as a request body on update (meetings.ts).
 */
export type TmRecurringRule = {
  /** 0 daily, 1 weekdays, 2 weekly, 3 every two weeks, 4 monthly (5 custom is not emulated). */
  recurring_type: number;
  /** 0 until a date, 1 a number of occurrences. */
  until_type: number;
  /** Epoch seconds, an integer on the wire (T-M5). */
  until_date?: number;
  until_count?: number;
};

/** `live_config` (seed 001); `live_addr` is answer-only. */
export interface TmLiveConfig {
  live_subject: string;
  live_summary: string;
  enable_live_password: boolean;
  live_password?: string;
  enable_live_im: boolean;
  enable_live_replay: boolean;
  live_addr: string;
}

/** One `sub_meetings[]` item (§1.3 GET). */
export interface TmSubMeeting {
  sub_meeting_id: string;
  start_time: string;
  end_time: string;
  /** 0 present, 1 deleted (cancelled). */
  status: number;
}

/** `MEETING_STATE_*` (§1.3 "Meeting status values"); `NULL` and `INVALID` are never emitted. */
export type TmMeetingState =
  | 'MEETING_STATE_INIT'
  | 'MEETING_STATE_CANCELLED'
  | 'MEETING_STATE_STARTED'
  | 'MEETING_STATE_ENDED'
  | 'MEETING_STATE_ABOUT_TO_START'
  | 'MEETING_STATE_RECYCLED';

/** `join_meeting_role` of the list / by-code answers (§1.3). */
export type TmJoinMeetingRole = 'creator' | 'hoster' | 'invitee';

/**
 * One `meeting_info_list` item. The create answer (seed 001 输出) carries the fields without
 * state; the GET answer (§1.3 GET) adds status, type, rule and sub-meetings.
 */
export interface TmMeetingInfo {
  subject: string;
  meeting_id: string;
  meeting_code: string;
  /** Only to the creator (§1.3, 1095/42418). */
  password?: string;
  need_password?: boolean;
  status?: TmMeetingState;
  type?: number;
  meeting_type?: number;
  hosts: TmUserObj[];
  participants: TmUserObj[];
  current_hosts?: TmUserObj[];
  user_non_registered?: string[];
  start_time: string;
  end_time: string;
  join_url: string;
  settings: TmMeetingSettings;
  enable_live: boolean;
  /** The create answer carries only `live_addr` (seed 001). */
  live_config?: Partial<TmLiveConfig>;
  recurring_rule?: TmRecurringRule;
  sub_meetings?: TmSubMeeting[];
  has_more_sub_meeting?: number;
  remain_sub_meetings?: number;
  current_sub_meeting_id?: string;
  time_zone?: string;
  host_key?: string;
  join_meeting_role?: TmJoinMeetingRole;
  sync_to_wework?: boolean;
}

/** The PUT answer's item: only ids, settings and live address (§1.3 PUT). */
export interface TmMeetingUpdated {
  meeting_id: string;
  meeting_code: string;
  settings: TmMeetingSettings;
  enable_live: boolean;
  live_config?: { live_addr: string };
  host_key?: string;
}

/** `{meeting_number, meeting_info_list}`: a list even for one meeting (seed 001). */
export interface TmMeetingList<Item = TmMeetingInfo> {
  meeting_number: number;
  meeting_info_list: Item[];
}

/** One ended meeting or sub-meeting of the history list (1095/53805): integer times. */
export interface TmEndedMeeting {
  subject: string;
  meeting_id: string;
  meeting_code: string;
  sub_meeting_id?: string;
  start_time: number;
  end_time: number;
  meeting_type: number;
}

/** GET /v1/history/meetings/{userid} (1095/53805). */
export interface TmEndedMeetingList {
  current_page: number;
  current_size: number;
  total_count: number;
  total_page: number;
  meeting_info_list: TmEndedMeeting[];
}

/** The user listing adds paging cursors (§1.3, 1095/42421). */
export interface TmMeetingListing extends TmMeetingList {
  remaining: number;
  next_pos: number;
  next_cursory: number;
}

/** Create-webinar answer: a flat object, not a list (seed 000 输出). */
export interface TmWebinarCreated {
  subject: string;
  meeting_id: string;
  meeting_code: string;
  start_time: string;
  end_time: string;
  admission_type: number;
  password?: string;
  audience_join_link: string;
  guest_join_link: string;
  manual_check_link?: string;
  manual_check_password?: string;
}

/** Get-webinar answer: the create fields plus state and settings (§1.4 GET, 1095/61972). */
export interface TmWebinarInfo extends TmWebinarCreated {
  status: TmMeetingState;
  sponsor?: string;
  description?: string;
  cover_url?: string;
  time_zone?: string;
  hosts: TmUserObj[];
  media_setting: TmWebinarMediaSetting;
  enable_guest_invite_link: boolean;
  enable_qa: boolean;
  sensitive_words: string[];
  enable_manual_check: boolean;
  activity_page: boolean;
  /** 0 hide, 1 show. */
  display_number_of_participants: number;
  playback_for_audience: boolean;
  playback_url?: string;
  preparation_mode: boolean;
  sync_to_wework: boolean;
}

/** Every failure (§1.2): a non-2xx status and this body. */
export interface TmErrorBody {
  error_info: {
    error_code: number;
    /** The 9-digit code newer answers carry (§1.2). */
    new_error_code: number;
    message: string;
  };
}
