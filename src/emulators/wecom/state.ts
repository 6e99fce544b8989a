import { randomInt } from 'node:crypto';

import type { EmulatorClock } from '../clock.js';
import { WecomTokens, type WecomApp } from './auth.js';
import {
  MEETING_STATUS,
  type MeetingReminders,
  type MeetingSettings,
  type WebinarMediaSetting,
  type WecomMeetingStatus,
  type WecomWebinarStatus,
} from './wire.js';

/*
 * The WeCom emulator's memory: webinars and meetings by id, the ids, codes and links it hands
 * out, the issued tokens (kept by auth.ts's WecomTokens), and the rules that turn the emulator
 * clock into a status (docs/reference/providers.md §2.4–§2.6; seed 003).
 */

/** How long after its end an ended webinar/meeting keeps its code before it is recycled [I]. */
export const RECYCLE_AFTER_SECONDS = 24 * 3600;

/**
 * Links the emulator hands out: `.invalid` never resolves, so nobody mistakes them for real ones.
 */
export const LINK_BASE = 'https://wecom-emulator.invalid';

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
  /** A recurring meeting's rule (path/98148); absent for a one-off. */
  reminders?: MeetingReminders;
  cancelled: boolean;
  started: boolean;
  /** Ended early by `realcontrol/dismiss` (path/98187). */
  dismissed?: boolean;
}

/** Switches for behaviour the documents leave open. */
export interface WecomEmulatorBehaviour {
  /** `meeting/create` also answers `meeting_code` and `meeting_link` (default true). */
  meetingCreateAnswersCode: boolean;
  /**
   * The most ids one `get_user_meetingid` page answers (default 100, WeCom's maximum and default,
   * path/97457). Tests lower it to make a client walk many pages; WeCom's own `limit` still
   * applies when smaller.
   */
  meetingIdListPageSize?: number;
}

/** All emulator state; `reset()` forgets it. Times are emulator-clock epoch seconds. */
export class WecomEmulatorState {
  readonly webinars = new Map<string, StoredWebinar>();
  readonly meetings = new Map<string, StoredMeeting>();
  /** The apps and their issued tokens (auth.ts). */
  readonly tokens: WecomTokens;
  private readonly usedCodes = new Set<string>();

  constructor(
    readonly apps: readonly WecomApp[],
    private readonly clock: EmulatorClock,
    readonly options: WecomEmulatorBehaviour = { meetingCreateAnswersCode: true },
  ) {
    this.tokens = new WecomTokens(apps, () => this.now());
  }

  reset(): void {
    this.webinars.clear();
    this.meetings.clear();
    this.tokens.reset();
    this.usedCodes.clear();
  }

  now(): number {
    return this.clock.nowSeconds();
  }

  /** Expires every issued token now (the `tokenExpired` fault): the next call must refresh. */
  expireAllTokens(): void {
    this.tokens.expireAll();
  }

  /** Every token issued so far (tests grep logs and errors for them). */
  issuedTokens(): string[] {
    return this.tokens.issued();
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
  webinarStatus(w: StoredWebinar): WecomWebinarStatus {
    const now = this.now();
    if (w.cancelled) return 'MEETING_STATE_CANCELLED';
    if (now < w.start_time) return w.started ? 'MEETING_STATE_STARTED' : 'MEETING_STATE_INIT';
    if (now < w.end_time)
      return w.started ? 'MEETING_STATE_STARTED' : 'MEETING_STATE_ABOUT_TO_START';
    return now < w.end_time + RECYCLE_AFTER_SECONDS
      ? 'MEETING_STATE_ENDED'
      : 'MEETING_STATE_RECYCLED';
  }

  /** Integer status of a meeting as of the emulator clock (see MEETING_STATUS in wire.ts). */
  meetingStatus(m: StoredMeeting): WecomMeetingStatus {
    const now = this.now();
    const end = m.meeting_start + m.meeting_duration;
    if (m.cancelled) return MEETING_STATUS.cancelled;
    if (m.dismissed) return MEETING_STATUS.ended;
    if (now < m.meeting_start)
      return m.started ? MEETING_STATUS.inProgress : MEETING_STATUS.waiting;
    if (now < end) return MEETING_STATUS.inProgress;
    return now < end + RECYCLE_AFTER_SECONDS ? MEETING_STATUS.ended : MEETING_STATUS.expired;
  }
}
