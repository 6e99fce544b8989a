import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { startGateway, type TestGateway } from '../helpers/start-gateway.js';
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
  let gateway: TestGateway;
  const bookings = new Map<string, string>();

  beforeAll(async () => {
    server = await startTestServer();
    gateway = await startGateway(server, [
      {
        name: 'rooms',
        sdl: ROOMS_SDL,
        resolvers: {
          Meeting: {
            __resolveReference: (ref: { id: string }) => ref,
            room: (meeting: { id: string }) => bookings.get(meeting.id) ?? null,
          },
        },
      },
    ]);
  });
  afterAll(async () => {
    await gateway.close();
    await server.close();
  });

  const viaGateway = <T>(query: string, variables: Record<string, unknown>) =>
    gateway.execute<T>(query, variables);

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
