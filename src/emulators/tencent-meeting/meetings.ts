import { expandOccurrences, type RecurrenceSpec } from '../../domain/recurrence.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import type { EmulatorReply } from '../emulator-server.js';
import { tmError, TM_ERRORS } from './errors.js';
import {
  currentSubMeeting,
  meetingState,
  RECYCLE_AFTER_SECONDS,
  type StoredMeeting,
  type StoredSubMeeting,
  type TencentMeetingState,
} from './state.js';
import {
  epochSeconds,
  INSTANCE_IDS,
  isTimeZone,
  optionalBoolean,
  optionalInt,
  optionalObject,
  optionalString,
  PASSWORD_PATTERN,
  reject,
  requiredEpoch,
  requiredInt,
  requiredString,
  userList,
  type Body,
} from './validation.js';
import type {
  TmEndedMeeting,
  TmEndedMeetingList,
  TmJoinMeetingRole,
  TmMeetingInfo,
  TmMeetingList,
  TmMeetingListing,
  TmMeetingSettings,
  TmMeetingUpdated,
} from './wire.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** Seed 001: "最大支持预定50场子会议" and `until_count` 1–50 (T-M7). */
export const MAX_SUB_MEETINGS = 50;
const MAX_SUBJECT_BYTES = 384; // seed 001: 512 bytes after Base64 ≈ 384 raw bytes (T-M6)
const JOIN_HOST = 'https://meeting.tencent.com';

const FREQUENCY_BY_TYPE: Record<number, RecurrenceFrequency> = {
  0: RecurrenceFrequency.DAILY,
  1: RecurrenceFrequency.WEEKDAYS,
  2: RecurrenceFrequency.WEEKLY,
  3: RecurrenceFrequency.BIWEEKLY,
  4: RecurrenceFrequency.MONTHLY,
};

const SETTING_BOOLEANS = [
  'mute_enable_join',
  'allow_unmute_self',
  'mute_all',
  'host_video',
  'participant_video',
  'enable_record',
  'play_ivr_on_leave',
  'play_ivr_on_join',
  'allow_in_before_host',
  'auto_in_waiting_room',
  'allow_screen_shared_watermark',
  'only_enterprise_user_allowed',
  'participant_join_auto_record',
  'enable_host_pause_auto_record',
] as const;

/** Documented defaults of seed 001's settings table; other settings are reported only when set. */
const SETTING_DEFAULTS: TmMeetingSettings = {
  allow_in_before_host: true,
  auto_in_waiting_room: false,
  allow_screen_shared_watermark: false,
  only_enterprise_user_allowed: false,
};

export function parseSettings(
  raw: Body | undefined,
  base: TmMeetingSettings,
  prefix = 'settings.',
): TmMeetingSettings {
  const out: TmMeetingSettings = { ...base };
  if (!raw) return out;
  for (const key of SETTING_BOOLEANS) {
    const value = optionalBoolean(raw, key, prefix);
    if (value !== undefined) out[key] = value;
  }
  const watermark = optionalInt(raw, 'water_mark_type', [0, 1], prefix);
  if (watermark !== undefined) out.water_mark_type = watermark;
  const record = raw.auto_record_type;
  if (record !== undefined && record !== null) {
    if (record !== 'none' && record !== 'local' && record !== 'cloud') {
      reject(`${prefix}auto_record_type`, 'must be none, local or cloud');
    }
    out.auto_record_type = record;
  }
  return out;
}

/** The common user/device fields of every write (seed 000/001: `userid`, `instanceid`). */
export function caller(body: Body): string {
  const userid = requiredString(body, 'userid', 1, 200);
  // Seed 001: "userid 不能为1，为1时会发生不确定错误" — we refuse it rather than misbehave.
  if (userid === '1') reject('userid', 'must not be "1" (seed 001)');
  requiredInt(body, 'instanceid', INSTANCE_IDS);
  return userid;
}

/**
 * Seed 001 `UserObj.is_anonymous` / `nick_name` in `hosts` and `invitees`: who joins anonymously.
 * Without a `nick_name` Tencent shows a generated one ("会议用户" + digits; [I] the format).
 */
function anonymousOf(body: Body, base: Record<string, string> = {}): Record<string, string> {
  const out = { ...base };
  for (const field of ['hosts', 'invitees'] as const) {
    const list = body[field];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (!item || typeof item !== 'object') return;
      const user = item as Body;
      const id = (user.userid ?? user.open_id) as string;
      const flag = optionalBoolean(user, 'is_anonymous', `${field}[${i}].`);
      const nick = optionalString(user, 'nick_name', 1, 64);
      if (flag === true) out[id] = nick ?? `会议用户${String(1000 + (i % 9000))}`;
      else if (flag === false) delete out[id];
    });
  }
  return out;
}

