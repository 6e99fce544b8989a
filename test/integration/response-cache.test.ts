import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GraphQLFormattedError } from 'graphql';
import { SignJWT } from 'jose';

import type { EmulatorHandle } from '../../src/emulators/emulator-server.js';
import { startTencentMeetingEmulator } from '../../src/emulators/tencent-meeting/index.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { metricValue, parseMetrics } from '../helpers/metrics-text.js';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/start-redis.js';
import { minutesFromNow, startTestServer, type TestServer } from '../helpers/start-test-server.js';

/**
 * The whole-response cache (performance issue, round 2; docs/scale-out.md "Read cache"): a
 * repeated query is answered without executing (no provider call, no resolver, no read-cache
 * lookup), our writes are seen at once through every instance, and with AUTH_MODE=jwt one
 * caller's answer is never served to another.
 */

const SECRET = 'response-cache-test-secret-0123456789-abcdef';
const READ = 'query($id: ID!) { meeting(id: $id) { id subject status } }';

interface Answer {
  status: number;
  age: string | null;
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

async function post(
  server: TestServer,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const answer = await server.executeText(query, variables, headers);
  return { ...answer, age: answer.headers.get('age') };
}

const JOIN_PASSWORD = '520131';

async function schedule(
  server: TestServer,
  subject: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const answer = await post(
    server,
    'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
    {
      input: {
        provider: 'TENCENT_MEETING',
        subject,
        startTime: minutesFromNow(24 * 60),
        endTime: minutesFromNow(24 * 60 + 60),
        organizer: 'alice',
        password: JOIN_PASSWORD,
      },
    },
    headers,
  );
  expect(answer.errors).toBeUndefined();
  return (answer.data!.scheduleMeeting as { id: string }).id;
}

const cancel = async (server: TestServer, id: string, headers: Record<string, string> = {}) => {
  const answer = await post(
    server,
    'mutation($id: ID!) { cancelMeeting(id: $id) { status } }',
    { id },
    headers,
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.cancelMeeting).toMatchObject({ status: 'CANCELLED' });
};

/** Read-cache lookups so far: every executed `meeting(id)` makes one (hit or miss). */
async function lookups(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return metricValue(parseMetrics(text), 'meeting_api_read_cache_lookups_total');
}

describe('response cache (one instance)', () => {
  let server: TestServer;
  let journal: () => number;
  beforeAll(async () => {
    server = await startTestServer({ env: { READ_CACHE_TTL_SECONDS: '30' } });
    const tencent: EmulatorHandle = server.emulators[Provider.TENCENT_MEETING]!;
    journal = () => tencent.requests().length;
  });
  afterAll(() => server?.close());

  it('a repeated read is answered without a provider call or a resolver run', async () => {
    const id = await schedule(server, 'Whole answer');
    const first = await post(server, READ, { id });
    expect(first.errors).toBeUndefined();
    expect(first.age).toBeNull();
    const calls = journal();
    const executed = await lookups(server);
    for (let i = 0; i < 3; i += 1) {
      const again = await post(server, READ, { id });
      expect(again.errors).toBeUndefined();
      expect(again.data).toEqual(first.data);
      expect(again.age).not.toBeNull(); // Apollo's response cache answered
    }
    expect(journal()).toBe(calls);
    // No loader ran: the read cache saw no lookup, hit or miss.
    expect(await lookups(server)).toBe(executed);
  });

  it('a cancel through the API, then a read: the fresh answer (CANCELLED)', async () => {
    const id = await schedule(server, 'Cancelled later');
    expect((await post(server, READ, { id })).data!.meeting).toMatchObject({ status: 'INIT' });
    expect((await post(server, READ, { id })).age).not.toBeNull();
    await cancel(server, id);
    const after = await post(server, READ, { id });
    expect(after.errors).toBeUndefined();
    expect(after.data!.meeting).toMatchObject({ status: 'CANCELLED' });
    expect(after.age).toBeNull();
  });

  it('answers with errors and mutations are never kept', async () => {
    const missing = 'query { meeting(id: "not-an-id") { id } }';
    const first = await post(server, missing);
    expect(first.errors).toBeDefined();
    const again = await post(server, missing);
    expect(again.errors).toBeDefined();
    expect(again.age).toBeNull();
  });
});

describe('response cache off with READ_CACHE_TTL_SECONDS=0', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { READ_CACHE_TTL_SECONDS: '0' } });
  });
  afterAll(() => server?.close());

  it('every read executes', async () => {
    const id = await schedule(server, 'Never kept');
    const tencent = server.emulators[Provider.TENCENT_MEETING]!;
    await post(server, READ, { id });
    const calls = tencent.requests().length;
    const again = await post(server, READ, { id });
    expect(again.age).toBeNull();
    expect(tencent.requests().length).toBe(calls + 1);
  });
});

