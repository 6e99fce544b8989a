import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLField,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';

import type { FuzzServer } from './fuzz-server.js';

/** A root field and the operation it belongs to. */
export interface RootField {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

/** What one provider says it can do (`providers { capabilities }`), used to aim valid inputs. */
export interface ProviderCapabilities {
  meetings: boolean;
  webinars: boolean;
  instantMeetings: boolean;
  lookupByCode: boolean;
  cancel: boolean;
  cancelOccurrence: boolean;
  recurrenceFrequencies: string[];
  recurrenceFields: string[];
  liveStreaming: boolean;
  mediaSettings: string[];
}

export type CapabilityMap = Record<string, ProviderCapabilities>;

/**
 * The running server's schema, as a client sees it: the standard introspection query, or, when
 * the server refuses that as too big (operation cost or depth limits), the same introspection
 * asked in pieces: the type names first, then a few types per request.
 */
export async function introspectSchema(server: FuzzServer): Promise<GraphQLSchema> {
  const whole = await server.graphql<IntrospectionQuery>(
    getIntrospectionQuery({ descriptions: false }),
  );
  if (whole.data) return buildClientSchema(whole.data);
  return buildClientSchema(await introspectInPieces(server, JSON.stringify(whole.errors)));
}

/**
 * graphql-js's introspection fragments, with type references three wrappers deep instead of
 * nine (enough for `[X!]!`), so a type's introspection stays within a server's depth limit.
 */
const FRAGMENTS = `
  fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
  fragment InputValue on __InputValue { name type { ...TypeRef } defaultValue }
  fragment FullType on __Type {
    kind name
    fields(includeDeprecated: true) { name args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
    inputFields { ...InputValue }
    interfaces { ...TypeRef }
    enumValues(includeDeprecated: true) { name isDeprecated deprecationReason }
    possibleTypes { ...TypeRef }
  }`;

type SchemaRoots = Pick<
  IntrospectionQuery['__schema'],
  'queryType' | 'mutationType' | 'subscriptionType'
> & { types: { name: string }[] };

async function introspectInPieces(server: FuzzServer, why: string): Promise<IntrospectionQuery> {
  const roots = await server.graphql<{ __schema: SchemaRoots }>(
    '{ __schema { queryType { name kind } mutationType { name kind } subscriptionType { name kind } types { name } } }',
  );
  if (!roots.data) {
    throw new Error(
      `introspection refused (${why}), and in pieces too: ${JSON.stringify(roots.errors)}`,
    );
  }
  const names = roots.data.__schema.types.map((t) => t.name);
  const types: IntrospectionQuery['__schema']['types'][number][] = [];
  let batch = 8;
  for (let i = 0; i < names.length;) {
    const slice = names.slice(i, i + batch);
    const query = `{ ${slice.map((name, j) => `t${j}: __type(name: ${JSON.stringify(name)}) { ...FullType }`).join(' ')} } ${FRAGMENTS}`;
    const result =
      await server.graphql<Record<string, IntrospectionQuery['__schema']['types'][number]>>(query);
    if (!result.data) {
      if (batch === 1) {
        throw new Error(
          `introspection of type ${slice[0]} refused: ${JSON.stringify(result.errors)}`,
        );
      }
      batch = Math.max(1, Math.floor(batch / 2));
      continue;
    }
    types.push(...Object.values(result.data));
    i += slice.length;
  }
  const { queryType, mutationType, subscriptionType } = roots.data.__schema;
  return { __schema: { queryType, mutationType, subscriptionType, types, directives: [] } };
}

/** Every Query and Mutation root field; nothing is skipped (introspection fields are not listed). */
export function rootFields(schema: GraphQLSchema): RootField[] {
  const out: RootField[] = [];
  for (const [operation, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) out.push({ operation, field });
  }
  return out;
}

/** The entity types `_entities` resolves (the `_Entity` union), empty when there is none. */
export function entityTypeNames(schema: GraphQLSchema): string[] {
  const entities = schema.getQueryType()?.getFields()._entities;
  if (!entities) return [];
  const union = getNamedType(entities.type);
  return 'getTypes' in union ? union.getTypes().map((t) => t.name) : [];
}

const CAPABILITIES_QUERY = `{
  providers {
    provider
    capabilities {
      meetings webinars instantMeetings lookupByCode cancel cancelOccurrence
      recurrenceFrequencies recurrenceFields liveStreaming mediaSettings
    }
  }
}`;

/** Each provider's capabilities, by provider enum value. */
export async function fetchCapabilities(server: FuzzServer): Promise<CapabilityMap> {
  const result = await server.graphql<{
    providers: { provider: string; capabilities: ProviderCapabilities }[];
  }>(CAPABILITIES_QUERY);
  if (!result.data) throw new Error(`providers query failed: ${JSON.stringify(result.errors)}`);
  return Object.fromEntries(result.data.providers.map((p) => [p.provider, p.capabilities]));
}
