import type { EmulatorReply } from '../emulator-server.js';
import { WECOM_ERRORS, wecomError, wecomOk } from './errors.js';
import { LINK_BASE, type StoredWebinar, type WecomEmulatorState } from './state.js';
import {
  type BodyReader,
  invalid,
  lookupKeys,
  PASSWORD_DIGITS,
  RECORD_TYPES,
} from './validation.js';
import {
  WEBINAR_MEDIA_DEFAULTS,
  type WebinarCreated,
  type WebinarDetails,
  type WebinarLinks,
  type WebinarMediaSetting,
} from './wire.js';

/*
 * The WeCom webinar handlers (docs/reference/providers.md §2.4, §2.6; seed 003): create, get,
 * update, cancel and the warm-up settings. Each gets the body of an authorised call (routes.ts)
 * and the app that made it: an app sees only the webinars it created (§2.4).
 */

/** T-W3 (§1.5), literal reading: a start may be at most 30 min in the past. */
const START_GRACE_SECONDS = 1800;

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

function webinarLinks(w: StoredWebinar): WebinarLinks {
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

/** `webinar/create` (§2.4, path/98842). */
export function createWebinar(
  state: WecomEmulatorState,
  r: BodyReader,
  app: string,
): EmulatorReply {
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
  const answer: WebinarCreated = {
    meetingid,
    meeting_code: w.meeting_code,
    title: w.title,
    start_time: String(w.start_time),
    end_time: String(w.end_time),
    admission_type: w.admission_type,
    ...(w.password ? { password: w.password } : {}),
    ...webinarLinks(w),
  };
  return wecomOk(answer);
}

/**
 * `webinar/get` (seed 003, path/98860): exactly seed 003's shape, which has no
 * `errcode`/`errmsg` (W-6), plus `meeting_code` and `status` from its table (W-3).
 * `media_setting` carries both spellings of mute-on-join (W-2), `title` (W-1), and
 * `display_number_of_attendees` as a number (W-4).
 */
export function getWebinar(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
  const keys = lookupKeys(r);
  if (!keys) return invalid(r);
  const w = state.findWebinar(app, keys.meetingid, keys.code);
  if (!w) return wecomError(WECOM_ERRORS.notFound);
  const { enable_enter_mute, ...media } = w.media_setting;
  const answer: WebinarDetails = {
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
  };
  return { status: 200, body: answer };
}

/**
 * `webinar/update` (§2.4, path/98843): the table marks title, times and admission_type required.
 */
export function updateWebinar(
  state: WecomEmulatorState,
  r: BodyReader,
  app: string,
): EmulatorReply {
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

/** `webinar/cancel` (§2.4, path/98870). */
export function cancelWebinar(
  state: WecomEmulatorState,
  r: BodyReader,
  app: string,
): EmulatorReply {
  const meetingid = r.str('meetingid', { required: true, min: 1, max: 64 });
  if (r.problem) return invalid(r);
  const w = state.findWebinar(app, meetingid);
  if (!w) return wecomError(WECOM_ERRORS.notFound);
  w.cancelled = true; // cancelling twice is a no-op [I]
  return wecomOk();
}

/** `webinar/update_warm_up` (path/98882): the picture wins over the video. */
export function updateWarmUp(state: WecomEmulatorState, r: BodyReader, app: string): EmulatorReply {
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
