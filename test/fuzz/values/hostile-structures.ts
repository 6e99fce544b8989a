import fc, { type Arbitrary } from 'fast-check';

/** Structures that stress parsers and walkers rather than rules: depth, width, pollution keys. */

/** Sets `key` as an own, enumerable property, even `__proto__` (plain assignment would not). */
export function withOwnKey(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return target;
}

/** `{"a": {"a": … {"a": leaf}}}`, `depth` levels. */
export function nestedObject(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** `[[[ … leaf … ]]]`, `depth` levels. */
export function nestedArray(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/**
 * Deep objects or arrays, 20 to 20 000 levels: JSON bodies of any depth parse (V8 parses
 * iteratively), recursive walkers behind the parser may overflow the stack. An integer depth, so
 * shrinking finds about the least depth that still breaks something. Sent with `toJson`.
 */
export const deepValue: Arbitrary<unknown> = fc
  .tuple(fc.oneof(fc.constantFrom(20, 200), fc.integer({ min: 1_000, max: 20_000 })), fc.boolean())
  .map(([depth, asArray]) => (asArray ? nestedArray(depth) : nestedObject(depth)));

/** Keys that pollute prototypes when merged naively into an object. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** `{__proto__: {polluted: true}}` or `{constructor: {prototype: {polluted: true}}}`, as own keys. */
export const pollutionPayload: Arbitrary<[string, unknown]> = fc.constantFrom(
  ['__proto__', { polluted: true }],
  ['constructor', { prototype: { polluted: true } }],
  ['prototype', { polluted: true }],
  ['__proto__', nestedObject(3)],
);

/** An object with `count` junk keys. */
export const wideObject = (count: number): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
