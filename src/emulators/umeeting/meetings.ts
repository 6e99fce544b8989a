import type { EmulatorReply } from '../emulator-server.js';
import { badRequest, done, fail, ok, UMEETING_EMULATOR_STATUS } from './errors.js';
import type { UmeetingRouteContext } from './routes.js';
import type { EmulatedMeeting } from './state.js';
import { formatUmeetingTime } from './time.js';
import {
  FormError,
  parseCapacityForm,
  parseCreateForm,
  parseRecurrence,
  parseUpdateForm,
} from './validation.js';
import {
  UMEETING_MEETING_TYPE,
  UMEETING_STATUS,
  type UmeetingCreated,
  type UmeetingListPage,
  type UmeetingMeetingDetails,
} from './wire.js';

/*
 * The umeeting meeting handlers (docs/reference/providers.md §3.2): create (schedule and
 * instant), get, update, resetCapacity, delete/end, list and history. Each gets the form already authenticated (routes.ts) and
 * answers umeeting's `{status, message, data}` (errors.ts).
 */

/** `/share/schedule` and `/share/instant` (seeds 002 and 004). */
export function createMeeting(
  form: URLSearchParams,
  ctx: UmeetingRouteContext,
  endpoint: 'schedule' | 'instant',
): EmulatorReply {
  let parsed;
  try {
    parsed = parseCreateForm(form, {
      endpoint,
      nowMs: ctx.clock.now(),
      timeZone: ctx.timeZone,
      allowInstantRecurrence: ctx.allowInstantRecurrence,
    });
  } catch (error) {
    if (error instanceof FormError) return badRequest(error.message);
    throw error;
  }
  const { state } = ctx;
  const id = state.newMeetingId();
  const base = ctx.baseUrl();
  const secrets = state.newHostSecrets(base, id);
  const live = parsed.options.allow_live_streaming === 'true' ? liveStream(ctx, id) : null;
  const liveId = live?.liveId ?? null;
  const meeting: EmulatedMeeting = {
    id,
    type: endpoint === 'instant' ? UMEETING_MEETING_TYPE.INSTANT : UMEETING_MEETING_TYPE.SCHEDULED,
    topic: parsed.topic,
    startMs: parsed.startMs,
    durationMinutes: parsed.durationMinutes,
    password: parsed.password,
    userKey: parsed.userKey,
    capacity: parsed.capacity,
    hostName: parsed.hostName,
    options: { allow_live_streaming: 'false', ...parsed.options },
    recurrence: parsed.recurrence?.fields ?? null,
    occurrences: (parsed.recurrence?.starts ?? []).map((start) => ({
      uuid: state.newUuid(),
      startMs: start.getTime(),
      closed: null,
    })),
    ...secrets,
    joinUrl: `${base}/j/${id}`,
    liveId,
    playAddr: live?.playAddr ?? '',
    watchUrl: live?.watchUrl ?? '',
    deleted: false,
    endedAtMs: null,
  };
  state.add(meeting);
  const local = (ms: number) => formatUmeetingTime(new Date(ms), ctx.timeZone);
  // Valid JSON with a single-line start_url and a real start_time, unlike the seeds (U-4, U-10).
  const data: UmeetingCreated = {
    host_key: meeting.hostKey,
    join_url: meeting.joinUrl,
    meeting_id: meeting.id,
    start_time: local(meeting.startMs),
    host_id: meeting.hostId,
    token: meeting.token,
    mute_upon_entry: meeting.options.mute_upon_entry ?? 'false',
    ready_time: 15,
    start_url: meeting.startUrl,
    play_addr: meeting.playAddr,
    watch_url: meeting.watchUrl,
    ...(liveId ? { live_id: liveId } : {}),
    ...(meeting.recurrence
      ? {
          occurrences: meeting.occurrences.map((o) => ({
            start_time: local(o.startMs),
            uuid: o.uuid,
          })),
        }
      : {}),
  };
  return ok(data);
}

/**
 * `/share/get`: the documented fields (with the get example's spellings: numeric strings,
 * `user_Key`, §3.4 U-13), plus, as an emulator extension, `type`, `host_name`, `live_id`, the
 * options, the recurrence fields and `occurrences` with each one's `status`. No host secrets,
 * no `host_id` or `ready_time` (create answers only).
 */