function userObjects(ids: readonly string[], anonymous: Record<string, string>) {
  return ids.map((userid) =>
    anonymous[userid] !== undefined
      ? { userid, is_anonymous: true, nick_name: anonymous[userid] }
      : { userid },
  );
}

function subjectOf(body: Body): string {
  const subject = requiredString(body, 'subject', 1, 255);
  if (Buffer.byteLength(subject, 'utf8') > MAX_SUBJECT_BYTES) {
    reject('subject', `at most ${MAX_SUBJECT_BYTES} UTF-8 bytes (seed 001)`);
  }
  return subject;
}

interface RecurrencePlan {
  rule: NonNullable<StoredMeeting['recurringRule']>;
  subMeetings: StoredSubMeeting[];
}

/** Expands `recurring_rule` with the shared recurrence semantics (src/domain/recurrence.ts). */
function planRecurrence(
  raw: Body | undefined,
  start: number,
  end: number,
  timeZone: string,
  now: number,
): RecurrencePlan {
  const rule = raw ?? {};
  const recurringType = optionalInt(rule, 'recurring_type', undefined, 'recurring_rule.') ?? 0;
  if (recurringType === 5)
    reject('recurring_rule.recurring_type', 'custom rules (5) are not emulated');
  if (!(recurringType in FREQUENCY_BY_TYPE)) reject('recurring_rule.recurring_type', 'must be 0–4');
  const untilType = optionalInt(rule, 'until_type', [0, 1], 'recurring_rule.') ?? 0;
  const spec: RecurrenceSpec = { frequency: FREQUENCY_BY_TYPE[recurringType]! };
  const stored: RecurrencePlan['rule'] = { recurring_type: recurringType, until_type: untilType };
  if (untilType === 1) {
    // T-M4: with until_type 1 the count rules and any date is ignored.
    const count = optionalInt(rule, 'until_count', undefined, 'recurring_rule.') ?? 7;
    if (count < 1 || count > MAX_SUB_MEETINGS) reject('recurring_rule.until_count', 'must be 1–50');
    spec.count = count;
    stored.until_count = count;
  } else {
    // T-M3: seed 001's example spells it `until_data`; accepted as an alias.
    const rawDate = rule.until_date ?? rule.until_data;
    const untilDate =
      rawDate === undefined || rawDate === null
        ? now + 7 * 86_400
        : epochSeconds(
            rawDate,
            rule.until_date !== undefined
              ? 'recurring_rule.until_date'
              : 'recurring_rule.until_data',
          );
    if (untilDate < start) reject('recurring_rule.until_date', 'must not be before start_time');
    spec.until = new Date(untilDate * 1000);
    stored.until_date = untilDate;
  }
  const starts = expandOccurrences(spec, new Date(start * 1000), timeZone);
  if (starts.length === 0) reject('recurring_rule', 'yields no occurrence');
  if (starts.length > MAX_SUB_MEETINGS)
    reject('recurring_rule.until_date', `yields more than ${MAX_SUB_MEETINGS} occurrences`);
  const duration = end - start;
  const subMeetings = starts.map((d) => {
    const s = Math.floor(d.getTime() / 1000);
    return { subMeetingId: String(s), start: s, end: s + duration, deleted: false };
  });
  return { rule: stored, subMeetings };
}

function liveConfigOf(body: Body, subject: string, addr: string): StoredMeeting['liveConfig'] {
  const raw = optionalObject(body, 'live_config') ?? {};
  const p = 'live_config.';
  const enablePassword = optionalBoolean(raw, 'enable_live_password', p) ?? false;
  const password = optionalString(raw, 'live_password', 0, 32);
  if (enablePassword && !password)
    reject('live_config.live_password', 'is required when enable_live_password is true');
  return {
    live_subject: optionalString(raw, 'live_subject', 0, 255) ?? subject,
    live_summary: optionalString(raw, 'live_summary', 0, 1000) ?? '',
    enable_live_password: enablePassword,
    ...(enablePassword ? { live_password: password } : {}),
    enable_live_im: optionalBoolean(raw, 'enable_live_im', p) ?? false,
    enable_live_replay: optionalBoolean(raw, 'enable_live_replay', p) ?? false,
    live_addr: addr,
  };
}

