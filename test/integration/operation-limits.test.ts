import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';

import { Provider } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';
import { upstreamCallCount } from '../helpers/emulator-assertions.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type GraphQLResult,
  type TestServer,
} from '../helpers/start-test-server.js';

const journalTotal = (server: TestServer) => upstreamCallCount(server.emulators);

const umeetingIds = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) =>
    meetingGlobalId(Provider.UMEETING, String(900000000 + from + i)),
  );

function codes(result: GraphQLResult<unknown>): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}

describe('operation limits (issue 9)', () => {
  let server: TestServer;
  let seriesId: string;
  beforeAll(async () => {
    server = await startTestServer();
    // A 50-occurrence series, the shape of the measured memory blow-up.
    const created = await server.executeText<{ scheduleMeeting: { id: string } }>(
      'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id occurrences { id } } }',
      {
        input: {
          provider: 'UMEETING',
          subject: 'daily stand-up',
          organizer: 'admin',
          capacity: 10,
          startTime: minutesFromNow(24 * 60),
          endTime: minutesFromNow(24 * 60 + 60),
          recurrence: { frequency: 'DAILY', count: 50 },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    seriesId = created.data!.scheduleMeeting.id;
  });
  afterAll(() => server.close());
  // The series must survive between tests, so calls are counted from a baseline, not a reset.
  let before = 0;
  beforeEach(() => {
    before = journalTotal(server);
  });
  const upstreamCalls = (s: TestServer) => journalTotal(s) - before;

  const cycle = (depth: number) =>
    `query($id: ID!) { meeting(id: $id) { ${'occurrences { meeting { '.repeat(depth)}id${' } }'.repeat(depth)} } }`;

  it('refuses a depth-4 occurrences/meeting cycle with MAX_DEPTH_LIMIT, HTTP 200, and no provider call', async () => {
    const result = await server.executeText(cycle(4), { id: seriesId });
    expect(result.status).toBe(200);
    expect(codes(result)).toContain('MAX_DEPTH_LIMIT');
    expect(result.errors![0]!.extensions).toMatchObject({ limit: 'depth', max: 8 });
    expect(result.data).toBeUndefined();
    expect(upstreamCalls(server)).toBe(0);
  });

  it('refuses the depth-3 cycle, which passes the depth limit, by its cost (50 × 50 × 50 objects)', async () => {
    const result = await server.executeText(cycle(3), { id: seriesId });
    expect(codes(result)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(result.errors![0]!.extensions).toMatchObject({ limit: 'cost', max: 10_000 });
    expect(result.errors![0]!.extensions!.estimated).toBeGreaterThan(100_000);
    expect(upstreamCalls(server)).toBe(0);
  });

  it('still answers one occurrences/meeting round trip (cost 1 + 50 × 2)', async () => {
    const result = await server.executeText<{
      meeting: { occurrences: Array<{ meeting: { id: string } }> };
    }>(cycle(1), { id: seriesId });
    expect(result.errors).toBeUndefined();
    expect(result.data!.meeting.occurrences).toHaveLength(50);
    expect(upstreamCalls(server)).toBe(1);
  });

  it('refuses 1 000 aliases of meeting(id) with MAX_ALIASES_LIMIT and no provider call', async () => {
    const ids = umeetingIds(1000);
    const query = `{ ${ids.map((id, i) => `m${i}: meeting(id: "${id}") { id }`).join(' ')} }`;
    const result = await server.executeText(query);
    expect(result.status).toBe(200);
    expect(codes(result)).toEqual(
      expect.arrayContaining(['MAX_ALIASES_LIMIT', 'MAX_ROOT_FIELDS_LIMIT']),
    );
    expect(upstreamCalls(server)).toBe(0);
  });

  it('refuses 10 aliases of meetings(ids: 100 ids) — 1 000 provider calls — with COST_ESTIMATED_TOO_EXPENSIVE', async () => {
    const distinct = `{ ${Array.from({ length: 10 }, (_, i) => `b${i}: meetings(ids: ${JSON.stringify(umeetingIds(100, i * 100))}) { id }`).join(' ')} }`;
    const result = await server.executeText(distinct);
    expect(codes(result)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(result.errors![0]!.extensions).toMatchObject({
      limit: 'upstreamCalls',
      max: 100,
      estimated: 1000,
    });
    expect(upstreamCalls(server)).toBe(0);
  });

  it('refuses 100 aliased scheduleMeeting with the alias, root-field and write limits, and no create', async () => {
    const fields = Array.from(
      { length: 100 },
      (_, i) => `c${i}: scheduleMeeting(input: $input) { id }`,
    ).join(' ');
    const result = await server.executeText(
      `mutation($input: ScheduleMeetingInput!) { ${fields} }`,
      {
        input: {
          provider: 'WECOM',
          subject: 'spam',
          organizer: 'admin',
          startTime: minutesFromNow(60),
          endTime: minutesFromNow(120),
        },
      },
    );
    expect(codes(result)).toEqual(
      expect.arrayContaining(['MAX_ALIASES_LIMIT', 'MAX_ROOT_FIELDS_LIMIT']),
    );
    expect(upstreamCalls(server)).toBe(0);
  });

  it('refuses 6 writes in one request with COST_ESTIMATED_TOO_EXPENSIVE (writes), and no create', async () => {
    const fields = Array.from({ length: 6 }, (_, i) => `c${i}: cancelMeeting(id: $id${i}) { id }`);
    const result = await server.executeText(
      `mutation(${fields.map((_, i) => `$id${i}: ID!`).join(', ')}) { ${fields.join(' ')} }`,
      Object.fromEntries(umeetingIds(6).map((id, i) => [`id${i}`, id])),
    );
    expect(codes(result)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(result.errors![0]!.extensions).toMatchObject({ limit: 'upstreamWrites', max: 5 });
    expect(upstreamCalls(server)).toBe(0);
  });

  it('refuses 500 _entities representations with COST_ESTIMATED_TOO_EXPENSIVE and no provider call', async () => {
    const r = umeetingIds(500).map((id) => ({ __typename: 'Meeting', id }));
    const result = await server.executeText(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { id } } }',
      { r },
    );
    expect(codes(result)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(result.errors![0]!.extensions).toMatchObject({ limit: 'upstreamCalls', estimated: 500 });
    expect(upstreamCalls(server)).toBe(0);
  });

  it("lets GraphiQL's and codegen's full introspection query through (introspection is not data)", async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    const result = await server.executeText<{ __schema: { types: unknown[] } }>(query);
    expect(result.errors).toBeUndefined();
    expect(result.data!.__schema.types.length).toBeGreaterThan(20);
  });

  it('keeps /healthz answering while the attacks above are sent together', async () => {
    const attacks = Array.from({ length: 20 }, () =>
      server.executeText(cycle(4), { id: seriesId }),
    );
    const health = Array.from({ length: 20 }, () => fetch(`${server.url}/healthz`));
    const [answers, probes] = await Promise.all([Promise.all(attacks), Promise.all(health)]);
    expect(answers.map(errorCode)).toEqual(Array(20).fill('MAX_DEPTH_LIMIT'));
    expect(probes.map((p) => p.status)).toEqual(Array(20).fill(200));
  });
});

describe('operation limits from the environment, and the run-time upstream budget', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        GRAPHQL_MAX_DEPTH: '2',
        MAX_UPSTREAM_CALLS_PER_REQUEST: '2',
      },
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());

  it('takes GRAPHQL_MAX_DEPTH from the environment', async () => {
    const ok = await server.executeText('{ providers { provider } }');
    expect(ok.errors).toBeUndefined();
    const deep = await server.executeText('{ providers { capabilities { meetings } } }');
    expect(errorCode(deep)).toBe('MAX_DEPTH_LIMIT');
    expect(deep.errors![0]!.extensions).toMatchObject({ max: 2 });
  });

  it('stops a request at its provider-call budget at run time: retries count, the call past it is never sent', async () => {
    // Two ids: the static estimate (2 calls) passes. Every umeeting read then answers 503, and
    // the reads' retries would make 6 attempts; the budget lets 2 out.
    const umeeting = server.emulators[Provider.UMEETING]!;
    const fault = await fetch(`${umeeting.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'http', status: 503, operation: 'getMeeting', times: 2 }),
    });
    expect(fault.status).toBe(201);
    const result = await server.executeText<{ meetings: unknown[] }>(
      'query($ids: [ID!]!) { meetings(ids: $ids) { id } }',
      { ids: umeetingIds(2) },
    );
    expect(codes(result)).toContain('COST_ESTIMATED_TOO_EXPENSIVE');
    expect(
      result.errors!.find((e) => e.extensions?.code === 'COST_ESTIMATED_TOO_EXPENSIVE')!.extensions,
    ).toMatchObject({
      limit: 'upstreamCalls',
      max: 2,
    });
    expect(umeeting.requests().map((r) => r.status)).toEqual([503, 503]);
  });
});
