/*
 * The WeCom emulator's own wire types: settings as WeCom spells them, the documented defaults, the
 * answers it sends (seed 003; docs/reference/providers.md §2.1–§2.6). Written from the provider
 * documents, independent of the client (src/providers/wecom/), which it checks.
 */

/**
 * Every answer carries `errcode` (0 = success) and `errmsg`, always with HTTP 200 (§2.2). The
 * answer types below are the payloads; `wecomOk` (errors.ts) wraps them in this envelope.
 */
export interface WecomEnvelope {
  errcode: number;
  errmsg: string;
}

/** `GET /cgi-bin/gettoken` answer (§2.1, path/91039). */
export interface WecomTokenAnswer {
  access_token: string;
  /** Seconds; 7200 normally (§2.1). */
  expires_in: number;
}

export type WecomAutoRecordType = 'none' | 'local' | 'cloud';

/** Webinar `media_setting` request names (§2.4, path/98842 and 98843). */
export interface WebinarMediaSetting {
  enable_enter_mute: boolean;
  allow_unmute_self: boolean;
  allow_enter_before_host: boolean;
  enable_screen_watermark: boolean;
  /** 0 single row, 1 multi-row. */
  watermark_type: number;
  /** W-5: by its name, true = external users may join (seed 003's text says the opposite). */
  allow_external_user: boolean;
  auto_record_type: string;
  attendee_join_auto_record: boolean;
  enable_host_pause_auto_record: boolean;
}

/**
 * Defaults from seed 003's MediaSetting table (§2.4). They differ from Tencent's webinar
 * defaults (mute-on-join and allow-unmute are false here).
 */
export const WEBINAR_MEDIA_DEFAULTS: WebinarMediaSetting = {
  enable_enter_mute: false,
  allow_unmute_self: false,
  allow_enter_before_host: true,
  enable_screen_watermark: false,
  watermark_type: 0,
  allow_external_user: false,
  auto_record_type: 'none',
  attendee_join_auto_record: false,
  enable_host_pause_auto_record: true,
};

/** Meeting `settings` (§2.5, path/97454 and 98148); `hosts` is `{userid: []}` on the wire. */
export interface MeetingSettings {
  password?: string;
  enable_waiting_room: boolean;
  allow_enter_before_host: boolean;
  /** An integer on meetings (§2.5): 0 off, 1 on, 2 on above six people [I]. */
  enable_enter_mute: number;
  allow_unmute_self: boolean;
  mute_all: boolean;
  allow_external_user: boolean;
  enable_screen_watermark: boolean;
  watermark_type: number;
  auto_record_type: string;
  attendee_join_auto_record: boolean;
  enable_host_pause_auto_record: boolean;
  hosts: string[];
}

/**
 * Meeting `settings` defaults [I: as the webinar ones; the meeting doc's table is not in our
 * sources].
 */
export const MEETING_SETTING_DEFAULTS: Omit<MeetingSettings, 'hosts'> = {
  enable_waiting_room: false,
  allow_enter_before_host: true,
  enable_enter_mute: 0,
  allow_unmute_self: true,
  mute_all: false,
  allow_external_user: false,
  enable_screen_watermark: false,
  watermark_type: 0,
  auto_record_type: 'none',
  attendee_join_auto_record: false,
  enable_host_pause_auto_record: true,
};

/**
 * WeCom meeting `get_info` status integers. The real table is unverified (§2.5, §4);
 * ASSUMPTION, stated the same way in the client mapper and docs/providers/wecom.md:
 * 1 waiting (INIT), 2 in progress (STARTED), 3 ended (ENDED), 4 cancelled (CANCELLED),
 * 5 expired/recycled (RECYCLED).
 */
export const MEETING_STATUS = {
  waiting: 1,
  inProgress: 2,
  ended: 3,
  cancelled: 4,
  expired: 5,
} as const;
export type WecomMeetingStatus = (typeof MEETING_STATUS)[keyof typeof MEETING_STATUS];

/** Webinar `status`: a `MEETING_STATE_*` string, unlike meeting `get_info` (§2.6 W-3, W-9). */
export type WecomWebinarStatus =
  | 'MEETING_STATE_INIT'
  | 'MEETING_STATE_CANCELLED'
  | 'MEETING_STATE_STARTED'
  | 'MEETING_STATE_ENDED'
  | 'MEETING_STATE_ABOUT_TO_START'
  | 'MEETING_STATE_RECYCLED';