export function getMeeting(form: URLSearchParams, ctx: UmeetingRouteContext): EmulatorReply {
  const id = form.get('meeting_id')?.trim();
  if (!id) return badRequest('meeting_id is required');
  const meeting = ctx.state.meetings.get(id);
  if (!meeting) return fail(UMEETING_EMULATOR_STATUS.NOT_FOUND, 'meeting not found');
  const now = ctx.clock.now();
  const local = (ms: number) => formatUmeetingTime(new Date(ms), ctx.timeZone);
  const data: UmeetingMeetingDetails = {
    id: meeting.id,
    topic: meeting.topic,
    start_time: local(meeting.startMs),
    duration: String(meeting.durationMinutes),
    password: meeting.password,
    join_url: meeting.joinUrl,
    user_Key: meeting.userKey,
    meeting_capacity: String(meeting.capacity),
    status: String(ctx.state.statusOf(meeting, now)),
    del_flag: meeting.deleted ? '1' : '0',
    play_addr: meeting.playAddr,
    watch_url: meeting.watchUrl,
    type: String(meeting.type),
    ...(meeting.hostName ? { host_name: meeting.hostName } : {}),
    // Extension: the live stream's id, as the schedule answer gives it (§3.2 #1 @HEAD).
    ...(meeting.liveId ? { live_id: meeting.liveId } : {}),
    ...meeting.options,
    ...(meeting.recurrence
      ? {
          ...meeting.recurrence,
          occurrences: meeting.occurrences.map((o) => ({
            start_time: local(o.startMs),
            uuid: o.uuid,
            status: String(ctx.state.occurrenceStatus(meeting, o, now)),
          })),
        }
      : {}),
  };
  return ok(data);
}

/**
 * `/share/delete` and `/share/end` (§3.2 #5, #6): a meeting number acts on the meeting (the
 * series), an occurrence uuid on that occurrence only.
 */
export function closeMeeting(action: 'cancelled' | 'ended') {
  return (form: URLSearchParams, ctx: UmeetingRouteContext): EmulatorReply => {
    const id = form.get('id')?.trim();
    if (!id) return badRequest('id is required');
    const found = ctx.state.find(id);
    if (!found) return fail(UMEETING_EMULATOR_STATUS.NOT_FOUND, 'meeting not found');
    const { meeting, occurrence } = found;
    if (meeting.deleted) return badRequest('the meeting has been deleted');
    if (occurrence) {
      if (occurrence.closed === 'cancelled') return badRequest('the occurrence has been deleted');
      occurrence.closed = action;
    } else if (action === 'cancelled') {
      meeting.deleted = true;
    } else {
      meeting.endedAtMs = ctx.clock.now();
    }
    return done();
  };
}

/**
 * `/share/update` (§3.2 #4; the update page's description): changes a meeting, a series as a
 * whole. `start_time` and `duration` are required (the schedule's duration rule, U-8); every
 * other listed field is left as it is when absent. Recurrence fields make a one-off a series,
 * `recurrence_type=""` makes a series a one-off; a series' occurrences are recomputed from its
 * (new or kept) rule and start, keeping the uuid and the state of an occurrence whose start did
 * not move. [I] Refused like the end/delete pages refuse: a deleted (cancelled) or ended meeting,
 * and an occurrence uuid (the page updates whole series only). Answers `{status, message}` only.
 */
export function updateMeeting(form: URLSearchParams, ctx: UmeetingRouteContext): EmulatorReply {
  let parsed;
  try {
    parsed = parseUpdateForm(form, ctx.timeZone);
  } catch (error) {
    if (error instanceof FormError) return badRequest(error.message);
    throw error;
  }
  const found = ctx.state.find(parsed.id);
  if (!found) return fail(UMEETING_EMULATOR_STATUS.NOT_FOUND, 'meeting not found');
  if (found.occurrence) {
    return badRequest('a recurring meeting is updated as a whole series: give its meeting number');
  }
  const { meeting } = found;
  const status = ctx.state.statusOf(meeting, ctx.clock.now());
  if (status === UMEETING_STATUS.CANCELLED) return badRequest('the meeting has been deleted');
  if (status === UMEETING_STATUS.ENDED) return badRequest('the meeting has ended');

  const ruleFields = parsed.recurrence === undefined ? meeting.recurrence : parsed.recurrence;
  let rule: { fields: Record<string, string>; starts: Date[] } | null = null;
  if (ruleFields) {
    try {
      rule = parseRecurrence(
        new URLSearchParams(ruleFields),
        new Date(parsed.startMs),
        ctx.timeZone,
      );
    } catch (error) {
      if (error instanceof FormError) return badRequest(error.message);
      throw error;
    }
  }
  // Everything is checked: apply it all at once.
  meeting.startMs = parsed.startMs;
  meeting.durationMinutes = parsed.durationMinutes;
  if (parsed.topic !== undefined) meeting.topic = parsed.topic;
  if (parsed.password !== undefined) meeting.password = parsed.password;
  if (parsed.userKey !== undefined) meeting.userKey = parsed.userKey;
  if (parsed.hostName !== undefined) meeting.hostName = parsed.hostName;
  Object.assign(meeting.options, parsed.options);
  if (meeting.options.allow_live_streaming === 'true' && !meeting.liveId) {
    Object.assign(meeting, liveStream(ctx, meeting.id));
  }
  meeting.recurrence = rule?.fields ?? null;
  ctx.state.replaceOccurrences(
    meeting,
    (rule?.starts ?? []).map((start) => start.getTime()),
  );
  return done();
}

