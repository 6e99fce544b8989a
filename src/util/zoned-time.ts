/**
 * Wall-clock time in an IANA zone, with Intl only (no tz library). Used where a provider speaks
 * local time (umeeting `yyyy-MM-dd HH:mm:ss`, docs/reference/providers.md §3.1) and where recurrences repeat on
 * local dates (a weekly 09:00 meeting stays at 09:00 across a DST change).
 */
export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  // The instant's UTC fields once shifted by the zone's offset: exactly what Intl would format
  // (to the second), without a `formatToParts` per call.
  const d = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetMs(instant, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The wall-clock fields of `instant` in `timeZone`, as Intl formats them (the slow, sure way). */
function formatParts(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function exactOffsetMs(instant: Date, timeZone: string): number {
  const l = formatParts(instant, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * A zone's UTC offset is remembered per 15-minute slice of time: `formatToParts` costs ~7 µs
 * and a umeeting meeting's two local times took 8 of them to read (9 % of the CPU of a 100-id
 * batch, bench profile; docs/performance.md "Round 3"). A slice is remembered only when its
 * first and last second have the same offset; no zone changes its offset twice within 15
 * minutes, so the whole slice then has it. A slice with a change in it is computed every time.
 */
const SLICE_MS = 15 * 60_000;
const MAX_SLICES_PER_ZONE = 50_000;
const offsets = new Map<string, Map<number, number>>();

function offsetMs(instant: Date, timeZone: string): number {
  const slice = Math.floor(instant.getTime() / SLICE_MS);
  let zone = offsets.get(timeZone);
  const known = zone?.get(slice);
  if (known !== undefined) return known;
  const first = exactOffsetMs(new Date(slice * SLICE_MS), timeZone);
  const last = exactOffsetMs(new Date((slice + 1) * SLICE_MS - 1000), timeZone);
  if (first !== last) return exactOffsetMs(instant, timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  if (zone.size >= MAX_SLICES_PER_ZONE) zone.clear();
  zone.set(slice, first);
  return first;
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. In a DST gap (a time that
 * does not exist) the later offset is used; in an overlap, the earlier instant.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const naive = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  const first = naive - offsetMs(new Date(naive), timeZone);
  const second = naive - offsetMs(new Date(first), timeZone);
  const candidates = [first, second].filter((t) =>
    sameLocal(toLocal(new Date(t), timeZone), local),
  );
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(Math.max(first, second));
}

function sameLocal(a: LocalDateTime, b: LocalDateTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyy-MM-dd HH:mm:ss` in `timeZone`. */
export function formatLocal(instant: Date, timeZone: string): string {
  const l = toLocal(instant, timeZone);
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}`;
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Parses `yyyy-MM-dd HH:mm[:ss]` as wall-clock time in `timeZone`; undefined when malformed. */
export function parseLocal(text: string, timeZone: string): Date | undefined {
  const m = LOCAL_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const local: LocalDateTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? '0'),
  };
  if (
    local.month < 1 ||
    local.month > 12 ||
    local.day < 1 ||
    local.day > daysInMonth(local.year, local.month)
  ) {
    return undefined;
  }
  if (local.hour > 23 || local.minute > 59 || local.second > 59) return undefined;
  return fromLocal(local, timeZone);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(year: number, month: number, day: number): number {
  const js = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return js === 0 ? 7 : js;
}

/** Adds whole days to a local date (calendar arithmetic, zone-free). */
export function addDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Epoch seconds as a decimal string (Tencent/WeCom wire times). */
export function toEpochSecondsString(instant: Date): string {
  return String(Math.floor(instant.getTime() / 1000));
}

/** Parses an epoch-seconds string or number; undefined when not a plausible epoch second. */
export function fromEpochSeconds(value: unknown): Date | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,12}$/.test(text.trim())) return undefined;
  return new Date(Number(text.trim()) * 1000);
}