/** The links of a webinar (§2.4 create response); the manual-check pair only when enabled. */
export interface WebinarLinks {
  audience_join_link: string;
  guest_join_link: string;
  manual_check_link?: string;
  manual_check_password?: string;
}

/** `webinar/create` answer (§2.4; SKIT `CgibinMeetingWebinarCreateResponse.json`). */
export interface WebinarCreated extends WebinarLinks {
  meetingid: string;
  meeting_code: string;
  title: string;
  start_time: string;
  end_time: string;
  admission_type: number;
  password?: string;
}

/**
 * `webinar/get` answer, sent as is: seed 003's shape has no `errcode`/`errmsg` (W-6), plus
 * `meeting_code` and `status` from its table (W-3). `media_setting` carries both spellings of
 * mute-on-join (W-2).
 */
export interface WebinarDetails extends WebinarLinks {
  meetingid: string;
  meeting_code: string;
  title: string;
  status: WecomWebinarStatus;
  sponsor?: string;
  start_time: string;
  end_time: string;
  admission_type: number;
  hosts: Array<{ userid: string }>;
  password?: string;
  cover_url?: string;
  description?: string;
  enable_guest_invite_link: boolean;
  media_setting: WebinarMediaSetting & { mute_enable_join: boolean };
  enable_qa: boolean;
  activity_page: boolean;
  /** A number (W-4: the table types it as a string, the example as a number). */
  display_number_of_attendees: number;
  playback_for_audience: boolean;
  playback_url?: string;
  preparation_mode: boolean;
  warm_up_picture?: string;
  warm_up_video?: string;
  allow_attendees_invite_others: boolean;
}

/**
 * `meeting/create` answer (§2.5; SKIT `CgibinMeetingCreateResponse.json`): `meetingid` and
 * `excess_users`; `meeting_code` and `meeting_link` are an emulator extension (see state.ts).
 */
export interface MeetingCreated {
  meetingid: string;
  excess_users: string[];
  meeting_code?: string;
  meeting_link?: string;
}

/** `meeting/get_info` answer (§2.5, path/98149): integer times and status. */
export interface MeetingDetails {
  /** Not in the documented answer either; a lookup by code needs it. */
  meetingid: string;
  admin_userid: string;
  title: string;
  meeting_start: number;
  meeting_duration: number;
  description?: string;
  location?: string;
  status: WecomMeetingStatus;
  meeting_type: number;
  attendees: { member: Array<{ userid: string; status: number }>; tmp_external_user: unknown[] };
  settings: Omit<MeetingSettings, 'hosts'> & { hosts: { userid: string[] } };
  meeting_code: string;
  meeting_link: string;
  /** Only for a recurring meeting (path/98149). */
  reminders?: MeetingReminders;
}

/**
 * Meeting `reminders` (create path/98148, update path/98154, get_info path/98149): a recurring
 * meeting's rule. Value tables as WeCom's meeting docs and a public client that copies them
 * (Mud.Wechat.Work `MeetingSubRepeatInfo`) state them; see docs/providers/wecom.md "Recurring
 * meetings". `repeat_until` is epoch seconds.
 */
export interface MeetingReminders {
  /** 0 one-off, 1 recurring. */
  is_repeat: number;
  /** 0 daily, 1 weekly, 2 monthly, 7 working days (Monday to Friday). */
  repeat_type?: number;
  /** 0 the preset rule; 1 custom: `repeat_interval` and the day lists apply. */
  is_custom_repeat?: number;
  /** Every n days / weeks / months (custom repeats only). */
  repeat_interval?: number;
  /** 1–7, Monday to Sunday (custom weekly). */
  repeat_day_of_week?: number[];
  /** 1–31 (custom monthly). */
  repeat_day_of_month?: number[];
  /** 0 ends on `repeat_until`; 1 ends after `repeat_until_count` meetings. */
  repeat_until_type?: number;
  repeat_until_count?: number;
  repeat_until?: number;
  /** Seconds before the start to remind (0, 300, 900, 3600, 86400). */
  remind_before?: number[];
}

/** `meeting/get_user_meetingid` answer (path/97457, 98714): ids only, paged by cursor. */
export interface MeetingIdList {
  /** Empty or absent when the list is done. */
  next_cursor: string;
  meetingid_list: string[];
}
