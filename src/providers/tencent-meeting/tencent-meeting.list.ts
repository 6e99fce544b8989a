import { BadUserInputError } from '../../errors/api-errors.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import { fromEpochSeconds } from '../../util/zoned-time.js';
import type { ListItem, ListPage, ListQuery } from '../meeting-provider.js';
import { wireId } from './tencent-meeting.mapper.js';
import type {
  TmEndedMeetingItem,
  TmEndedMeetingsResponse,
  TmMeetingInfo,
  TmUserMeetingListResponse,
} from './tencent-meeting.wire.js';

/**
 * An organizer's meetings a page at a time (`listMeetings`), over Tencent's two lists:
 *
 * - UPCOMING: GET /v1/meetings?userid=… (1095/42421): at most 20 a call, paged by `pos` (a start
 *   time, epoch s, INCLUSIVE) until `remaining` is 0. Meetings sharing the boundary second come
 *   again on the next page, so items are deduplicated by `meeting_id` (the doc says to).
 * - ENDED: GET /v1/history/meetings/{userid} (1095/53805): `page`/`page_size` (≤ 20) inside a
 *   `start_time`–`end_time` window of at most 90 days; a series comes once per ended
 *   sub-meeting, deduplicated by `meeting_id` too.
 *
 * Our position is the last (start second, meeting id) answered, never a provider page number: a
 * list that shifts between two calls (a meeting booked or ended meanwhile) resumes right after
 * the last meeting seen. Order: UPCOMING by (start, id) ascending; ENDED by start descending,
 * then id ascending.
 */

/** Provider calls one page of ours may take (20 meetings a call; repeats cost some). */
const MAX_PROVIDER_PAGES = 10;
/** The history window (1095/53805: `end_time − start_time` ≤ 90 days). */
export const HISTORY_WINDOW_SECONDS = 90 * 86_400;
export const PROVIDER_PAGE_SIZE = 20;

interface Position {
  s: number;
  id: string;
}

interface Entry {
  s: number;
  id: string;
}

export function encodePosition(p: Position): string {
  return `${p.s}.${p.id}`;
}

export function decodePosition(after: string | undefined): Position | undefined {
  if (after === undefined) return undefined;
  const match = /^(\d{1,11})\.(\d{1,24})$/.exec(after);
  if (!match) {
    throw new BadUserInputError('after is not a cursor of this list', {
      field: 'after',
      rule: 'cursor',
    });
  }
  return { s: Number(match[1]), id: match[2]! };
}

/** Ids are decimal strings up to 20 digits (> 2^63): compared as numbers, never parsed. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const seconds = (d: Date | undefined): number | undefined =>
  d === undefined ? undefined : Math.floor(d.getTime() / 1000);

const ceilSeconds = (d: Date | undefined): number | undefined =>
  d === undefined ? undefined : Math.ceil(d.getTime() / 1000);

/** Within `from` (inclusive) and `to` (exclusive), on start seconds. */
function inWindow(s: number, query: ListQuery<Meeting>): boolean {
  const from = ceilSeconds(query.from);
  const to = ceilSeconds(query.to);
  return (from === undefined || s >= from) && (to === undefined || s < to);
}

const UPCOMING_STATES: ReadonlySet<MeetingStatus> = new Set([
  MeetingStatus.INIT,
  MeetingStatus.ABOUT_TO_START,
  MeetingStatus.STARTED,
]);

export interface UpcomingSource {
  /** One provider call: the user's list from `pos` (undefined: the provider's default). */
  page(pos: number | undefined): Promise<TmUserMeetingListResponse>;
  /** A list item → Meeting (its creator is the organizer asked about). */
  map(info: TmMeetingInfo): Meeting;
  warn(message: string): void;
}

/** UPCOMING: see the file comment. */
export async function listUpcoming(
  query: ListQuery<Meeting>,
  source: UpcomingSource,
  operation: string,
): Promise<ListPage<Meeting>> {
  const after = decodePosition(query.after);
  let pos = after ? after.s : seconds(query.from);
  const to = ceilSeconds(query.to);
  const found = new Map<string, Entry & { meeting: Meeting }>();
  let exhausted = false;
  let maxStart = Number.NEGATIVE_INFINITY;
  for (let call = 0; call < MAX_PROVIDER_PAGES; call += 1) {
    const answer = await source.page(pos);
    const list = Array.isArray(answer.meeting_info_list) ? answer.meeting_info_list : [];
    let fresh = 0;
    for (const info of list) {
      const id = wireId(info.meeting_id, 'meeting_id', operation);
      const s = Number(info.start_time);
      if (Number.isFinite(s)) maxStart = Math.max(maxStart, s);
      if (found.has(id)) continue; // a repeat from the page before (1095/42421)
      fresh += 1;
      // The list holds meetings the user hosts or is invited to as well: only their own.
      if (info.join_meeting_role !== undefined && info.join_meeting_role !== 'creator') continue;
      if (!Number.isFinite(s) || !inWindow(s, query)) continue;
      if (after && (s < after.s || (s === after.s && compareIds(id, after.id) <= 0))) continue;
      const meeting = source.map(info);
      // One-offs stay listed up to an hour after their end (§1.3): not UPCOMING any more.
      if (!UPCOMING_STATES.has(meeting.status)) continue;
      found.set(id, { s, id, meeting });
    }
    if (!answer.remaining || list.length === 0 || (to !== undefined && maxStart >= to)) {
      exhausted = true;
      break;
    }
    const sorted = sortUpcoming([...found.values()]);
    // Enough, and every meeting of the last answered second is in (a later start was seen).
    if (sorted.length > query.first && sorted[query.first - 1]!.s < maxStart) break;
    const next = typeof answer.next_pos === 'number' ? answer.next_pos : maxStart;
    if (next === pos && fresh === 0) {
      // More than 20 meetings start in this second: `pos` cannot get past them.
      source.warn('more than 20 meetings share one start second; skipping past it');
      pos = next + 1;
    } else pos = next;
  }
  const sorted = sortUpcoming([...found.values()]);
  return page(sorted, query.first, exhausted);
}

