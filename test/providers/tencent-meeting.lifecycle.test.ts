import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';

import {
  startTencentMeetingEmulator,
  type TencentMeetingEmulatorHandle,
} from '../../src/emulators/tencent-meeting/index.js';
import type {
  ListQuery,
  MeetingProvider,
  ProviderModule,
} from '../../src/providers/meeting-provider.js';
import { createTencentMeetingModule } from '../../src/providers/tencent-meeting/index.js';
import { ListState } from '../../src/schema/enums/list-state.enum.js';
import { ProviderMode } from '../../src/schema/enums/provider-mode.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import type { Meeting } from '../../src/schema/types/meeting.type.js';
import { TEST_CREDENTIALS } from '../fixtures/tencent-meeting/signed-request.js';

/*
 * The Tencent data source's issue-12 operations against the emulator, below GraphQL: the list's
 * positions over provider pages that repeat, and the update's calls (PUT, then a read back).
 */

const HOUR_MS = 3_600_000;
let emulator: TencentMeetingEmulatorHandle;
let module: ProviderModule;
let source: MeetingProvider;

beforeAll(async () => {
  emulator = await startTencentMeetingEmulator({ credentials: { ...TEST_CREDENTIALS } });
  module = createTencentMeetingModule({
    config: {
      mode: ProviderMode.LIVE,
      baseUrl: emulator.url,
      credentials: { ...TEST_CREDENTIALS },
    },
    timeoutMs: 3000,
    log: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await module.close();
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  source = module.createDataSource({ requestId: 'test', log: pino({ level: 'silent' }) });
});

const schedule = (subject: string, start: number) =>
  source.scheduleMeeting({
    provider: Provider.TENCENT_MEETING,
    organizer: 'ds-alice',
    subject,
    startTime: new Date(start),
    endTime: new Date(start + HOUR_MS / 2),
  });

const query = (overrides: Partial<ListQuery<Meeting>> = {}): ListQuery<Meeting> => ({
  organizer: 'ds-alice',
  state: ListState.UPCOMING,
  first: 7,
  details: () => Promise.resolve([]),
  ...overrides,
});

describe('listMeetings (UPCOMING)', () => {
  it('resumes from each position: every meeting once, in order, over repeating pages', async () => {
    const base = Math.ceil(Date.now() / HOUR_MS) * HOUR_MS + 24 * HOUR_MS;
    const created: Meeting[] = [];
    // Four to a second, 42 in all: each provider page ends inside a shared second.
    for (let i = 0; i < 42; i += 1)
      created.push(await schedule(`m${i}`, base + Math.floor(i / 4) * 60_000));
    const seen: string[] = [];
    let after: string | undefined;
    for (let n = 0; n < 10; n += 1) {
      const page = await source.listMeetings(query({ after }));
      seen.push(...page.items.map((i) => i.node.providerId));
      after = page.items.at(-1)?.position;
      if (!page.hasNextPage) break;
    }
    expect(new Set(seen).size).toBe(42);
    expect(seen).toHaveLength(42);
    const starts = seen.map((id) => created.find((m) => m.providerId === id)!.startTime.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('filters by from/to on the start time', async () => {
    const base = Date.now() + 24 * HOUR_MS;
    await schedule('early', base);
    const middle = await schedule('middle', base + 2 * HOUR_MS);
    await schedule('late', base + 4 * HOUR_MS);
    const page = await source.listMeetings(
      query({ from: new Date(base + HOUR_MS), to: new Date(base + 3 * HOUR_MS) }),
    );
    expect(page.items.map((i) => i.node.id)).toEqual([middle.id]);
    expect(page.hasNextPage).toBe(false);
  });

  it('refuses a position it did not give out, naming after', async () => {
    await expect(source.listMeetings(query({ after: 'page-2' }))).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });
});

describe('updateMeeting', () => {
  it('sends one PUT and reads the meeting back (the PUT answer is partial)', async () => {
    const m = await schedule('before', Date.now() + 24 * HOUR_MS);
    const before = emulator.requests().length;
    const updated = await source.updateMeeting(
      { providerId: m.providerId, organizer: 'ds-alice' },
      { subject: 'after' },
    );
    expect(updated.subject).toBe('after');
    expect(
      emulator
        .requests()
        .slice(before)
        .map((r) => r.operation),
    ).toEqual(['updateMeeting', 'getMeeting']);
  });

  it('reads first when an end alone is given, and refuses one before the start with no write', async () => {
    const start = Date.now() + 24 * HOUR_MS;
    const m = await schedule('times', start);
    await expect(
      source.updateMeeting(
        { providerId: m.providerId, organizer: 'ds-alice' },
        { endTime: new Date(start - HOUR_MS) },
      ),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.endTime' } });
    expect(emulator.calls('updateMeeting')).toHaveLength(0);
  });
});
