import { Weekday } from '../../schema/enums/weekday.enum.js';

/*
 * The umeeting emulator's own wire facts: the answers it sends and the numbered values it reads,
 * in umeeting's spelling (seeds 002 and 004; docs/reference/providers.md §3.1–§3.3).
 *
 * Written from the provider documents, NOT imported from the client (src/providers/umeeting/):
 * the emulator checks the client, so a client mistake must not be mirrored here. Requests are
 * form fields (strings) and are read in validation.ts; this file types what goes out.
 */

/** Every answer: `status` 200 is success, any other value a failure with `message` (§3.1). */
export interface UmeetingEnvelope<Data = unknown> {
  status: number | string;
  message: string;
  data?: Data;
}

/** A meeting's `status` (§3.2 #3 `/share/get`): 0 booked, 1 in progress, 2 cancelled, 3 ended. */
export const UMEETING_STATUS = { BOOKED: 0, IN_PROGRESS: 1, CANCELLED: 2, ENDED: 3 } as const;
export type UmeetingStatus = (typeof UMEETING_STATUS)[keyof typeof UMEETING_STATUS];

/** `/share/list` `type` (§3.2 #7): 1 instant, 2 scheduled. */
export const UMEETING_MEETING_TYPE = { INSTANT: 1, SCHEDULED: 2 } as const;
export type UmeetingMeetingType =
  (typeof UMEETING_MEETING_TYPE)[keyof typeof UMEETING_MEETING_TYPE];

/**
 * The weekday numbers of `weekly_days` and `monthly_week_day` (§3.3). No document defines them
 * (§4). [I] The emulator follows Zoom's convention, 1 = Sunday … 7 = Saturday: umeeting looks
 * like a white-labelled Zoom deployment (§3.1: the `zak` start-URL JWT with `zm_skm`, `host_key`,
 * `option_jbh`, Base64-like occurrence uuids). Seed 004's gloss of "1，3" as "每周1，3重复" could
 * also be read as Monday and Wednesday; docs/providers/umeeting.md records the choice, and the
 * client states the same convention on its own side.
 */
export const UMEETING_WEEKDAY_NUMBER: Readonly<Record<Weekday, number>> = {
  [Weekday.SUNDAY]: 1,
  [Weekday.MONDAY]: 2,
  [Weekday.TUESDAY]: 3,
  [Weekday.WEDNESDAY]: 4,
  [Weekday.THURSDAY]: 5,
  [Weekday.FRIDAY]: 6,
  [Weekday.SATURDAY]: 7,
};

/** The weekday an umeeting weekday number names, or undefined outside 1–7. */
export function weekdayOfNumber(n: number): Weekday | undefined {
  return (Object.keys(UMEETING_WEEKDAY_NUMBER) as Weekday[]).find(
    (day) => UMEETING_WEEKDAY_NUMBER[day] === n,
  );
}

/**
 * Splits a `weekly_days` list. Seed 004's example writes a full-width comma ("1，3", §3.4 U-7), so
 * ASCII `,`, full-width `，` and the enumeration comma `、` all separate; blanks are dropped.
 */
export function splitWeeklyDays(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** One `occurrences[]` item (seed 004): its local start and an opaque, Base64-like uuid. */
export interface UmeetingOccurrence {
  start_time: string;
  uuid: string;
  /** Emulator extension on `/share/get` only: the occurrence's own status. */
  status?: string;
}

/**
 * `data` of `/share/schedule` and `/share/instant` (seeds 002 and 004). Unlike the seeds' `"7"`
 * (§3.4 U-4) `start_time` is a real local time, and `start_url` is one line (U-10).
 */
export interface UmeetingCreated {
  host_key: string;
  join_url: string;
  meeting_id: string;
  start_time: string;
  host_id: string;
  token: string;
  /** A string boolean, as in the seeds (§3.4 U-5). */
  mute_upon_entry: string;
  /** [I] Minutes of early-join allowance; 15 in every example (§3.2 notes). */
  ready_time: number;
  start_url: string;
  play_addr: string;
  watch_url: string;
  live_id?: string;
  occurrences?: UmeetingOccurrence[];
}

/**
 * `data` of `/share/get` (§3.2 #3), with the get example's spellings: numbers as strings and
 * `user_Key` (§3.4 U-13). As an emulator extension it also echoes `type`, `host_name`, the option
 * fields and, for a series, the recurrence fields and `occurrences` with their status.
 */
export interface UmeetingMeetingDetails {
  id: string;
  topic: string;
  start_time: string;
  duration: string;
  password: string;
  join_url: string;
  user_Key: string | null;
  meeting_capacity: string;
  status: string;
  /** "0" normal, "1" deleted. */
  del_flag: '0' | '1';
  play_addr: string;
  watch_url: string;
  type: string;
  host_name?: string;
  occurrences?: UmeetingOccurrence[];
  /** Option and recurrence fields, as accepted (see state.ts `options`, `recurrence`). */
  [echoed: string]: string | null | UmeetingOccurrence[] | undefined;
}

/** One `meetings[]` item of `/share/list` (§3.2 #7). */
export interface UmeetingListedMeeting {
  duration: number;
  start_time: string;
  topic: string;
  join_url: string;
  id: string;
  status: UmeetingStatus;
  /** The list page does return it (§3.2 #7); a host secret all the same (§3.4 U-15). */
  host_key: string;
  type: string;
}

/** `data` of `/share/list` (§3.2 #7). */
export interface UmeetingListPage {
  page_num: number;
  page_size: number;
  total_record: number;
  total_page: number;
  has_previous_page: boolean;
  has_next_page: boolean;
  meetings: UmeetingListedMeeting[];
}
