import type { EmulatorReply } from '../emulator-server.js';
import { WECOM_ERRORS, wecomError, wecomOk } from './errors.js';
import { LINK_BASE, type StoredMeeting, type WecomEmulatorState } from './state.js';
import {
  invalid,
  lookupKeys,
  PASSWORD_DIGITS,
  RECORD_TYPES,
  type BodyReader,
} from './validation.js';
import {
  MEETING_SETTING_DEFAULTS,
  MEETING_STATUS,
  type MeetingCreated,
  type MeetingDetails,
  type MeetingIdList,
  type MeetingReminders,
  type MeetingSettings,
} from './wire.js';

/*
 * The WeCom meeting handlers (non-webinar; docs/reference/providers.md §2.5): create, get_info,
 * update, cancel, and a member's meeting id list. A recurring meeting's `reminders` rule is
 * validated, stored and echoed (path/98148); its occurrences are not expanded (its status follows
 * its first meeting) and one occurrence (`sub_meetingid`) cannot be cancelled. An app sees only
 * the meetings it created.
 */

const meetingLink = (m: StoredMeeting) => `${LINK_BASE}/meeting/${m.meeting_code}`;

/**
 * `settings` over `base`: the defaults on a create, the meeting's current settings on an update
 * (path/98154 marks every setting optional, so one not sent stays as it is [I]).
 */
function readMeetingSettings(
  r: BodyReader,
  adminUserid: string,
  base: MeetingSettings = { ...MEETING_SETTING_DEFAULTS, hosts: [adminUserid] },
): MeetingSettings {
  const s = r.obj('settings') ?? {};
  const out: MeetingSettings = { ...base, hosts: [...base.hosts] };
  const password = r.str('password', { pattern: PASSWORD_DIGITS, from: s });
  if (password !== undefined) out.password = password;
  const bools = [
    'enable_waiting_room',
    'allow_enter_before_host',
    'allow_unmute_self',
    'mute_all',
    'allow_external_user',
    'enable_screen_watermark',
    'attendee_join_auto_record',
    'enable_host_pause_auto_record',
  ] as const;
  for (const key of bools) {
    const v = r.bool(key, s);
    if (v !== undefined) out[key] = v;
  }
  // Meeting `enable_enter_mute` is an integer (§2.5): 0 off, 1 on, 2 on above six people [I].
  const mute = r.uint('enable_enter_mute', { max: 2, from: s });
  if (mute !== undefined) out.enable_enter_mute = mute;
  const watermark = r.uint('watermark_type', { max: 1, from: s });
  if (watermark !== undefined) out.watermark_type = watermark;
  const record = r.str('auto_record_type', { from: s });
  if (record !== undefined) {
    if ((RECORD_TYPES as readonly string[]).includes(record)) out.auto_record_type = record;
    else r.fail('settings.auto_record_type', 'none, local or cloud');
  }
  const hosts = s.hosts as { userid?: unknown } | undefined;
  if (hosts !== undefined) {
    const ids = r.userids('userid', {
      objects: false,
      max: 100,
      from: (hosts ?? {}) as Record<string, unknown>,
    });
    // An empty list leaves the admin as the only host [I].
    if (ids) out.hosts = ids.length > 0 ? ids : [adminUserid];
  }
  return out;
}

/** `remind_before` values the create doc lists (path/98148). */
const REMIND_BEFORE = [0, 300, 900, 3600, 86400];
/** `repeat_type`: 0 daily, 1 weekly, 2 monthly, 7 working days (path/98148; see wire.ts). */
const REPEAT_TYPES = [0, 1, 2, 7];

function intList(
  r: BodyReader,
  from: Record<string, unknown>,
  key: string,
  ok: (n: number) => boolean,
  rule: string,
): number[] | undefined {
  const value = from[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !ok(v))) {
    return r.fail(`reminders.${key}`, rule);
  }
  return value as number[];
}

/**
 * `reminders` of a create or update (path/98148, 98154): `is_repeat` 1 makes a series, with
 * `repeat_type` and an end (`repeat_until_type` 0: `repeat_until`, 1: `repeat_until_count`).
 */