/** POST /v1/meetings (seed 001). */
export function createMeeting(state: TencentMeetingState, body: Body, now: number): EmulatorReply {
  const creator = caller(body);
  const subject = subjectOf(body);
  const type = requiredInt(body, 'type', [0, 1]);
  const start = requiredEpoch(body, 'start_time');
  const end = requiredEpoch(body, 'end_time');
  if (end <= start) reject('end_time', 'must be after start_time');
  const password = optionalString(body, 'password');
  if (password !== undefined && password !== '' && !PASSWORD_PATTERN.test(password)) {
    reject('password', 'must be 4 to 6 digits');
  }
  const hosts = userList(body, 'hosts', 100) ?? [creator];
  const invitees = userList(body, 'invitees', 300) ?? [];
  const settings = parseSettings(optionalObject(body, 'settings'), SETTING_DEFAULTS);
  const timeZone = optionalString(body, 'time_zone', 1, 64) ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) reject('time_zone', 'must be an IANA time zone name');
  const meetingType = optionalInt(body, 'meeting_type', [0, 1]) ?? 0;
  if (meetingType === 1 && type === 1)
    reject('meeting_type', 'a quick meeting (type 1) cannot recur');
  const plan =
    meetingType === 1
      ? planRecurrence(optionalObject(body, 'recurring_rule'), start, end, timeZone, now)
      : undefined;
  const enableLive = optionalBoolean(body, 'enable_live') ?? false;
  const enableHostKey = optionalBoolean(body, 'enable_host_key') ?? false;
  const hostKey = enableHostKey ? optionalString(body, 'host_key') : undefined;
  if (enableHostKey && !(hostKey && /^\d{6}$/.test(hostKey)))
    reject('host_key', 'must be 6 digits');

  const ids = state.ids;
  const meeting: StoredMeeting = {
    meetingId: ids.meetingId(),
    meetingCode: ids.meetingCode(),
    creator,
    subject,
    type,
    start,
    end,
    password: password ? password : null,
    hosts,
    invitees,
    settings,
    meetingType,
    recurringRule: plan?.rule ?? null,
    subMeetings: plan?.subMeetings ?? [],
    enableLive,
    liveConfig: enableLive ? liveConfigOf(body, subject, `${JOIN_HOST}/l/${ids.slug(14)}`) : null,
    joinUrl: `${JOIN_HOST}/dm/${ids.slug(12)}`,
    timeZone,
    hostKey: hostKey ?? null,
    cancelled: false,
    occupied: false,
    anonymous: anonymousOf(body),
    syncToWework: optionalBoolean(body, 'sync_to_wework') ?? true,
    modifiedMs: now * 1000,
  };
  state.meetings.set(meeting.meetingId, meeting);
  // Seed 001's answer: a list even for one meeting; live_config carries only live_addr.
  const info: TmMeetingInfo = {
    subject: meeting.subject,
    meeting_id: meeting.meetingId,
    meeting_code: meeting.meetingCode,
    ...(meeting.password ? { password: meeting.password } : {}),
    hosts: userObjects(meeting.hosts, meeting.anonymous),
    participants: [],
    user_non_registered: [],
    start_time: String(meeting.start),
    end_time: String(meeting.end),
    join_url: meeting.joinUrl,
    settings: meeting.settings,
    enable_live: meeting.enableLive,
    ...(meeting.liveConfig ? { live_config: { live_addr: meeting.liveConfig.live_addr } } : {}),
    ...(meeting.hostKey ? { host_key: meeting.hostKey } : {}),
  };
  const answer: TmMeetingList = { meeting_number: 1, meeting_info_list: [info] };
  return { status: 200, body: answer };
}

/** The GET answer for one meeting as `viewer` sees it (the password only to the creator). */
export function meetingInfo(meeting: StoredMeeting, viewer: string, now: number): TmMeetingInfo {
  const isCreator = viewer === meeting.creator;
  const current = currentSubMeeting(meeting, now);
  const live = meeting.liveConfig;
  return {
    subject: meeting.subject,
    meeting_id: meeting.meetingId,
    meeting_code: meeting.meetingCode,
    ...(isCreator && meeting.password ? { password: meeting.password } : {}),
    need_password: meeting.password !== null,
    status: meetingState(meeting, now),
    type: meeting.type,
    meeting_type: meeting.meetingType,
    hosts: userObjects(meeting.hosts, meeting.anonymous),
    participants: userObjects(meeting.invitees, meeting.anonymous),
    current_hosts: [],
    // [I] The emulator has no user directory: every invitee counts as registered.
    user_non_registered: [],
    sync_to_wework: meeting.syncToWework,
    start_time: String(meeting.start),
    end_time: String(meeting.end),
    join_url: meeting.joinUrl,
    settings: meeting.settings,
    enable_live: meeting.enableLive,
    ...(live
      ? {
          live_config: {
            live_subject: live.live_subject,
            live_summary: live.live_summary,
            enable_live_password: live.enable_live_password,
            ...(isCreator && live.live_password ? { live_password: live.live_password } : {}),
            enable_live_im: live.enable_live_im,
            enable_live_replay: live.enable_live_replay,
            live_addr: live.live_addr,
          },
        }
      : {}),
    ...(meeting.recurringRule
      ? {
          recurring_rule: meeting.recurringRule,
          sub_meetings: meeting.subMeetings.map((s) => ({
            sub_meeting_id: s.subMeetingId,
            start_time: String(s.start),
            end_time: String(s.end),
            status: s.deleted ? 1 : 0,
          })),
          has_more_sub_meeting: 0,
          remain_sub_meetings: meeting.subMeetings.filter((s) => !s.deleted && s.start > now)
            .length,
          ...(current ? { current_sub_meeting_id: current.subMeetingId } : {}),
        }
      : {}),
    time_zone: meeting.timeZone,
    ...(isCreator && meeting.hostKey ? { host_key: meeting.hostKey } : {}),
  };
}

