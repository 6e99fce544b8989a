import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GraphQLFormattedError } from 'graphql';

import type { JournalEntry } from '../../src/emulators/emulator-server.js';
import {
  startTencentMeetingEmulator,
  type TencentMeetingEmulatorHandle,
} from '../../src/emulators/tencent-meeting/index.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/start-redis.js';
import { minutesFromNow, startTestServer, type TestServer } from '../helpers/start-test-server.js';

/**
 * The quota governor and the read cache across THREE instances sharing Redis, Tencent LIVE
 * against one standalone emulator that enforces the budget as its limit (scale-out issue,
 * parts 2–5; docs/scale-out.md): one provider read for concurrent reads on all instances, a write
 * through one instance seen through another at once, and at ten times the budget the provider
 * sees at most the budget and never answers its rate-limit error.
 */

const BUDGET = 60;
const TENCENT = {
  appId: '200000077',
  sdkId: '',
  secretId: 'quota-tencent-secret-id',
  secretKey: 'quota-tencent-secret-key-7a1c',
};

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

function post(
  server: TestServer,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  return server.executeText(query, variables);
}

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

const available = redisAvailable();
if (!available) {
  process.stderr.write('SKIPPED scale-out quota/cache tests: redis-server is not installed\n');
}

(available ? describe : describe.skip)('three instances on Redis: quota and read cache', () => {
  let redis: TestRedis;
  let tencent: TencentMeetingEmulatorHandle;
  let servers: TestServer[] = [];
  const since = (mark: number, operation?: string) =>
    tencent
      .requests()
      .slice(mark)
      .filter((e) => operation === undefined || e.operation === operation);

  beforeAll(async () => {
    redis = await startRedis();
    tencent = await startTencentMeetingEmulator({
      credentials: TENCENT,
      rateLimitPerMinute: BUDGET,
    });
    const env = {
      REDIS_URL: redis.url,
      TENCENT_MEETING_BASE_URL: tencent.url,
      TENCENT_MEETING_APP_ID: TENCENT.appId,
      TENCENT_MEETING_SECRET_ID: TENCENT.secretId,
      TENCENT_MEETING_SECRET_KEY: TENCENT.secretKey,
      TENCENT_MEETING_RATE_LIMIT_PER_MINUTE: String(BUDGET),
      READ_CACHE_TTL_SECONDS: '30',
    };
    for (let i = 0; i < 3; i += 1) servers.push(await startTestServer({ env }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
    await tencent?.close();
    await redis?.close();
  });

  const schedule = async (server: TestServer, subject: string) => {
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
        },
      },
    );
    expect(answer.errors).toBeUndefined();
    return (answer.data!.scheduleMeeting as { id: string }).id;
  };
  const read = (server: TestServer, id: string) =>
    post(server, 'query($id: ID!) { meeting(id: $id) { id subject status startTime } }', { id });

  it('51 concurrent reads of one meeting over three instances make one provider read', async () => {
    const id = await schedule(servers[0]!, 'Shared');
    const start = tencent.requests().length;
    const answers = await Promise.all(
      Array.from({ length: 51 }, (_, i) => read(servers[i % 3]!, id)),
    );
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(answers[0]!.data);
    }
    expect(since(start, 'getMeeting')).toHaveLength(1);
  });

  it('a cancel through instance A is what instance B reads at once', async () => {
    const id = await schedule(servers[0]!, 'Written through A');
    const before = await read(servers[1]!, id);
    expect(before.data!.meeting).toMatchObject({ status: 'INIT' });
    expect((await read(servers[2]!, id)).data!.meeting).toMatchObject({ status: 'INIT' });
    const cancelled = await post(
      servers[0]!,
      'mutation($id: ID!) { cancelMeeting(id: $id) { status } }',
      { id },
    );
    expect(cancelled.data!.cancelMeeting).toEqual({ status: 'CANCELLED' });
    expect((await read(servers[1]!, id)).data!.meeting).toMatchObject({ status: 'CANCELLED' });
    expect((await read(servers[2]!, id)).data!.meeting).toMatchObject({ status: 'CANCELLED' });
  });

  it('600 reads of distinct ids at ten times the budget: the emulator never exceeds it nor refuses', async () => {
    const start = tencent.requests().length;
    const ids = Array.from({ length: 600 }, (_, i) =>
      meetingGlobalId(Provider.TENCENT_MEETING, String(2n * 10n ** 19n + BigInt(i)), 'alice'),
    );
    const answers: Answer[] = [];
    for (let wave = 0; wave < ids.length; wave += 30) {
      answers.push(
        ...(await Promise.all(
          ids
            .slice(wave, wave + 30)
            .map((id, i) =>
              post(servers[i % 3]!, 'query($id: ID!) { meeting(id: $id) { id } }', { id }),
            ),
        )),
      );
    }
    const refused = answers.filter(
      (a) => a.errors?.[0]?.extensions?.code === 'PROVIDER_RATE_LIMITED',
    );
    for (const answer of refused) {
      expect(answer.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    expect(refused.length).toBeGreaterThan(400);
    expect(since(start, 'getMeeting')).toHaveLength(answers.length - refused.length);
    const journal = tencent.requests();
    expect(journal.filter((e) => e.rateLimited)).toEqual([]);
    expect(maxPerMinute(journal)).toBeLessThanOrEqual(BUDGET);
  }, 180_000);
});