function readReminders(
  r: BodyReader,
  meetingStart: number | undefined,
): MeetingReminders | undefined {
  const o = r.obj('reminders');
  if (!o) return undefined;
  const isRepeat = r.uint('is_repeat', { max: 1, from: o }) ?? 0;
  const remindBefore = intList(
    r,
    o,
    'remind_before',
    (n) => REMIND_BEFORE.includes(n),
    `one of ${REMIND_BEFORE.join(', ')}`,
  );
  const out: MeetingReminders = {
    is_repeat: isRepeat,
    ...(remindBefore ? { remind_before: remindBefore } : {}),
  };
  if (isRepeat === 0) return out;
  const type = r.uint('repeat_type', { required: true, from: o });
  if (type !== undefined && !REPEAT_TYPES.includes(type))
    r.fail('reminders.repeat_type', '0, 1, 2 or 7');
  const custom = r.uint('is_custom_repeat', { max: 1, from: o }) ?? 0;
  const interval = r.uint('repeat_interval', { min: 1, from: o });
  const daysOfWeek = intList(
    r,
    o,
    'repeat_day_of_week',
    (n) => Number.isInteger(n) && n >= 1 && n <= 7,
    '1 to 7 (Monday to Sunday)',
  );
  const daysOfMonth = intList(
    r,
    o,
    'repeat_day_of_month',
    (n) => Number.isInteger(n) && n >= 1 && n <= 31,
    '1 to 31',
  );
  const untilType = r.uint('repeat_until_type', { max: 1, from: o }) ?? 0;
  const count = r.uint('repeat_until_count', { min: 1, from: o });
  const until = r.uint('repeat_until', { from: o });
  if (untilType === 1 && count === undefined)
    r.fail('reminders.repeat_until_count', 'required when repeat_until_type is 1');
  if (
    untilType === 0 &&
    until !== undefined &&
    meetingStart !== undefined &&
    until < meetingStart
  ) {
    r.fail('reminders.repeat_until', 'must not be before meeting_start');
  }
  return {
    ...out,
    repeat_type: type,
    is_custom_repeat: custom,
    ...(interval !== undefined ? { repeat_interval: interval } : {}),
    ...(daysOfWeek ? { repeat_day_of_week: daysOfWeek } : {}),
    ...(daysOfMonth ? { repeat_day_of_month: daysOfMonth } : {}),
    repeat_until_type: untilType,
    ...(untilType === 1 ? { repeat_until_count: count } : {}),
    ...(untilType === 0 && until !== undefined ? { repeat_until: until } : {}),
  };
}

/** `meeting/create` (§2.5, path/97454 and 98148). */
export function createMeeting(
  state: WecomEmulatorState,
  r: BodyReader,
  app: string,
): EmulatorReply {
  const adminUserid = r.str('admin_userid', { required: true, min: 1, max: 64 });
  const title = r.str('title', { required: true, min: 1, max: 255 });
  const start = r.uint('meeting_start', { required: true, numericString: true });
  const duration = r.uint('meeting_duration', {
    required: true,
    min: 300,
    max: 86399,
    numericString: true,
  });
  const description = r.str('description', { max: 5000 });
  const location = r.str('location', { max: 128 });
  const inviteesObj = r.obj('invitees');
  const invitees = inviteesObj
    ? r.userids('userid', { objects: false, max: 300, from: inviteesObj })
    : [];
  const reminders = readReminders(r, start);
  const settings = r.problem ? undefined : readMeetingSettings(r, adminUserid!);
  if (start !== undefined && start <= state.now()) r.fail('meeting_start', 'must be in the future');
  if (r.problem || !settings) return invalid(r);
  const meetingid = state.newMeetingId();
  const m: StoredMeeting = {
    app,
    meetingid,
    meeting_code: state.newMeetingCode(),
    admin_userid: adminUserid!,
    title: title!,
    meeting_start: start!,
    meeting_duration: duration!,
    ...(description !== undefined ? { description } : {}),
    ...(location !== undefined ? { location } : {}),
    invitees: invitees ?? [],
    settings,
    ...(reminders?.is_repeat === 1 ? { reminders } : {}),
    cancelled: false,
    started: false,
  };
  state.meetings.set(meetingid, m);
  // The documented answer is `meetingid` + `excess_users` (§2.5). By default the emulator also
  // sends the code and link (an extension, so one create is one call); a client must cope
  // without them, which `meetingCreateAnswersCode: false` exercises.
  const answer: MeetingCreated = {
    meetingid,
    excess_users: [],
    ...(state.options.meetingCreateAnswersCode
      ? { meeting_code: m.meeting_code, meeting_link: meetingLink(m) }
      : {}),
  };
  return wecomOk(answer);
}

