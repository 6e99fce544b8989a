/**
 * JSON for cached provider answers. Meetings and webinars hold `Date`s at several depths
 * (start and end times, occurrences, live streams); plain JSON would bring them back as strings,
 * which the `DateTime` scalar would then refuse. A Date is written as `{"$date": "<ISO>"}` and
 * revived as a Date; everything else is plain JSON (`undefined` fields are dropped: GraphQL
 * answers them null either way).
 */
const DATE_TAG = '$date';

export function encodeCached(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, out: unknown) {
    // `out` is already `toJSON`'d; the original is still on the holder.
    const raw = this[key];
    if (raw instanceof Date) {
      return { [DATE_TAG]: Number.isNaN(raw.getTime()) ? null : raw.toISOString() };
    }
    return out;
  });
}

export function decodeCached<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === DATE_TAG) {
        const iso = (value as Record<string, unknown>)[DATE_TAG];
        return new Date(typeof iso === 'string' ? iso : Number.NaN);
      }
    }
    return value;
  }) as T;
}
