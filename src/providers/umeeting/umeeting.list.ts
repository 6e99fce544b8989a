import { BadUserInputError } from '../../errors/api-errors.js';
import { ListState } from '../../schema/enums/list-state.enum.js';
import type { ListedMeeting } from './umeeting.mapper.js';

/**
 * How umeeting's lists become our pages (docs/providers/umeeting.md "Lists";
 * docs/reference/providers.md §3.2 #7, #8). `/share/list` and `/share/history` page by number
 * (`page_size`, `page_number`) and state no order, so a page number is no position: a meeting
 * booked or deleted between two reads shifts every later page. The data source therefore reads
 * ALL of an organizer's pages (up to UMEETING_LIST_MAX_PAGES), removes the repeats, sorts them by
 * start itself and answers a slice after a position that names a meeting by value — its start
 * and meeting number — which no shift moves.
 */

/** The page size asked for: the documented default (§3.2 #7: "不指定时默认为30"). */
export const UMEETING_LIST_PAGE_SIZE = 30;
/**
 * The ceiling of provider pages read for one list answer (1 200 meetings at 30 a page). An
 * organizer with more is answered from the first 1 200 the provider pages out (logged): reading
 * on without end is worse than a bounded, documented cut.
 */
export const UMEETING_LIST_MAX_PAGES = 40;

/** UPCOMING earliest first; ENDED latest first; the meeting number breaks ties (ListPage). */
export function listOrder(state: ListState): (a: ListedMeeting, b: ListedMeeting) => number {
  const sign = state === ListState.ENDED ? -1 : 1;
  return (a, b) => {
    const byStart = a.startTime.getTime() - b.startTime.getTime();
    if (byStart !== 0) return sign * byStart;
    return sign * compareIds(a.providerId, b.providerId);
  };
}

function compareIds(a: string, b: string): number {
  // Meeting numbers are digit strings of varying length (§3.4 U-17): shorter is smaller.
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** A position: `<start epoch ms>:<meeting number>` (short, JSON-safe, stable under shifts). */
export function positionOf(item: ListedMeeting): string {
  return `${item.startTime.getTime()}:${item.providerId}`;
}

/** The position `after` names; BAD_USER_INPUT on `after` when it is not one of ours. */
export function readPosition(after: string): ListedMeeting {
  const m = /^(-?\d{1,16}):(.{1,64})$/.exec(after);
  const ms = m ? Number(m[1]) : NaN;
  if (!m || !Number.isSafeInteger(ms)) {
    throw new BadUserInputError('after is not a cursor this API gave out', {
      field: 'after',
      rule: 'cursor',
    });
  }
  return { startTime: new Date(ms), providerId: m[2]! };
}

/** Each meeting once (a meeting shifted across two pages is read twice), the first seen kept. */
export function uniqueById(items: readonly ListedMeeting[]): ListedMeeting[] {
  return [...new Map(items.map((item) => [item.providerId, item])).values()];
}

/** Inside `[from, to)` on the start (ListQuery). */
export function inWindow(item: ListedMeeting, from?: Date, to?: Date): boolean {
  const t = item.startTime.getTime();
  return (from === undefined || t >= from.getTime()) && (to === undefined || t < to.getTime());
}
