import fc, { type Arbitrary } from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLList,
} from 'graphql';

import type { GlobalIdKind } from '../../../src/schema/ids.js';
import type { CapabilityMap } from '../introspection.js';
import { makeCoherent } from './coherence.js';
import { futureDateTime, nearValidDateTime } from './date-times.js';
import { ruleFor, type FieldContext, type FieldRule } from './field-rules.js';
import { hostileId, ID_KINDS, nearValidId, validId } from './global-ids.js';
import { deepValue, pollutionPayload, wideObject, withOwnKey } from './hostile-structures.js';
import {
  hostileRepresentation,
  nearValidRepresentation,
  validRepresentation,
} from './representations.js';
import {
  hostileScalar,
  nearValidBoolean,
  nearValidEnum,
  nearValidFloat,
  nearValidInt,
  validInt,
  wrongTypedLeaf,
} from './scalars.js';
import { blankStrings, controlStrings, plainText, textOfLength } from './strings.js';

/**
 * How wrong a value is meant to be. `valid`: right type, documented rules kept. `nearValid`: a
 * valid value with one or two spots bent (an edge of a rule, a wrong type, a null, a missing or
 * extra field). `hostile`: structures and text built to break parsers and walkers.
 */
export type Mode = 'valid' | 'nearValid' | 'hostile';

export interface ValueWorld {
  capabilities: CapabilityMap;
  /** Provider enum values. */
  providers: string[];
  /** Types `_entities` resolves. */
  entityTypes: string[];
  /** "Now" for the whole run: valid times are in its future. */
  now: number;
}

interface WalkContext extends FieldContext {
  rule?: FieldRule;
  /** The kind of global id an `ID` here should be. */
  idKind?: GlobalIdKind;
  /** Key of this position, for the arbitrary cache. */
  key: string;
  depth: number;
}

/** Deeper than any real input: stop generating instead of recursing forever on a cyclic type. */
const MAX_DEPTH = 8;

/**
 * Arbitraries for argument values, derived from the GraphQL input types found by introspection,
 * sharpened by `field-rules.ts` where the schema says too little. Cached per position and mode.
 */
export class InputValues {
  private readonly cache = new Map<string, Arbitrary<unknown>>();

  constructor(private readonly world: ValueWorld) {}

  /** The value of `arg` of root field `field`, in `mode`. */
  forArgument(
    field: GraphQLField<unknown, unknown>,
    arg: GraphQLArgument,
    mode: Mode,
  ): Arbitrary<unknown> {
    const returned = getNamedType(field.type).name;
    const ctx: WalkContext = {
      rootField: field.name,
      name: arg.name,
      capabilities: this.world.capabilities,
      now: this.world.now,
      idKind: (ID_KINDS as readonly string[]).includes(returned)
        ? (returned as GlobalIdKind)
        : undefined,
      key: `${field.name}(${arg.name})`,
      depth: 0,
    };
    ctx.rule = ruleFor(ctx);
    return this.value(arg.type, ctx, mode);
  }

  private value(type: GraphQLInputType, ctx: WalkContext, mode: Mode): Arbitrary<unknown> {
    const cacheKey = `${ctx.key}|${ctx.provider ?? ''}|${String(type)}|${mode}`;
    let arb = this.cache.get(cacheKey);
    if (!arb) {
      arb = ctx.depth > MAX_DEPTH ? fc.constant(null) : this.build(type, ctx, mode);
      this.cache.set(cacheKey, arb);
    }
    return arb;
  }

  private build(type: GraphQLInputType, ctx: WalkContext, mode: Mode): Arbitrary<unknown> {
    if (isNonNullType(type)) {
      const inner = this.value(type.ofType, ctx, mode);
      if (mode === 'valid') return inner;
      return fc.oneof(
        { arbitrary: inner, weight: 12 },
        { arbitrary: fc.constant(null), weight: 1 },
      );
    }
    let arb: Arbitrary<unknown>;
    if (isListType(type)) arb = this.list(type, ctx, mode);
    else if (isInputObjectType(type)) arb = this.inputObject(type, ctx, mode);
    else if (isEnumType(type)) arb = this.enumValue(type, ctx, mode);
    else arb = this.scalar(type.name, ctx, mode);
    // A nullable position takes an explicit null as a valid value too.
    return fc.oneof({ arbitrary: arb, weight: 25 }, { arbitrary: fc.constant(null), weight: 1 });
  }