export function notFound(): EmulatorReply {
  return tmError(TM_ERRORS.MEETING_NOT_EXIST, 'MEETING NOT EXIST');
}

/** GET /v1/meetings/{id} (§1.3 GET): one meeting as `operator` sees it, or 9003. */
export function getMeeting(
  state: TencentMeetingState,
  id: string,
  operator: string,
  now: number,
): EmulatorReply {
  const meeting = state.meetings.get(id);
  if (!meeting) return notFound();
  if (!mayActOn(state, meeting, operator)) return noPermission('query');
  const answer: TmMeetingList = {
    meeting_number: 1,
    meeting_info_list: [meetingInfo(meeting, operator, now)],
  };
  return { status: 200, body: answer };
}

/**
 * GET /v1/meetings?meeting_code=… (§1.3, meeting.tencent.com/support/topic/876); without a code
 * the same path lists the operator's meetings (1095/42421).
 */
export function getMeetingByCode(
  state: TencentMeetingState,
  query: URLSearchParams,
  operator: string,
  now: number,
): EmulatorReply {
  const code = query.get('meeting_code');
  if (code === null) return listMeetings(state, query, operator, now);
  if (!/^\d{9}$/.test(code)) reject('meeting_code', 'must be 9 digits');
  const meeting = state.meetingByCode(code);
  // [I] An unknown or recycled code answers an empty list (a recycled code can no longer be
  // looked up: §1.3); the client treats that and 9003 alike.
  if (!meeting || !codeStillValid(meeting, now)) {
    const none: TmMeetingList = { meeting_number: 0, meeting_info_list: [] };
    return { status: 200, body: none };
  }
  if (!mayActOn(state, meeting, operator)) return noPermission('query');
  const answer: TmMeetingList = {
    meeting_number: 1,
    meeting_info_list: [
      { ...meetingInfo(meeting, operator, now), join_meeting_role: role(meeting, operator) },
    ],
  };
  return { status: 200, body: answer };
}

/**
 * POST /v1/meetings/{id}/cancel, whole series or one `sub_meeting_id` (docs/reference/providers.md
 * §1.3).
 */
export function cancelMeeting(
  state: TencentMeetingState,
  id: string,
  body: Body,
  now: number,
): EmulatorReply {
  const userid = caller(body);
  requiredInt(body, 'reason_code');
  optionalString(body, 'reason_detail', 0, 1000);
  optionalInt(body, 'meeting_type', [0, 1]);
  const subId = optionalString(body, 'sub_meeting_id', 1, 40);
  const found = openMeeting(state, id, userid, now, 'cancel');
  if ('reply' in found) return found.reply;
  const { meeting, status } = found;
  if (subId !== undefined) {
    if (meeting.meetingType !== 1) reject('sub_meeting_id', 'only for recurring meetings');
    const sub = meeting.subMeetings.find((s) => s.subMeetingId === subId);
    if (!sub) return tmError(TM_ERRORS.MEETING_NOT_EXIST, 'SUB MEETING NOT EXIST');
    if (sub.deleted) return tmError(TM_ERRORS.ALREADY_CANCELLED, 'sub meeting already cancelled');
    if (sub.end <= now) return tmError(TM_ERRORS.ALREADY_ENDED, 'sub meeting already ended');
    if (meeting.occupied && sub.start <= now) {
      return tmError(TM_ERRORS.ALREADY_STARTED, 'cannot cancel a sub meeting that has started');
    }
    sub.deleted = true;
    if (meeting.subMeetings.every((s) => s.deleted)) meeting.cancelled = true;
    return { status: 200, body: {} };
  }
  if (status === 'MEETING_STATE_ENDED' || status === 'MEETING_STATE_RECYCLED') {
    return tmError(TM_ERRORS.ALREADY_ENDED, 'meeting already ended');
  }
  if (status === 'MEETING_STATE_STARTED') {
    return tmError(TM_ERRORS.ALREADY_STARTED, 'cannot cancel a meeting that has started');
  }
  meeting.cancelled = true;
  return { status: 200, body: {} };
}

