import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';

import { resolvers } from '../resolvers/index.js';
import { checkRepresentations } from '../resolvers/entity-representations.js';
import { referenceResolvers } from '../resolvers/references.js';
import { DateTimeScalar } from '../schema/scalars/date-time.scalar.js';
import { validateInput } from './validate-input.js';

/**
 * The only file that knows about Federation (STYLE habit 6), after type-graphql's
 * apollo-federation-2 example: build the type-graphql schema, print it with its directives,
 * link the federation spec, and let @apollo/subgraph add `_service` and `_entities`.
 */
// v2.9 brings `@cost` and `@listSize` (demand control), so a router enforces our cost numbers.
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])';

export async function buildSubgraph(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: true,
    validateFn: validateInput,
    skipCheck: true,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const map = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, resolveReference] of Object.entries(referenceResolvers)) {
    map[typeName] = { ...map[typeName], __resolveReference: resolveReference };
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const subgraph = buildSubgraphSchema({ typeDefs, resolvers: map as any });
  guardEntities(subgraph);
  return subgraph;
}

/** Wraps `_entities` so broken representations are refused before @apollo/subgraph sees them. */
function guardEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) throw new Error('the subgraph schema has no _entities resolver');
  const entityTypes = Object.keys(referenceResolvers);
  field.resolve = (source, args, context, info) => {
    checkRepresentations((args as { representations?: unknown }).representations, entityTypes);
    return resolve(source, args, context, info);
  };
}

/** The subgraph SDL with federation directives, as checked in at schema.graphql. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}