  /** A valid value mostly, the mode's value sometimes: how containers bend one spot. */
  private child(type: GraphQLInputType, ctx: WalkContext, mode: Mode): Arbitrary<unknown> {
    const valid = this.value(type, ctx, 'valid');
    if (mode === 'valid') return valid;
    return fc.oneof(
      { arbitrary: valid, weight: 5 },
      { arbitrary: this.value(type, ctx, mode), weight: 1 },
    );
  }

  private scalar(name: string, ctx: WalkContext, mode: Mode): Arbitrary<unknown> {
    const { rule } = ctx;
    const entities = this.world.entityTypes;
    if (mode === 'valid') {
      if (rule?.valid) return rule.valid(ctx);
      switch (name) {
        case 'ID':
          return ctx.idKind ? validId(ctx.idKind) : plainText(1, 20);
        case 'Int':
          return validInt();
        case 'Float':
          return fc.double({ min: 0, max: 1000, noNaN: true });
        case 'Boolean':
          return fc.boolean();
        case 'DateTime':
          return futureDateTime(ctx.now, 60, 30 * 24 * 60);
        case '_Any':
          return validRepresentation(entities);
        default:
          return plainText(1, 30);
      }
    }
    if (mode === 'nearValid') {
      if (rule?.nearValid) {
        return fc.oneof({ arbitrary: rule.nearValid(ctx), weight: 4 }, wrongTypedLeaf);
      }
      switch (name) {
        case 'ID':
          return ctx.idKind ? nearValidId(ctx.idKind) : fc.oneof(blankStrings, wrongTypedLeaf);
        case 'Int':
          return nearValidInt();
        case 'Float':
          return nearValidFloat();
        case 'Boolean':
          return nearValidBoolean();
        case 'DateTime':
          return nearValidDateTime(ctx.now);
        case '_Any':
          return nearValidRepresentation(entities);
        default:
          return fc.oneof(
            blankStrings,
            controlStrings,
            fc.constantFrom(textOfLength(256), textOfLength(10_001), 5, true),
            wrongTypedLeaf,
          );
      }
    }
    switch (name) {
      case 'ID':
        return hostileId();
      case '_Any':
        return hostileRepresentation(entities);
      default:
        return hostileScalar();
    }
  }

  private enumValue(type: GraphQLEnumType, _ctx: WalkContext, mode: Mode): Arbitrary<unknown> {
    const values = type.getValues().map((v) => v.name);
    if (mode === 'valid') return fc.constantFrom(...values);
    if (mode === 'nearValid') return nearValidEnum(values);
    return fc.oneof(hostileScalar(), fc.constantFrom('__proto__', 'constructor', 'toString'));
  }

  private list(
    type: GraphQLList<GraphQLInputType>,
    ctx: WalkContext,
    mode: Mode,
  ): Arbitrary<unknown> {
    const itemCtx: WalkContext = { ...ctx, rule: ctx.rule?.item, key: `${ctx.key}[]` };
    const item = (m: Mode) => this.value(type.ofType, itemCtx, m);
    const validItems = fc.array(item('valid'), { minLength: 1, maxLength: 4 });
    if (mode === 'valid') return validItems;
    const exactly = (arb: Arbitrary<unknown>, n: number) =>
      fc.array(arb, { minLength: n, maxLength: n });
    const max = ctx.rule?.maxItems;
    // Past graphql-js's limit of 50 coercion errors per request, when sent as a variable.
    const wrongTypedFlood = fc.array(wrongItemFor(type.ofType), { minLength: 51, maxLength: 60 });
    if (mode === 'nearValid') {
      return fc.oneof(
        {
          arbitrary: fc.array(this.child(type.ofType, itemCtx, mode), { maxLength: 5 }),
          weight: 4,
        },
        // Items of every mode side by side (one item's failure must not disturb another's).
        {
          arbitrary: fc.array(fc.oneof(item('valid'), item('nearValid'), item('hostile')), {
            minLength: 2,
            maxLength: 6,
          }),
          weight: 4,
        },
        fc.constant([]),
        item('valid').map((v) => [v, null]),
        item('valid').map((v) => [v, v]),
        // A single value where a list is expected: GraphQL coerces it into a list of one.
        item('valid'),
        wrongTypedFlood,
        ...(max === undefined
          ? []
          : [exactly(item('valid'), max), exactly(item('valid'), max + 1)]),
      );
    }
    return fc.oneof(
      fc.array(item('hostile'), { minLength: 1, maxLength: 5 }),
      validItems.map((items) => [items]),
      deepValue,
      wrongTypedFlood,
      fc.integer({ min: 500, max: 1_500 }).map((n) => Array.from({ length: n }, () => '')),
    );
  }

