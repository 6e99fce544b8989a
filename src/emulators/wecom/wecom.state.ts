import { randomBytes, randomInt } from 'node:crypto';

import type { EmulatorClock } from '../clock.js';

/** Token lifetime WeCom reports (providers.md §2.1). */
export const TOKEN_TTL_SECONDS = 7200;
/**
 * ASSUMPTION: WeCom returns the same token while it is valid ("有效期内重复获取返回相同结果",
 * path/91039). So that a client refreshing ahead of expiry does not fetch the same nearly
 * expired token again and again, in its last five minutes a fresh token is minted (the old one
 * stays valid until its own expiry), as WeChat's token overlap does.
 */
export const TOKEN_RENEW_WINDOW_SECONDS = 300;
/** How long after its end an ended webinar/meeting keeps its code before it is recycled [I]. */
export const RECYCLE_AFTER_SECONDS = 24 * 3600;

export interface WecomApp {
  /** Internal name of the app (one secret = one app); never a secret. */
  name: string;
  corpId: string;
  corpSecret: string;
}

interface IssuedToken {
  app: string;
  expiresAt: number; // epoch s, emulator clock
}

export interface WebinarMediaSetting {
  enable_enter_mute: boolean;
  allow_unmute_self: boolean;
  allow_enter_before_host: boolean;
  enable_screen_watermark: boolean;
  watermark_type: number;
  allow_external_user: boolean;
  auto_record_type: string;
  attendee_join_auto_record: boolean;
  enable_host_pause_auto_record: boolean;
}

/** Defaults from seed 003's MediaSetting table (providers.md §2.4). */
export const WEBINAR_MEDIA_DEFAULTS: WebinarMediaSetting = {
  enable_enter_mute: false,
  allow_unmute_self: false,
  allow_enter_before_host: true,
  enable_screen_watermark: false,
  watermark_type: 0,
  allow_external_user: false,
  auto_record_type: 'none',
  attendee_join_auto_record: false,
  enable_host_pause_auto_record: true,
};

export interface StoredWebinar {
  app: string;
  meetingid: string;
  meeting_code: string;
  admin_userid: string;
  title: string;
  sponsor?: string;
  start_time: number;
  end_time: number;
  admission_type: number;
  hosts: string[];
  password?: string;
  cover_url?: string;
  description?: string;
  enable_guest_invite_link: boolean;
  media_setting: WebinarMediaSetting;
  enable_qa: boolean;
  sensitive_words: string[];
  enable_manual_check: boolean;
  manual_check_password?: string;
  activity_page: boolean;
  display_number_of_attendees: number;
  playback_for_audience: boolean;
  preparation_mode: boolean;
  warm_up_picture?: string;
  warm_up_video?: string;
  allow_attendees_invite_others: boolean;
  cancelled: boolean;
  /** Someone is in (set through `state.markStarted`; nothing in the API joins a meeting). */
  started: boolean;
}

export interface MeetingSettings {
  password?: string;
  enable_waiting_room: boolean;
  allow_enter_before_host: boolean;
  enable_enter_mute: number;
  allow_unmute_self: boolean;
  mute_all: boolean;
  allow_external_user: boolean;
  enable_screen_watermark: boolean;
  watermark_type: number;
  auto_record_type: string;
  attendee_join_auto_record: boolean;
  enable_host_pause_auto_record: boolean;
  hosts: string[];
}

/** Meeting `settings` defaults [I: as the webinar ones; the meeting doc's table is not in our sources]. */
export const MEETING_SETTING_DEFAULTS: Omit<MeetingSettings, 'hosts'> = {
  enable_waiting_room: false,
  allow_enter_before_host: true,
  enable_enter_mute: 0,
  allow_unmute_self: true,
  mute_all: false,
  allow_external_user: false,
  enable_screen_watermark: false,
  watermark_type: 0,
  auto_record_type: 'none',
  attendee_join_auto_record: false,
  enable_host_pause_auto_record: true,
};

export interface StoredMeeting {
  app: string;
  meetingid: string;
  meeting_code: string;
  admin_userid: string;
  title: string;
  meeting_start: number;
  meeting_duration: number;
  description?: string;
  location?: string;
  invitees: string[];
  settings: MeetingSettings;
  cancelled: boolean;
  started: boolean;
}

/**
 * WeCom meeting `get_info` status integers. The real table is unverified (providers.md §2.5);
 * ASSUMPTION, shared with the client mapper and docs/providers/wecom.md:
 * 1 waiting (INIT), 2 in progress (STARTED), 3 ended (ENDED), 4 cancelled (CANCELLED),
 * 5 expired/recycled (RECYCLED).
 */
export const MEETING_STATUS = {
  waiting: 1,
  inProgress: 2,
  ended: 3,
  cancelled: 4,
  expired: 5,
} as const;

/** Switches for behaviour the documents leave open. */
export interface WecomEmulatorBehaviour {
  /** `meeting/create` also answers `meeting_code` and `meeting_link` (default true). */
  meetingCreateAnswersCode: boolean;
}

