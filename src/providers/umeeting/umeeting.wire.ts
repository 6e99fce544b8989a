import { Weekday } from '../../schema/enums/weekday.enum.js';

/**
 * umeeting wire shapes, in the provider's own spelling (docs/reference/providers.md §3.2, seeds 002 and 004).
 * Every call is a form POST (`application/x-www-form-urlencoded`, docs/reference/providers.md §3.1); every answer
 * is `{status, message, data}` JSON where `status` 200 means success. Numbers and booleans drift
 * between numbers and strings across the examples (§3.4 U-5, U-13), so read types are loose.
 */

/** The form fields of one call, credentials excluded (the client adds them). */
export type UmeetingForm = Record<string, string>;

export interface UmeetingEnvelope {
  /** 200 is success; any other value is a failure (number or numeric string, §3.1). */
  status?: number | string;
  message?: string;
  data?: unknown;
}

/** A boolean as umeeting spells it: `"true"`/`"false"`, sometimes a real boolean (§3.4 U-5). */
export type UmeetingBool = string | boolean | number | null | undefined;

/** A number that may arrive as a numeric string (§3.4 U-13). */
export type UmeetingNumber = string | number | null | undefined;

/** One occurrence of a recurring meeting (seed 004 `occurrences[]`). */
export interface UmeetingOccurrenceWire {
  start_time?: string;
  /** Opaque, Base64-like, e.g. `2d3l1sotx4rky8vcipkrku==` (seed 004). */
  uuid?: string;
  /** Emulator extension (not in the published docs): the occurrence's own state. */
  status?: UmeetingNumber;
}

/** `data` of `/umeeting/share/schedule` and `/umeeting/share/instant` (seeds 002, 004). */
export interface UmeetingCreateData {
  meeting_id?: string | number;
  host_key?: string;
  join_url?: string;
  /** "7" in every seed revision (§3.4 U-4): never trusted. */
  start_time?: string;
  host_id?: string;
  token?: string;
  mute_upon_entry?: UmeetingBool;
  ready_time?: UmeetingNumber;
  start_url?: string;
  play_addr?: string;
  watch_url?: string;
  live_id?: string | number;
  occurrences?: UmeetingOccurrenceWire[];
}

/** Option fields shared by schedule, instant and (as an emulator extension) get. */
export interface UmeetingOptionsWire {
  mute_upon_entry?: UmeetingBool;
  waiting_room?: UmeetingBool;
  option_host_video?: UmeetingBool;
  option_participants_video?: UmeetingBool;
  /** Instant only (§3.4 U-18). */
  option_jbh?: UmeetingBool;
  /** `cloud` or `none`. */
  recording?: string | null;
  allow_live_streaming?: UmeetingBool;
}

/** Recurrence fields (docs/reference/providers.md §3.3). */
export interface UmeetingRecurrenceWire {
  /** 1 daily, 2 weekly, 3 monthly; `""` or absent: not recurring (§3.4 U-6). */
  recurrence_type?: UmeetingNumber;
  /** 1 every day, 2 weekdays. */
  daily_type?: UmeetingNumber;
  /** Comma list (ASCII or full-width, §3.4 U-7) of UMEETING_WEEKDAY numbers. */
  weekly_days?: string | null;
  monthly_day?: UmeetingNumber;
  monthly_week?: UmeetingNumber;
  monthly_week_day?: UmeetingNumber;
  end_times?: UmeetingNumber;
  end_date_time?: string | null;
}

/**
 * `data` of `/umeeting/share/get` (docs/reference/providers.md §3.2 #3). The documented fields, plus what our
 * emulator echoes as an extension (`type` as in `/share/list`, the options, the recurrence fields
 * and `occurrences`); the client reads the extension fields when present and reports null when
 * they are absent, as the real service may omit them.
 */
export interface UmeetingMeetingWire extends UmeetingOptionsWire, UmeetingRecurrenceWire {
  id?: string | number;
  topic?: string;
  start_time?: string;
  duration?: UmeetingNumber;
  password?: string | null;
  join_url?: string | null;
  user_key?: string | null;
  /** The get example spells it `user_Key` (§3.4 U-13). */
  user_Key?: string | null;
  meeting_capacity?: UmeetingNumber;
  /** 0 booked, 1 in progress, 2 cancelled, 3 ended. */
  status?: UmeetingNumber;
  /** "0" normal, "1" deleted. */
  del_flag?: UmeetingNumber;
  play_addr?: string | null;
  watch_url?: string | null;
  /** `/share/list` spelling: "1" instant, "2" scheduled. */
  type?: UmeetingNumber;
  host_name?: string | null;
  occurrences?: UmeetingOccurrenceWire[];
  /** Host secrets: only create answers carry them (never logged, §3.4 U-15). */
  host_key?: string | null;
  start_url?: string | null;
  /** Create answers only (seeds 002/004): [I] minutes of early-join allowance. */
  ready_time?: UmeetingNumber;
  /** Create answers only (seeds 002/004): the host account's id. */
  host_id?: string | null;
  /** Schedule answer at HEAD (§3.2 #1): the live stream's id. */
  live_id?: string | number | null;
}