/**
 * `/share/resetCapacity/{meetingId}` (§3.2 #10): sets `meeting_capacity` (a positive integer, as
 * schedule takes it), which `/share/get` then reports. The meeting number is in the path. [I]
 * Refused as the update page is: a deleted (cancelled) or ended meeting, an occurrence uuid (the
 * capacity is the meeting's) → 400; unknown → 404. Answers `data: null`.
 */
export function resetCapacity(
  form: URLSearchParams,
  ctx: UmeetingRouteContext,
  meetingId: string,
): EmulatorReply {
  let capacity;
  try {
    capacity = parseCapacityForm(form);
  } catch (error) {
    if (error instanceof FormError) return badRequest(error.message);
    throw error;
  }
  const found = meetingId ? ctx.state.find(meetingId) : undefined;
  if (!found) return fail(UMEETING_EMULATOR_STATUS.NOT_FOUND, 'meeting not found');
  if (found.occurrence) {
    return badRequest('the capacity is set on the meeting: give its meeting number');
  }
  const { meeting } = found;
  const status = ctx.state.statusOf(meeting, ctx.clock.now());
  if (status === UMEETING_STATUS.CANCELLED) return badRequest('the meeting has been deleted');
  if (status === UMEETING_STATUS.ENDED) return badRequest('the meeting has ended');
  meeting.capacity = capacity;
  return ok(null);
}

/** A live stream's id and addresses (seed 002 @HEAD `live_id`, `play_addr`, `watch_url`). */
function liveStream(ctx: UmeetingRouteContext, id: string) {
  const liveId = String(10_000_000 + Number(id.slice(-7)));
  return {
    liveId,
    // play_addr is plain http:// like the seeds' third-party CDN address (§3.4 U-12).
    playAddr: `http://live.umeeting.invalid/${liveId}/live.m3u8`,
    watchUrl: `${ctx.baseUrl()}/live/${liveId}`,
  };
}

/** `/share/list` (§3.2 #7): online meetings (booked or in progress), of one `user_key`, paged. */
export function listMeetings(form: URLSearchParams, ctx: UmeetingRouteContext): EmulatorReply {
  return listPage(form, ctx, 'online');
}

/**
 * `/share/history` (§3.2 #8): past meetings (cancelled or ended: the comment's 2 or 3, not the
 * example's 1, §3.4 U-14), same paging. [I] The pages state no order; the emulator answers
 * history in booking order (neither by start nor by end), so a client that relies on an order
 * is caught. `/share/list` answers by start time, earliest first.
 */
export function listHistory(form: URLSearchParams, ctx: UmeetingRouteContext): EmulatorReply {
  return listPage(form, ctx, 'history');
}

function listPage(
  form: URLSearchParams,
  ctx: UmeetingRouteContext,
  which: 'online' | 'history',
): EmulatorReply {
  const pageSize = positive(form.get('page_size'), 30);
  const pageNumber = positive(form.get('page_number'), 1);
  if (pageSize === undefined || pageNumber === undefined || pageSize > 300) {
    return badRequest('page_size (1-300) and page_number must be positive integers');
  }
  const userKey = form.get('user_key');
  const now = ctx.clock.now();
  const wanted: readonly number[] =
    which === 'online'
      ? [UMEETING_STATUS.BOOKED, UMEETING_STATUS.IN_PROGRESS]
      : [UMEETING_STATUS.CANCELLED, UMEETING_STATUS.ENDED];
  const listed = [...ctx.state.meetings.values()]
    .filter((m) => !userKey || m.userKey === userKey)
    .map((m) => ({ m, status: ctx.state.statusOf(m, now) }))
    .filter(({ status }) => wanted.includes(status));
  if (which === 'online') {
    listed.sort((a, b) => a.m.startMs - b.m.startMs || a.m.id.localeCompare(b.m.id));
  }
  const totalPage = Math.max(1, Math.ceil(listed.length / pageSize));
  const page = listed.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  const data: UmeetingListPage = {
    page_num: pageNumber,
    page_size: pageSize,
    total_record: listed.length,
    total_page: totalPage,
    has_previous_page: pageNumber > 1,
    has_next_page: pageNumber < totalPage,
    meetings: page.map(({ m, status }) => ({
      duration: m.durationMinutes,
      start_time: formatUmeetingTime(new Date(m.startMs), ctx.timeZone),
      topic: m.topic,
      join_url: m.joinUrl,
      id: m.id,
      status,
      host_key: m.hostKey,
      type: String(m.type),
    })),
  };
  return ok(data);
}

/** A paging parameter: the default when absent or blank, undefined when not a positive integer. */
function positive(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw.trim() === '') return fallback;
  return /^\d+$/.test(raw.trim()) && Number(raw) >= 1 ? Number(raw) : undefined;
}