function sortUpcoming<T extends Entry>(entries: T[]): T[] {
  return entries.sort((a, b) => a.s - b.s || compareIds(a.id, b.id));
}

function sortEnded<T extends Entry>(entries: T[]): T[] {
  return entries.sort((a, b) => b.s - a.s || compareIds(a.id, b.id));
}

function page(
  sorted: Array<Entry & { meeting: Meeting }>,
  first: number,
  exhausted: boolean,
): ListPage<Meeting> {
  const items: Array<ListItem<Meeting>> = sorted.slice(0, first).map((e) => ({
    node: e.meeting,
    position: encodePosition(e),
  }));
  return { items, hasNextPage: sorted.length > first || !exhausted };
}

export interface EndedSource {
  /** One provider call: `page` (1-based) of the window [start, end] (epoch s). */
  page(pageNumber: number, start: number, end: number): Promise<TmEndedMeetingsResponse>;
  now(): Date;
}

/** ENDED: see the file comment. Full meetings are read through `query.details`. */
export async function listEnded(
  query: ListQuery<Meeting>,
  source: EndedSource,
  operation: string,
  minimal: (item: TmEndedMeetingItem, id: string) => Meeting,
): Promise<ListPage<Meeting>> {
  const after = decodePosition(query.after);
  const nowS = Math.floor(source.now().getTime() / 1000);
  const toS = ceilSeconds(query.to);
  // Without `from`, one provider window back from `to` (or now): Tencent keeps no longer a list.
  const lower = ceilSeconds(query.from) ?? (toS ?? nowS) - HISTORY_WINDOW_SECONDS;
  let end = Math.min(after ? after.s + 1 : Number.POSITIVE_INFINITY, toS ?? nowS);
  const found = new Map<string, Entry & { item: TmEndedMeetingItem }>();
  let exhausted = false;
  let calls = 0;
  windows: while (calls < MAX_PROVIDER_PAGES) {
    if (end <= lower) {
      exhausted = true;
      break;
    }
    const start = Math.max(lower, end - HISTORY_WINDOW_SECONDS);
    let minStart = Number.POSITIVE_INFINITY;
    for (let pageNumber = 1; calls < MAX_PROVIDER_PAGES; pageNumber += 1) {
      calls += 1;
      const answer = await source.page(pageNumber, start, end);
      const list = Array.isArray(answer.meeting_info_list) ? answer.meeting_info_list : [];
      for (const item of list) {
        const id = wireId(item.meeting_id, 'meeting_id', operation);
        const s = Number(item.start_time);
        if (!Number.isFinite(s)) continue;
        minStart = Math.min(minStart, s);
        if (found.has(id) || !inWindow(s, query)) continue;
        if (after && (s > after.s || (s === after.s && compareIds(id, after.id) <= 0))) continue;
        found.set(id, { s, id, item });
      }
      const lastPage = list.length === 0 || pageNumber >= (answer.total_page ?? pageNumber);
      const sorted = sortEnded([...found.values()]);
      if (sorted.length > query.first && sorted[query.first - 1]!.s > minStart) break windows;
      if (lastPage) break;
    }
    end = start;
  }
  const sorted = sortEnded([...found.values()]).slice(0, query.first + 1);
  const shown = sorted.slice(0, query.first);
  const details = await query.details(shown.map((e) => e.id));
  const items: Array<ListItem<Meeting>> = shown.map((e, i) => {
    const detail = details[i];
    const node = detail && !(detail instanceof Error) ? detail : minimal(e.item, e.id);
    return { node, position: encodePosition(e) };
  });
  return { items, hasNextPage: sorted.length > query.first || !exhausted };
}

/** A history item → a Meeting with what the item says (when a full read is not possible). */
export function endedItemTimes(item: TmEndedMeetingItem): { start: Date; end: Date | null } {
  return {
    start: fromEpochSeconds(item.start_time) ?? new Date(0),
    end: fromEpochSeconds(item.end_time) ?? null,
  };
}
