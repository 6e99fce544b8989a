import fc, { type Arbitrary } from 'fast-check';

import { hostileStrings } from './strings.js';

/** Built-in scalars and enums, valid and not. Field-specific ranges come from `field-rules.ts`. */

export interface IntRange {
  min: number;
  max: number;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

export function validInt(range: IntRange = { min: 0, max: 1000 }): Arbitrary<number> {
  return fc.integer(range);
}

/** Off by one at both ends, zero, negatives, past 32 bits, floats, numeric strings. */
export function nearValidInt(range: IntRange = { min: 0, max: 1000 }): Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(range.min - 1, range.max + 1, 0, -1, range.min, range.max),
    fc.constantFrom(INT32.max, INT32.max + 1, INT32.min, INT32.min - 1),
    fc.constantFrom(1.5, range.max + 0.5, -0.5, 1e21, Number.MAX_SAFE_INTEGER + 2),
    fc.constantFrom(String(range.min), '1e3', '0x10', '', true, null),
  );
}

export function nearValidFloat(): Arbitrary<unknown> {
  return fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(1e308, -1e308, 5e-324, '1.5', true, null),
  );
}

export function nearValidBoolean(): Arbitrary<unknown> {
  return fc.constantFrom('true', 'false', 1, 0, 'yes', '', null, []);
}

/** A value of the wrong JSON type for any scalar or enum: object, array, boolean. */
export const wrongTypedLeaf: Arbitrary<unknown> = fc.constantFrom({}, { a: 1 }, [], [1], true);

/** Enum values misspelled: case, spacing, prefixes, numbers (the index). */
export function nearValidEnum(values: readonly string[]): Arbitrary<unknown> {
  return fc.oneof(
    fc
      .constantFrom(...values)
      .chain((value) =>
        fc.constantFrom(
          value.toLowerCase(),
          `${value[0]}${value.slice(1).toLowerCase()}`,
          value.replace(/_/g, ''),
          value.replace(/_/g, '-'),
          ` ${value}`,
          `${value} `,
          `${value}S`,
          value.slice(0, -1),
        ),
      ),
    fc.integer({ min: 0, max: values.length }),
    fc.constantFrom('', 'UNKNOWN', null),
  );
}

/** Anything-goes for a scalar: hostile text, huge and negative numbers, objects. */
export function hostileScalar(): Arbitrary<unknown> {
  return fc.oneof(
    hostileStrings,
    fc.constantFrom(-1e308, 1e308, -(2 ** 53), 2 ** 64),
    fc.jsonValue({ maxDepth: 2 }),
  );
}
