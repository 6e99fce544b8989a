import fc, { type Arbitrary } from 'fast-check';

import type { GlobalIdKind } from '../../../src/schema/ids.js';
import { hostileId, ID_KINDS, nearValidId, validId } from './global-ids.js';
import { deepValue, pollutionPayload, withOwnKey } from './hostile-structures.js';
import { hostileStrings } from './strings.js';

/**
 * `_entities(representations: [_Any!]!)` items: what a federation router sends
 * (`{__typename, id}`), what a buggy router or a client talking to the subgraph directly might
 * send, and what an attacker would. `_Any` accepts any JSON, so all of it reaches the resolver.
 */

const kindOf = (typeName: string): GlobalIdKind =>
  (ID_KINDS as readonly string[]).includes(typeName) ? (typeName as GlobalIdKind) : 'Meeting';

const UNKNOWN_TYPENAMES = [
  'Nope',
  'meeting',
  'MEETING',
  'Meeting ',
  '',
  'Query',
  'Mutation',
  'ProviderInfo',
  'MediaSettings',
  '_Service',
  '_Entity',
  '__proto__',
  'constructor',
  'toString',
];

export function validRepresentation(entityTypes: string[]): Arbitrary<unknown> {
  return fc.oneof(
    ...entityTypes.map((typeName) =>
      validId(kindOf(typeName)).map((id) => ({ __typename: typeName, id })),
    ),
  );
}

export function nearValidRepresentation(entityTypes: string[]): Arbitrary<unknown> {
  const typeName = fc.constantFrom(...entityTypes);
  const anyValidId = fc.constantFrom(...ID_KINDS).chain((kind) => validId(kind));
  return fc.oneof(
    fc.record({ __typename: fc.constantFrom(...UNKNOWN_TYPENAMES), id: anyValidId }),
    fc.record({ __typename: fc.constantFrom(...UNKNOWN_TYPENAMES), id: hostileId() }),
    fc.record({ id: anyValidId }),
    fc.record({ __typename: typeName }),
    fc.record({ __typename: typeName, id: fc.constantFrom(null, 5, {}, [], '', true) }),
    typeName.chain((t) => nearValidId(kindOf(t)).map((id) => ({ __typename: t, id }))),
    fc.record({
      __typename: typeName,
      id: anyValidId,
      subject: fc.constant('extra'),
      provider: fc.constant('WECOM'),
    }),
    fc.record({ __typename: fc.constantFrom(5, null, {}, [], true), id: anyValidId }),
  );
}

export function hostileRepresentation(entityTypes: string[]): Arbitrary<unknown> {
  const typeName = fc.constantFrom(...entityTypes);
  return fc.oneof(
    fc.constantFrom('Meeting', 5, null, [], [{ __typename: 'Meeting' }], true),
    fc.record({ __typename: typeName, id: hostileId() }),
    fc.record({ __typename: hostileStrings, id: hostileId() }),
    fc
      .tuple(validRepresentation(entityTypes), pollutionPayload)
      .map(([rep, [key, value]]) => withOwnKey({ ...(rep as object) }, key, value)),
    fc.record({ __typename: typeName, id: deepValue }),
    deepValue,
  );
}
