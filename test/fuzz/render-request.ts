import { getNamedType, isLeafType, type GraphQLField, type GraphQLSchema } from 'graphql';

import { materialize, type FixturePools } from './fixture-ref.js';
import type { HttpRequest } from './fuzz-server.js';
import type { FuzzCase } from './fuzz-case.js';
import { printLiteral } from './graphql-literal.js';
import { toJson } from './json-text.js';
import { renderSelection, type Selection, type Selections } from './selection.js';

/** A case written out as the HTTP request the server gets. */
export interface RenderedRequest {
  http: HttpRequest;
  /** The document (as sent, even when broken). */
  query: string;
  /** The variables as sent; undefined when none were sent. */
  variables: unknown;
  operationName: string;
  /** Response key (alias or name) → schema root field, for each root field of the document. */
  rootKeys: Record<string, string>;
}

const OPERATION_NAME = 'Fuzz';

/**
 * Writes `fuzzCase` out: fixtures filled in, arguments as variables (`$<key>_<arg>`, declared with
 * the argument's type) or inline literals, the selection, then the twist.
 */
export function renderRequest(
  fuzzCase: FuzzCase,
  schema: GraphQLSchema,
  selections: Selections,
  pools: FixturePools,
): RenderedRequest {
  const { twist, twistParam } = fuzzCase;
  const rootType =
    fuzzCase.operation === 'query' ? schema.getQueryType() : schema.getMutationType();
  const declarations: string[] = [];
  const variables: Record<string, unknown> = {};
  const rootKeys: Record<string, string> = {};
  const fragments: string[] = [];
  const seen = new Map<string, number>();
  const fieldTexts: string[] = [];

  fuzzCase.fields.forEach((rootCase, position) => {
    const field = rootType?.getFields()[rootCase.field] as GraphQLField<unknown, unknown>;
    const count = seen.get(rootCase.field) ?? 0;
    seen.set(rootCase.field, count + 1);
    const key = count === 0 ? rootCase.field : `${rootCase.field}${count + 1}`;
    const args = materialize(rootCase.args, pools) as Record<string, unknown>;
    const argTexts = Object.entries(args).map(([name, value]) => {
      const def = field.args.find((a) => a.name === name);
      if (rootCase.inline || !def) return `${name}: ${printLiteral(value, def?.type)}`;
      const variable = `${key}_${name}`;
      const declared = String(def.type);
      declarations.push(
        `$${variable}: ${twist === 'nullableDeclaration' ? declared.replace(/!$/, '') : declared}`,
      );
      variables[variable] = value;
      return `${name}: $${variable}`;
    });
    let selection: Selection[] | undefined = rootCase.selection;
    if (position === 0) {
      if (twist === 'deepSelection') selection = selections.deep(field.type, 5 + (twistParam % 30));
      if (twist === 'unknownField') selection = [...(selection ?? []), { field: 'notAField' }];
      if (twist === 'fragmentCycle' && !isLeafType(getNamedType(field.type))) {
        selection = [...(selection ?? []), { field: '...Loop' }];
        fragments.push(`fragment Loop on ${getNamedType(field.type).name} { ...Loop }`);
      }
    }
    const call = `${field.name}${argTexts.length ? `(${argTexts.join(', ')})` : ''}`;
    const body = `${call}${renderSelection(selection)}`;
    if (position === 0 && twist === 'aliasFlood') {
      const copies = 20 + (twistParam % 80);
      for (let i = 0; i < copies; i++) {
        rootKeys[`a${i}`] = field.name;
        fieldTexts.push(`a${i}: ${body}`);
      }
      return;
    }
    rootKeys[key] = field.name;
    fieldTexts.push(key === field.name ? body : `${key}: ${body}`);
  });

  const header = `${fuzzCase.operation} ${OPERATION_NAME}${declarations.length ? `(${declarations.join(', ')})` : ''}`;
  let query = `${header} { ${fieldTexts.join(' ')} }${fragments.map((f) => ` ${f}`).join('')}`;
  if (twist === 'truncate')
    query = query.slice(0, 1 + (twistParam % Math.max(query.length - 1, 1)));

  const operationName = twist === 'wrongOperationName' ? 'NotThisOne' : OPERATION_NAME;
  let sentVariables: unknown = variables;
  if (twist === 'omitVariables') sentVariables = undefined;
  if (twist === 'variablesNotObject') sentVariables = [[1], 'x', 5, true][twistParam % 4];

  const body: Record<string, unknown> = { query, operationName };
  if (sentVariables !== undefined) body.variables = sentVariables;
  const json = { 'content-type': 'application/json' };
  let http: HttpRequest;
  switch (twist) {
    case 'httpGet': {
      const params = new URLSearchParams({ query, operationName });
      if (sentVariables !== undefined) params.set('variables', toJson(sentVariables));
      // Half with the header Apollo's CSRF prevention wants for GET, half without.
      const preflight: Record<string, string> =
        twistParam % 2 === 0 ? { 'apollo-require-preflight': 'true' } : {};
      http = { method: 'GET', search: `?${params}`, headers: preflight };
      break;
    }
    case 'textPlain':
      http = {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: toJson(body),
      };
      break;
    case 'batch':
      http = { method: 'POST', headers: json, body: toJson([body, body]) };
      break;
    default:
      http = { method: 'POST', headers: json, body: toJson(body) };
  }
  return { http, query, variables: sentVariables, operationName, rootKeys };
}
