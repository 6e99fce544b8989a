import fc, { type Arbitrary } from 'fast-check';
import { getNamedType, isRequiredArgument, type GraphQLField, type GraphQLSchema } from 'graphql';

import type { GlobalIdKind } from '../../src/schema/ids.js';
import { fixtureRef } from './fixture-ref.js';
import { TWISTS, type FuzzCase, type RootFieldCase } from './fuzz-case.js';
import { rootFields } from './introspection.js';
import { Selections } from './selection.js';
import { ID_KINDS } from './values/global-ids.js';
import { InputValues, type Mode, type ValueWorld } from './values/input-values.js';

export interface CaseWorld extends ValueWorld {
  schema: GraphQLSchema;
}

/**
 * Root fields picked more often than the others: `_entities` takes `[_Any!]!`, any JSON at all,
 * so its input space dwarfs every other field's (and it is what a federation router calls).
 */
const FIELD_WEIGHTS: Record<string, number> = { _entities: 3 };

type WeightedField = { arbitrary: Arbitrary<RootFieldCase>; weight: number };

/** How often each mode is picked for a root field (out of 100). */
const MODE_WEIGHTS: Record<Mode, number> = { valid: 35, nearValid: 45, hostile: 20 };

/**
 * The arbitrary of whole requests: an operation with one root field mostly (sometimes two or
 * three), every Query and Mutation root field of the introspected schema equally likely, each
 * with arguments in one of the modes and a selection from its output type; now and then a twist
 * to the whole request.
 */
export function caseArbitrary(world: CaseWorld): Arbitrary<FuzzCase> {
  const values = new InputValues(world);
  const selections = new Selections(world.schema);
  const byOperation: Record<'query' | 'mutation', WeightedField[]> = { query: [], mutation: [] };
  for (const { operation, field } of rootFields(world.schema)) {
    byOperation[operation].push({
      arbitrary: rootFieldCase(field, values, selections),
      weight: FIELD_WEIGHTS[field.name] ?? 1,
    });
  }
  const twist = fc.oneof(
    { arbitrary: fc.constant('none' as const), weight: 85 },
    { arbitrary: fc.constantFrom(...TWISTS.filter((t) => t !== 'none')), weight: 15 },
  );
  const operationCase = (operation: 'query' | 'mutation', fields: WeightedField[]) => {
    const field = fc.oneof(...fields);
    return fc.record({
      operation: fc.constant(operation),
      fields: fc.oneof(
        { arbitrary: fc.array(field, { minLength: 1, maxLength: 1 }), weight: 5 },
        { arbitrary: fc.array(field, { minLength: 2, maxLength: 3 }), weight: 1 },
      ),
      twist,
      twistParam: fc.nat({ max: 100_000 }),
    });
  };
  const operations = (['query', 'mutation'] as const)
    .filter((op) => byOperation[op].length > 0)
    .map((op) => ({
      arbitrary: operationCase(op, byOperation[op]),
      // Every root field equally likely (but for FIELD_WEIGHTS).
      weight: byOperation[op].reduce((sum, f) => sum + f.weight, 0),
    }));
  return fc.oneof(...operations);
}

function rootFieldCase(
  field: GraphQLField<unknown, unknown>,
  values: InputValues,
  selections: Selections,
): Arbitrary<RootFieldCase> {
  const byMode = (mode: Mode) =>
    fc.record({
      field: fc.constant(field.name),
      mode: fc.constant(mode),
      args: argumentsFor(field, values, mode),
      inline: fc.oneof(
        { arbitrary: fc.constant(false), weight: 4 },
        { arbitrary: fc.constant(true), weight: 1 },
      ),
      selection: selections.forType(field.type),
    });
  return fc.oneof(
    { arbitrary: byMode('valid'), weight: MODE_WEIGHTS.valid },
    { arbitrary: byMode('nearValid'), weight: MODE_WEIGHTS.nearValid },
    { arbitrary: byMode('hostile'), weight: MODE_WEIGHTS.hostile },
  );
}

function argumentsFor(
  field: GraphQLField<unknown, unknown>,
  values: InputValues,
  mode: Mode,
): Arbitrary<Record<string, unknown>> {
  const model: Record<string, Arbitrary<unknown>> = {};
  for (const arg of field.args) {
    const value = values.forArgument(field, arg, mode);
    if (isRequiredArgument(arg)) {
      model[arg.name] =
        mode === 'valid'
          ? value
          : fc.oneof(
              { arbitrary: value, weight: 15 },
              { arbitrary: fc.constant(undefined), weight: 1 },
            );
    } else {
      model[arg.name] = fc.oneof(fc.constant(undefined), value);
    }
  }
  let args = fc.record(model).map(dropUndefined);
  if (mode === 'nearValid') {
    args = fc.oneof(
      { arbitrary: args, weight: 15 },
      { arbitrary: args.map((a) => ({ ...a, unknownArgument: 1 })), weight: 1 },
    );
  }
  const lookup = fixtureLookup(field);
  if (mode === 'valid' && lookup) args = fc.oneof(args, lookup);
  return args;
}

/**
 * `meetingByCode`-shaped fields (provider + meetingCode, returning an entity): the code, provider
 * and organizer of one fixture, so that a lookup finds something.
 */
function fixtureLookup(
  field: GraphQLField<unknown, unknown>,
): Arbitrary<Record<string, unknown>> | undefined {
  const names = field.args.map((a) => a.name);
  const kind = getNamedType(field.type).name;
  if (!names.includes('provider') || !names.includes('meetingCode')) return undefined;
  if (!(ID_KINDS as readonly string[]).includes(kind)) return undefined;
  return fc.nat({ max: 31 }).map((index) => ({
    provider: fixtureRef(kind as GlobalIdKind, index, 'provider'),
    meetingCode: fixtureRef(kind as GlobalIdKind, index, 'meetingCode'),
    ...(names.includes('organizer')
      ? { organizer: fixtureRef(kind as GlobalIdKind, index, 'organizer') }
      : {}),
  }));
}

function dropUndefined(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined) out[key] = value;
  return out;
}
