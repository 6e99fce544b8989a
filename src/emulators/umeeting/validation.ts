import { expandOccurrences, type RecurrenceSpec } from '../../domain/recurrence.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { WEEKDAY_ORDER, type Weekday } from '../../schema/enums/weekday.enum.js';
import { isoWeekday, toLocal } from '../../util/zoned-time.js';
import { parseUmeetingEndDate, parseUmeetingTime } from './time.js';
import { splitWeeklyDays, UMEETING_WEEKDAY_NUMBER, weekdayOfNumber } from './wire.js';

/**
 * What the umeeting emulator checks on `/share/schedule` and `/share/instant`, from the seeds and
 * docs/reference/providers.md §3.2–§3.4. Each failure is one message, as umeeting answers
 * (`message`). The local-time format (time.ts) and the weekday numbering (wire.ts) are the
 * emulator's own statements of the provider's facts, independent of the client's.
 */

export class FormError extends Error {}

export interface ParsedCreate {
  topic: string;
  capacity: number;
  startMs: number;
  durationMinutes: number;
  password: string;
  userKey: string | null;
  hostName: string | null;
  options: Record<string, string>;
  recurrence: { fields: Record<string, string>; starts: Date[] } | null;
}

/** Booleans are the strings "true"/"false" (seeds 002/004; §3.4 U-5). */
const BOOLEAN_FIELDS = {
  schedule: [
    'mute_upon_entry',
    'use_pmi',
    'option_host_video',
    'option_participants_video',
    'allow_live_streaming',
    'waiting_room',
    'enable_webinar',
  ],
  instant: [
    'mute_upon_entry',
    'use_pmi',
    'option_host_video',
    'option_participants_video',
    'allow_live_streaming',
    'waiting_room',
    'option_jbh',
  ],
} as const;

/** At most 50 occurrences in a series ([I] Zoom's limit; unified `count` is 1–50 too). */
export const MAX_OCCURRENCES = 50;
const MAX_USER_KEY_BYTES = 200;

export interface CreateContext {
  endpoint: 'schedule' | 'instant';
  nowMs: number;
  timeZone: string;
  /** Accept recurrence on `/instant` (seed 004's short-lived doc revision, §3.4 U-2). */
  allowInstantRecurrence: boolean;
}

const get = (form: URLSearchParams, name: string): string | undefined => {
  const v = form.get(name);
  return v === null || v.trim() === '' ? undefined : v.trim();
};