/** `get_info` (path/98149): integer times and status (see MEETING_STATUS in wire.ts). */
export function getMeeting(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
  const keys = lookupKeys(r);
  if (!keys) return invalid(r);
  const m = state.findMeeting(app, keys.meetingid, keys.code);
  if (!m) return wecomError(WECOM_ERRORS.notFound);
  const { hosts, ...settings } = m.settings;
  const answer: MeetingDetails = {
    meetingid: m.meetingid,
    admin_userid: m.admin_userid,
    title: m.title,
    meeting_start: m.meeting_start,
    meeting_duration: m.meeting_duration,
    ...(m.description !== undefined ? { description: m.description } : {}),
    ...(m.location !== undefined ? { location: m.location } : {}),
    status: state.meetingStatus(m),
    meeting_type: 0,
    attendees: {
      member: m.invitees.map((userid) => ({ userid, status: 1 })),
      tmp_external_user: [],
    },
    settings: { ...settings, hosts: { userid: hosts } },
    meeting_code: m.meeting_code,
    meeting_link: meetingLink(m),
    ...(m.reminders ? { reminders: m.reminders } : {}),
  };
  return wecomOk(answer);
}

/**
 * `meeting/update` (path/98154): `meetingid` plus any create field; what is not sent stays. Only
 * a meeting in the scheduled state may change ("仅允许修改预约状态下的会议"): one cancelled,
 * in progress or ended is refused with 40035 (the doc names no code for it [I]). A new
 * `meeting_start` needs `meeting_duration` with it and must be in the future.
 */
export function updateMeeting(
  state: WecomEmulatorState,
  r: BodyReader,
  app: string,
): EmulatorReply {
  const meetingid = r.str('meetingid', { required: true, min: 1, max: 64 });
  const title = r.str('title', { min: 1, max: 255 });
  const start = r.uint('meeting_start', { numericString: true });
  const duration = r.uint('meeting_duration', { min: 300, max: 86399, numericString: true });
  const description = r.str('description', { max: 5000 });
  const location = r.str('location', { max: 128 });
  const inviteesObj = r.obj('invitees');
  const invitees = inviteesObj
    ? r.userids('userid', { objects: false, max: 300, from: inviteesObj })
    : undefined;
  if (start !== undefined && duration === undefined) {
    r.fail('meeting_duration', 'required with meeting_start');
  }
  if (start !== undefined && start <= state.now()) r.fail('meeting_start', 'must be in the future');
  if (r.problem) return invalid(r);
  const m = state.findMeeting(app, meetingid);
  if (!m) return wecomError(WECOM_ERRORS.notFound);
  if (state.meetingStatus(m) !== MEETING_STATUS.waiting) {
    return wecomError(WECOM_ERRORS.invalidParameter, 'only a scheduled meeting can be changed');
  }
  const reminders = readReminders(r, start ?? m.meeting_start);
  const settings = r.problem ? undefined : readMeetingSettings(r, m.admin_userid, m.settings);
  if (r.problem || !settings) return invalid(r);
  if (title !== undefined) m.title = title;
  if (start !== undefined) m.meeting_start = start;
  if (duration !== undefined) m.meeting_duration = duration;
  if (description !== undefined) m.description = description;
  if (location !== undefined) m.location = location;
  if (invitees !== undefined) m.invitees = invitees;
  m.settings = settings;
  if (reminders?.is_repeat === 1) m.reminders = reminders;
  else if (reminders) delete m.reminders;
  return wecomOk();
}

/**
 * `meeting/realcontrol/dismiss` (path/98187): "结束一个进行中的会议", ends a meeting
 * (`force_dismiss` 0 refuses while people are in; the emulator knows no participants, so both
 * end it). ASSUMPTION: the doc speaks of a meeting in progress and is silent on one not yet
 * begun; the emulator ends that too. A cancelled or ended one is refused with 40035 (the doc
 * names no code [I]).
 */
