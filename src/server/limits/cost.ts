import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isUnionType,
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * Static estimates of what an operation will cost, computed with its variables before anything
 * runs (graphql-query-complexity walks the operation: fragments, `@skip`/`@include`, abstract
 * types by their most expensive member). Three numbers:
 *
 * - `cost`: Apollo Router's demand-control cost, read from the schema's own `@cost` and
 *   `@listSize` (Federation 2.9), so a router in front enforces the same numbers: an object costs
 *   1, a scalar or enum 0, a mutation field 10, a list its size times its item. A list's size is
 *   `@listSize(assumedSize:)`, except where it follows a list argument (`meetings(ids:)`,
 *   `_entities(representations:)`): then it is the number of distinct items given, which is
 *   never more than the assumed size a router uses, so our number is never above the router's.
 * - `upstreamCalls`: provider calls. A root query field that answers entities (a type with
 *   `@key`) makes one per distinct id asked for (one for a by-code lookup); a mutation makes one.
 *   Nested fields read through the request's DataLoader and are left to the run-time budget.
 * - `upstreamWrites`: one per mutation field.
 */
export interface OperationEstimate {
  cost: number;
  upstreamCalls: number;
  upstreamWrites: number;
}

/** The size assumed for a list of objects that declares none. */
const DEFAULT_LIST_SIZE = 10;
const MUTATION_FIELD_COST = 10;

export function estimateOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): OperationEstimate {
  const run = (estimator: ComplexityEstimator) =>
    getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [estimator],
    });
  const mutationType = schema.getMutationType()?.name;
  const queryType = schema.getQueryType()?.name;
  return {
    cost: run(({ type, field, args, childComplexity }) => {
      // Introspection is not data: GraphiQL's and codegen's standard query must pass.
      if (field.name.startsWith('__')) return 0;
      const named = getNamedType(field.type);
      const weight =
        directiveInt(field.astNode?.directives, 'cost', 'weight') ??
        directiveInt(named.astNode?.directives, 'cost', 'weight') ??
        (type.name === mutationType ? MUTATION_FIELD_COST : isCompositeType(named) ? 1 : 0);
      return listSize(field, args, named) * (weight + childComplexity);
    }),
    upstreamCalls: run(({ type, field, args, childComplexity }) => {
      if (type.name === mutationType) return 1 + childComplexity;
      if (type.name !== queryType || !isEntity(schema, getNamedType(field.type))) {
        return childComplexity;
      }
      return sizeFromListArgument(args) ?? 1;
    }),
    upstreamWrites: run(({ type }) => (type.name === mutationType ? 1 : 0)),
  };
}

function listSize(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  named: GraphQLNamedType,
): number {
  if (!isListType(getNullableType(field.type))) return 1;
  const assumed = directiveInt(field.astNode?.directives, 'listSize', 'assumedSize');
  const given = sizeFromListArgument(args);
  if (given !== undefined) return assumed === undefined ? given : Math.min(given, assumed);
  if (assumed !== undefined) return assumed;
  return isCompositeType(named) ? DEFAULT_LIST_SIZE : 0;
}

/**
 * Distinct items of the field's list argument (`ids`, `representations`), if it has one. An
 * item is told apart by its string value, or by the `__typename` and `id` of a representation;
 * anything else counts as distinct (never serialised: a variable can nest thousands deep).
 */
function sizeFromListArgument(args: Record<string, unknown>): number | undefined {
  const list = Object.values(args).find(Array.isArray) as unknown[] | undefined;
  if (!list) return undefined;
  const keys = new Set<unknown>();
  for (const item of list) keys.add(itemKey(item));
  return keys.size;
}

function itemKey(item: unknown): unknown {
  if (typeof item === 'string') return item;
  if (item !== null && typeof item === 'object') {
    const { __typename: typename, id } = item as Record<string, unknown>;
    if (typeof typename === 'string' && typeof id === 'string') return `${typename}\u0000${id}`;
  }
  return Symbol('distinct');
}

/** A type with `@key`, or a union of them (`_Entity`). */
function isEntity(schema: GraphQLSchema, type: GraphQLNamedType): boolean {
  if (isUnionType(type)) return type.getTypes().every((member) => isEntity(schema, member));
  return type.astNode?.directives?.some((d) => d.name.value === 'key') ?? false;
}

function directiveInt(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
  argument: string,
): number | undefined {
  const value = directives
    ?.find((d) => d.name.value === name)
    ?.arguments?.find((a) => a.name.value === argument)?.value;
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}