function integer(
  form: URLSearchParams,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = get(form, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new FormError(`${name} must be an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

export function parseCreateForm(form: URLSearchParams, ctx: CreateContext): ParsedCreate {
  const topic = get(form, 'topic');
  if (!topic) throw new FormError('topic is required');
  if (topic.length > 255) throw new FormError('topic must be at most 255 characters');

  const capacity = integer(form, 'meeting_capacity', 1, 100_000);
  if (capacity === undefined) throw new FormError('meeting_capacity is required'); // seed 002/004, U-9

  let startMs = ctx.nowMs;
  let durationMinutes: number;
  if (ctx.endpoint === 'schedule') {
    const rawStart = form.get('start_time');
    if (!rawStart) throw new FormError('start_time is required');
    const start = parseUmeetingTime(rawStart, ctx.timeZone);
    if (!start) throw new FormError('start_time must be formatted yyyy-MM-dd HH:mm:ss');
    startMs = start.getTime();
    const duration = integer(form, 'duration', -1_000_000, 1_000_000);
    if (duration === undefined) throw new FormError('duration is required');
    // "必须大于30": greater than 30 minutes, on schedule only (§3.4 U-8).
    if (duration <= 30) throw new FormError('duration must be greater than 30 (minutes)');
    durationMinutes = duration;
  } else {
    // Instant meetings start now; `duration` is optional ([I] 60 minutes by default).
    startMs = Math.floor(ctx.nowMs / 1000) * 1000;
    durationMinutes = integer(form, 'duration', 1, 1_000_000) ?? 60;
  }

  const userKey = form.get('user_key');
  if (userKey !== null && Buffer.byteLength(userKey, 'utf8') > MAX_USER_KEY_BYTES) {
    throw new FormError('user_key must not exceed 200 bytes');
  }
  const password = form.get('password') ?? '';
  if (password.length > 10) throw new FormError('password must be at most 10 characters');

  const options: Record<string, string> = {};
  for (const name of BOOLEAN_FIELDS[ctx.endpoint]) {
    const raw = get(form, name);
    if (raw === undefined) continue;
    const v = raw.toLowerCase();
    if (v !== 'true' && v !== 'false') throw new FormError(`${name} must be true or false`);
    options[name] = v;
  }
  const recording = get(form, 'recording');
  if (recording !== undefined) {
    const v = recording.toLowerCase();
    if (v !== 'cloud' && v !== 'none') throw new FormError('recording must be cloud or none');
    options.recording = v;
  }

  const recurring = get(form, 'recurrence_type') !== undefined;
  if (recurring && ctx.endpoint === 'instant' && !ctx.allowInstantRecurrence) {
    throw new FormError('recurrence is only available on /umeeting/share/schedule');
  }
  const recurrence = recurring ? parseRecurrence(form, new Date(startMs), ctx.timeZone) : null;

  return {
    topic,
    capacity,
    startMs,
    durationMinutes,
    password,
    userKey: userKey === null || userKey === '' ? null : userKey,
    hostName: get(form, 'host_name') ?? null,
    options,
    recurrence,
  };
}

/**
 * `/share/resetCapacity/{meetingId}` (docs/reference/providers.md §3.2 #10): `meeting_capacity`,
 * required, a positive integer in schedule's range.
 */
export function parseCapacityForm(form: URLSearchParams): number {
  const capacity = integer(form, 'meeting_capacity', 1, 100_000);
  if (capacity === undefined) throw new FormError('meeting_capacity is required');
  return capacity;
}

/** What `/share/update` asks for (§3.2 #4): `undefined` leaves a field as it is. */
export interface ParsedUpdate {
  id: string;
  startMs: number;
  durationMinutes: number;
  topic?: string;
  password?: string;
  userKey?: string;
  hostName?: string;
  options: Record<string, string>;
  /**
   * `undefined`: no recurrence field sent (a series stays a series, a one-off a one-off);
   * `null`: `recurrence_type=""` (a series becomes a one-off); else the new rule's fields.
   */
  recurrence?: Record<string, string> | null;
}

/** The option fields the update page lists (§3.2 #4): no video options, no `option_jbh`. */
const UPDATE_BOOLEAN_FIELDS = ['mute_upon_entry', 'allow_live_streaming', 'waiting_room'] as const;
const RECURRENCE_FIELDS = [
  'recurrence_type',
  'daily_type',
  'weekly_days',
  'monthly_week',
  'monthly_week_day',
  'monthly_day',
  'end_times',
  'end_date_time',
] as const;

/**
 * `/share/update` (docs/reference/providers.md §3.2 #4): `id`, `start_time` and `duration` are
 * required, every other listed field is optional and left as it is when absent. The duration rule
 * is the schedule's (> 30, §3.4 U-8). A `recurrence_type` of `""` makes a series a one-off; any
 * other recurrence field sends a new rule (checked against the new start by the caller, with
 * `parseRecurrence`). Fields the page does not list are ignored, as a form API does.
 */
export function parseUpdateForm(form: URLSearchParams, timeZone: string): ParsedUpdate {
  const id = get(form, 'id');
  if (!id) throw new FormError('id is required');
  const rawStart = form.get('start_time');
  if (!rawStart) throw new FormError('start_time is required');
  const start = parseUmeetingTime(rawStart, timeZone);
  if (!start) throw new FormError('start_time must be formatted yyyy-MM-dd HH:mm:ss');
  const duration = integer(form, 'duration', -1_000_000, 1_000_000);
  if (duration === undefined) throw new FormError('duration is required');
  if (duration <= 30) throw new FormError('duration must be greater than 30 (minutes)');

  const parsed: ParsedUpdate = {
    id,
    startMs: start.getTime(),
    durationMinutes: duration,
    options: {},
  };
  const topic = get(form, 'topic');
  if (topic !== undefined) {
    if (topic.length > 255) throw new FormError('topic must be at most 255 characters');
    parsed.topic = topic;
  }
  const password = form.get('password');
  if (password !== null && password !== '') {
    if (password.length > 10) throw new FormError('password must be at most 10 characters');
    parsed.password = password;
  }
  const userKey = get(form, 'user_key');
  if (userKey !== undefined) {
    if (Buffer.byteLength(userKey, 'utf8') > MAX_USER_KEY_BYTES) {
      throw new FormError('user_key must not exceed 200 bytes');
    }
    parsed.userKey = userKey;
  }
  const hostName = get(form, 'host_name');
  if (hostName !== undefined) parsed.hostName = hostName;
  for (const name of UPDATE_BOOLEAN_FIELDS) {
    const raw = get(form, name);
    if (raw === undefined) continue;
    const v = raw.toLowerCase();
    if (v !== 'true' && v !== 'false') throw new FormError(`${name} must be true or false`);
    parsed.options[name] = v;
  }
  const recording = get(form, 'recording');
  if (recording !== undefined) {
    const v = recording.toLowerCase();
    if (v !== 'cloud' && v !== 'none') throw new FormError('recording must be cloud or none');
    parsed.options.recording = v;
  }
  const type = form.get('recurrence_type');
  if (type !== null && type.trim() === '') {
    parsed.recurrence = null;
  } else if (RECURRENCE_FIELDS.some((name) => get(form, name) !== undefined)) {
    if (get(form, 'recurrence_type') === undefined) {
      throw new FormError('recurrence_type is required with the other recurrence fields');
    }
    const fields: Record<string, string> = {};
    for (const name of RECURRENCE_FIELDS) {
      const v = get(form, name);
      if (v !== undefined) fields[name] = v;
    }
    parsed.recurrence = fields;
  }
  return parsed;
}

/**
 * Recurrence fields (docs/reference/providers.md §3.3) → the normalised fields and the occurrence
 * starts. Also used by `/share/update` to recompute a series from its (new or kept) fields.
 */
export function parseRecurrence(
  form: URLSearchParams,
  start: Date,
  timeZone: string,
): { fields: Record<string, string>; starts: Date[] } {
  const type = integer(form, 'recurrence_type', 1, 3)!;
  const local = toLocal(start, timeZone);
  const startWeekday = WEEKDAY_ORDER[isoWeekday(local.year, local.month, local.day) - 1]!;
  const fields: Record<string, string> = { recurrence_type: String(type) };
  const spec: RecurrenceSpec = { frequency: RecurrenceFrequency.DAILY };

  if (type === 1) {
    const dailyType = integer(form, 'daily_type', 1, 2) ?? 1;
    fields.daily_type = String(dailyType);
    spec.frequency = dailyType === 2 ? RecurrenceFrequency.WEEKDAYS : RecurrenceFrequency.DAILY;
  } else if (type === 2) {
    const raw = get(form, 'weekly_days');
    let days: Weekday[];
    if (raw === undefined) {
      days = [startWeekday];
    } else {
      // ASCII or full-width commas (seed 004 writes "1，3"; §3.4 U-7).
      const parts = splitWeeklyDays(raw);
      if (parts.length === 0) throw new FormError('weekly_days must list days from 1 to 7');
      days = parts.map((p) => {
        const day = /^\d$/.test(p) ? weekdayOfNumber(Number(p)) : undefined;
        if (!day) throw new FormError('weekly_days must list days from 1 to 7');
        return day;
      });
    }
    const numbers = [...new Set(days.map((d) => UMEETING_WEEKDAY_NUMBER[d]))].sort((a, b) => a - b);
    fields.weekly_days = numbers.join(',');
    spec.frequency = RecurrenceFrequency.WEEKLY;
    spec.weekDays = numbers.map((n) => weekdayOfNumber(n)!);
  } else {
    spec.frequency = RecurrenceFrequency.MONTHLY;
    const monthDay = integer(form, 'monthly_day', 1, 31);
    const monthWeek = integer(form, 'monthly_week', 1, 5);
    const monthWeekDay = integer(form, 'monthly_week_day', 1, 7);
    if (monthDay !== undefined) {
      // monthly_day wins over monthly_week (seed 004).
      fields.monthly_day = String(monthDay);
      spec.monthDay = monthDay;
    } else if (monthWeek !== undefined || monthWeekDay !== undefined) {
      if (monthWeek === undefined || monthWeekDay === undefined) {
        throw new FormError('monthly_week and monthly_week_day must be given together');
      }
      fields.monthly_week = String(monthWeek);
      fields.monthly_week_day = String(monthWeekDay);
      spec.monthWeek = monthWeek;
      spec.monthWeekDay = weekdayOfNumber(monthWeekDay)!;
    } else {
      fields.monthly_day = String(local.day);
      spec.monthDay = local.day;
    }
  }

  // An end condition is required; end_date_time wins over end_times (docs/reference/providers.md
  // §3.3, U-3).
  const rawEnd = get(form, 'end_date_time');
  if (rawEnd !== undefined) {
    const until = parseUmeetingEndDate(rawEnd, timeZone);
    if (!until)
      throw new FormError('end_date_time must be formatted yyyy-MM-dd HH:mm:ss or yyyy-MM-dd');
    if (until.getTime() < start.getTime())
      throw new FormError('end_date_time must not be before start_time');
    fields.end_date_time = rawEnd;
    spec.until = until;
  } else {
    const count = integer(form, 'end_times', 1, MAX_OCCURRENCES);
    if (count === undefined) {
      throw new FormError('a recurring meeting needs end_times or end_date_time');
    }
    fields.end_times = String(count);
    spec.count = count;
  }

  const starts = expandOccurrences(spec, start, timeZone);
  if (starts.length === 0)
    throw new FormError('no occurrence matches the recurrence before its end');
  if (starts.length > MAX_OCCURRENCES) {
    throw new FormError(`a recurring meeting has at most ${MAX_OCCURRENCES} occurrences`);
  }
  return { fields, starts };
}
