import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';

import { withoutRouterAccessDirectives } from '../../src/server/federation.js';
import { minutesFromNow, startTestServer, type TestServer } from '../helpers/start-test-server.js';

/**
 * Issue 11's reproduction through a real gateway over HTTP: a peer subgraph books rooms against
 * the meeting ids it stored. A Tencent meeting created as alice and looked up by code as bob is
 * one meeting with one id, so the peer's `room` joins it, and its `organizer` is alice.
 */
const ROOMS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Meeting @key(fields: "id") {
    id: ID!
    room: String
  }
`;

describe('one meeting, one id, through @apollo/gateway', () => {
  let server: TestServer;
  let gatewayUrl: string;
  const bookings = new Map<string, string>();
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    server = await startTestServer();
    const rooms = new ApolloServer({
      schema: buildSubgraphSchema({
        typeDefs: parse(ROOMS_SDL),
        resolvers: {
          Meeting: {
            __resolveReference: (ref: { id: string }) => ref,
            room: (meeting: { id: string }) => bookings.get(meeting.id) ?? null,
          },
        },
      }),
    });
    const roomsUrl = (
      await startStandaloneServer(rooms, { listen: { port: 0, host: '127.0.0.1' } })
    ).url;
    stops.push(() => rooms.stop());
    const ours = await server.executeText<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const composed = composeServices([
      {
        name: 'meetings',
        typeDefs: withoutRouterAccessDirectives(ours.data!._service.sdl),
        url: server.graphqlUrl,
      },
      { name: 'rooms', typeDefs: parse(ROOMS_SDL), url: roomsUrl },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    const gateway = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl: composed.supergraphSdl!,
        buildService: ({ url }) => new RemoteGraphQLDataSource({ url }),
      }),
    });
    gatewayUrl = (await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } }))
      .url;
    stops.push(() => gateway.stop());
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await server.close();
  });

  const viaGateway = async <T>(query: string, variables: Record<string, unknown>) => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: unknown[] };
  };

  it('creates as alice, looks up by code as bob, and joins the peer subgraph on the same id', async () => {
    const created = await viaGateway<{
      scheduleMeeting: { id: string; meetingCode: string; organizer: string };
    }>(
      'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id meetingCode organizer } }',
      {
        input: {
          provider: 'TENCENT_MEETING',
          subject: 'Board review',
          organizer: 'alice',
          startTime: minutesFromNow(24 * 60),
          endTime: minutesFromNow(24 * 60 + 60),
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const meeting = created.data!.scheduleMeeting;
    // The peer stored the id it was given at booking time.
    bookings.set(meeting.id, 'Room 4.12');

    const asBob = await viaGateway<{
      meetingByCode: { id: string; organizer: string; room: string | null };
    }>(
      'query($code: String!) { meetingByCode(provider: TENCENT_MEETING, meetingCode: $code, organizer: "bob") { id organizer room } }',
      { code: meeting.meetingCode },
    );
    expect(asBob.errors).toBeUndefined();
    expect(asBob.data!.meetingByCode).toEqual({
      id: meeting.id,
      organizer: 'alice',
      room: 'Room 4.12',
    });
  });
});
