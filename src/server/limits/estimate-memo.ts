import type { DocumentNode, GraphQLSchema } from 'graphql';

import { estimateOperation, type OperationEstimate } from './cost.js';

/**
 * `estimateOperation` walks the operation three times (graphql-query-complexity): ~6 % of a
 * cold read's CPU in the bench profile (bench/results/), for a number that depends only on the
 * document, the operation name and a few facts about the variables. So it is remembered per
 * parsed document (Apollo hands the same DocumentNode for the same query text; a WeakMap lets
 * it go with Apollo's cache), keyed by the variables' SHAPE: what the estimate can read of them
 * (cost.ts) is a list argument's count of distinct strings, numbers (slicing arguments) and
 * booleans (`@skip`/`@include`); a string's value never changes it. Variables holding anything
 * else (input objects, nested lists: creates, `_entities`) are estimated every time, as before.
 */
const MAX_SHAPES_PER_DOCUMENT = 64;
const memo = new WeakMap<DocumentNode, Map<string, OperationEstimate>>();

export function estimateOperationMemo(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): OperationEstimate {
  const shape = variablesShape(variables);
  if (shape === undefined) return estimateOperation(schema, document, variables, operationName);
  const key = `${operationName ?? ''}\u0000${shape}`;
  let shapes = memo.get(document);
  const known = shapes?.get(key);
  if (known) return known;
  const estimate = estimateOperation(schema, document, variables, operationName);
  if (!shapes) memo.set(document, (shapes = new Map()));
  if (shapes.size < MAX_SHAPES_PER_DOCUMENT) shapes.set(key, estimate);
  return estimate;
}

/** The estimate-relevant facts of flat variables, as a string; undefined when not flat. */
export function variablesShape(variables: Record<string, unknown> | undefined): string | undefined {
  if (!variables) return '';
  let shape = '';
  for (const [name, value] of Object.entries(variables)) {
    let fact: string;
    if (typeof value === 'string') fact = 's';
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null)
      fact = String(value);
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      fact = `[${new Set(value).size}]`;
    else return undefined;
    shape += `${name}=${fact};`;
  }
  return shape;
}