  private inputObject(
    type: GraphQLInputObjectType,
    ctx: WalkContext,
    mode: Mode,
  ): Arbitrary<unknown> {
    const fields = Object.values(type.getFields());
    // An input that names its provider is generated per provider, so that valid values are the
    // ones that provider accepts (capabilities) and nested inputs know whom they are for.
    const hasProvider = fields.some(
      (f) => f.name === 'provider' && isEnumType(getNamedType(f.type)),
    );
    if (hasProvider && !ctx.provider) {
      return fc.oneof(
        ...this.world.providers.map((provider) =>
          this.inputObject(type, { ...ctx, provider }, mode),
        ),
      );
    }
    const record = (m: Mode) => this.record(type, ctx, m);
    const coherent = (m: Mode) =>
      fc
        .tuple(record(m), fc.integer({ min: 31, max: 180 }), fc.boolean())
        .map(([input, minutes, apply]) =>
          m === 'valid' || apply ? makeCoherent(type.name, input, minutes) : input,
        );
    const valid = coherent('valid');
    if (mode === 'valid') return valid;
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    if (mode === 'nearValid') {
      return fc.oneof(
        { arbitrary: coherent('nearValid'), weight: 6 },
        // A required field missing.
        ...(required.length === 0
          ? []
          : [
              fc
                .tuple(valid, fc.constantFrom(...required))
                .map(([input, name]) => omit(input, name)),
            ]),
        // An unknown field, or a known one misspelled.
        fc
          .tuple(valid, fc.constantFrom('unknownField', 'Subject', 'subject ', '__typename', 'id'))
          .map(([input, name]) => withOwnKey({ ...input }, name, 'x')),
        // Not an object at all.
        fc.constantFrom('x', 5, [], true, ''),
      );
    }
    return fc.oneof(
      record('hostile'),
      fc
        .tuple(valid, pollutionPayload)
        .map(([input, [key, value]]) => withOwnKey({ ...input }, key, value)),
      valid.map((input) => ({ ...input, unknownField: deepValue })),
      deepValue,
      valid.map((input) => ({ ...wideObject(300), ...input })),
    );
  }

  /** Every field of `type`: required ones always, optional ones by their presence rule. */
  private record(
    type: GraphQLInputObjectType,
    ctx: WalkContext,
    mode: Mode,
  ): Arbitrary<Record<string, unknown>> {
    const model: Record<string, Arbitrary<unknown>> = {};
    for (const field of Object.values(type.getFields())) {
      const fieldCtx: WalkContext = {
        ...ctx,
        parentType: type.name,
        name: field.name,
        key: `${type.name}.${field.name}`,
        depth: ctx.depth + 1,
        idKind: undefined,
      };
      fieldCtx.rule = ruleFor(fieldCtx);
      const isProvider = field.name === 'provider' && ctx.provider !== undefined;
      const value =
        isProvider && mode === 'valid'
          ? fc.constant(ctx.provider)
          : isProvider
            ? fc.oneof(
                { arbitrary: fc.constant(ctx.provider), weight: 8 },
                { arbitrary: this.value(field.type, fieldCtx, mode), weight: 1 },
              )
            : this.child(field.type, fieldCtx, mode);
      if (isNonNullType(field.type)) {
        model[field.name] = value;
        continue;
      }
      const presence = fieldCtx.rule?.presence?.(fieldCtx) ?? 'sometimes';
      if (presence === 'always' && mode === 'valid') {
        model[field.name] = value;
      } else if (presence === 'never' && mode === 'valid') {
        continue;
      } else {
        // `undefined` first, so shrinking drops optional fields.
        const absentWeight = presence === 'never' ? 12 : presence === 'always' ? 1 : 3;
        model[field.name] = fc.oneof(
          { arbitrary: fc.constant(undefined), weight: absentWeight },
          { arbitrary: value, weight: 2 },
        );
      }
    }
    return fc.record(model).map(dropUndefined);
  }
}

/** A list item of the wrong type for `itemType` (an object is wrong for every scalar and enum). */
function wrongItemFor(itemType: GraphQLInputType): Arbitrary<unknown> {
  const named = getNamedType(itemType);
  if (isInputObjectType(named)) return fc.constantFrom('x', 7, true);
  if (named.name === 'Boolean') return fc.constantFrom('x', 7, { wrong: true });
  return fc.constantFrom({ wrong: true }, [[]], true);
}

function omit(input: Record<string, unknown>, name: string): Record<string, unknown> {
  const out = { ...input };
  delete out[name];
  return out;
}

function dropUndefined(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined) out[key] = value;
  return out;
}