const available = redisAvailable();
if (!available) {
  process.stderr.write('SKIPPED response cache on Redis: redis-server is not installed\n');
}

(available ? describe : describe.skip)('response cache over three instances on Redis', () => {
  let redis: TestRedis;
  let emulator: Awaited<ReturnType<typeof startTencentMeetingEmulator>>;
  let servers: TestServer[] = [];
  const credentials = {
    appId: '200000078',
    sdkId: '',
    secretId: 'response-cache-secret-id',
    secretKey: 'response-cache-secret-key-5b2e',
  };

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startTencentMeetingEmulator({ credentials });
    const env = {
      REDIS_URL: redis.url,
      TENCENT_MEETING_BASE_URL: emulator.url,
      TENCENT_MEETING_APP_ID: credentials.appId,
      TENCENT_MEETING_SECRET_ID: credentials.secretId,
      TENCENT_MEETING_SECRET_KEY: credentials.secretKey,
      READ_CACHE_TTL_SECONDS: '30',
    };
    for (let i = 0; i < 3; i += 1) servers.push(await startTestServer({ env }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
    await emulator?.close();
    await redis?.close();
  });

  it('whole answers are shared, and a cancel through A is what B and C read at once', async () => {
    const [a, b, c] = servers as [TestServer, TestServer, TestServer];
    const id = await schedule(a, 'Shared whole answer');
    // Each instance's generation is the create's message id once it arrived; then one whole
    // answer serves all three.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await post(b, READ, { id })).data!.meeting).toMatchObject({ status: 'INIT' });
    const calls = emulator.requests().length;
    for (const server of [b, c, a]) {
      const hit = await post(server, READ, { id });
      expect(hit.data!.meeting).toMatchObject({ status: 'INIT' });
      expect(hit.age).not.toBeNull();
    }
    expect(emulator.requests().length).toBe(calls);
    await cancel(a, id);
    for (const server of [b, c, a]) {
      const after = await post(server, READ, { id });
      expect(after.errors).toBeUndefined();
      expect(after.data!.meeting).toMatchObject({ status: 'CANCELLED' });
    }
  });
});

describe('response cache with AUTH_MODE=jwt', () => {
  let server: TestServer;
  const token = (sub: string, scope: string) =>
    new SignJWT({ scope })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(SECRET));
  beforeAll(async () => {
    server = await startTestServer({
      env: { AUTH_MODE: 'jwt', AUTH_JWT_SECRET: SECRET, READ_CACHE_TTL_SECONDS: '30' },
    });
  });
  afterAll(() => server?.close());

  it("an organizer's kept answer with host secrets is never served to a stranger", async () => {
    const alice = {
      authorization: `Bearer ${await token('alice', 'meetings:read meetings:write')}`,
    };
    const mallory = { authorization: `Bearer ${await token('mallory', 'meetings:read')}` };
    const id = await schedule(server, 'Secrets', alice);
    // Tencent reads answer no host key (null for everyone), but a stranger is refused it; the
    // join password is the organizer's to see.
    const query = 'query($id: ID!) { meeting(id: $id) { id hostKey password } }';
    const first = await post(server, query, { id }, alice);
    expect(first.errors).toBeUndefined();
    expect(first.data!.meeting).toEqual({ id, hostKey: null, password: JOIN_PASSWORD });
    const kept = await post(server, query, { id }, alice);
    expect(kept.age).not.toBeNull();
    expect(kept.data).toEqual(first.data);
    for (let i = 0; i < 2; i += 1) {
      const stranger = await post(server, query, { id }, mallory);
      expect(stranger.data!.meeting).toEqual({ id, hostKey: null, password: null });
      expect(stranger.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(stranger.age).toBeNull();
    }
    // A stranger with the organizer's scopes is still not the organizer.
    const bob = { authorization: `Bearer ${await token('bob', 'meetings:read meetings:write')}` };
    const other = await post(server, query, { id }, bob);
    expect(other.data!.meeting).toEqual({ id, hostKey: null, password: null });
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(other.age).toBeNull();
  });
});
