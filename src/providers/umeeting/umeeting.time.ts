import { formatLocal, fromLocal } from '../../util/zoned-time.js';

/**
 * umeeting times: `yyyy-MM-dd HH:mm:ss` with no zone anywhere in the docs (docs/reference/providers.md §3.1,
 * §3.4 U-16). They are read and written as wall-clock time in the configured zone
 * (`UMEETING_TIMEZONE`, default Asia/Shanghai). In a DST gap the later offset is used; in an
 * overlap the earlier instant (src/util/zoned-time.ts).
 */

const UMEETING_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const UMEETING_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `instant` as umeeting local time in `timeZone` (sub-second precision is dropped). */
export function toUmeetingTime(instant: Date, timeZone: string): string {
  return formatLocal(instant, timeZone);
}

/**
 * Parses a strict `yyyy-MM-dd HH:mm:ss` in `timeZone`; undefined when malformed or not a real
 * calendar time (e.g. the seeds' placeholder "7", §3.4 U-4).
 */
export function fromUmeetingTime(text: unknown, timeZone: string): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const m = UMEETING_TIME.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  return fromLocal({ year, month, day, hour, minute, second }, timeZone);
}

/**
 * Parses `end_date_time`, whose format is not documented (docs/reference/providers.md §3.3): a full
 * `yyyy-MM-dd HH:mm:ss`, or a bare `yyyy-MM-dd` meaning the end of that local day (inclusive).
 */
export function fromUmeetingEndDate(text: unknown, timeZone: string): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const full = fromUmeetingTime(text, timeZone);
  if (full) return full;
  const m = UMEETING_DATE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  if (!validDate(year, month, day)) return undefined;
  return fromLocal({ year, month, day, hour: 23, minute: 59, second: 59 }, timeZone);
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
