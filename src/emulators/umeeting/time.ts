import { fromLocal, toLocal, type LocalDateTime } from '../../util/zoned-time.js';

/*
 * umeeting's time format, the emulator's side. Every umeeting time is local wall-clock text
 * `yyyy-MM-dd HH:mm:ss` (seed 002: "开始时间，格式如：2017-08-19 00:00:00"; seed 004's
 * `occurrences[].start_time` "2020-05-18 10:00:00") and no document names the zone
 * (docs/reference/providers.md §3.1, §3.4 U-16). The emulator reads and writes them in the zone it
 * was started with (`UMEETING_TIMEZONE`, default Asia/Shanghai, §3.1 [I]).
 *
 * Written here, not imported from the client (src/providers/umeeting/), so that a client
 * mistake in the format is caught by the emulator rather than mirrored. Pinned to the seeds'
 * examples, DST zone included, by test/emulators/umeeting.time.test.ts. The zone arithmetic
 * (src/util/zoned-time.ts) is shared: in a DST gap it takes the later offset, in an overlap the
 * earlier instant.
 */

/** `yyyy-MM-dd HH:mm:ss`, strictly: 4-digit year, 2-digit fields, one space. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
/** `yyyy-MM-dd`: the bare date the emulator also accepts for `end_date_time` (see below). */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const two = (n: number) => String(n).padStart(2, '0');

/** `instant` as umeeting local text in `timeZone`; sub-second precision is dropped. */
export function formatUmeetingTime(instant: Date, timeZone: string): string {
  const l = toLocal(instant, timeZone);
  const date = `${String(l.year).padStart(4, '0')}-${two(l.month)}-${two(l.day)}`;
  return `${date} ${two(l.hour)}:${two(l.minute)}:${two(l.second)}`;
}

/**
 * Reads `yyyy-MM-dd HH:mm:ss` (surrounding blanks ignored) in `timeZone`. Undefined for anything
 * else, e.g. the seeds' placeholder `"7"` (§3.4 U-4), an ISO `T`, a missing second, or a
 * calendar date that does not exist.
 */
export function parseUmeetingTime(text: string, timeZone: string): Date | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const local: LocalDateTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
  };
  if (!isCalendarDate(local) || local.hour > 23 || local.minute > 59 || local.second > 59) {
    return undefined;
  }
  return fromLocal(local, timeZone);
}

/**
 * Reads a series' `end_date_time`, whose format no document states (§3.3, §4): the usual
 * `yyyy-MM-dd HH:mm:ss`, or [I] a bare `yyyy-MM-dd` meaning up to the end of that local day
 * (23:59:59, inclusive).
 */
export function parseUmeetingEndDate(text: string, timeZone: string): Date | undefined {
  const full = parseUmeetingTime(text, timeZone);
  if (full) return full;
  const m = DATE_ONLY.exec(text.trim());
  if (!m) return undefined;
  const local: LocalDateTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: 23,
    minute: 59,
    second: 59,
  };
  return isCalendarDate(local) ? fromLocal(local, timeZone) : undefined;
}

/** Whether year-month-day exists (no 2026-02-30, no month 13). */
function isCalendarDate({ year, month, day }: LocalDateTime): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= lastDay;
}
