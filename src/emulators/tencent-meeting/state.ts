import { TencentIdGenerator } from './ids.js';
import type {
  TmLiveConfig,
  TmMeetingSettings,
  TmMeetingState,
  TmRecurringRule,
  TmWebinarMediaSetting,
} from './wire.js';

/** One occurrence of a recurring meeting (`sub_meetings[]`, docs/reference/providers.md §1.3). */
export interface StoredSubMeeting {
  /** Tencent sub-meeting ids look like the occurrence's start epoch second. */
  subMeetingId: string;
  start: number;
  end: number;
  deleted: boolean;
}

export interface StoredMeeting {
  meetingId: string;
  meetingCode: string;
  creator: string;
  subject: string;
  /** 0 scheduled, 1 quick. */
  type: number;
  /** Epoch seconds (of the first occurrence for a series). */
  start: number;
  end: number;
  password: string | null;
  hosts: string[];
  invitees: string[];
  settings: TmMeetingSettings;
  /** 0 one-off, 1 recurring. */
  meetingType: number;
  recurringRule: TmRecurringRule | null;
  subMeetings: StoredSubMeeting[];
  enableLive: boolean;
  liveConfig: TmLiveConfig | null;
  joinUrl: string;
  timeZone: string;
  hostKey: string | null;
  cancelled: boolean;
  /**
   * When it was ended with `POST /v1/meetings/{id}/dismiss` (epoch seconds; 1095/57955); absent
   * while not. [I] A series ends whole (no occurrence is current any more).
   */
  dismissedAt?: number;
  /** Someone is in the meeting (set through `TencentMeetingState.join`, for tests). */
  occupied: boolean;
  /** Hosts and invitees joining anonymously (seed 001 `is_anonymous`), with their `nick_name`. */
  anonymous: Record<string, string>;
  /** `sync_to_wework` (§1.3: create only, default true). */
  syncToWework: boolean;
  /** Last change, epoch ms: the list's `cursory` (1095/42421). */
  modifiedMs: number;
}

export interface StoredWebinar {
  meetingId: string;
  meetingCode: string;
  creator: string;
  subject: string;
  sponsor: string | null;
  start: number;
  end: number;
  timeZone: string | null;
  admissionType: number;
  password: string | null;
  hosts: string[];
  coverUrl: string | null;
  description: string | null;
  enableGuestInviteLink: boolean;
  mediaSetting: TmWebinarMediaSetting;
  enableQa: boolean;
  sensitiveWords: string[];
  enableManualCheck: boolean;
  activityPage: boolean;
  displayNumberOfParticipants: number;
  playbackForAudience: boolean;
  syncToWework: boolean;
  preparationMode: boolean;
  audienceJoinLink: string;
  guestJoinLink: string;
  manualCheckLink: string;
  manualCheckPassword: string;
  cancelled: boolean;
  occupied: boolean;
}

/** The emulator's memory: meetings and webinars by id, plus the id generator. */
export class TencentMeetingState {
  readonly meetings = new Map<string, StoredMeeting>();
  readonly webinars = new Map<string, StoredWebinar>();
  readonly ids: TencentIdGenerator;
  private readonly admins: ReadonlySet<string>;

  /** `adminOperators`: enterprise admin userids, who may read and cancel every meeting. */
  constructor(idSeed?: bigint, adminOperators: readonly string[] = []) {
    this.ids = new TencentIdGenerator(idSeed);
    this.admins = new Set(adminOperators);
  }

  /** An enterprise admin ("支持企业管理员查询企业下的会议", Tencent's get-meeting doc). */
  isAdmin(userid: string): boolean {
    return this.admins.has(userid);
  }

  reset(): void {
    this.meetings.clear();
    this.webinars.clear();
    this.ids.reset();
  }

  /**
   * Puts someone in (or takes everyone out of) a meeting or webinar: the emulator has no
   * clients, so this is how a test sees MEETING_STATE_STARTED (and 13602 on cancel).
   * Returns false for an unknown id.
   */
  join(meetingId: string, present = true): boolean {
    const target = this.meetings.get(meetingId) ?? this.webinars.get(meetingId);
    if (!target) return false;
    target.occupied = present;
    return true;
  }

  meetingByCode(code: string): StoredMeeting | undefined {
    for (const m of this.meetings.values()) if (m.meetingCode === code) return m;
    return undefined;
  }

  webinarByCode(code: string): StoredWebinar | undefined {
    for (const w of this.webinars.values()) if (w.meetingCode === code) return w;
    return undefined;
  }
}

/** 30 days after the scheduled start the code is reclaimed (docs/reference/providers.md §1.3). */
export const RECYCLE_AFTER_SECONDS = 30 * 24 * 3600;

/**
 * Status over time for one scheduled slot (docs/reference/providers.md §1.3): INIT before the
 * start; ABOUT_TO_START past the start and before the end with nobody in, STARTED with someone in
 * (see `join`); ENDED past the end; RECYCLED 30 days after the start.
 */
export function slotState(
  start: number,
  end: number,
  now: number,
  occupied = false,
): TmMeetingState {
  if (now >= start + RECYCLE_AFTER_SECONDS) return 'MEETING_STATE_RECYCLED';
  if (now >= end) return 'MEETING_STATE_ENDED';
  if (now >= start) return occupied ? 'MEETING_STATE_STARTED' : 'MEETING_STATE_ABOUT_TO_START';
  return 'MEETING_STATE_INIT';
}

/** The occurrence in progress or next to come (`current_sub_meeting_id`), if any. */
export function currentSubMeeting(
  meeting: StoredMeeting,
  now: number,
): StoredSubMeeting | undefined {
  if (meeting.dismissedAt !== undefined) return undefined;
  return meeting.subMeetings.find((s) => !s.deleted && s.end > now);
}

/**
 * A meeting's state: a series follows its current occurrence, or its last one when all are over.
 * One ended with `…/dismiss` is ENDED from then on, whatever its times, and RECYCLED 30 days
 * after its (last) start as any other.
 */
export function meetingState(meeting: StoredMeeting, now: number): TmMeetingState {
  if (meeting.cancelled) return 'MEETING_STATE_CANCELLED';
  if (meeting.dismissedAt !== undefined) {
    const lastStart = meeting.subMeetings.filter((s) => !s.deleted).at(-1)?.start ?? meeting.start;
    return slotState(lastStart, meeting.dismissedAt, Math.max(now, meeting.dismissedAt));
  }
  if (meeting.meetingType !== 1)
    return slotState(meeting.start, meeting.end, now, meeting.occupied);
  const live = meeting.subMeetings.filter((s) => !s.deleted);
  if (live.length === 0) return 'MEETING_STATE_CANCELLED';
  const current = currentSubMeeting(meeting, now);
  if (current) return slotState(current.start, current.end, now, meeting.occupied);
  const last = live[live.length - 1]!;
  return slotState(last.start, last.end, now);
}

export function webinarState(webinar: StoredWebinar, now: number): TmMeetingState {
  if (webinar.cancelled) return 'MEETING_STATE_CANCELLED';
  return slotState(webinar.start, webinar.end, now, webinar.occupied);
}