/**
 * POST /v1/meetings/{id}/dismiss (结束会议, cloud.tencent.com/document/product/1095/57955; the
 * body of the official Go SDK's `V1MeetingsMeetingIdDismissPostRequest`,
 * TencentCloud/wemeet-openapi-sdk-go service/meeting_control): `operator_id`, `operator_id_type`
 * (1 userid, 2 openid, 4 ms_open_id: each names a user here), `instanceid` and `reason_code`
 * required; `reason_detail`, `force_dismiss_meeting` (0/1, default 1) and `retrieve_code` (0/1,
 * default 0) optional. The creator, a host or an enterprise admin may end it ("会议创建者、主持人、
 * 联席主持人"); anyone else 9042, which this doc lists with HTTP 500. 9003 unknown; 9007 cancelled
 * and 13603 ended, as on cancel (this doc's code list names neither). Answers `{}`.
 * [I] The doc speaks of a meeting in progress; one not yet begun is ended too (as the WeCom
 * emulator's dismiss), and a series ends whole. [I] `force_dismiss_meeting` 0 with someone in is
 * refused with 13602 (the doc gives no code).
 */
export function dismissMeeting(
  state: TencentMeetingState,
  id: string,
  body: Body,
  now: number,
): EmulatorReply {
  const operator = requiredString(body, 'operator_id', 1, 200);
  requiredInt(body, 'operator_id_type', [1, 2, 4]);
  requiredInt(body, 'instanceid', INSTANCE_IDS);
  requiredInt(body, 'reason_code');
  optionalString(body, 'reason_detail', 0, 1000);
  const force = optionalInt(body, 'force_dismiss_meeting', [0, 1]) ?? 1;
  optionalInt(body, 'retrieve_code', [0, 1]);
  const meeting = state.meetings.get(id);
  if (!meeting) return notFound();
  if (!mayActOn(state, meeting, operator)) {
    return tmError(
      TM_ERRORS.NO_PERMISSION,
      'no permission: only the creator or a host may end',
      500,
    );
  }
  const status = meetingState(meeting, now);
  if (status === 'MEETING_STATE_CANCELLED') {
    return tmError(TM_ERRORS.ALREADY_CANCELLED, 'meeting already cancelled');
  }
  if (status === 'MEETING_STATE_ENDED' || status === 'MEETING_STATE_RECYCLED') {
    return tmError(TM_ERRORS.ALREADY_ENDED, 'meeting already ended');
  }
  if (force === 0 && meeting.occupied) {
    return tmError(
      TM_ERRORS.ALREADY_STARTED,
      'someone is in the meeting and force_dismiss_meeting is 0',
    );
  }
  meeting.dismissedAt = now;
  meeting.occupied = false;
  meeting.modifiedMs = Math.max(now * 1000, meeting.modifiedMs + 1);
  return { status: 200, body: {} };
}

/**
 * PUT /v1/meetings/{id} (docs/reference/providers.md §1.3 PUT): the creator (or an admin) changes
 * what the body gives; absent = unchanged. Refused like a cancel: 9003 unknown, 9042 not the
 * creator, 9007 cancelled, 13603 ended. `start_time` and `end_time` travel together and are
 * checked as on create; `hosts: []` clears them (the creator hosts again, the create default);
 * `password: ""` removes the password; a new `recurring_rule` (or new times of a series)
 * recomputes the occurrences; `recurring_rule.sub_meeting_id` moves only that occurrence (never
 * with a rule change).
 */
