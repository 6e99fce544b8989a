/**
 * WeCom request/response shapes in WeCom's own spelling (docs/reference/providers.md §2.4, §2.5, seed 003).
 * They never leave this folder; wecom.requests.ts builds the requests and wecom.mapper.ts reads
 * the answers.
 */

/** Every WeCom answer: `errcode` 0 is success; a missing `errcode` is success too (W-6). */
export interface WecomEnvelope {
  errcode?: number;
  errmsg?: string;
}

export interface WecomGettokenResponse extends WecomEnvelope {
  access_token?: string;
  expires_in?: number;
}

/** Webinar `media_setting`: request names of path/98842 plus the get example's alias (W-2). */
export interface WecomWebinarMediaSetting {
  enable_enter_mute?: boolean;
  /** Seed 003's example spelling of `enable_enter_mute` (W-2). */
  mute_enable_join?: boolean;
  allow_unmute_self?: boolean;
  allow_enter_before_host?: boolean;
  enable_screen_watermark?: boolean;
  watermark_type?: number;
  /** Read as NOT "enterprise users only" (W-5). */
  allow_external_user?: boolean;
  auto_record_type?: string;
  attendee_join_auto_record?: boolean;
  enable_host_pause_auto_record?: boolean;
}

export interface WecomHost {
  userid: string;
}

/** `POST /cgi-bin/meeting/webinar/create` body (path/98842). */
export interface WecomWebinarCreateRequest {
  admin_userid: string;
  title: string;
  sponsor?: string;
  start_time: string;
  end_time: string;
  admission_type: number;
  hosts?: WecomHost[];
  password?: string;
  cover_url?: string;
  description?: string;
  enable_guest_invite_link?: boolean;
  media_setting?: WecomWebinarMediaSetting;
  enable_qa?: boolean;
  sensitive_words?: string[];
  enable_manual_check?: boolean;
  activity_page?: boolean;
  display_number_of_attendees?: number;
  playback_for_audience?: boolean;
  preparation_mode?: boolean;
}

export interface WecomWebinarCreateResponse extends WecomEnvelope {
  meetingid?: string;
  meeting_code?: string;
  title?: string;
  start_time?: string;
  end_time?: string;
  admission_type?: number;
  password?: string;
  audience_join_link?: string;
  guest_join_link?: string;
  manual_check_link?: string;
  manual_check_password?: string;
}

/** `POST /cgi-bin/meeting/webinar/get` answer: every field of seed 003 plus its table's extras. */
export interface WecomWebinarGetResponse extends WecomEnvelope {
  meetingid?: string;
  meeting_code?: string;
  /** W-1: the example says `title`, the table `subject`. */
  title?: string;
  subject?: string;
  /** `MEETING_STATE_*` (W-3). */
  status?: string;
  sponsor?: string;
  start_time?: string | number;
  end_time?: string | number;
  admission_type?: number;
  hosts?: Array<WecomHost | string>;
  password?: string;
  cover_url?: string;
  description?: string;
  enable_guest_invite_link?: boolean;
  audience_join_link?: string;
  guest_join_link?: string;
  media_setting?: WecomWebinarMediaSetting;
  enable_qa?: boolean;
  manual_check_link?: string;
  manual_check_password?: string;
  activity_page?: boolean;
  /** W-4: a string in the table, a number in the example. */
  display_number_of_attendees?: number | string;
  playback_for_audience?: boolean;
  playback_url?: string;
  preparation_mode?: boolean;
  warm_up_picture?: string;
  warm_up_video?: string;
  allow_attendees_invite_others?: boolean;
}

/** Meeting `settings` (path/97454); `enable_enter_mute` is an integer here. */
export interface WecomMeetingSettings {
  password?: string;
  enable_waiting_room?: boolean;
  allow_enter_before_host?: boolean;
  enable_enter_mute?: number;
  allow_unmute_self?: boolean;
  mute_all?: boolean;
  allow_external_user?: boolean;
  enable_screen_watermark?: boolean;
  watermark_type?: number;
  auto_record_type?: string;
  attendee_join_auto_record?: boolean;
  enable_host_pause_auto_record?: boolean;
  hosts?: { userid?: string[] };
}

