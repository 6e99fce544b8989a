import { RecurrenceFrequency } from '../schema/enums/recurrence-frequency.enum.js';
import { WEEKDAY_ORDER, WEEKDAY_RRULE, type Weekday } from '../schema/enums/weekday.enum.js';
import { addDays, daysInMonth, fromLocal, isoWeekday, toLocal } from '../util/zoned-time.js';

/**
 * The unified recurrence rule (RecurrenceInput / RecurrenceRule without `rrule`), its RFC 5545
 * RRULE, and its expansion into occurrence starts. Shared by the mappers (rrule) and the
 * emulators (occurrences), so every provider repeats meetings the same way.
 *
 * Semantics, stated once:
 * - Occurrences repeat on local dates in the series' time zone at the first start's wall-clock
 *   time, so a 09:00 meeting stays at 09:00 across a DST change.
 * - Only dates on or after the first start that match the rule count (RFC 5545 with a DTSTART
 *   that matches; Zoom-style for weekly day lists).
 * - WEEKDAYS is Monday to Friday. WEEKLY without `weekDays` repeats on the first start's weekday.
 * - MONTHLY without a day repeats on the first start's day of month; a day the month lacks
 *   (31 in April) is skipped. `monthWeek` 1–4 is the n-th such weekday of the month and -1 the
 *   last one (RRULE `BYDAY=-1MO`). The unified inputs refuse 5; it is still read as the last one
 *   here because that is how umeeting's `monthly_week` 1–5 is spelt on the wire (docs/reference/providers.md §3.3).
 * - `until` is inclusive (occurrences starting at or before it); `count` counts occurrences.
 */
/** `monthWeek` values that mean the last such weekday of the month (see above). */
export function isLastMonthWeek(monthWeek: number | null | undefined): boolean {
  return monthWeek === -1 || monthWeek === 5;
}

export interface RecurrenceSpec {
  frequency: RecurrenceFrequency;
  weekDays?: Weekday[] | null;
  monthDay?: number | null;
  monthWeek?: number | null;
  monthWeekDay?: Weekday | null;
  until?: Date | null;
  count?: number | null;
}

/** Hard cap on expansion, whatever the rule says. */
export const MAX_EXPANDED_OCCURRENCES = 500;

export function toRrule(spec: RecurrenceSpec): string {
  const parts: string[] = [];
  switch (spec.frequency) {
    case RecurrenceFrequency.DAILY:
      parts.push('FREQ=DAILY');
      break;
    case RecurrenceFrequency.WEEKDAYS:
      parts.push('FREQ=WEEKLY', 'BYDAY=MO,TU,WE,TH,FR');
      break;
    case RecurrenceFrequency.WEEKLY:
      parts.push('FREQ=WEEKLY');
      if (spec.weekDays && spec.weekDays.length > 0) parts.push(`BYDAY=${byDay(spec.weekDays)}`);
      break;
    case RecurrenceFrequency.BIWEEKLY:
      parts.push('FREQ=WEEKLY', 'INTERVAL=2');
      break;
    case RecurrenceFrequency.MONTHLY:
      parts.push('FREQ=MONTHLY');
      if (spec.monthDay) parts.push(`BYMONTHDAY=${spec.monthDay}`);
      else if (spec.monthWeek && spec.monthWeekDay) {
        const n = isLastMonthWeek(spec.monthWeek) ? -1 : spec.monthWeek;
        parts.push(`BYDAY=${n}${WEEKDAY_RRULE[spec.monthWeekDay]}`);
      }
      break;
  }
  if (spec.count) parts.push(`COUNT=${spec.count}`);
  else if (spec.until) parts.push(`UNTIL=${rruleUtc(spec.until)}`);
  return parts.join(';');
}

function byDay(days: Weekday[]): string {
  return [...days]
    .sort((a, b) => WEEKDAY_ORDER.indexOf(a) - WEEKDAY_ORDER.indexOf(b))
    .map((d) => WEEKDAY_RRULE[d])
    .join(',');
}

function rruleUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

type LocalDate = { year: number; month: number; day: number };

/**
 * The start instants of the occurrences of a series whose first occurrence starts at
 * `firstStart`, repeating in `timeZone`. Stops at `count`, `until`, or the hard cap.
 */
export function expandOccurrences(
  spec: RecurrenceSpec,
  firstStart: Date,
  timeZone: string,
): Date[] {
  const startLocal = toLocal(firstStart, timeZone);
  const limit = Math.min(spec.count ?? MAX_EXPANDED_OCCURRENCES, MAX_EXPANDED_OCCURRENCES);
  const untilMs = spec.until ? spec.until.getTime() : Number.POSITIVE_INFINITY;
  const out: Date[] = [];
  const matches = matcher(spec, startLocal);
  // Walk local calendar days; 20 years of days bounds any rule that never matches.
  let date: LocalDate = { year: startLocal.year, month: startLocal.month, day: startLocal.day };
  for (let i = 0; i < 366 * 20 && out.length < limit; i++, date = addDays(date, 1)) {
    if (!matches(date)) continue;
    const instant = fromLocal(
      { ...date, hour: startLocal.hour, minute: startLocal.minute, second: startLocal.second },
      timeZone,
    );
    if (instant.getTime() < firstStart.getTime()) continue;
    if (instant.getTime() > untilMs) break;
    out.push(instant);
  }
  return out;
}

function matcher(spec: RecurrenceSpec, start: LocalDate): (d: LocalDate) => boolean {
  const startWeekday = isoWeekday(start.year, start.month, start.day);
  switch (spec.frequency) {
    case RecurrenceFrequency.DAILY:
      return () => true;
    case RecurrenceFrequency.WEEKDAYS:
      return (d) => isoWeekday(d.year, d.month, d.day) <= 5;
    case RecurrenceFrequency.WEEKLY: {
      const days = spec.weekDays?.length
        ? new Set(spec.weekDays.map((w) => WEEKDAY_ORDER.indexOf(w) + 1))
        : new Set([startWeekday]);
      return (d) => days.has(isoWeekday(d.year, d.month, d.day));
    }
    case RecurrenceFrequency.BIWEEKLY: {
      const startDay = Date.UTC(start.year, start.month - 1, start.day) / 86_400_000;
      return (d) => {
        const diff = Date.UTC(d.year, d.month - 1, d.day) / 86_400_000 - startDay;
        return diff % 14 === 0;
      };
    }
    case RecurrenceFrequency.MONTHLY: {
      if (spec.monthWeek && spec.monthWeekDay) {
        const weekday = WEEKDAY_ORDER.indexOf(spec.monthWeekDay) + 1;
        const n = spec.monthWeek;
        return (d) => {
          if (isoWeekday(d.year, d.month, d.day) !== weekday) return false;
          const nth = Math.floor((d.day - 1) / 7) + 1;
          return isLastMonthWeek(n) ? d.day + 7 > daysInMonth(d.year, d.month) : nth === n;
        };
      }
      const day = spec.monthDay ?? start.day;
      return (d) => d.day === day;
    }
  }
}