export function updateMeeting(
  state: TencentMeetingState,
  id: string,
  body: Body,
  now: number,
): EmulatorReply {
  const userid = caller(body);
  const found = openMeeting(state, id, userid, now, 'update');
  if ('reply' in found) return found.reply;
  const { meeting, status } = found;
  if (status === 'MEETING_STATE_ENDED' || status === 'MEETING_STATE_RECYCLED') {
    return tmError(TM_ERRORS.ALREADY_ENDED, 'meeting already ended');
  }
  const rule = optionalObject(body, 'recurring_rule');
  const subId = rule ? optionalString(rule, 'sub_meeting_id', 1, 40) : undefined;
  if (subId !== undefined) return moveSubMeeting(meeting, subId, rule!, body, now);
  const next = { ...meeting };
  if (body.subject !== undefined) next.subject = subjectOf(body);
  if (body.start_time !== undefined || body.end_time !== undefined) {
    next.start = requiredEpoch(body, 'start_time');
    next.end = requiredEpoch(body, 'end_time');
    if (next.end <= next.start) reject('end_time', 'must be after start_time');
  }
  if (body.password !== undefined) {
    const password = optionalString(body, 'password');
    if (password && !PASSWORD_PATTERN.test(password)) reject('password', 'must be 4 to 6 digits');
    next.password = password ? password : null;
  }
  const hosts = userList(body, 'hosts', 100);
  if (hosts !== undefined) next.hosts = hosts.length > 0 ? hosts : [meeting.creator];
  next.invitees = userList(body, 'invitees', 300) ?? next.invitees;
  next.anonymous = anonymousOf(body, meeting.anonymous);
  next.settings = parseSettings(optionalObject(body, 'settings'), next.settings);
  const timeZone = optionalString(body, 'time_zone', 1, 64);
  if (timeZone !== undefined) {
    if (!isTimeZone(timeZone)) reject('time_zone', 'must be an IANA time zone name');
    next.timeZone = timeZone;
  }
  const meetingType = optionalInt(body, 'meeting_type', [0, 1]) ?? next.meetingType;
  if (meetingType === 1 && next.type === 1)
    reject('meeting_type', 'a quick meeting (type 1) cannot recur');
  const timesChanged = next.start !== meeting.start || next.end !== meeting.end;
  if (
    meetingType === 1 &&
    (rule !== undefined || timesChanged || next.meetingType !== 1 || timeZone !== undefined)
  ) {
    const plan = planRecurrence(
      rule ?? next.recurringRule ?? undefined,
      next.start,
      next.end,
      next.timeZone,
      now,
    );
    next.recurringRule = plan.rule;
    next.subMeetings = plan.subMeetings;
  } else if (meetingType === 0) {
    next.recurringRule = null;
    next.subMeetings = [];
  }
  next.meetingType = meetingType;
  const enableLive = optionalBoolean(body, 'enable_live');
  if (enableLive !== undefined) {
    next.enableLive = enableLive;
    next.liveConfig = enableLive
      ? liveConfigOf(
          body,
          next.subject,
          meeting.liveConfig?.live_addr ?? `${JOIN_HOST}/l/${state.ids.slug(14)}`,
        )
      : null;
  }
  next.modifiedMs = Math.max(now * 1000, meeting.modifiedMs + 1);
  state.meetings.set(id, next);
  return updated(next);
}

/** The PUT answer (§1.3 PUT): ids, settings and the live address only. */
function updated(meeting: StoredMeeting): EmulatorReply {
  const answer: TmMeetingList<TmMeetingUpdated> = {
    meeting_number: 1,
    meeting_info_list: [
      {
        meeting_id: meeting.meetingId,
        meeting_code: meeting.meetingCode,
        settings: meeting.settings,
        enable_live: meeting.enableLive,
        ...(meeting.liveConfig ? { live_config: { live_addr: meeting.liveConfig.live_addr } } : {}),
        ...(meeting.hostKey ? { host_key: meeting.hostKey } : {}),
      },
    ],
  };
  return { status: 200, body: answer };
}

/** `recurring_rule.sub_meeting_id`: that occurrence gets the body's times; the rest stays. */
function moveSubMeeting(
  meeting: StoredMeeting,
  subId: string,
  rule: Body,
  body: Body,
  now: number,
): EmulatorReply {
  if (meeting.meetingType !== 1) reject('recurring_rule.sub_meeting_id', 'only for a series');
  const ruleChange = ['recurring_type', 'until_type', 'until_date', 'until_count'].some(
    (key) => rule[key] !== undefined,
  );
  if (ruleChange) reject('recurring_rule', 'sub_meeting_id cannot be combined with a rule change');
  const sub = meeting.subMeetings.find((s) => s.subMeetingId === subId);
  if (!sub) return tmError(TM_ERRORS.MEETING_NOT_EXIST, 'SUB MEETING NOT EXIST');
  if (sub.deleted) return tmError(TM_ERRORS.ALREADY_CANCELLED, 'sub meeting already cancelled');
  if (sub.end <= now) return tmError(TM_ERRORS.ALREADY_ENDED, 'sub meeting already ended');
  const start = requiredEpoch(body, 'start_time');
  const end = requiredEpoch(body, 'end_time');
  if (end <= start) reject('end_time', 'must be after start_time');
  sub.start = start;
  sub.end = end;
  meeting.subMeetings.sort((a, b) => a.start - b.start);
  meeting.start = meeting.subMeetings[0]!.start;
  meeting.end = meeting.subMeetings[0]!.end;
  meeting.modifiedMs = Math.max(now * 1000, meeting.modifiedMs + 1);
  return updated(meeting);
}