/** `POST /cgi-bin/meeting/create` body (path/97454). */
export interface WecomMeetingCreateRequest {
  admin_userid: string;
  title: string;
  meeting_start: number;
  meeting_duration: number;
  invitees?: { userid: string[] };
  settings?: WecomMeetingSettings;
  reminders?: WecomMeetingReminders;
}

export interface WecomMeetingCreateResponse extends WecomEnvelope {
  meetingid?: string;
  excess_users?: string[];
  /** Not in the documented answer (§2.5); used when present (the emulator sends it). */
  meeting_code?: string;
  meeting_link?: string;
}

/** `POST /cgi-bin/meeting/get_info` answer (path/98149). */
export interface WecomMeetingGetInfoResponse extends WecomEnvelope {
  /** Not in the documented answer (§2.5); needed to name a meeting looked up by code. */
  meetingid?: string;
  admin_userid?: string;
  title?: string;
  meeting_start?: number | string;
  meeting_duration?: number | string;
  description?: string;
  location?: string;
  /** Integer, table unverified (§2.5); see STATUS_BY_CODE in the mapper. */
  status?: number;
  meeting_type?: number;
  attendees?: { member?: Array<{ userid?: string } | string>; tmp_external_user?: unknown[] };
  settings?: WecomMeetingSettings;
  meeting_code?: string;
  meeting_link?: string;
  /** A recurring meeting's rule (path/98149). */
  reminders?: WecomMeetingReminders;
}

/**
 * Meeting `reminders` (create path/98148, update path/98154, get_info path/98149): how a series
 * repeats. Values: docs/providers/wecom.md "Recurring meetings".
 */
export interface WecomMeetingReminders {
  /** 0 one-off, 1 recurring. */
  is_repeat?: number;
  /** 0 daily, 1 weekly, 2 monthly, 7 working days. */
  repeat_type?: number;
  /** 1: `repeat_interval` and the day lists apply. */
  is_custom_repeat?: number;
  repeat_interval?: number;
  /** 1–7, Monday to Sunday. */
  repeat_day_of_week?: number[];
  /** 1–31. */
  repeat_day_of_month?: number[];
  /** 0 ends on `repeat_until` (epoch s); 1 after `repeat_until_count` meetings. */
  repeat_until_type?: number;
  repeat_until_count?: number;
  repeat_until?: number | string;
  remind_before?: number[];
}

/**
 * `POST /cgi-bin/meeting/update` body (path/98154): `meetingid` plus the create fields to change;
 * a field not sent stays. `meeting_start` needs `meeting_duration` with it.
 */
export interface WecomMeetingUpdateRequest {
  meetingid: string;
  title?: string;
  meeting_start?: number;
  meeting_duration?: number;
  invitees?: { userid: string[] };
  settings?: WecomMeetingSettings;
  reminders?: WecomMeetingReminders;
}

/** `POST /cgi-bin/meeting/get_user_meetingid` body (path/97457, 98714). */
export interface WecomMeetingIdListRequest {
  userid: string;
  cursor?: string;
  begin_time?: number;
  end_time?: number;
  limit?: number;
}

export interface WecomMeetingIdListResponse extends WecomEnvelope {
  /** Absent or empty when the list is done. */
  next_cursor?: string;
  meetingid_list?: string[];
}

/** `POST /cgi-bin/meeting/webinar/update` body (path/98843): title, times, admission required. */
export type WecomWebinarUpdateRequest = Omit<WecomWebinarCreateRequest, 'admin_userid'> & {
  meetingid: string;
};

/** `POST /cgi-bin/meeting/webinar/update_warm_up` body (path/98882). */
export interface WecomWarmUpRequest {
  meetingid: string;
  warm_up_picture?: string;
  warm_up_video?: string;
  allow_attendees_invite_others?: boolean;
}
