import type { EmulatorReply, EmulatorRequest, EmulatorRoute } from '../emulator-server.js';
import { WECOM_ERRORS, wecomError, wecomOk } from './wecom.errors.js';
import {
  MEETING_SETTING_DEFAULTS,
  WEBINAR_MEDIA_DEFAULTS,
  type MeetingSettings,
  type StoredMeeting,
  type StoredWebinar,
  type WebinarMediaSetting,
  type WecomEmulatorState,
} from './wecom.state.js';
import { BodyReader, PASSWORD_DIGITS, RECORD_TYPES, parseObjectBody } from './wecom.validation.js';

/** Links the emulator hands out: `.invalid` never resolves, so nobody mistakes them for real ones. */
const LINK_BASE = 'https://wecom-emulator.invalid';
/** T-W3 (providers.md §1.5), literal reading: a start may be at most 30 min in the past. */
const START_GRACE_SECONDS = 1800;

type Handler = (reader: BodyReader, app: string) => EmulatorReply;

/**
 * The WeCom routes (providers.md §2.1, §2.4, §2.5). Every business call needs
 * `?access_token=`; every error is HTTP 200 with `errcode`/`errmsg`.
 */
export function wecomRoutes(state: WecomEmulatorState): EmulatorRoute[] {
  const business = (operation: string, path: string, handler: Handler): EmulatorRoute => ({
    method: 'POST',
    path: new RegExp(`^${path.replace(/\//g, '\\/')}$`),
    operation,
    handle: (req) => {
      const auth = authorize(state, req);
      if ('reply' in auth) return auth.reply;
      const body = parseObjectBody(req.rawBody);
      if (!body) return wecomError(WECOM_ERRORS.badJson);
      const reader = new BodyReader(body);
      return handler(reader, auth.app);
    },
  });

  return [
    {
      method: 'GET',
      path: /^\/cgi-bin\/gettoken$/,
      operation: 'gettoken',
      handle: (req) => gettoken(state, req),
    },
    business('createWebinar', '/cgi-bin/meeting/webinar/create', (r, app) =>
      createWebinar(state, r, app),
    ),
    business('getWebinar', '/cgi-bin/meeting/webinar/get', (r, app) => getWebinar(state, r, app)),
    business('updateWebinar', '/cgi-bin/meeting/webinar/update', (r, app) =>
      updateWebinar(state, r, app),
    ),
    business('cancelWebinar', '/cgi-bin/meeting/webinar/cancel', (r, app) =>
      cancelWebinar(state, r, app),
    ),
    business('updateWebinarWarmUp', '/cgi-bin/meeting/webinar/update_warm_up', (r, app) =>
      updateWarmUp(state, r, app),
    ),
    business('createMeeting', '/cgi-bin/meeting/create', (r, app) => createMeeting(state, r, app)),
    business('getMeeting', '/cgi-bin/meeting/get_info', (r, app) => getMeeting(state, r, app)),
    business('cancelMeeting', '/cgi-bin/meeting/cancel', (r, app) => cancelMeeting(state, r, app)),
  ];
}

/** `GET /cgi-bin/gettoken?corpid&corpsecret` (providers.md §2.1). */
function gettoken(state: WecomEmulatorState, req: EmulatorRequest): EmulatorReply {
  const corpid = req.query.get('corpid');
  const secret = req.query.get('corpsecret');
  if (!corpid) return wecomError(41002, 'corpid missing');
  if (!secret) return wecomError(41004, 'corpsecret missing');
  if (!state.apps.some((a) => a.corpId === corpid)) return wecomError(WECOM_ERRORS.invalidCorpid);
  const app = state.apps.find((a) => a.corpId === corpid && a.corpSecret === secret);
  if (!app) return wecomError(WECOM_ERRORS.invalidSecret);
  const { token, expiresIn } = state.issueToken(app.name);
  return wecomOk({ access_token: token, expires_in: expiresIn });
}

function authorize(
  state: WecomEmulatorState,
  req: EmulatorRequest,
): { app: string } | { reply: EmulatorReply } {
  const token = req.query.get('access_token');
  if (!token) return { reply: wecomError(WECOM_ERRORS.missingToken) };
  const checked = state.checkToken(token);
  if (checked === 'unknown') return { reply: wecomError(WECOM_ERRORS.invalidToken) };
  if (checked === 'expired') return { reply: wecomError(WECOM_ERRORS.tokenExpired) };
  return checked;
}

