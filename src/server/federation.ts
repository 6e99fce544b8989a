import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';

import { resolvers } from '../resolvers/index.js';
import { referenceResolvers } from '../resolvers/references.js';
import { DateTimeScalar } from '../schema/scalars/date-time.scalar.js';
import { validateInput } from './validate-input.js';

/**
 * The only file that knows about Federation (STYLE habit 6), after type-graphql's
 * apollo-federation-2 example: build the type-graphql schema, print it with its directives,
 * link the federation spec, and let @apollo/subgraph add `_service` and `_entities`.
 */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

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
  return buildSubgraphSchema({ typeDefs, resolvers: map as any });
}

/** The subgraph SDL with federation directives, as checked in at schema.graphql. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}
