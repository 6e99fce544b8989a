import { BREAK, visit, type DocumentNode, type GraphQLSchema } from 'graphql';

import { estimateOperation, type OperationEstimate } from './cost.js';

/**
 * `estimateOperation` walks the operation three times (graphql-query-complexity): ~6 % of a
 * cold read's CPU in the bench profile (bench/results/), for a number that depends only on the
 * document, the operation name and a few facts about the variables. So it is remembered per
 * parsed document (Apollo hands the same DocumentNode for the same query text; a WeakMap lets
 * it go with Apollo's cache), keyed by the variables' SHAPE: what the estimate can read of them
 * (cost.ts). It reads a field's list argument (its count of distinct items: a string by its
 * value, a representation by its `__typename` and `id`), numbers, and booleans (`@skip`,
 * `@include`); never what is inside an input object, which is not a list. So the shape is a list
 * variable's count of distinct strings, each number and boolean, and a mere mark for a string or
 * an input object (creates and updates share one shape): their values never change it.
 *
 * Except where a variable is inside a list written in the document (`meetings(ids: [$a, $b])`,
 * `_entities(representations: [{ __typename: "Meeting", id: $id }])`): there whether two values
 * are equal changes the count, so such a document is estimated every time (it was, for a string,
 * given the first estimate of its shape), as are variables that hold a list of anything but
 * strings (`representations: $reps`) or a nested list.
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
  if (shape === undefined || variableInListLiteral(document)) {
    return estimateOperation(schema, document, variables, operationName);
  }
  const key = `${operationName ?? ''}\u0000${shape}`;
  let shapes = memo.get(document);
  const known = shapes?.get(key);
  if (known) return known;
  const estimate = estimateOperation(schema, document, variables, operationName);
  if (!shapes) memo.set(document, (shapes = new Map()));
  if (shapes.size < MAX_SHAPES_PER_DOCUMENT) shapes.set(key, estimate);
  return estimate;
}

/** The estimate-relevant facts of the variables, as a string; undefined when not known. */
export function variablesShape(variables: Record<string, unknown> | undefined): string | undefined {
  if (!variables) return '';
  let shape = '';
  for (const [name, value] of Object.entries(variables)) {
    let fact: string;
    if (typeof value === 'string') fact = 's';
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null)
      fact = String(value);
    else if (Array.isArray(value)) {
      if (!value.every((item) => typeof item === 'string')) return undefined;
      fact = `[${new Set(value).size}]`;
    } else if (typeof value === 'object') fact = 'o';
    else return undefined;
    shape += `${name}=${fact};`;
  }
  return shape;
}

const listLiterals = new WeakMap<DocumentNode, boolean>();
/**
 * Whether a variable is inside a list written in the document, at any depth (an item, or a field
 * of an object item: `[{ __typename: "Meeting", id: $id }]`); remembered per document.
 */
export function variableInListLiteral(document: DocumentNode): boolean {
  let found = listLiterals.get(document);
  if (found === undefined) {
    let depth = 0;
    found = false;
    visit(document, {
      ListValue: { enter: () => void (depth += 1), leave: () => void (depth -= 1) },
      Variable() {
        if (depth === 0) return undefined;
        found = true;
        return BREAK;
      },
    });
    listLiterals.set(document, found);
  }
  return found;
}