const invalid = (r: BodyReader) => wecomError(WECOM_ERRORS.invalidParameter, r.problem);

// ---------------------------------------------------------------- webinars (§2.4, seed 003)

interface WebinarFields {
  title?: string;
  sponsor?: string;
  start_time?: number;
  end_time?: number;
  admission_type?: number;
  hosts?: string[];
  password?: string;
  cover_url?: string;
  description?: string;
  enable_guest_invite_link?: boolean;
  media_setting?: Partial<WebinarMediaSetting>;
  enable_qa?: boolean;
  sensitive_words?: string[];
  enable_manual_check?: boolean;
  activity_page?: boolean;
  display_number_of_attendees?: number;
  playback_for_audience?: boolean;
  preparation_mode?: boolean;
}

/** The create/update fields of §2.4; `required` marks title, times and admission_type. */
function readWebinarFields(r: BodyReader, required: boolean): WebinarFields {
  const f: WebinarFields = {
    title: r.str('title', { required, min: 1, max: 255 }),
    sponsor: r.str('sponsor', { min: 1, max: 40 }),
    start_time: r.epochString('start_time', required),
    end_time: r.epochString('end_time', required),
    admission_type: r.uint('admission_type', { required, max: 2 }),
    hosts: r.userids('hosts', { objects: true, max: 100 }),
    password: r.str('password', { pattern: PASSWORD_DIGITS }),
    cover_url: r.str('cover_url', { min: 1, max: 1024 }),
    description: r.str('description', { min: 1, max: 5000 }),
    enable_guest_invite_link: r.bool('enable_guest_invite_link'),
    media_setting: readWebinarMedia(r),
    enable_qa: r.bool('enable_qa'),
    sensitive_words: r.strings('sensitive_words', { max: 50, maxLength: 10 }),
    enable_manual_check: r.bool('enable_manual_check'),
    activity_page: r.bool('activity_page'),
    display_number_of_attendees: r.uint('display_number_of_attendees', {
      max: 1,
      numericString: true,
    }),
    playback_for_audience: r.bool('playback_for_audience'),
    preparation_mode: r.bool('preparation_mode'),
  };
  return f;
}

function readWebinarMedia(r: BodyReader): Partial<WebinarMediaSetting> | undefined {
  const m = r.obj('media_setting');
  if (!m) return undefined;
  const out: Partial<WebinarMediaSetting> = {};
  // W-2: the request name is `enable_enter_mute`; the get example spells it `mute_enable_join`.
  const mute = r.bool('enable_enter_mute', m) ?? r.bool('mute_enable_join', m);
  if (mute !== undefined) out.enable_enter_mute = mute;
  const bools = [
    'allow_unmute_self',
    'allow_enter_before_host',
    'enable_screen_watermark',
    'allow_external_user',
    'attendee_join_auto_record',
    'enable_host_pause_auto_record',
  ] as const;
  for (const key of bools) {
    const v = r.bool(key, m);
    if (v !== undefined) out[key] = v;
  }
  const watermark = r.uint('watermark_type', { max: 1, from: m });
  if (watermark !== undefined) out.watermark_type = watermark;
  const record = r.str('auto_record_type', { from: m });
  if (record !== undefined) {
    if ((RECORD_TYPES as readonly string[]).includes(record)) out.auto_record_type = record;
    else r.fail('media_setting.auto_record_type', 'none, local or cloud');
  }
  return out;
}

/** Cross-field rules of §2.4 on the resulting webinar. */
function checkWebinar(r: BodyReader, w: StoredWebinar, now: number, checkStart: boolean): void {
  if (w.end_time <= w.start_time) r.fail('end_time', 'must be after start_time');
  if (checkStart && w.start_time < now - START_GRACE_SECONDS)
    r.fail('start_time', 'must not be in the past');
  if (w.admission_type === 2 && !w.password)
    r.fail('password', 'required when admission_type is 2');
  if (w.admission_type !== 2 && w.password) r.fail('password', 'only with admission_type 2');
  if (w.playback_for_audience && w.media_setting.auto_record_type !== 'cloud') {
    r.fail('playback_for_audience', 'requires media_setting.auto_record_type cloud');
  }
}

