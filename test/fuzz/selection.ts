import fc, { type Arbitrary } from 'fast-check';
import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  isRequiredArgument,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** A selection set, as a small tree rendered by `renderSelection`. */
export type Selection =
  { field: string; children?: Selection[] } | { on: string; children: Selection[] };

/** Nesting of generated selections (root field = 0): `occurrences { meeting { id } }` is 2. */
const MAX_DEPTH = 3;

/**
 * Selection sets picked from the output type: a few leaf fields, sometimes nested objects
 * (`occurrences { id meeting { id } }`), `__typename` now and then, inline fragments for unions.
 */
export class Selections {
  private readonly cache = new Map<string, Arbitrary<Selection[]>>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** The selection for a field of `type`; undefined for a leaf type (no braces). */
  forType(type: GraphQLOutputType): Arbitrary<Selection[] | undefined> {
    const named = getNamedType(type);
    if (isLeafType(named)) return fc.constant(undefined);
    return this.of(named, 1);
  }

  /**
   * A selection nesting `depth` levels by following object fields that lead to further objects
   * (Meeting.occurrences → RecurringOccurrence.meeting → …): for depth and complexity limits.
   */
  deep(type: GraphQLOutputType, depth: number): Selection[] | undefined {
    const named = getNamedType(type);
    if (isLeafType(named)) return undefined;
    if (isAbstractType(named)) {
      const first = this.schema.getPossibleTypes(named)[0];
      return first ? [{ on: first.name, children: this.deep(first, depth) ?? [] }] : undefined;
    }
    if (!isObjectType(named) || depth <= 0) return [{ field: '__typename' }];
    const objectFields = selectable(named).filter((f) => !isLeafType(getNamedType(f.type)));
    const next = objectFields.sort((a, b) => fanOut(b.type) - fanOut(a.type))[0];
    if (!next) return [{ field: '__typename' }];
    return [
      { field: '__typename' },
      { field: next.name, children: this.deep(next.type, depth - 1) },
    ];
  }

  private of(type: GraphQLNamedType, depth: number): Arbitrary<Selection[]> {
    const key = `${type.name}@${depth}`;
    let arb = this.cache.get(key);
    if (!arb) {
      arb = this.build(type, depth);
      this.cache.set(key, arb);
    }
    return arb;
  }

  private build(type: GraphQLNamedType, depth: number): Arbitrary<Selection[]> {
    if (isAbstractType(type)) {
      const fragments = this.schema
        .getPossibleTypes(type)
        .map((possible) =>
          this.of(possible, depth).map((children): Selection => ({ on: possible.name, children })),
        );
      return fc
        .tuple(
          fc.array(fc.oneof(...fragments), { minLength: 1, maxLength: fragments.length }),
          fc.boolean(),
        )
        .map(([parts, typename]) => (typename ? [{ field: '__typename' }, ...parts] : parts));
    }
    if (!isObjectType(type)) return fc.constant([{ field: '__typename' }]);
    const fields = selectable(type);
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name);
    const objects = fields.filter((f) => !isLeafType(getNamedType(f.type)));
    const nested =
      depth >= MAX_DEPTH
        ? []
        : objects.map((f) =>
            fc.option(
              this.of(getNamedType(f.type), depth + 1).map((children): Selection => ({
                field: f.name,
                children,
              })),
              { nil: undefined, freq: 2 },
            ),
          );
    return fc
      .tuple(
        leaves.length > 0
          ? fc.subarray(leaves, { minLength: 1, maxLength: Math.min(6, leaves.length) })
          : fc.constant(['__typename']),
        fc.tuple(...nested),
        fc.boolean(),
      )
      .map(([leafNames, children, typename]) => [
        ...(typename ? [{ field: '__typename' }] : []),
        ...leafNames.map((field) => ({ field })),
        ...children.filter((c): c is Selection => c !== undefined),
      ]);
  }
}

/** Fields that can be selected without arguments. */
function selectable(type: GraphQLObjectType) {
  return Object.values(type.getFields()).filter((f) => !f.args.some(isRequiredArgument));
}

/** How many object-typed fields a field's type has (to pick a path that keeps nesting). */
function fanOut(type: GraphQLOutputType): number {
  const named = getNamedType(type);
  if (!isObjectType(named)) return 0;
  return Object.values(named.getFields()).filter((f) => !isLeafType(getNamedType(f.type))).length;
}

/** `{ id occurrences { id } ... on Meeting { id } }` */
export function renderSelection(selection: Selection[] | undefined): string {
  if (!selection) return '';
  const parts = selection.map((s) =>
    'on' in s
      ? `... on ${s.on}${renderSelection(s.children)}`
      : `${s.field}${renderSelection(s.children)}`,
  );
  return ` { ${parts.join(' ')} }`;
}
