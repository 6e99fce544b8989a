import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// ISO 8601 date-time with an explicit offset (`Z` or `±HH:MM`). Without an offset a time is
// ambiguous across providers (umeeting local time, Tencent epoch seconds), so it is refused.
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

const refuse = (message: string, rule: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', rule } });

/**
 * The calendar fields as written, checked before they become an instant: `Date` would roll
 * 30 February over to 2 March (and 24:00 to the next day) instead of refusing it. The offset is
 * checked too (at most ±23:59), so the instant is exactly the one the string names.
 */
function isRealDateTime(m: RegExpExecArray): boolean {
  const n = (i: number) => Number(m[i] ?? '0');
  const [year, month, day, hour, minute, second] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  return n(8) <= 23 && n(9) <= 59; // the offset's hours and minutes (m[7] is its sign)
}

function parse(value: unknown): Date {
  const m = typeof value === 'string' ? ISO_WITH_OFFSET.exec(value) : null;
  if (!m) {
    throw refuse(
      'DateTime must be an ISO 8601 string with an offset, e.g. 2026-12-01T09:00:00+08:00',
      'isoDateTimeWithOffset',
    );
  }
  const date = new Date(value as string);
  if (!isRealDateTime(m) || Number.isNaN(date.getTime())) {
    throw refuse(
      'DateTime is not a real date and time (e.g. 30 February, 24:00, an offset past ±23:59)',
      'realDateTime',
    );
  }
  return date;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `date.toISOString()` for years 1000–9999, built from the UTC fields: V8's own costs ~1.2 µs
 * against ~0.5 (two per meeting, 200 in a 100-id batch; docs/performance.md "Round 4"). Other
 * years (no provider answers one) go to `toISOString` itself: it zero-pads years below 1000 and
 * writes a sign and six digits outside 0–9999. Pinned to `toISOString` by
 * test/unit/date-time.scalar.test.ts.
 */
export function isoString(date: Date): string {
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return date.toISOString();
  const ms = date.getUTCMilliseconds();
  return `${year}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}T${two(
    date.getUTCHours(),
  )}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${
    ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : ms
  }Z`;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'An instant as an ISO 8601 string with an offset (e.g. `2026-12-01T09:00:00+08:00`); the date and time must exist as written (no 30 February, no 24:00). Answers are in UTC (`Z`).',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime()))
      throw new TypeError('DateTime cannot serialize an invalid date');
    return isoString(date);
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) return parse(undefined);
    return parse(ast.value);
  },
});