function applyWebinarFields(w: StoredWebinar, f: WebinarFields): void {
  for (const [key, value] of Object.entries(f)) {
    if (value === undefined || key === 'media_setting') continue;
    (w as unknown as Record<string, unknown>)[key] = value;
  }
  if (f.media_setting) w.media_setting = { ...w.media_setting, ...f.media_setting };
  if (f.admission_type !== undefined && f.admission_type !== 2 && f.password === undefined) {
    delete w.password;
  }
}

function webinarLinks(w: StoredWebinar) {
  return {
    audience_join_link: `${LINK_BASE}/webinar/${w.meeting_code}`,
    guest_join_link: `${LINK_BASE}/webinar/${w.meeting_code}/guest`,
    ...(w.enable_manual_check
      ? {
          manual_check_link: `${LINK_BASE}/webinar/${w.meeting_code}/check`,
          manual_check_password: w.manual_check_password,
        }
      : {}),
  };
}

function createWebinar(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
  const adminUserid = r.str('admin_userid', { required: true, min: 1, max: 64 });
  const f = readWebinarFields(r, true);
  if (r.problem) return invalid(r);
  const meetingid = state.newMeetingId();
  const w: StoredWebinar = {
    app,
    meetingid,
    meeting_code: state.newMeetingCode(),
    admin_userid: adminUserid!,
    title: f.title!,
    start_time: f.start_time!,
    end_time: f.end_time!,
    admission_type: f.admission_type!,
    hosts: [adminUserid!], // §2.4: default host = admin_userid
    enable_guest_invite_link: false,
    media_setting: { ...WEBINAR_MEDIA_DEFAULTS },
    enable_qa: true,
    sensitive_words: [],
    enable_manual_check: false,
    activity_page: true,
    display_number_of_attendees: 1,
    playback_for_audience: false,
    preparation_mode: false,
    allow_attendees_invite_others: true,
    cancelled: false,
    started: false,
  };
  applyWebinarFields(w, f);
  checkWebinar(r, w, state.now(), true);
  if (r.problem) return invalid(r);
  if (w.enable_manual_check)
    w.manual_check_password = String(100000 + (Number(meetingid.slice(-5)) % 900000));
  state.webinars.set(meetingid, w);
  return wecomOk({
    meetingid,
    meeting_code: w.meeting_code,
    title: w.title,
    start_time: String(w.start_time),
    end_time: String(w.end_time),
    admission_type: w.admission_type,
    ...(w.password ? { password: w.password } : {}),
    ...webinarLinks(w),
  });
}

/** Reads `meetingid` / `meeting_code` (one required; the id wins, seed 003). */
function lookupKeys(r: BodyReader): { meetingid?: string; code?: string } | undefined {
  const meetingid = r.str('meetingid', { min: 1, max: 64 });
  const code = r.str('meeting_code', { min: 1, max: 64 });
  if (r.problem) return undefined;
  if (!meetingid && !code) {
    r.fail('meetingid', 'meetingid or meeting_code is required');
    return undefined;
  }
  return { meetingid, code };
}

/**
 * `webinar/get`: exactly seed 003's shape, which has no `errcode`/`errmsg` (W-6), plus
 * `meeting_code` and `status` from its table (W-3). `media_setting` carries both spellings of
 * mute-on-join (W-2), `title` (W-1), and `display_number_of_attendees` as a number (W-4).
 */
