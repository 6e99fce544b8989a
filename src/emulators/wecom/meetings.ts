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
  type MeetingCreated,
  type MeetingDetails,
  type MeetingSettings,
} from './wire.js';

/*
 * The WeCom meeting handlers (non-webinar; docs/reference/providers.md §2.5): create, get_info
 * and cancel of one-off meetings. Recurring meetings (`reminders`, `sub_meetingid`) are refused
 * rather than emulated. An app sees only the meetings it created.
 */

const meetingLink = (m: StoredMeeting) => `${LINK_BASE}/meeting/${m.meeting_code}`;

function readMeetingSettings(r: BodyReader, adminUserid: string): MeetingSettings {
  const s = r.obj('settings') ?? {};
  const out: MeetingSettings = { ...MEETING_SETTING_DEFAULTS, hosts: [adminUserid] };
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
    if (ids && ids.length > 0) out.hosts = ids;
  }
  return out;
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
  if (r.has('reminders')) r.fail('reminders', 'recurring meetings are not emulated');
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
