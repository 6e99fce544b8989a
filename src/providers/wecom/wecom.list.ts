import { BadUserInputError } from '../../errors/api-errors.js';
import { ListState } from '../../schema/enums/list-state.enum.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { ListPage, ListQuery } from '../meeting-provider.js';
import { MEETING_DURATION } from './wecom.input-rules.js';

/*
 * How `listMeetings` turns WeCom's id list (`meeting/get_user_meetingid`, path/97457 and 98714)
 * into our pages: the window it asks for, which meetings count as UPCOMING or ENDED, their
 * order, and the resumable position (docs/providers/wecom.md "Lists").
 */

/** `end_time − begin_time` at most 180 days (path/97457: "时间跨度不超过180天"). */
export const LIST_MAX_SPAN_SECONDS = 180 * 86400;

export interface ListWindow {
  /** `begin_time`, epoch s: meetings starting at or after it. */
  begin: number;
  /** `end_time`, epoch s: bounds only meetings already over ("仅用于约束历史会议"). */
  end: number;
}

/**
 * The window of one listing, or null when nothing can match (`from` after `to`). UPCOMING: a
 * meeting not yet over began at most `MEETING_DURATION.max` ago, and WeCom answers every
 * meeting not yet begun from `begin_time` on whatever `end_time` says, so one window covers it.
 * ENDED: from `to` (or now) back to `from` (or 180 days before): a wider window is refused on
 * `filter.from`, naming WeCom's limit, rather than walked in slices.
 */
export function listWindow(query: ListQuery<Meeting>, nowMs: number): ListWindow | null {
  const now = Math.floor(nowMs / 1000);
  const from = query.from ? Math.floor(query.from.getTime() / 1000) : undefined;
  const to = query.to ? Math.ceil(query.to.getTime() / 1000) : undefined;
  if (query.state === ListState.UPCOMING) {
    const begin = Math.max(from ?? 0, now - MEETING_DURATION.max - 1);
    if (to !== undefined && to <= begin) return null;
    return { begin, end: Math.max(begin, Math.min(now, begin + LIST_MAX_SPAN_SECONDS)) };
  }
  const end = Math.min(to ?? now, now);
  const begin = from ?? end - LIST_MAX_SPAN_SECONDS;
  if (begin > end) return null;
  if (end - begin > LIST_MAX_SPAN_SECONDS) {
    throw new BadUserInputError(
      'filter.from: WeCom lists ended meetings over at most 180 days at once; narrow from/to',
      { field: 'filter.from', rule: 'wecomListWindow', maxDays: 180 },
    );
  }
  return { begin, end };
}

const ENDED_STATUSES: ReadonlySet<MeetingStatus> = new Set([
  MeetingStatus.ENDED,
  MeetingStatus.CANCELLED,
  MeetingStatus.RECYCLED,
]);

/** ENDED: ended, cancelled or recycled (ListState); an unreadable status goes by its end time. */
export function listStateOf(meeting: Meeting, nowMs: number): ListState {
  if (ENDED_STATUSES.has(meeting.status)) return ListState.ENDED;
  if (meeting.status === MeetingStatus.INVALID) {
    const end = (meeting.endTime ?? meeting.startTime).getTime();
    return end <= nowMs ? ListState.ENDED : ListState.UPCOMING;
  }
  return ListState.UPCOMING;
}

/** A position: the start (ms) and the id of the last meeting answered. */
function positionOf(meeting: Meeting): string {
  return `${meeting.startTime.getTime()}:${meeting.providerId}`;
}

function parsePosition(position: string): { start: number; id: string } {
  const match = /^(\d+):(.+)$/.exec(position);
  if (!match) {
    throw new BadUserInputError('after: not a cursor of this list', {
      field: 'after',
      rule: 'cursor',
    });
  }
  return { start: Number(match[1]), id: match[2]! };
}

/**
 * The page of `meetings` (every meeting of the window, each once) that `query` asks for: in its
 * state and `from`/`to`, ordered by start then id (UPCOMING earliest first, ENDED latest first),
 * after `query.after`, at most `query.first`.
 */
export function pageOf(
  meetings: Meeting[],
  query: ListQuery<Meeting>,
  nowMs: number,
): ListPage<Meeting> {
  const sign = query.state === ListState.ENDED ? -1 : 1;
  const compare = (a: { start: number; id: string }, b: { start: number; id: string }) =>
    sign * (a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const key = (m: Meeting) => ({ start: m.startTime.getTime(), id: m.providerId });
  const after = query.after ? parsePosition(query.after) : undefined;
  const wanted = meetings
    .filter((m) => listStateOf(m, nowMs) === query.state)
    .filter((m) => !query.from || m.startTime.getTime() >= query.from.getTime())
    .filter((m) => !query.to || m.startTime.getTime() < query.to.getTime())
    .filter((m) => !after || compare(key(m), after) > 0)
    .sort((a, b) => compare(key(a), key(b)));
  return {
    items: wanted.slice(0, query.first).map((node) => ({ node, position: positionOf(node) })),
    hasNextPage: wanted.length > query.first,
  };
}
