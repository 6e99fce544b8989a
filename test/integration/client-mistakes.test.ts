import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import { Provider } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';
import { expectNoUpstreamCalls } from '../helpers/emulator-assertions.js';
import { startGateway, type TestGateway } from '../helpers/start-gateway.js';
import { minutesFromNow, startTestServer, type TestServer } from '../helpers/start-test-server.js';

/**
 * Client mistakes are BAD_USER_INPUT naming the argument, answered HTTP 200 for
 * `application/json` (GraphQL over HTTP), so a gateway passes them through (issue 9).
 */
const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`;
const wecomInput = (overrides: Record<string, unknown> = {}) => ({
  provider: 'WECOM',
  subject: 'review',
  organizer: 'admin',
  startTime: minutesFromNow(60),
  endTime: minutesFromNow(120),
  ...overrides,
});

describe('client mistakes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());
  const noUpstreamCalls = () => expectNoUpstreamCalls(server.emulators);

  it('refuses _entities with an unknown or missing __typename as BAD_USER_INPUT, and stays up', async () => {
    const result = await server.executeText(
      'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
      {
        r: [
          { __typename: 'Meeting', id: 'x' },
          { __typename: 'Nope' },
          { id: 'y' },
          { __typename: 'ProviderInfo', id: 'z' },
        ],
      },
    );
    expect(result.status).toBe(200);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'representations[1].__typename',
      rule: 'entityType',
    });
    const violations = result.errors![0]!.extensions!.violations as Array<{ field: string }>;
    expect(violations.map((v) => v.field)).toEqual([
      'representations[1].__typename',
      'representations[1].id',
      'representations[2].__typename',
      'representations[3].__typename',
    ]);
    expect(result.raw).not.toContain('Nope');
    noUpstreamCalls();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('names the argument, not the variable, for a value that does not coerce (a gateway renames variables)', async () => {
    const renamed = await server.executeText(
      'mutation($_scheduleMeeting_input: ScheduleMeetingInput!) { scheduleMeeting(input: $_scheduleMeeting_input) { id } }',
      { _scheduleMeeting_input: wecomInput({ startTime: '2027-01-01T10:00:00' }) },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.startTime',
      rule: 'isoDateTimeWithOffset',
    });
    const nested = await server.executeText(
      'mutation($s: String!, $start: DateTime!) { scheduleMeeting(input: { provider: WECOM, subject: $s, organizer: "admin", startTime: $start, endTime: "2030-01-01T10:00:00Z" }) { id } }',
      { s: 5, start: 'soon' },
    );
    expect(nested.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.subject',
      rule: 'type',
    });
    expect(
      (nested.errors![0]!.extensions!.violations as Array<{ field: string }>).map((v) => v.field),
    ).toEqual(['input.subject', 'input.startTime']);
    noUpstreamCalls();
  });

  it('reports unknown and missing input fields and a missing variable with their paths', async () => {
    const unknown = await server.executeText(SCHEDULE, { input: wecomInput({ bogus: 1 }) });
    expect(unknown.errors![0]!.extensions).toMatchObject({
      field: 'input.bogus',
      rule: 'unknownField',
    });
    const missing = await server.executeText(SCHEDULE, {
      input: { ...wecomInput(), subject: undefined },
    });
    expect(missing.errors![0]!.extensions).toMatchObject({
      field: 'input.subject',
      rule: 'required',
    });
    const noVariable = await server.executeText('query($id: ID!) { meeting(id: $id) { id } }', {});
    expect(noVariable.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
      rule: 'required',
    });
    noUpstreamCalls();
  });

  it('reports 51 wrongly typed list items as BAD_USER_INPUT (graphql-js would stop at 50 with an internal error)', async () => {
    const result = await server.executeText('query($ids: [ID!]!) { meetings(ids: $ids) { id } }', {
      ids: Array.from({ length: 51 }, () => ({ not: 'an id' })),
    });
    expect(result.status).toBe(200);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids[0]',
      rule: 'type',
    });
    expect(result.errors![0]!.extensions!.violations).toHaveLength(20);
    noUpstreamCalls();
  });

  it('never echoes a rejected value (it may be a password)', async () => {
    const result = await server.executeText(SCHEDULE, {
      input: wecomInput({ password: 987654321123 }),
    });
    expect(result.errors![0]!.extensions).toMatchObject({ field: 'input.password', rule: 'type' });
    expect(result.raw).not.toContain('987654321123');
  });

  it('answers validation errors 200 for application/json, and 400 for application/graphql-response+json', async () => {
    const send = (accept: string) =>
      fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: '{ nope }' }),
      });
    const json = await send('application/json');
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({
      errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    const spec = await send('application/graphql-response+json');
    expect(spec.status).toBe(400);
  });
});

describe('client mistakes through @apollo/gateway over real HTTP', () => {
  let server: TestServer;
  let gateway: TestGateway;
  beforeAll(async () => {
    server = await startTestServer();
    gateway = await startGateway(server, [
      {
        name: 'notes',
        sdl: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
          type Meeting @key(fields: "id") { id: ID! notes: [String!]! }
          type Query { pinnedMeetings: [Meeting!]! }`,
        resolvers: {
          Query: { pinnedMeetings: () => [{ id: meetingGlobalId(Provider.UMEETING, '1') }] },
          Meeting: { notes: () => ['n'] },
        },
      },
    ]);
  });
  afterAll(async () => {
    await gateway.close();
    await server.close();
  });

  const viaGateway = (query: string, variables: Record<string, unknown>) =>
    gateway.execute(query, variables);

  it('passes a coercion error through with its code and field, not "400: Bad Request"', async () => {
    const result = await viaGateway(SCHEDULE, {
      input: wecomInput({ startTime: '2027-01-01T10:00:00' }),
    });
    expect(result.errors?.[0]?.message).not.toMatch(/400/);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.startTime',
    });
  });

  it('passes an operation-limit refusal through with its code', async () => {
    const ids = Array.from({ length: 101 }, (_, i) =>
      meetingGlobalId(Provider.UMEETING, String(i)),
    );
    const result = await viaGateway('query($ids: [ID!]!) { meetings(ids: $ids) { id } }', { ids });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'COST_ESTIMATED_TOO_EXPENSIVE',
      limit: 'upstreamCalls',
    });
    expectNoUpstreamCalls(server.emulators);
  });
});
