import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  GraphQLObjectType,
  Kind,
  parse,
  visit,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage } from 'type-graphql';

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
// The newest version @apollo/subgraph and @apollo/composition 2.14 know (FEDERATION_VERSIONS).
// `@cost`/`@listSize` (2.9): a router's demand control uses our cost numbers.
// `@authenticated`/`@requiresScopes` (2.5): a router refuses what the token does not allow
// (schema/access-directives.ts). `@shareable`: another subgraph may define our value types too.
export const FEDERATION_VERSION = 'v2.14';
const FEDERATION_IMPORTS = [
  '@key',
  '@shareable',
  '@authenticated',
  '@requiresScopes',
  '@cost',
  '@listSize',
];
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/${FEDERATION_VERSION}", import: ${JSON.stringify(FEDERATION_IMPORTS)})`;

export async function buildSubgraph(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: true,
    validateFn: validateInput,
    skipCheck: true,
  });
  checkGuardedFields(schema);
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

/**
 * Object types declare `simpleResolvers: true`: graphql's default resolver reads their fields,
 * with no type-graphql wrapper per field (~0.3 µs each, 500 in a 100-id batch of 5 fields;
 * docs/performance.md "Round 4"). A field with a middleware (the guard of a secret: a password,
 * a host key) needs the wrapper, so it says `simple: false`; forgetting that would answer the
 * secret unguarded, so the server refuses to start instead.
 */
function checkGuardedFields(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  for (const field of storage.fields) {
    if (!field.middlewares?.length) continue;
    const owner = storage.objectTypes.find((type) => type.target === field.target);
    const type = owner && schema.getType(owner.name);
    if (!(type instanceof GraphQLObjectType)) continue;
    if (!type.getFields()[field.schemaName]?.resolve) {
      throw new Error(
        `${owner!.name}.${field.schemaName} has a middleware but graphql would read it directly: declare it @Field({ simple: false })`,
      );
    }
  }
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

/** Directives only Apollo Router enforces (schema/access-directives.ts). */
export const ROUTER_ACCESS_DIRECTIVES: readonly string[] = ['authenticated', 'requiresScopes'];

/**
 * The subgraph SDL without `@authenticated`/`@requiresScopes`, for composing a supergraph that
 * @apollo/gateway serves: the gateway cannot enforce them, so it refuses a supergraph that links
 * them (`UNSUPPORTED_LINKED_FEATURE ... for: SECURITY`). Behind a gateway the subgraph's own
 * rules are the only access check (docs/operations.md, "Behind a router").
 */
export function withoutRouterAccessDirectives(sdl: string): DocumentNode {
  const imports = new Set(ROUTER_ACCESS_DIRECTIVES.map((name) => `@${name}`));
  return visit(parse(sdl), {
    Directive(node) {
      if (ROUTER_ACCESS_DIRECTIVES.includes(node.name.value)) return null;
      if (node.name.value !== 'link') return undefined;
      return {
        ...node,
        arguments: node.arguments?.map((arg) =>
          arg.name.value === 'import' && arg.value.kind === Kind.LIST
            ? {
                ...arg,
                value: {
                  ...arg.value,
                  values: arg.value.values.filter(
                    (v) => !(v.kind === Kind.STRING && imports.has(v.value)),
                  ),
                },
              }
            : arg,
        ),
      };
    },
  });
}
