import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GraphQLFormattedError } from 'graphql';
import { SignJWT } from 'jose';

import type { EmulatorHandle, JournalEntry } from '../../src/emulators/emulator-server.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';
import { minutesFromNow, startTestServer, type TestServer } from '../helpers/start-test-server.js';

/**
 * The quota governor and the read cache on one instance (scale-out issue, parts 2–5;
 * docs/scale-out.md): driven at ten times a small budget the provider never sees more than the
 * budget and never answers its rate-limit error; past the budget reads are refused locally and a
 * write still goes; hot reads cost a fraction of a provider call; answers carry Cache-Control;
 * a cache hit still hides host secrets from callers who may not see them.
 */

const BUDGET = 60;
const SECRET = 'quota-and-cache-test-secret-0123456789-abcdef';

interface Answer {
  status: number;
  cacheControl: string | null;
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
  return { ...answer, cacheControl: answer.headers.get('cache-control') };
}

const tencent = (server: TestServer): EmulatorHandle => server.emulators[Provider.TENCENT_MEETING]!;
const calls = (server: TestServer, operation: string): JournalEntry[] =>
  tencent(server).calls(operation);
/** Journal entries after `mark` (the journal length then): emulator resets would forget the meetings. */
const since = (server: TestServer, mark: number, operation?: string): JournalEntry[] =>
  tencent(server)
    .requests()
    .slice(mark)
    .filter((e) => operation === undefined || e.operation === operation);
const mark = (server: TestServer) => tencent(server).requests().length;

/** The largest number of journal entries in any 60-s window. */
function maxPerMinute(entries: JournalEntry[]): number {
  const times = entries.map((e) => Date.parse(e.time)).sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= 60_000) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

const MEETING = `id providerId subject status startTime endTime organizer hosts meetingCode
  mediaSettings { muteOnJoin } occurrences { id startTime endTime status }`;

