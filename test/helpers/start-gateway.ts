import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

import { withoutRouterAccessDirectives } from '../../src/server/federation.js';
import type { TestServer } from './start-test-server.js';

export interface PeerSubgraph {
  name: string;
  sdl: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: any;
}

export interface TestGateway {
  url: string;
  /** POSTs a GraphQL request to the gateway; answers the parsed body. */
  execute<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    data?: T;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  }>;
  close(): Promise<void>;
}

/**
 * A real @apollo/gateway over HTTP in front of our server and peer subgraphs (each a standalone
 * Apollo server on port 0), composed from our live `_service { sdl }`. @apollo/gateway refuses
 * a supergraph that links @authenticated/@requiresScopes, so they are stripped for it.
 */
export async function startGateway(
  server: TestServer,
  peers: PeerSubgraph[],
): Promise<TestGateway> {
  const stops: Array<() => Promise<void>> = [];
  const services = [];
  for (const peer of peers) {
    const apollo = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs: parse(peer.sdl), resolvers: peer.resolvers }),
    });
    const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });
    stops.push(() => apollo.stop());
    services.push({ name: peer.name, typeDefs: parse(peer.sdl), url });
  }
  const ours = await server.executeText<{ _service: { sdl: string } }>('{ _service { sdl } }');
  const composed = composeServices([
    {
      name: 'meetings',
      typeDefs: withoutRouterAccessDirectives(ours.data!._service.sdl),
      url: server.graphqlUrl,
    },
    ...services,
  ]);
  if (composed.errors?.length) {
    throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  }
  const gateway = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl: composed.supergraphSdl!,
      buildService: ({ url }) => new RemoteGraphQLDataSource({ url }),
    }),
  });
  const { url } = await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } });
  stops.push(() => gateway.stop());
  return {
    url,
    execute: async (query, variables = {}) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    close: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
