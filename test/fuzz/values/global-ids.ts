import fc, { type Arbitrary } from 'fast-check';

import { ALL_PROVIDERS } from '../../../src/schema/enums/provider.enum.js';
import { encodeGlobalId, type GlobalIdKind } from '../../../src/schema/ids.js';
import { fixtureRef, type IdVariant } from '../fixture-ref.js';
import { hostileStrings } from './strings.js';

/**
 * Global ids (src/schema/ids.ts): base64url of `[version, kind, provider, providerId,
 * organizer?, occurrenceId?]`. Valid ones are of the kind the argument wants, either naming a
 * fixture (exists) or made up (well-formed, exists nowhere); near-valid ones decode but are of the
 * wrong kind or bent; hostile ones decode to garbage.
 */

export const ID_KINDS: readonly GlobalIdKind[] = ['Meeting', 'Webinar', 'RecurringOccurrence'];

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const providerIds = fc.oneof(
  fc.stringMatching(/^[1-9][0-9]{7,19}$/),
  fc.constantFrom('1', '18446744073709551615', '99999999999999999999'),
);
const organizers = fc.option(fc.constantFrom('alice', 'wecom-admin', 'fuzz-organizer'), {
  nil: undefined,
});

/** A well-formed id of `kind` for a made-up provider id. */
export function syntheticId(kind: GlobalIdKind): Arbitrary<string> {
  return fc
    .record({
      provider: fc.constantFrom(...ALL_PROVIDERS),
      providerId: providerIds,
      organizer: organizers,
      occurrenceId: fc.stringMatching(/^[0-9]{10}$/),
    })
    .map(({ occurrenceId, ...parts }) =>
      encodeGlobalId({
        kind,
        ...parts,
        ...(kind === 'RecurringOccurrence' ? { occurrenceId } : {}),
      }),
    );
}

/** A fixture of `kind` (index taken modulo the pool), possibly bent by `variant`. */
const fixtureId = (kind: GlobalIdKind, variant: IdVariant = 'exact') =>
  fc.nat({ max: 31 }).map((index) => fixtureRef(kind, index, 'id', variant));

export function validId(kind: GlobalIdKind): Arbitrary<unknown> {
  return fc.oneof(fixtureId(kind), syntheticId(kind));
}

/** Decodes fine (or nearly): wrong kind, bent fixture, encoding slips, empty. */
export function nearValidId(kind: GlobalIdKind): Arbitrary<unknown> {
  const otherKinds = ID_KINDS.filter((k) => k !== kind);
  return fc.oneof(
    fc.constantFrom(...otherKinds).chain((other) => validId(other)),
    fixtureId(kind, 'wrongKind'),
    fixtureId(kind, 'noOrganizer'),
    fixtureId(kind, 'otherOrganizer'),
    fixtureId(kind, 'otherProvider'),
    fixtureId(kind, 'mangled'),
    syntheticId(kind).map((id) => `${id}=`),
    syntheticId(kind).map((id) => Buffer.from(id, 'base64url').toString('base64')), // + / =
    syntheticId(kind).map((id) => id.slice(0, -1)),
    syntheticId(kind).map((id) => id.toUpperCase()),
    syntheticId(kind).map((id) => ` ${id}`),
    fc.constantFrom(
      b64(JSON.stringify([2, kind, 'WECOM', '123'])),
      b64(JSON.stringify([1, kind, 'WECOM', ''])),
      b64(JSON.stringify([1, kind, 'WECOM', '123', null, '9'])),
      b64(JSON.stringify([1, 'RecurringOccurrence', 'UMEETING', '123', null])),
      b64(JSON.stringify([1, kind.toLowerCase(), 'WECOM', '123'])),
      b64(JSON.stringify([1, kind, 'wecom', '123'])),
      b64(JSON.stringify(['1', kind, 'WECOM', '123'])),
    ),
    fc.constantFrom('', ' ', '0', 'null', 7, 1e19),
  );
}

/** Decodes to garbage: not JSON, not an array, wrong types, pollution keys, paths, huge. */
export function hostileId(): Arbitrary<unknown> {
  const payloads: unknown[] = [
    {},
    [],
    [1],
    [1, 'Meeting'],
    [1, 'Meeting', 'TENCENT_MEETING', 123],
    [1, 'Meeting', 'TENCENT_MEETING', { id: '1' }],
    [1, 'Meeting', 'TENCENT_MEETING', ['1']],
    [1, 'Meeting', '__proto__', '1'],
    [1, '__proto__', 'WECOM', '1'],
    [1, 'constructor', 'WECOM', '1'],
    [1, 'Meeting', 'WECOM', '1/../../__admin/reset'],
    [1, 'Meeting', 'UMEETING', '1?x=1&y=2#z'],
    [1, 'Meeting', 'TENCENT_MEETING', '%2e%2e%2f'],
    [1, 'Webinar', 'WECOM', '周会'],
    [1, 'Meeting', 'TENCENT_MEETING', 'x'.repeat(1500)],
    [1, 'Meeting', 'WECOM', '1', 'o'.repeat(1000)],
    [1, 'RecurringOccurrence', 'UMEETING', '1', null, { $gt: '' }],
    [1e308, 'Meeting', 'WECOM', '1'],
  ];
  return fc.oneof(
    fc.constantFrom(...payloads).map((payload) => b64(JSON.stringify(payload))),
    fc
      .constantFrom(
        '{"__proto__":{"polluted":true}}',
        '[1,"Meeting","TENCENT_MEETING","1",{"__proto__":{"polluted":true}}]',
        'not json',
      )
      .map(b64),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => {
      return Buffer.from(bytes).toString('base64url');
    }),
    fc.jsonValue({ maxDepth: 3 }).map((json) => b64(JSON.stringify(json))),
    fc.constantFrom('A'.repeat(2048), 'A'.repeat(2049), 'A'.repeat(50_000)),
    hostileStrings,
  );
}
