import fc, { type Arbitrary } from 'fast-check';

/**
 * `DateTime` values: ISO 8601 with an offset on input (the scalar refuses a time without one).
 * Times are generated relative to `now`, fixed when the arbitraries are built, so "in the future"
 * holds for the whole run.
 */

const OFFSETS = ['Z', '+08:00', '+00:00', '-05:00', '+05:45', '+14:00', '-12:00'];

/** `instant` written in `offset` (`Z` or `±HH:MM`), with minutes, seconds or milliseconds. */
export function formatWithOffset(
  instant: number,
  offset: string,
  precision: 'minutes' | 'seconds' | 'millis',
): string {
  const offsetMinutes =
    offset === 'Z'
      ? 0
      : (offset.startsWith('-') ? -1 : 1) *
        (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(instant + offsetMinutes * 60_000).toISOString(); // ends in Z, UTC fields
  const cut = precision === 'minutes' ? 16 : precision === 'seconds' ? 19 : 23;
  return `${local.slice(0, cut)}${offset}`;
}

/** The next whole minute after `now`, plus `minutes`. */
export const wholeMinutesFrom = (now: number, minutes: number): number =>
  Math.ceil(now / 60_000) * 60_000 + minutes * 60_000;

/** Valid: a whole minute `minMinutes`–`maxMinutes` ahead, in one of several offsets. */
export function futureDateTime(now: number, minMinutes: number, maxMinutes: number) {
  return fc
    .record({
      minutes: fc.integer({ min: minMinutes, max: maxMinutes }),
      offset: fc.constantFrom(...OFFSETS),
      precision: fc.constantFrom('minutes' as const, 'seconds' as const, 'millis' as const),
    })
    .map(({ minutes, offset, precision }) =>
      formatWithOffset(wholeMinutesFrom(now, minutes), offset, precision),
    );
}

/**
 * Near-valid: almost an ISO date-time with an offset. Impossible calendar dates, no offset, wrong
 * separators, out-of-range fields, the past, the far future, epoch numbers.
 */
export function nearValidDateTime(now: number): Arbitrary<unknown> {
  const base = futureDateTime(now, 60, 30 * 24 * 60);
  return fc.oneof(
    // Rewrites of a valid value.
    base.map((s) => s.replace(/(Z|[+-]\d{2}:\d{2})$/, '')), // no offset
    base.map((s) => s.slice(0, 10)), // date only
    base.map((s) => s.replace('T', ' ')),
    base.map((s) => s.toLowerCase()),
    base.map((s) => s.replace(/([+-]\d{2}):(\d{2})$/, '$1$2')), // +0800
    base.map((s) => ` ${s} `),
    base.map((s) => `${s}x`),
    // Impossible or out-of-range fields, in the future.
    fc.constantFrom(
      '2027-02-30T10:00:00+08:00',
      '2027-02-29T10:00:00+08:00',
      '2027-04-31T10:00:00Z',
      '2027-13-01T10:00:00Z',
      '2027-00-10T10:00:00Z',
      '2027-06-00T10:00:00Z',
      '2027-06-10T24:00:00Z',
      '2027-06-10T23:60:00Z',
      '2027-06-10T23:59:60Z',
      '2027-06-10T10:00:00+24:00',
      '2027-06-10T10:00:00+99:99',
      '2027-06-10T10:00:00-00:00',
      '2027-6-1T9:00:00Z',
      '2027-06-10T10:00:00.1234567891Z',
      '2027-06-10T10:00Z',
      '+275760-09-13T00:00:00Z',
      '2028-02-29T10:00:00+08:00',
    ),
    // Valid syntax, unreasonable instant.
    fc.constantFrom(
      '9999-12-31T23:59:59+14:00',
      '2200-01-01T00:00:00Z',
      '1970-01-01T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '2000-02-29T12:00:00+08:00',
    ),
    fc
      .integer({ min: 1, max: 60 * 24 * 400 })
      .map((minutesAgo) => formatWithOffset(wholeMinutesFrom(now, -minutesAgo), 'Z', 'seconds')),
    fc.constant(new Date(now).toISOString()),
    // Not a string at all.
    fc.constantFrom(now, Math.floor(now / 1000), String(Math.floor(now / 1000)), true, {}, []),
    fc.constant(null),
  );
}
