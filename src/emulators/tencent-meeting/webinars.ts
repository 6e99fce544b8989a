import type { EmulatorReply } from '../emulator-server.js';
import { tmError, TM_ERRORS } from './errors.js';
import { caller, notFound } from './meetings.js';
import {
  RECYCLE_AFTER_SECONDS,
  webinarState,
  type StoredWebinar,
  type TencentMeetingState,
} from './state.js';
import {
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
import type { TmWebinarCreated, TmWebinarInfo, TmWebinarMediaSetting } from './wire.js';

const LINK_HOST = 'https://meeting.tencent.com';
const MEDIA_BOOLEANS = [
  'mute_enable_join',
  'allow_unmute_self',
  'allow_in_before_host',
  'allow_screen_shared_watermark',
  'only_enterprise_user_allowed',
  'participant_join_auto_record',
  'enable_host_pause_auto_record',
] as const;

const MEDIA_DEFAULTS: TmWebinarMediaSetting = {
  mute_enable_join: true,
  allow_unmute_self: true,
  allow_in_before_host: true,
  allow_screen_shared_watermark: false,
  only_enterprise_user_allowed: false,
  auto_record_type: 'none',
  participant_join_auto_record: false,
  enable_host_pause_auto_record: true,
};

/** `sensitive_words` (seed 000): at most 50 words of 1–10 characters. */
function sensitiveWordsOf(body: Body): string[] {
  const words = body.sensitive_words;
  if (words === undefined || words === null) return [];
  if (!Array.isArray(words)) reject('sensitive_words', 'must be an array of strings');
  if (words.length > 50) reject('sensitive_words', 'at most 50 words');
  return words.map((w, i) => {
    if (typeof w !== 'string' || w.length === 0 || [...w].length > 10) {
      reject(`sensitive_words[${i}]`, 'must be 1–10 characters');
    }
    return w;
  });
}

/** `media_setting` over `base` (default: seed 000's documented defaults). */
function mediaSettingOf(
  raw: Body | undefined,
  base: TmWebinarMediaSetting = MEDIA_DEFAULTS,
): TmWebinarMediaSetting {
  const out: TmWebinarMediaSetting = { ...base };
  if (!raw) return out;
  const p = 'media_setting.';
  for (const key of MEDIA_BOOLEANS) {
    const value = optionalBoolean(raw, key, p);
    if (value !== undefined) out[key] = value;
  }
  const watermark = optionalInt(raw, 'water_mark_type', [0, 1], p);
  // Seed 000: the style is effective only with the watermark on.
  if (watermark !== undefined && out.allow_screen_shared_watermark) out.water_mark_type = watermark;
  else if (out.allow_screen_shared_watermark && out.water_mark_type === undefined)
    out.water_mark_type = 0;
  const record = raw.auto_record_type;
  if (record !== undefined && record !== null) {
    if (record !== 'none' && record !== 'local' && record !== 'cloud') {
      reject('media_setting.auto_record_type', 'must be none, local or cloud');
    }
    out.auto_record_type = record;
  }
  return out;
}

export interface WebinarCreateOptions {
  /**
   * docs/reference/providers.md §1.5 T-W3: by default the literal reading of seed 000 (start not
   * earlier than now − 30 min); strict: start at least 30 min in the future.
   */
  strictStart: boolean;
}

/** POST /v1/webinars (seed 000). */
export function createWebinar(
  state: TencentMeetingState,
  body: Body,
  now: number,
  options: WebinarCreateOptions,
): EmulatorReply {
  const creator = caller(body);
  const subject = requiredString(body, 'subject', 1, 255);
  const sponsor = optionalString(body, 'sponsor', 1, 40);
  const start = requiredEpoch(body, 'start_time');
  const end = requiredEpoch(body, 'end_time');
  if (options.strictStart ? start < now + 1800 : start < now - 1800) {
    reject(
      'start_time',
      options.strictStart
        ? 'must be at least 30 minutes ahead'
        : 'must not be more than 30 minutes in the past',
    );
  }
  if (end <= start) reject('end_time', 'must be after start_time');
  const timeZone = optionalString(body, 'time_zone', 1, 64);
  if (timeZone !== undefined && !isTimeZone(timeZone))
    reject('time_zone', 'must be an IANA time zone name');
  const admissionType = requiredInt(body, 'admission_type', [0, 1, 2]);
  const password = optionalString(body, 'password');
  if (admissionType === 2) {
    if (!password) reject('password', 'is required when admission_type is 2');
    if (!PASSWORD_PATTERN.test(password)) reject('password', 'must be 4 to 6 digits');
  } else if (password && !PASSWORD_PATTERN.test(password)) {
    reject('password', 'must be 4 to 6 digits');
  }
  // T-W1: `hosts` is marked required but defaults to the caller.
  const hosts = userList(body, 'hosts', 100) ?? [creator];
  const activityPage = optionalBoolean(body, 'activity_page') ?? true;
  const coverUrl = optionalString(body, 'cover_url', 1, 2048);
  if (coverUrl !== undefined && !/^https?:\/\//.test(coverUrl))
    reject('cover_url', 'must be an http(s) URL');
  const description = optionalString(body, 'description', 1, 5000);
  const display = optionalInt(body, 'display_number_of_participants', [0, 1]);
  // Seed 000: cover, description and the attendee count "need the activity page".
  if (!activityPage) {
    if (coverUrl !== undefined) reject('cover_url', 'needs activity_page');
    if (description !== undefined) reject('description', 'needs activity_page');
    if (display !== undefined) reject('display_number_of_participants', 'needs activity_page');
  }
  const mediaSetting = mediaSettingOf(optionalObject(body, 'media_setting'));
  const sensitiveWords = sensitiveWordsOf(body);
  // T-W2: marked required but defaults to false; true needs cloud recording.
  const playback = optionalBoolean(body, 'playback_for_audience') ?? false;
  if (playback && mediaSetting.auto_record_type !== 'cloud') {
    reject('playback_for_audience', 'needs media_setting.auto_record_type cloud');
  }
  const ids = state.ids;
  const webinar: StoredWebinar = {
    meetingId: ids.meetingId(),
    meetingCode: ids.meetingCode(),
    creator,
    subject,
    sponsor: sponsor ?? null,
    start,
    end,
    timeZone: timeZone ?? null,
    admissionType,
    // Seed 000: the password is only effective with admission_type 2.
    password: admissionType === 2 ? password! : null,
    hosts,
    coverUrl: coverUrl ?? null,
    description: description ?? null,
    enableGuestInviteLink: optionalBoolean(body, 'enable_guest_invite_link') ?? false,
    mediaSetting,
    enableQa: optionalBoolean(body, 'enable_qa') ?? true,
    sensitiveWords,
    enableManualCheck: optionalBoolean(body, 'enable_manual_check') ?? false,
    activityPage,
    displayNumberOfParticipants: display ?? 1,
    playbackForAudience: playback,
    syncToWework: optionalBoolean(body, 'sync_to_wework') ?? true,
    preparationMode: optionalBoolean(body, 'preparation_mode') ?? false,
    audienceJoinLink: `${LINK_HOST}/dw/${ids.slug(11)}`,
    guestJoinLink: `${LINK_HOST}/s/${ids.slug(10)}`,
    manualCheckLink: `${LINK_HOST}/webinar-audit/${ids.slug(9)}`,
    manualCheckPassword: ids.checkPassword(),
    cancelled: false,
    occupied: false,
  };
  state.webinars.set(webinar.meetingId, webinar);
  return { status: 200, body: created(webinar) };
}

/** Seed 000's answer: a flat object. */
function created(w: StoredWebinar): TmWebinarCreated {
  return {
    subject: w.subject,
    meeting_id: w.meetingId,
    meeting_code: w.meetingCode,
    start_time: String(w.start),
    end_time: String(w.end),
    admission_type: w.admissionType,
    ...(w.password ? { password: w.password } : {}),
    audience_join_link: w.audienceJoinLink,
    guest_join_link: w.guestJoinLink,
    ...(w.enableManualCheck
      ? { manual_check_link: w.manualCheckLink, manual_check_password: w.manualCheckPassword }
      : {}),
  };
}

export function webinarInfo(w: StoredWebinar, now: number): TmWebinarInfo {
  return {
    ...created(w),
    status: webinarState(w, now),
    ...(w.sponsor !== null ? { sponsor: w.sponsor } : {}),
    ...(w.description !== null ? { description: w.description } : {}),
    ...(w.coverUrl !== null ? { cover_url: w.coverUrl } : {}),
    ...(w.timeZone !== null ? { time_zone: w.timeZone } : {}),
    hosts: w.hosts.map((userid) => ({ userid })),
    media_setting: w.mediaSetting,
    enable_guest_invite_link: w.enableGuestInviteLink,
    enable_qa: w.enableQa,
    sensitive_words: w.sensitiveWords,
    enable_manual_check: w.enableManualCheck,
    activity_page: w.activityPage,
    display_number_of_participants: w.displayNumberOfParticipants,
    playback_for_audience: w.playbackForAudience,
    ...(w.playbackForAudience ? { playback_url: `${LINK_HOST}/playback/${w.meetingCode}` } : {}),
    preparation_mode: w.preparationMode,
    sync_to_wework: w.syncToWework,
  };
}

/**
 * GET /v1/webinars?meeting_id=…|meeting_code=… — only the creator may query
 * (docs/reference/providers.md §1.4).
 */
export function getWebinar(
  state: TencentMeetingState,
  query: URLSearchParams,
  operator: string,
  now: number,
): EmulatorReply {
  const id = query.get('meeting_id');
  const code = query.get('meeting_code');
  let webinar: StoredWebinar | undefined;
  if (id)
    webinar = state.webinars.get(id); // the id wins when both are given
  else if (code) {
    webinar = state.webinarByCode(code);
    if (webinar && now >= webinar.start + RECYCLE_AFTER_SECONDS) webinar = undefined;
  } else reject('meeting_id', 'meeting_id or meeting_code is required');
  if (!webinar) return notFound();
  // Only the creator may query (§1.4), or an enterprise admin (as for meetings).
  if (webinar.creator !== operator && !state.isAdmin(operator))
    return tmError(TM_ERRORS.NO_PERMISSION, 'no permission: only the creator may query');
  return { status: 200, body: webinarInfo(webinar, now) };
}

/**
 * PUT /v1/webinars/{id} (docs/reference/providers.md §1.4 PUT, 1095/61964): only the creator (or
 * an admin); every field optional; `start_time` only together with `end_time`, the start in the
 * future and the end after it; `hosts` overwrites; the create's rules hold for the result (a
 * password admission needs a password, cover/description/count need the activity page, playback
 * needs cloud recording). `sync_to_wework` is create-only (§1.3) and ignored. Refused like a
 * cancel: 9003, 9042, 9007 cancelled, 13603 ended. Answers `{}` [I: the doc shows no body].
 */
export function updateWebinar(
  state: TencentMeetingState,
  id: string,
  body: Body,
  now: number,
): EmulatorReply {
  const userid = caller(body);
  const webinar = state.webinars.get(id);
  if (!webinar) return notFound();
  if (webinar.creator !== userid && !state.isAdmin(userid))
    return tmError(TM_ERRORS.NO_PERMISSION, 'no permission: only the creator may update', 400);
  const status = webinarState(webinar, now);
  if (status === 'MEETING_STATE_CANCELLED')
    return tmError(TM_ERRORS.ALREADY_CANCELLED, 'webinar already cancelled');
  if (status === 'MEETING_STATE_ENDED' || status === 'MEETING_STATE_RECYCLED')
    return tmError(TM_ERRORS.ALREADY_ENDED, 'webinar already ended');
  const next: StoredWebinar = { ...webinar };
  if (body.subject !== undefined) next.subject = requiredString(body, 'subject', 1, 255);
  if (body.sponsor !== undefined) next.sponsor = optionalString(body, 'sponsor', 1, 40) ?? null;
  if (body.start_time !== undefined || body.end_time !== undefined) {
    if (body.start_time === undefined) reject('start_time', 'must be sent with end_time');
    if (body.end_time === undefined) reject('end_time', 'must be sent with start_time');
    next.start = requiredEpoch(body, 'start_time');
    next.end = requiredEpoch(body, 'end_time');
    if (next.start <= now) reject('start_time', 'must be in the future');
    if (next.end <= next.start) reject('end_time', 'must be after start_time');
  }
  next.admissionType = optionalInt(body, 'admission_type', [0, 1, 2]) ?? next.admissionType;
  const password = optionalString(body, 'password');
  if (password !== undefined && !PASSWORD_PATTERN.test(password))
    reject('password', 'must be 4 to 6 digits');
  if (next.admissionType === 2) {
    next.password = password ?? next.password;
    if (!next.password) reject('password', 'is required when admission_type is 2');
  } else next.password = null;
  next.hosts = userList(body, 'hosts', 100) ?? next.hosts;
  next.activityPage = optionalBoolean(body, 'activity_page') ?? next.activityPage;
  const coverUrl = optionalString(body, 'cover_url', 1, 2048);
  if (coverUrl !== undefined && !/^https?:\/\//.test(coverUrl))
    reject('cover_url', 'must be an http(s) URL');
  const description = optionalString(body, 'description', 1, 5000);
  const display = optionalInt(body, 'display_number_of_participants', [0, 1]);
  if (!next.activityPage) {
    if (coverUrl !== undefined) reject('cover_url', 'needs activity_page');
    if (description !== undefined) reject('description', 'needs activity_page');
    if (display !== undefined) reject('display_number_of_participants', 'needs activity_page');
  }
  next.coverUrl = coverUrl ?? next.coverUrl;
  next.description = description ?? next.description;
  next.displayNumberOfParticipants = display ?? next.displayNumberOfParticipants;
  const media = optionalObject(body, 'media_setting');
  if (media)
    next.mediaSetting = { ...next.mediaSetting, ...mediaSettingOf(media, next.mediaSetting) };
  if (body.sensitive_words !== undefined && body.sensitive_words !== null)
    next.sensitiveWords = sensitiveWordsOf(body);
  next.enableQa = optionalBoolean(body, 'enable_qa') ?? next.enableQa;
  next.enableManualCheck = optionalBoolean(body, 'enable_manual_check') ?? next.enableManualCheck;
  next.enableGuestInviteLink =
    optionalBoolean(body, 'enable_guest_invite_link') ?? next.enableGuestInviteLink;
  next.preparationMode = optionalBoolean(body, 'preparation_mode') ?? next.preparationMode;
  next.playbackForAudience =
    optionalBoolean(body, 'playback_for_audience') ?? next.playbackForAudience;
  if (next.playbackForAudience && next.mediaSetting.auto_record_type !== 'cloud') {
    reject('playback_for_audience', 'needs media_setting.auto_record_type cloud');
  }
  state.webinars.set(id, next);
  return { status: 200, body: {} };
}

/** POST /v1/webinars/{id}/cancel (docs/reference/providers.md §1.4). */
export function cancelWebinar(
  state: TencentMeetingState,
  id: string,
  body: Body,
  now: number,
): EmulatorReply {
  const userid = caller(body);
  requiredInt(body, 'reason_code');
  optionalString(body, 'reason_detail', 0, 1000);
  const webinar = state.webinars.get(id);
  if (!webinar) return notFound();
  if (webinar.creator !== userid && !state.isAdmin(userid))
    return tmError(TM_ERRORS.NO_PERMISSION, 'no permission: only the creator may cancel', 400);
  const status = webinarState(webinar, now);
  if (status === 'MEETING_STATE_CANCELLED')
    return tmError(TM_ERRORS.ALREADY_CANCELLED, 'webinar already cancelled');
  if (status === 'MEETING_STATE_ENDED' || status === 'MEETING_STATE_RECYCLED') {
    return tmError(TM_ERRORS.ALREADY_ENDED, 'webinar already ended');
  }
  if (status === 'MEETING_STATE_STARTED') {
    return tmError(TM_ERRORS.ALREADY_STARTED, 'cannot cancel a webinar that has started');
  }
  webinar.cancelled = true;
  return { status: 200, body: {} };
}