function getWebinar(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
  const keys = lookupKeys(r);
  if (!keys) return invalid(r);
  const w = state.findWebinar(app, keys.meetingid, keys.code);
  if (!w) return wecomError(WECOM_ERRORS.notFound);
  const { enable_enter_mute, ...media } = w.media_setting;
  return {
    status: 200,
    body: {
      meetingid: w.meetingid,
      meeting_code: w.meeting_code,
      title: w.title,
      status: state.webinarStatus(w),
      ...(w.sponsor !== undefined ? { sponsor: w.sponsor } : {}),
      start_time: String(w.start_time),
      end_time: String(w.end_time),
      admission_type: w.admission_type,
      hosts: w.hosts.map((userid) => ({ userid })),
      ...(w.password ? { password: w.password } : {}),
      ...(w.cover_url !== undefined ? { cover_url: w.cover_url } : {}),
      ...(w.description !== undefined ? { description: w.description } : {}),
      enable_guest_invite_link: w.enable_guest_invite_link,
      ...webinarLinks(w),
      media_setting: { enable_enter_mute, mute_enable_join: enable_enter_mute, ...media },
      enable_qa: w.enable_qa,
      activity_page: w.activity_page,
      display_number_of_attendees: w.display_number_of_attendees,
      playback_for_audience: w.playback_for_audience,
      ...(w.playback_for_audience
        ? { playback_url: `${LINK_BASE}/webinar/${w.meeting_code}/playback` }
        : {}),
      preparation_mode: w.preparation_mode,
      ...(w.warm_up_picture !== undefined ? { warm_up_picture: w.warm_up_picture } : {}),
      ...(w.warm_up_video !== undefined ? { warm_up_video: w.warm_up_video } : {}),
      allow_attendees_invite_others: w.allow_attendees_invite_others,
    },
  };
}

function updateWebinar(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
  const meetingid = r.str('meetingid', { required: true, min: 1, max: 64 });
  const f = readWebinarFields(r, true);
  if (r.problem) return invalid(r);
  const w = state.findWebinar(app, meetingid);
  if (!w) return wecomError(WECOM_ERRORS.notFound);
  if (w.cancelled) return wecomError(WECOM_ERRORS.invalidParameter, 'webinar is cancelled');
  const next: StoredWebinar = { ...w, media_setting: { ...w.media_setting } };
  applyWebinarFields(next, f);
  checkWebinar(r, next, state.now(), f.start_time !== w.start_time);
  if (r.problem) return invalid(r);
  state.webinars.set(w.meetingid, next);
  return wecomOk();
}

function cancelWebinar(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
  const meetingid = r.str('meetingid', { required: true, min: 1, max: 64 });
  if (r.problem) return invalid(r);
  const w = state.findWebinar(app, meetingid);
  if (!w) return wecomError(WECOM_ERRORS.notFound);
  w.cancelled = true; // cancelling twice is a no-op [I]
  return wecomOk();
}

/** `webinar/update_warm_up` (path/98882): the picture wins over the video. */
function updateWarmUp(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
  const meetingid = r.str('meetingid', { required: true, min: 1, max: 64 });
  const picture = r.str('warm_up_picture', { min: 1, max: 1024 });
  const video = r.str('warm_up_video', { min: 1, max: 1024 });
  const invite = r.bool('allow_attendees_invite_others');
  if (r.problem) return invalid(r);
  const w = state.findWebinar(app, meetingid);
  if (!w) return wecomError(WECOM_ERRORS.notFound);
  if (picture !== undefined) {
    w.warm_up_picture = picture;
    delete w.warm_up_video;
  } else if (video !== undefined) {
    w.warm_up_video = video;
    delete w.warm_up_picture;
  }
  if (invite !== undefined) w.allow_attendees_invite_others = invite;
  return wecomOk();
}

// ---------------------------------------------------------------- meetings (§2.5)

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

function createMeeting(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
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
  return wecomOk({
    meetingid,
    excess_users: [],
    ...(state.options.meetingCreateAnswersCode
      ? { meeting_code: m.meeting_code, meeting_link: meetingLink(m) }
      : {}),
  });
}

/** `get_info` (path/98149): integer times and status (see MEETING_STATUS). */
function getMeeting(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
  const keys = lookupKeys(r);
  if (!keys) return invalid(r);
  const m = state.findMeeting(app, keys.meetingid, keys.code);
  if (!m) return wecomError(WECOM_ERRORS.notFound);
  const { hosts, ...settings } = m.settings;
  return wecomOk({
    // `meetingid` is not in the documented answer either; a lookup by code needs it.
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
  });
}

function cancelMeeting(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
  const meetingid = r.str('meetingid', { required: true, min: 1, max: 64 });
  if (r.has('sub_meetingid')) r.fail('sub_meetingid', 'recurring meetings are not emulated');
  if (r.problem) return invalid(r);
  const m = state.findMeeting(app, meetingid);
  if (!m) return wecomError(WECOM_ERRORS.notFound);
  m.cancelled = true; // cancelling twice is a no-op [I]
  return wecomOk();
}