/** umeeting `status` values of a meeting (docs/reference/providers.md §3.2 #3). */
export const UMEETING_STATUS = {
  BOOKED: 0,
  IN_PROGRESS: 1,
  CANCELLED: 2,
  ENDED: 3,
} as const;

/** `recurrence_type` values (docs/reference/providers.md §3.3). */
export const UMEETING_RECURRENCE_TYPE = { DAILY: 1, WEEKLY: 2, MONTHLY: 3 } as const;

/** `daily_type` values (docs/reference/providers.md §3.3, seed 004). */
export const UMEETING_DAILY_TYPE = { EVERY_DAY: 1, WEEKDAYS: 2 } as const;

/**
 * THE umeeting weekday numbering, used by `weekly_days` and `monthly_week_day` — stated here once
 * and imported by the client (requests and mapper) and the emulator alike.
 *
 * The docs never define it (docs/reference/providers.md §3.3, §4). We follow Zoom's convention, 1 = Sunday …
 * 7 = Saturday, because the platform is a white-labelled Zoom deployment (docs/reference/providers.md §3.1:
 * `zak` start-URL JWT with `zm_skm`, `host_key`, `option_jbh`, Base64 occurrence uuids) and Zoom's
 * meeting API numbers `weekly_days`/`monthly_week_day` that way. Counter-evidence, noted so the
 * choice can be revisited: seed 004 glosses `weekly_days` "1，3" as "每周1，3重复", which a Chinese
 * reader may take as Monday and Wednesday (1 = Monday). Changing the convention is this table only.
 */
export const UMEETING_WEEKDAY: Readonly<Record<Weekday, number>> = {
  [Weekday.SUNDAY]: 1,
  [Weekday.MONDAY]: 2,
  [Weekday.TUESDAY]: 3,
  [Weekday.WEDNESDAY]: 4,
  [Weekday.THURSDAY]: 5,
  [Weekday.FRIDAY]: 6,
  [Weekday.SATURDAY]: 7,
};

/** The inverse of UMEETING_WEEKDAY. */
export function weekdayFromUmeeting(n: number): Weekday | undefined {
  return (Object.keys(UMEETING_WEEKDAY) as Weekday[]).find((w) => UMEETING_WEEKDAY[w] === n);
}

/** Splits a `weekly_days` list on ASCII or full-width commas (§3.4 U-7). */
export function splitWeeklyDays(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The paths of the calls we make (docs/reference/providers.md §3.2; the visible path, not the link, §3.4 U-1). */
export const UMEETING_PATHS = {
  schedule: 'umeeting/share/schedule',
  instant: 'umeeting/share/instant',
  get: 'umeeting/share/get',
  delete: 'umeeting/share/delete',
  end: 'umeeting/share/end',
  update: 'umeeting/share/update',
  /** Followed by `/{meetingId}` (docs/reference/providers.md §3.2 #10); form `meeting_capacity`. */
  resetCapacity: 'umeeting/share/resetCapacity',
  list: 'umeeting/share/list',
  history: 'umeeting/share/history',
} as const;

/**
 * One `meetings[]` item of `/share/list` and `/share/history` (docs/reference/providers.md §3.2
 * #7, #8). `host_key` is a host secret (§3.4 U-15): it is never read, logged or passed on.
 */
export interface UmeetingListedWire {
  id?: string | number;
  topic?: string;
  start_time?: string;
  duration?: UmeetingNumber;
  join_url?: string | null;
  /** list: 0 booked / 1 live; history: 2 cancelled / 3 ended (the comment, not the example, U-14). */
  status?: UmeetingNumber;
  /** "1" instant, "2" scheduled. */
  type?: UmeetingNumber;
}

/** `data` of `/share/list` and `/share/history` (§3.2 #7, #8). */
export interface UmeetingListPageWire {
  page_num?: UmeetingNumber;
  page_size?: UmeetingNumber;
  total_record?: UmeetingNumber;
  total_page?: UmeetingNumber;
  has_previous_page?: UmeetingBool;
  has_next_page?: UmeetingBool;
  meetings?: UmeetingListedWire[] | null;
}