export function dismissMeeting(
  state: WecomEmulatorState,
  r: BodyReader,
  app: string,
): EmulatorReply {
  const meetingid = r.str('meetingid', { required: true, min: 1, max: 64 });
  r.uint('force_dismiss', { max: 1 });
  r.uint('retrieve_code', { max: 1 });
  if (r.problem) return invalid(r);
  const m = state.findMeeting(app, meetingid);
  if (!m) return wecomError(WECOM_ERRORS.notFound);
  const status = state.meetingStatus(m);
  if (status !== MEETING_STATUS.inProgress && status !== MEETING_STATUS.waiting) {
    return wecomError(WECOM_ERRORS.invalidParameter, 'the meeting is not scheduled or in progress');
  }
  m.dismissed = true;
  return wecomOk();
}

/** `get_user_meetingid`'s widest window: end_time − begin_time ≤ 180 days (path/97457). */
export const MEETING_LIST_MAX_SPAN_SECONDS = 180 * 86400;
/** Its default and largest `limit` (path/97457). */
export const MEETING_LIST_MAX_LIMIT = 100;

/**
 * `meeting/get_user_meetingid` (path/97457, 98714): the ids of the member's meetings this app
 * created, `limit` (≤ 100) at a time; `next_cursor` is the last id answered and is empty when
 * the list is done. Meetings starting at or after `begin_time`; `end_time` bounds only meetings
 * already over ("end_time仅用于约束历史会议"); with neither, `end_time` is now. The order is
 * undocumented: the emulator answers in creation order, so a client must sort by itself.
 * "The member's meetings": those they administer or are invited to [I].
 */
export function listUserMeetingIds(
  state: WecomEmulatorState,
  r: BodyReader,
  app: string,
): EmulatorReply {
  const userid = r.str('userid', { required: true, min: 1, max: 64 });
  const cursor = r.str('cursor', { max: 64 });
  const limit = r.uint('limit', { min: 1, max: MEETING_LIST_MAX_LIMIT });
  const beginArg = r.uint('begin_time', { numericString: true });
  const endArg = r.uint('end_time', { numericString: true });
  if (r.problem) return invalid(r);
  const now = state.now();
  const end = endArg ?? Math.max(now, beginArg ?? now);
  const begin = beginArg ?? end - MEETING_LIST_MAX_SPAN_SECONDS;
  if (end < begin) r.fail('end_time', 'must not be before begin_time');
  else if (end - begin > MEETING_LIST_MAX_SPAN_SECONDS) {
    r.fail('end_time', 'at most 180 days after begin_time');
  }
  if (r.problem) return invalid(r);
  const all = [...state.meetings.values()].filter(
    (m) =>
      m.app === app &&
      (m.admin_userid === userid || m.invitees.includes(userid!)) &&
      m.meeting_start >= begin &&
      (m.meeting_start + m.meeting_duration > now || m.meeting_start <= end),
  );
  let offset = 0;
  if (cursor !== undefined && cursor !== '' && cursor !== '0') {
    offset = all.findIndex((m) => m.meetingid === cursor) + 1;
    if (offset === 0) return wecomError(WECOM_ERRORS.invalidParameter, 'invalid cursor');
  }
  const size = Math.min(
    limit ?? MEETING_LIST_MAX_LIMIT,
    state.options.meetingIdListPageSize ?? MEETING_LIST_MAX_LIMIT,
  );
  const page = all.slice(offset, offset + size);
  const more = offset + page.length < all.length;
  const answer: MeetingIdList = {
    next_cursor: more ? page.at(-1)!.meetingid : '',
    meetingid_list: page.map((m) => m.meetingid),
  };
  return wecomOk(answer);
}

/** `meeting/cancel` (§2.5; SKIT `CgibinMeetingCancelRequest.json`). */
export function cancelMeeting(
  state: WecomEmulatorState,
  r: BodyReader,
  app: string,
): EmulatorReply {
  const meetingid = r.str('meetingid', { required: true, min: 1, max: 64 });
  if (r.has('sub_meetingid')) r.fail('sub_meetingid', 'recurring meetings are not emulated');
  if (r.problem) return invalid(r);
  const m = state.findMeeting(app, meetingid);
  if (!m) return wecomError(WECOM_ERRORS.notFound);
  m.cancelled = true; // cancelling twice is a no-op [I]
  return wecomOk();
}