/** All emulator state; `reset()` forgets it. Times are emulator-clock epoch seconds. */
export class WecomEmulatorState {
  readonly webinars = new Map<string, StoredWebinar>();
  readonly meetings = new Map<string, StoredMeeting>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly currentToken = new Map<string, string>();
  private readonly usedCodes = new Set<string>();

  constructor(
    readonly apps: readonly WecomApp[],
    private readonly clock: EmulatorClock,
    readonly options: WecomEmulatorBehaviour = { meetingCreateAnswersCode: true },
  ) {}

  reset(): void {
    this.webinars.clear();
    this.meetings.clear();
    this.tokens.clear();
    this.currentToken.clear();
    this.usedCodes.clear();
  }

  now(): number {
    return this.clock.nowSeconds();
  }

  /** The app's valid token, or a fresh one (see TOKEN_RENEW_WINDOW_SECONDS). */
  issueToken(app: string): { token: string; expiresIn: number } {
    const now = this.now();
    const current = this.currentToken.get(app);
    const issued = current ? this.tokens.get(current) : undefined;
    if (current && issued && issued.expiresAt - now > TOKEN_RENEW_WINDOW_SECONDS) {
      return { token: current, expiresIn: issued.expiresAt - now };
    }
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, { app, expiresAt: now + TOKEN_TTL_SECONDS });
    this.currentToken.set(app, token);
    return { token, expiresIn: TOKEN_TTL_SECONDS };
  }

  /** `unknown` → 40014, `expired` → 42001, else the app the token belongs to. */
  checkToken(token: string): { app: string } | 'unknown' | 'expired' {
    const issued = this.tokens.get(token);
    if (!issued) return 'unknown';
    if (issued.expiresAt <= this.now()) return 'expired';
    return { app: issued.app };
  }

  /** Expires every issued token now (the `tokenExpired` fault): the next call must refresh. */
  expireAllTokens(): void {
    const now = this.now();
    for (const issued of this.tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now);
    this.currentToken.clear();
  }

  /** Every token issued so far (tests grep logs and errors for them). */
  issuedTokens(): string[] {
    return [...this.tokens.keys()];
  }

  /** 19-digit numeric id, beyond 2^53 like Tencent's (WeCom webinars wrap them, §2). */
  newMeetingId(): string {
    let id: string;
    do {
      id = String(randomInt(1, 10)) + Array.from({ length: 18 }, () => randomInt(0, 10)).join('');
    } while (this.webinars.has(id) || this.meetings.has(id));
    return id;
  }

  /** 9-digit meeting code, unique among live ones. */
  newMeetingCode(): string {
    let code: string;
    do {
      code = String(randomInt(100_000_000, 1_000_000_000));
    } while (this.usedCodes.has(code));
    this.usedCodes.add(code);
    return code;
  }

  /** Finds a webinar of `app` by id (wins) or code; another app's webinar is invisible (§2.4). */
  findWebinar(app: string, meetingid?: string, code?: string): StoredWebinar | undefined {
    const found = meetingid
      ? this.webinars.get(meetingid)
      : [...this.webinars.values()].find((w) => w.meeting_code === code);
    return found && found.app === app ? found : undefined;
  }

  findMeeting(app: string, meetingid?: string, code?: string): StoredMeeting | undefined {
    const found = meetingid
      ? this.meetings.get(meetingid)
      : [...this.meetings.values()].find((m) => m.meeting_code === code);
    return found && found.app === app ? found : undefined;
  }

  /** Marks a webinar or meeting as having someone in it (STARTED while before its end). */
  markStarted(meetingid: string): boolean {
    const item = this.webinars.get(meetingid) ?? this.meetings.get(meetingid);
    if (!item) return false;
    item.started = true;
    return true;
  }

  /** MEETING_STATE_* of a webinar as of the emulator clock (seed 003 status table). */
  webinarStatus(w: StoredWebinar): string {
    const now = this.now();
    if (w.cancelled) return 'MEETING_STATE_CANCELLED';
    if (now < w.start_time) return w.started ? 'MEETING_STATE_STARTED' : 'MEETING_STATE_INIT';
    if (now < w.end_time)
      return w.started ? 'MEETING_STATE_STARTED' : 'MEETING_STATE_ABOUT_TO_START';
    return now < w.end_time + RECYCLE_AFTER_SECONDS
      ? 'MEETING_STATE_ENDED'
      : 'MEETING_STATE_RECYCLED';
  }

  /** Integer status of a meeting as of the emulator clock (see MEETING_STATUS). */
  meetingStatus(m: StoredMeeting): number {
    const now = this.now();
    const end = m.meeting_start + m.meeting_duration;
    if (m.cancelled) return MEETING_STATUS.cancelled;
    if (now < m.meeting_start)
      return m.started ? MEETING_STATUS.inProgress : MEETING_STATUS.waiting;
    if (now < end) return MEETING_STATUS.inProgress;
    return now < end + RECYCLE_AFTER_SECONDS ? MEETING_STATUS.ended : MEETING_STATUS.expired;
  }
}
