import {
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  Kind,
  typeFromAST,
  visit,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';

import { BadUserInputError } from '../errors/api-errors.js';
import type { Violation } from './validate-input.js';

/** Reported violations at most; the walk stops there (a 1 MiB body can hold 100 000 bad items). */
const MAX_VIOLATIONS = 20;
/** How deep into an inline literal variables are looked for. */
const MAX_LITERAL_DEPTH = 16;

/**
 * Checks the request's variables against the operation before graphql-js coerces them, so that
 * a bad value is BAD_USER_INPUT naming the ARGUMENT it feeds (`input.startTime`, `ids[3]`), taken
 * from the operation's structure, never from graphql-js message text:
 *
 * - a gateway renames variables (`$_scheduleMeeting_input`), so the variable name is not what the
 *   client wrote, but the argument it is passed to is;
 * - graphql-js stops at 50 errors with an error of its own that Apollo masked as an internal one;
 * - its messages echo the rejected value, which may be a password.
 *
 * Throws one BadUserInputError listing the violations (first ones first); returns when all is
 * well, and graphql-js's own coercion then succeeds.
 */
export function checkVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): void {
  const argumentPaths = argumentPathsOfVariables(document, operation);
  const out: Violation[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue; // graphql-js validation has refused it already
    const field = argumentPaths.get(name) ?? name;
    const given = variables !== undefined && Object.hasOwn(variables, name);
    if (!given) {
      if (isNonNullType(type) && !definition.defaultValue) {
        out.push({ field, rule: 'required', message: `${field} is required` });
      }
      continue;
    }
    checkValue(variables[name], type, field, out);
    if (out.length >= MAX_VIOLATIONS) break;
  }
  if (out.length === 0) return;
  const first = out[0]!;
  throw new BadUserInputError(out.map((v) => v.message).join('; '), {
    field: first.field,
    rule: first.rule,
    violations: out,
  });
}

function checkValue(value: unknown, type: GraphQLInputType, path: string, out: Violation[]): void {
  if (out.length >= MAX_VIOLATIONS) return;
  if (isNonNullType(type)) {
    if (value === null || value === undefined) {
      out.push({ field: path, rule: 'required', message: `${path} is required` });
      return;
    }
    checkValue(value, type.ofType, path, out);
    return;
  }
  if (value === null || value === undefined) return;
  if (isListType(type)) {
    // GraphQL input coercion takes a single value where a list is expected.
    if (!Array.isArray(value)) return checkValue(value, type.ofType, path, out);
    for (let i = 0; i < value.length && out.length < MAX_VIOLATIONS; i += 1) {
      checkValue(value[i], type.ofType, `${path}[${i}]`, out);
    }
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push({ field: path, rule: 'type', message: `${path} must be an object (${type.name})` });
      return;
    }
    const fields = type.getFields();
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(fields, key)) {
        out.push({
          field: `${path}.${key.slice(0, 64)}`,
          rule: 'unknownField',
          message: `${path}.${key.slice(0, 64)} is not a field of ${type.name}`,
        });
      }
    }
    for (const field of Object.values(fields)) {
      const fieldValue = record[field.name];
      if (fieldValue === undefined) {
        if (isNonNullType(field.type) && field.defaultValue === undefined) {
          const at = `${path}.${field.name}`;
          out.push({ field: at, rule: 'required', message: `${at} is required` });
        }
        continue;
      }
      checkValue(fieldValue, field.type, `${path}.${field.name}`, out);
    }
    return;
  }
  // A leaf: the scalar's or enum's own parser decides. Our scalars say which rule they apply;
  // graphql-js's built-in messages quote the value, so they are replaced by the expected type.
  try {
    if (type.parseValue(value) !== undefined) return;
  } catch (error) {
    const rule = (error as { extensions?: { rule?: unknown } }).extensions?.rule;
    if (typeof rule === 'string') {
      out.push({ field: path, rule, message: `${path}: ${(error as Error).message}` });
      return;
    }
  }
  const expected = isEnumType(type)
    ? `one of ${type
        .getValues()
        .map((v) => v.name)
        .join(', ')}`
    : `a valid ${type.name}`;
  out.push({ field: path, rule: 'type', message: `${path} must be ${expected}` });
}

/**
 * Where each variable is used: the argument path it feeds (`input`, `input.subject` for
 * `input: { subject: $s }`, `ids[2]`). The first use wins; a variable used in a fragment is found
 * there too. Only the fragments of this document are walked; graphql-js has validated them.
 */
function argumentPathsOfVariables(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ReadonlyMap<string, string> {
  // Per operation node, which Apollo's document cache hands again for the same query text: the
  // walk was ~2 % of a cold read's CPU (docs/performance.md).
  let paths = argumentPathsMemo.get(operation);
  if (!paths) argumentPathsMemo.set(operation, (paths = collectArgumentPaths(document, operation)));
  return paths;
}
const argumentPathsMemo = new WeakMap<OperationDefinitionNode, ReadonlyMap<string, string>>();

function collectArgumentPaths(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Map<string, string> {
  const paths = new Map<string, string>();
  // Iterative: an inline literal can nest thousands deep (the fuzzer's find); no input type of
  // this schema nests more than a few levels, so a variable deeper than that feeds nothing.
  const collect = (root: ValueNode, rootPath: string): void => {
    const stack: Array<[ValueNode, string, number]> = [[root, rootPath, 0]];
    while (stack.length > 0) {
      const [node, path, depth] = stack.pop()!;
      if (node.kind === Kind.VARIABLE) {
        if (!paths.has(node.name.value)) paths.set(node.name.value, path);
      } else if (depth < MAX_LITERAL_DEPTH && node.kind === Kind.OBJECT) {
        for (const field of node.fields) {
          stack.push([field.value, `${path}.${field.name.value}`, depth + 1]);
        }
      } else if (depth < MAX_LITERAL_DEPTH && node.kind === Kind.LIST) {
        node.values.forEach((item, i) => stack.push([item, `${path}[${i}]`, depth + 1]));
      }
    }
  };
  const visitor = {
    Argument(node: { name: { value: string }; value: ValueNode }) {
      collect(node.value, node.name.value);
    },
  };
  visit(operation, visitor);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  }
  return paths;
}