/** Whether a by-code lookup still finds it: a recycled code can no longer be looked up (§1.3). */
function codeStillValid(meeting: StoredMeeting, now: number): boolean {
  const lastStart =
    meeting.subMeetings.length > 0 ? meeting.subMeetings.at(-1)!.start : meeting.start;
  return now < lastStart + RECYCLE_AFTER_SECONDS;
}

/** At most 20 meetings a call (1095/42421). */
const LIST_PAGE = 20;
const BEIJING_OFFSET = 8 * 3600;

/** Midnight Beijing time today: where the list starts without `pos` (1095/42421). */
function beijingMidnight(now: number): number {
  return Math.floor((now + BEIJING_OFFSET) / 86_400) * 86_400 - BEIJING_OFFSET;
}

/**
 * Listing (GET /v1/meetings?userid=…, 1095/42421): upcoming and in-progress meetings of the
 * operator, starting at or after `pos` (default: midnight Beijing time today), 20 a call by
 * start time. `next_pos` is the start of the last one answered and the next call starts there
 * again INCLUSIVE, so meetings sharing that second come twice — the documented repeat the client
 * must deduplicate by `meeting_id`. `remaining` counts what is left after this answer;
 * `next_cursory` is the last one's change time (ms). `is_show_all_sub_meetings` 0 (default)
 * lists a series once, 1 each of its occurrences [I: as separate entries with their times].
 */
function listMeetings(
  state: TencentMeetingState,
  query: URLSearchParams,
  operator: string,
  now: number,
): EmulatorReply {
  const rawPos = query.get('pos');
  if (rawPos !== null && !/^\d{1,11}$/.test(rawPos)) reject('pos', 'must be Unix seconds');
  const pos = rawPos === null || rawPos === '0' ? beijingMidnight(now) : Number(rawPos);
  const allSubs = query.get('is_show_all_sub_meetings');
  if (allSubs !== null && allSubs !== '0' && allSubs !== '1')
    reject('is_show_all_sub_meetings', 'must be 0 or 1');
  const entries = [...state.meetings.values()]
    .filter(
      (m) => m.creator === operator || m.hosts.includes(operator) || m.invitees.includes(operator),
    )
    .filter((m) => {
      const s = meetingState(m, now);
      if (
        s !== 'MEETING_STATE_INIT' &&
        s !== 'MEETING_STATE_ABOUT_TO_START' &&
        s !== 'MEETING_STATE_STARTED'
      ) {
        return false;
      }
      // One-off meetings drop out 1 h after their scheduled end (docs/reference/providers.md §1.3).
      return m.meetingType === 1 || now < m.end + 3600;
    })
    .flatMap((m) => {
      const info = { ...meetingInfo(m, operator, now), join_meeting_role: role(m, operator) };
      if (allSubs !== '1' || m.meetingType !== 1) return [{ start: m.start, info }];
      return m.subMeetings
        .filter((sub) => !sub.deleted && sub.end > now)
        .map((sub) => ({
          start: sub.start,
          info: { ...info, start_time: String(sub.start), end_time: String(sub.end) },
        }));
    })
    .filter((e) => e.start >= pos)
    // Stable: meetings of one second keep their booking order.
    .sort((a, b) => a.start - b.start);
  const page = entries.slice(0, LIST_PAGE);
  const last = page.at(-1);
  const answer: TmMeetingListing = {
    meeting_number: page.length,
    meeting_info_list: page.map((e) => e.info),
    remaining: entries.length - page.length,
    next_pos: last ? last.start : 0,
    next_cursory: last ? (state.meetings.get(last.info.meeting_id)?.modifiedMs ?? 0) : 0,
  };
  return { status: 200, body: answer };
}

const HISTORY_MAX_WINDOW = 90 * 86_400;
const HISTORY_DEFAULT_SPAN = 31 * 86_400;

/**
 * GET /v1/history/meetings/{userid} (1095/53805): the user's ended meetings — created, hosted or
 * invited to; cancelled ones are not "ended" — one entry per ended occurrence of a series (with
 * `sub_meeting_id`), whose start lies in `start_time`–`end_time` (at most 90 days; one alone
 * spans 31 days from it; neither: the last 31 days). `page_size` 1–20 and `page` from 1 are
 * required. [I] Order: latest start first (the doc states none).
 */
