import fc, { type Arbitrary } from 'fast-check';

/**
 * Strings that are wrong, or dangerous, for almost any text field. Near-valid ones are what a
 * careless client sends; hostile ones are what an attacker sends.
 */

/** Empty and blank: what "required" and "1–255 characters" rules must catch. */
export const blankStrings: Arbitrary<string> = fc.constantFrom(
  '',
  ' ',
  '   ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u3000',
  '\u200b',
);

/** ASCII and C1 control characters, escape sequences, NUL. */
export const controlStrings: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\u0007\u0008',
    '\u001b[31mred\u001b[0m',
    'line\nbreak',
    'tab\tbed',
    '\u007f',
    '\u0085',
    'x\r\nX-Injected: 1',
  ),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 12 }),
);

/** Text beyond ASCII: CJK, emoji (surrogate pairs), combining marks, bidi overrides, lone halves. */
export const unicodeStrings: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '周会',
    '腾讯会议 · 周会',
    '🎉📅',
    'e\u0301',
    '\u202etxet\u202c',
    '\ud800',
    '\udfff',
    'ｆｕｌｌｗｉｄｔｈ',
    '\ufeffbom',
    '１２３４',
    '٠١٢٣',
    'Z̷̢̛a̵l̴g̸o̵',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }),
);

/** Injection and prototype-pollution shaped text (never meaningful to this API). */
export const injectionStrings: Arbitrary<string> = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  "'; DROP TABLE meetings; --",
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '%s%s%s%n',
  '../../../../etc/passwd',
  '..%2f..%2f__admin%2freset',
  '/__admin/reset',
  '?access_token=x&debug=1',
  '#fragment',
  'a/b',
  'null',
  'undefined',
  'NaN',
  'true',
  '[]',
  '{}',
  '\\',
  '"',
);

/** Long strings: over every documented limit, and towards the 1 MiB body limit. */
export const longStrings: Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.constantFrom(256, 1_001, 5_001, 10_000), weight: 8 },
      { arbitrary: fc.constant(100_000), weight: 2 },
      // Past the body limit: the 413 path.
      { arbitrary: fc.constant(1_100_000), weight: 1 },
    ),
    fc.constantFrom('x', '9', '会', '😀', ' '),
  )
  .map(([length, unit]) => unit.repeat(length));

/** Any of the above. */
export const hostileStrings: Arbitrary<string> = fc.oneof(
  blankStrings,
  controlStrings,
  unicodeStrings,
  injectionStrings,
  { arbitrary: longStrings, weight: 1 },
);

/** Plain, safe text of `min`–`max` characters (ASCII letters, digits, space, a few CJK). */
export function plainText(min: number, max: number): Arbitrary<string> {
  return fc
    .string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 -_周会'),
      minLength: Math.max(min, 1),
      maxLength: max,
    })
    .map((s) => (s.trim() === '' ? `x${s}`.slice(0, max) : s));
}

/** Exactly `length` characters (for off-by-one tests around a limit). */
export const textOfLength = (length: number, unit = 'x'): string => unit.repeat(length);