async function schedule(server: TestServer, subject: string, headers = {}): Promise<Answer> {
  return post(
    server,
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { ${MEETING} } }`,
    {
      input: {
        provider: 'TENCENT_MEETING',
        subject,
        startTime: minutesFromNow(24 * 60),
        endTime: minutesFromNow(24 * 60 + 60),
        organizer: 'alice',
        hosts: ['alice'],
        recurrence: { frequency: 'DAILY', count: 2 },
      },
    },
    headers,
  );
}

const idOf = (answer: Answer) => (answer.data!.scheduleMeeting as { id: string }).id;

describe('quota governor (one instance)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        TENCENT_MEETING_RATE_LIMIT_PER_MINUTE: String(BUDGET),
        READ_CACHE_TTL_SECONDS: '0',
      },
    });
    tencent(server).setRateLimit(BUDGET);
  });
  afterAll(() => server?.close());

  it('600 reads at ten times the budget: the provider sees at most the budget, never its own limit; the rest are refused locally and a write still goes', async () => {
    const ids = Array.from({ length: 600 }, (_, i) =>
      meetingGlobalId(Provider.TENCENT_MEETING, String(10n ** 19n + BigInt(i)), 'alice'),
    );
    const answers: Answer[] = [];
    let write: Answer | undefined;
    for (let wave = 0; wave < ids.length; wave += 30) {
      if (wave === 300) write = await schedule(server, 'During the storm');
      answers.push(
        ...(await Promise.all(
          ids
            .slice(wave, wave + 30)
            .map((id) => post(server, 'query($id: ID!) { meeting(id: $id) { id } }', { id })),
        )),
      );
    }
    const refused = answers.filter(
      (a) => a.errors?.[0]?.extensions?.code === 'PROVIDER_RATE_LIMITED',
    );
    const sent = answers.length - refused.length;
    expect(refused.length).toBeGreaterThan(400);
    for (const answer of refused) {
      expect(answer.errors![0]!.extensions).toMatchObject({
        provider: 'TENCENT_MEETING',
        providerCode: null,
      });
      expect(answer.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    // A refused read made no provider call: the journal has exactly the reads that were sent.
    expect(calls(server, 'getMeeting')).toHaveLength(sent + 1); // + the write's read-back
    // The write and its read-back went through the reserve.
    expect(write?.errors).toBeUndefined();
    expect(calls(server, 'createMeeting')).toHaveLength(1);
    const journal = tencent(server).requests();
    expect(journal.filter((e) => e.rateLimited)).toEqual([]);
    expect(maxPerMinute(journal)).toBeLessThanOrEqual(BUDGET);
  }, 180_000);
});

describe('read cache (one instance)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { READ_CACHE_TTL_SECONDS: '30' } });
  });
  afterAll(() => server?.close());

  it('50 concurrent reads of one meeting make one provider read, and a hit answers what a miss did (dates included)', async () => {
    const id = idOf(await schedule(server, 'Coalesced'));
    const start = mark(server);
    const read = () => post(server, `query($id: ID!) { meeting(id: $id) { ${MEETING} } }`, { id });
    const answers = await Promise.all(Array.from({ length: 50 }, read));
    // The create's read-back is a provider answer, but not one the cache keeps (writes invalidate).
    expect(since(server, start, 'getMeeting')).toHaveLength(1);
    const later = await read();
    expect(since(server, start, 'getMeeting')).toHaveLength(1);
    for (const answer of [...answers, later]) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(answers[0]!.data);
    }
    const meeting = later.data!.meeting as { startTime: string; occurrences: unknown[] };
    expect(meeting.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(meeting.occurrences).toHaveLength(2);
  });

  it('hot reads over a small set cost well under 0.1 provider calls per read', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(idOf(await schedule(server, `Hot ${i}`)));
    const start = mark(server);
    let served = 0;
    for (let wave = 0; wave < 20; wave += 1) {
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          post(server, 'query($id: ID!) { meeting(id: $id) { id status } }', { id: ids[i % 5] }),
        ),
      );
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      served += answers.length;
    }
    const upstream = since(server, start).length;
    expect(served).toBe(500);
    expect(upstream / served).toBeLessThan(0.1);
    expect(upstream).toBeLessThanOrEqual(5);
  }, 180_000);

  it('a write through the API is visible to the next read at once; lookups by code are cached too', async () => {
    const scheduled = await schedule(server, 'Written');
    const { id, meetingCode } = scheduled.data!.scheduleMeeting as {
      id: string;
      meetingCode: string;
    };
    const start = mark(server);
    const byCode = () =>
      post(
        server,
        'query($code: String!) { meetingByCode(provider: TENCENT_MEETING, meetingCode: $code, organizer: "alice") { id status } }',
        { code: meetingCode },
      );
    expect((await byCode()).data!.meetingByCode).toMatchObject({ id, status: 'INIT' });
    // (Tencent's data source may read by code twice for one lookup: the creator's view.)
    const first = since(server, start).length;
    expect(first).toBeGreaterThan(0);
    expect((await byCode()).data!.meetingByCode).toMatchObject({ id, status: 'INIT' });
    expect(since(server, start)).toHaveLength(first);
    const cancelled = await post(
      server,
      'mutation($id: ID!) { cancelMeeting(id: $id) { status } }',
      { id },
    );
    expect(cancelled.data!.cancelMeeting).toEqual({ status: 'CANCELLED' });
    const read = await post(server, 'query($id: ID!) { meeting(id: $id) { status } }', { id });
    expect(read.data!.meeting).toEqual({ status: 'CANCELLED' });
    expect((await byCode()).data!.meetingByCode).toMatchObject({ status: 'CANCELLED' });
  });

  it('reads say Cache-Control max-age (the TTL), mutations and errors no-store', async () => {
    const scheduled = await schedule(server, 'Headers');
    expect(scheduled.cacheControl).toBe('no-store');
    const id = idOf(scheduled);
    const read = await post(
      server,
      'query($id: ID!) { meeting(id: $id) { id subject mediaSettings { muteOnJoin } } }',
      { id },
    );
    expect(read.cacheControl).toBe('max-age=30, public');
    const bad = await post(server, 'query { meeting(id: "nope") { id } }');
    expect(bad.cacheControl).toBe('no-store');
  });
});

describe('read cache with AUTH_MODE=jwt', () => {
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

  it('a cache hit still hides host secrets from a stranger, shows them to the organizer, and is private', async () => {
    const alice = {
      authorization: `Bearer ${await token('alice', 'meetings:read meetings:write')}`,
    };
    const mallory = { authorization: `Bearer ${await token('mallory', 'meetings:read')}` };
    const id = idOf(await schedule(server, 'Secrets', alice));
    const start = mark(server);
    const query = 'query($id: ID!) { meeting(id: $id) { id hostKey startUrl } }';
    const first = await post(server, query, { id }, alice);
    expect(first.errors).toBeUndefined();
    for (let i = 0; i < 2; i += 1) {
      const stranger = await post(server, query, { id }, mallory);
      expect(stranger.data!.meeting).toEqual({ id, hostKey: null, startUrl: null });
      expect(stranger.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    }
    const again = await post(server, query, { id }, alice);
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(since(server, start, 'getMeeting')).toHaveLength(1);
    const plain = await post(server, 'query($id: ID!) { meeting(id: $id) { id } }', { id }, alice);
    expect(plain.cacheControl).toBe('max-age=30, private');
  });
});