export function listEndedMeetings(
  state: TencentMeetingState,
  userid: string,
  query: URLSearchParams,
  now: number,
): EmulatorReply {
  const int = (name: string, min: number, max: number, required: boolean): number | undefined => {
    const raw = query.get(name);
    if (raw === null) return required ? reject(name, 'is required') : undefined;
    if (!/^\d{1,11}$/.test(raw) || Number(raw) < min || Number(raw) > max)
      reject(name, `must be an integer ${min}–${max}`);
    return Number(raw);
  };
  const pageSize = int('page_size', 1, 20, true)!;
  const page = int('page', 1, 1_000_000, true)!;
  let start = int('start_time', 0, 99_999_999_999, false);
  let end = int('end_time', 0, 99_999_999_999, false);
  if (start === undefined && end === undefined) {
    end = now;
    start = now - HISTORY_DEFAULT_SPAN;
  } else if (end === undefined) end = start! + HISTORY_DEFAULT_SPAN;
  else if (start === undefined) start = end - HISTORY_DEFAULT_SPAN;
  if (end < start!) reject('end_time', 'must not be before start_time');
  if (end - start! > HISTORY_MAX_WINDOW) reject('end_time', 'the window is at most 90 days');
  const code = query.get('meeting_code');
  const ended: TmEndedMeeting[] = [];
  for (const m of state.meetings.values()) {
    if (m.cancelled) continue;
    if (!(m.creator === userid || m.hosts.includes(userid) || m.invitees.includes(userid)))
      continue;
    if (code !== null && m.meetingCode !== code) continue;
    const slots =
      m.meetingType === 1
        ? m.subMeetings.filter((sub) => !sub.deleted).map((sub) => ({ ...sub, sub: true }))
        : [{ subMeetingId: '', start: m.start, end: m.end, sub: false }];
    for (const slot of slots) {
      // Past its end with someone still in, it has not ended yet (1095/53805). [I] Ended with
      // `…/dismiss`: a one-off is over, and so is each occurrence begun by then.
      const dismissed = m.dismissedAt !== undefined && (!slot.sub || slot.start <= m.dismissedAt);
      if (!dismissed && (slot.end > now || (m.occupied && !slot.sub))) continue;
      if (slot.start < start! || slot.start > end) continue;
      ended.push({
        subject: m.subject,
        meeting_id: m.meetingId,
        meeting_code: m.meetingCode,
        ...(slot.sub ? { sub_meeting_id: slot.subMeetingId } : {}),
        start_time: slot.start,
        end_time: slot.end,
        meeting_type: m.meetingType,
      });
    }
  }
  ended.sort((a, b) => b.start_time - a.start_time);
  const items = ended.slice((page - 1) * pageSize, page * pageSize);
  const answer: TmEndedMeetingList = {
    current_page: page,
    current_size: items.length,
    total_count: ended.length,
    total_page: Math.ceil(ended.length / pageSize),
    meeting_info_list: items,
  };
  return { status: 200, body: answer };
}

function role(meeting: StoredMeeting, operator: string): TmJoinMeetingRole {
  if (meeting.creator === operator) return 'creator';
  if (meeting.hosts.includes(operator)) return 'hoster';
  return 'invitee';
}

/**
 * Who may read and cancel a meeting: its creator, its hosts, and an enterprise admin (the
 * emulator's `adminOperators`; Tencent's get-meeting doc: "支持企业管理员查询企业下的会议").
 * Anyone else gets 9042 (no permission, docs/reference/providers.md §1.2/§1.3).
 */
export function mayActOn(
  state: TencentMeetingState,
  meeting: StoredMeeting,
  userid: string,
): boolean {
  return meeting.creator === userid || meeting.hosts.includes(userid) || state.isAdmin(userid);
}

function noPermission(verb: string): EmulatorReply {
  return tmError(
    TM_ERRORS.NO_PERMISSION,
    `no permission: only the creator, a host or an enterprise admin may ${verb}`,
  );
}

/**
 * The meeting `id` as someone allowed may change it: 9003 when unknown, 9042 for anyone else
 * (cancel: creator, hosts, admin — `mayActOn`; update: the creator or an admin), 9007 once
 * cancelled.
 */
function openMeeting(
  state: TencentMeetingState,
  id: string,
  userid: string,
  now: number,
  verb: 'cancel' | 'update',
): { meeting: StoredMeeting; status: ReturnType<typeof meetingState> } | { reply: EmulatorReply } {
  const meeting = state.meetings.get(id);
  if (!meeting) return { reply: notFound() };
  const allowed =
    verb === 'cancel'
      ? mayActOn(state, meeting, userid)
      : meeting.creator === userid || state.isAdmin(userid);
  if (!allowed) return { reply: noPermission(verb) };
  const status = meetingState(meeting, now);
  if (status === 'MEETING_STATE_CANCELLED') {
    return { reply: tmError(TM_ERRORS.ALREADY_CANCELLED, 'meeting already cancelled') };
  }
  return { meeting, status };
}
