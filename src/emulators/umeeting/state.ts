import { randomBytes, randomInt } from 'node:crypto';

import { UMEETING_STATUS, type UmeetingMeetingType, type UmeetingStatus } from './wire.js';

/**
 * The umeeting emulator's memory: meetings by meeting number, occurrences by uuid, the ids and
 * host secrets it hands out, and the rules that turn the clock into a status
 * (docs/reference/providers.md §3.2 #3; values in wire.ts). Nobody joins an emulated meeting, so
 * the emulator assumes the host starts it at its start time: booked before the start, in
 * progress until start + duration, ended after.
 */

export interface EmulatedOccurrence {
  uuid: string;
  startMs: number;
  /** Set by `/share/delete` (cancelled) or `/share/end` (ended) with the uuid. */
  closed: 'cancelled' | 'ended' | null;
}

export interface EmulatedMeeting {
  id: string;
  /** `/share/list` spelling: 1 instant, 2 scheduled. */
  type: UmeetingMeetingType;
  topic: string;
  startMs: number;
  durationMinutes: number;
  password: string;
  userKey: string | null;
  capacity: number;
  hostName: string | null;
  /** Option fields as given (normalised "true"/"false", "cloud"/"none"), echoed by get. */
  options: Record<string, string>;
  /** Recurrence fields as accepted (normalised), echoed by get; null for a one-off meeting. */
  recurrence: Record<string, string> | null;
  occurrences: EmulatedOccurrence[];
  // Host secrets (docs/reference/providers.md §3.4 U-15): generated per meeting, returned on create
  // only.
  hostKey: string;
  hostId: string;
  token: string;
  startUrl: string;
  joinUrl: string;
  liveId: string | null;
  playAddr: string;
  watchUrl: string;
  deleted: boolean;
  /** When `/share/end` ended the whole meeting. */
  endedAtMs: number | null;
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export class UmeetingEmulatorState {
  readonly meetings = new Map<string, EmulatedMeeting>();
  /** Occurrence uuid → meeting number. */
  readonly occurrenceOwners = new Map<string, string>();

  /** A fresh 10-digit meeting number, as a string (§3.4 U-17). */
  newMeetingId(): string {
    for (;;) {
      const id = String(randomInt(1, 10)) + randomFrom('0123456789', 9);
      if (!this.meetings.has(id)) return id;
    }
  }

  /** A fresh opaque occurrence uuid shaped like seed 004's (`2d3l1sotx4rky8vcipkrku==`). */
  newUuid(): string {
    for (;;) {
      const uuid = `${randomFrom(LOWER_ALNUM, 22)}==`;
      if (!this.occurrenceOwners.has(uuid)) return uuid;
    }
  }

  newHostSecrets(baseUrl: string, meetingId: string) {
    const b64url = (n: number) => randomBytes(n).toString('base64url');
    // A JWT-shaped `zak` like seed 002's, different for every meeting; it guards nothing.
    const zak = `${b64url(24)}.${b64url(96)}.${b64url(32)}`;
    return {
      hostKey: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      hostId: b64url(16).slice(0, 22),
      token: randomBytes(24).toString('base64').slice(0, 32),
      startUrl: `${baseUrl}/s/${meetingId}?zak=${zak}`,
    };
  }

  add(meeting: EmulatedMeeting): void {
    this.meetings.set(meeting.id, meeting);
    for (const o of meeting.occurrences) this.occurrenceOwners.set(o.uuid, meeting.id);
  }

  /**
   * A series' occurrences after `/share/update` (recomputed from its rule and start): an
   * occurrence whose start did not move keeps its uuid and state, the others are new; none for a
   * one-off.
   */
  replaceOccurrences(meeting: EmulatedMeeting, startsMs: readonly number[]): void {
    const kept = new Map(meeting.occurrences.map((o) => [o.startMs, o]));
    for (const o of meeting.occurrences) this.occurrenceOwners.delete(o.uuid);
    meeting.occurrences = startsMs.map(
      (startMs) => kept.get(startMs) ?? { uuid: this.newUuid(), startMs, closed: null },
    );
    for (const o of meeting.occurrences) this.occurrenceOwners.set(o.uuid, meeting.id);
  }

  /** The meeting a meeting number or an occurrence uuid names. */
  find(id: string): { meeting: EmulatedMeeting; occurrence?: EmulatedOccurrence } | undefined {
    const meeting = this.meetings.get(id);
    if (meeting) return { meeting };
    const owner = this.occurrenceOwners.get(id);
    const series = owner ? this.meetings.get(owner) : undefined;
    const occurrence = series?.occurrences.find((o) => o.uuid === id);
    return series && occurrence ? { meeting: series, occurrence } : undefined;
  }

  statusOf(meeting: EmulatedMeeting, nowMs: number): UmeetingStatus {
    if (meeting.deleted) return UMEETING_STATUS.CANCELLED;
    if (meeting.endedAtMs !== null) return UMEETING_STATUS.ENDED;
    if (meeting.recurrence === null)
      return byClock(meeting.startMs, meeting.durationMinutes, nowMs);
    const open = meeting.occurrences.filter((o) => o.closed !== 'cancelled');
    if (open.length === 0) return UMEETING_STATUS.CANCELLED;
    const statuses = open.map((o) => this.occurrenceStatus(meeting, o, nowMs));
    if (statuses.includes(UMEETING_STATUS.IN_PROGRESS)) return UMEETING_STATUS.IN_PROGRESS;
    if (statuses.includes(UMEETING_STATUS.BOOKED)) return UMEETING_STATUS.BOOKED;
    return UMEETING_STATUS.ENDED;
  }

  occurrenceStatus(meeting: EmulatedMeeting, o: EmulatedOccurrence, nowMs: number): UmeetingStatus {
    if (meeting.deleted || o.closed === 'cancelled') return UMEETING_STATUS.CANCELLED;
    if (o.closed === 'ended' || meeting.endedAtMs !== null) return UMEETING_STATUS.ENDED;
    return byClock(o.startMs, meeting.durationMinutes, nowMs);
  }

  clear(): void {
    this.meetings.clear();
    this.occurrenceOwners.clear();
  }
}

function byClock(startMs: number, durationMinutes: number, nowMs: number): UmeetingStatus {
  if (nowMs < startMs) return UMEETING_STATUS.BOOKED;
  if (nowMs < startMs + durationMinutes * 60_000) return UMEETING_STATUS.IN_PROGRESS;
  return UMEETING_STATUS.ENDED;
}
