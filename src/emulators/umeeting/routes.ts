import type { UmeetingCredentials } from '../../config/config.types.js';
import { toUmeetingTime } from '../../providers/umeeting/umeeting.time.js';
import type { EmulatorClock } from '../clock.js';
import type { EmulatorReply, EmulatorRequest, EmulatorRoute } from '../emulator-server.js';
import { checkCredentials } from './auth.js';
import { badRequest, fail, ok, UMEETING_EMULATOR_STATUS } from './errors.js';
import { STATUS, type EmulatedMeeting, type UmeetingEmulatorState } from './state.js';
import { FormError, parseCreateForm } from './validation.js';

/**
 * The umeeting paths (providers.md §3.2; the visible path of each page, not its link, §3.4 U-1).
 * Every call is a form POST carrying `api_key` + `api_secret` (§3.1). Journal operation names:
 * `scheduleMeeting`, `instantMeeting`, `getMeeting`, `deleteMeeting`, `endMeeting`, `listMeetings`.
 */

export interface UmeetingRouteContext {
  state: UmeetingEmulatorState;
  credentials: UmeetingCredentials;
  clock: EmulatorClock;
  timeZone: string;
  allowInstantRecurrence: boolean;
  /** The emulator's own URL, known once it listens (join and start URLs point at it). */
  baseUrl(): string;
}

type FormHandler = (form: URLSearchParams, ctx: UmeetingRouteContext) => EmulatorReply;

export function umeetingRoutes(ctx: UmeetingRouteContext): EmulatorRoute[] {
  const route = (path: string, operation: string, handler: FormHandler): EmulatorRoute => ({
    method: 'POST',
    path: new RegExp(`^${path.replace(/\//g, '\\/')}\\/?$`),
    operation,
    handle: (req) => {
      const form = readForm(req);
      if (!form)
        return badRequest(
          'parameters must be submitted as a form (application/x-www-form-urlencoded)',
        );
      return checkCredentials(form, ctx.credentials) ?? handler(form, ctx);
    },
  });
  return [
    route('/umeeting/share/schedule', 'scheduleMeeting', (form) => create(form, ctx, 'schedule')),
    route('/umeeting/share/instant', 'instantMeeting', (form) => create(form, ctx, 'instant')),
    route('/umeeting/share/get', 'getMeeting', getMeeting),
    route('/umeeting/share/delete', 'deleteMeeting', closeMeeting('cancelled')),
    route('/umeeting/share/end', 'endMeeting', closeMeeting('ended')),
    route('/umeeting/share/list', 'listMeetings', listMeetings),
  ];
}

function readForm(req: EmulatorRequest): URLSearchParams | undefined {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (req.rawBody.length > 0 && !type.startsWith('application/x-www-form-urlencoded'))
    return undefined;
  return new URLSearchParams(req.rawBody.toString('utf8'));
}

function create(
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
  const live = parsed.options.allow_live_streaming === 'true';
  const liveId = live ? String(10_000_000 + Number(id.slice(-7))) : null;
  const meeting: EmulatedMeeting = {
    id,
    type: endpoint === 'instant' ? 1 : 2,
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
    // play_addr is plain http:// like the seeds' third-party CDN address (§3.4 U-12).
    playAddr: liveId ? `http://live.umeeting.invalid/${liveId}/live.m3u8` : '',
    watchUrl: liveId ? `${base}/live/${liveId}` : '',
    deleted: false,
    endedAtMs: null,
  };
  state.add(meeting);
  const local = (ms: number) => toUmeetingTime(new Date(ms), ctx.timeZone);
  // Valid JSON with a single-line start_url and a real start_time, unlike the seeds (U-4, U-10).
  return ok({
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
  });
}

/**
 * `/share/get`: the documented fields (with the get example's spellings: numeric strings,
 * `user_Key`, §3.4 U-13), plus, as an emulator extension, `type`, the options, the recurrence
 * fields and `occurrences` with each one's `status`. No host secrets.
 */
function getMeeting(form: URLSearchParams, ctx: UmeetingRouteContext): EmulatorReply {
  const id = form.get('meeting_id')?.trim();
  if (!id) return badRequest('meeting_id is required');
  const meeting = ctx.state.meetings.get(id);
  if (!meeting) return fail(UMEETING_EMULATOR_STATUS.NOT_FOUND, 'meeting not found');
  const now = ctx.clock.now();
  const local = (ms: number) => toUmeetingTime(new Date(ms), ctx.timeZone);
  return ok({
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
  });
}

/**
 * `/share/delete` and `/share/end` (providers.md §3.2): a meeting number acts on the meeting (the
 * series), an occurrence uuid on that occurrence only.
 */
function closeMeeting(action: 'cancelled' | 'ended') {
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
    return { status: 200, body: { status: 200, message: 'OK' } };
  };
}

/** `/share/list`: online meetings (booked or in progress), optionally of one `user_key`, paged. */
function listMeetings(form: URLSearchParams, ctx: UmeetingRouteContext): EmulatorReply {
  const pageSize = positive(form.get('page_size'), 30);
  const pageNumber = positive(form.get('page_number'), 1);
  if (pageSize === undefined || pageNumber === undefined || pageSize > 300) {
    return badRequest('page_size (1-300) and page_number must be positive integers');
  }
  const userKey = form.get('user_key');
  const now = ctx.clock.now();
  const online = [...ctx.state.meetings.values()]
    .filter((m) => !userKey || m.userKey === userKey)
    .map((m) => ({ m, status: ctx.state.statusOf(m, now) }))
    .filter(({ status }) => status === STATUS.BOOKED || status === STATUS.IN_PROGRESS)
    .sort((a, b) => a.m.startMs - b.m.startMs || a.m.id.localeCompare(b.m.id));
  const totalPage = Math.max(1, Math.ceil(online.length / pageSize));
  const page = online.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return ok({
    page_num: pageNumber,
    page_size: pageSize,
    total_record: online.length,
    total_page: totalPage,
    has_previous_page: pageNumber > 1,
    has_next_page: pageNumber < totalPage,
    meetings: page.map(({ m, status }) => ({
      duration: m.durationMinutes,
      start_time: toUmeetingTime(new Date(m.startMs), ctx.timeZone),
      topic: m.topic,
      join_url: m.joinUrl,
      id: m.id,
      status,
      // The list page returns host_key (providers.md §3.2 #7); it is a host secret all the same.
      host_key: m.hostKey,
      type: String(m.type),
    })),
  });
}

function positive(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw.trim() === '') return fallback;
  return /^\d+$/.test(raw.trim()) && Number(raw) >= 1 ? Number(raw) : undefined;
}
