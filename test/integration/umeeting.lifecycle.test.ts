import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  ListState,
  MeetingStatus,
  Provider as GqlProvider,
  RecurrenceFrequency,
  UmCancelDocument,
  UmEndDocument,
  UmGetDocument,
  UmListDocument,
  UmScheduleDocument,
  UmStartInstantDocument,
  UmUpdateDocument,
  UmUpdateOccurrenceDocument,
  Weekday,
  type ScheduleMeetingInput,
  type UmListQuery,
} from '../__generated__/operations.js';
import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import {
  startUmeetingEmulator,
  type UmeetingEmulatorHandle,
} from '../../src/emulators/umeeting/index.js';
import { formatUmeetingTime } from '../../src/emulators/umeeting/time.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { expectFaultsConsumed } from '../helpers/emulator-assertions.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';

/**
 * umeeting's lifecycle through GraphQL (issue 12): updateMeeting (`/share/update`, read before
 * when the times are not both given, read back after), listMeetings (`/share/list`,
 * `/share/history`, every provider page read and sorted, details through `/share/get`),
 * reconciliation of a lost create through the list, and the seed fields. SANDBOX, and LIVE
 * against a standalone emulator. Upstream calls are counted in the emulator journal.
 */

const ORGANIZER = 'alice';
const input = (overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput => ({
  provider: GqlProvider.Umeeting,
  subject: 'Planning',
  startTime: minutesFromNow(2 * 24 * 60),
  endTime: minutesFromNow(2 * 24 * 60 + 60),
  organizer: ORGANIZER,
  capacity: 8,
  ...overrides,
});

/** Operation names in the journal since the last reset, in order. */
const journal = (emulator: UmeetingEmulatorHandle) => emulator.requests().map((r) => r.operation);

/** Books straight at the emulator (not through us): the organizer's list to page through. */
async function bookDirect(
  emulator: UmeetingEmulatorHandle,
  credentials: { apiKey: string; apiSecret: string },
  fields: { topic: string; start: Date; userKey: string },
): Promise<string> {
  const response = await fetch(`${emulator.url}/umeeting/share/schedule`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      api_key: credentials.apiKey,
      api_secret: credentials.apiSecret,
      topic: fields.topic,
      meeting_capacity: '5',
      start_time: formatUmeetingTime(fields.start, emulator.timeZone),
      duration: '45',
      user_key: fields.userKey,
    }).toString(),
  });
  const body = (await response.json()) as { status: number; data: { meeting_id: string } };
  expect(body.status).toBe(200);
  return body.data.meeting_id;
}

type Edge = UmListQuery['listMeetings']['edges'][number];

/** Every page of a list, `first` at a time; `between` runs after the first page. */
async function listAll(
  server: TestServer,
  filter: { state?: ListState; organizer?: string },
  first: number,
  between?: (edges: Edge[]) => Promise<void>,
): Promise<{ edges: Edge[]; pages: number }> {
  const edges: Edge[] = [];
  let after: string | null | undefined;
  let pages = 0;
  for (;;) {
    const result = await server.execute(UmListDocument, {
      filter: { provider: GqlProvider.Umeeting, organizer: ORGANIZER, ...filter },
      first,
      after,
    });
    expect(result.errors).toBeUndefined();
    const page = result.data!.listMeetings;
    edges.push(...page.edges);
    pages += 1;
    if (pages === 1 && between) await between(page.edges);
    if (!page.pageInfo.hasNextPage) {
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      return { edges, pages };
    }
    after = page.pageInfo.endCursor;
    expect(pages).toBeLessThan(20);
  }
}

describe('umeeting lifecycle through GraphQL (SANDBOX)', () => {
  let server: TestServer;
  let emulator: UmeetingEmulatorHandle;
  const creds = SANDBOX_CREDENTIALS.umeeting;

  beforeAll(async () => {
    server = await startTestServer();
    emulator = server.emulators[Provider.UMEETING] as UmeetingEmulatorHandle;
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());

  const schedule = async (overrides: Partial<ScheduleMeetingInput> = {}) => {
    const result = await server.execute(UmScheduleDocument, { input: input(overrides) });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleMeeting;
  };

  describe('updateMeeting (/umeeting/share/update)', () => {
    it('changes only the fields given: a read for the times, the update, a read back', async () => {
      const created = await schedule({
        password: '1234',
        hostName: 'Alice',
        mediaSettings: { muteOnJoin: true, waitingRoom: true },
      });
      const before = emulator.requests().length;
      const result = await server.execute(UmUpdateDocument, {
        id: created.id,
        input: { subject: 'Renamed', mediaSettings: { waitingRoom: false } },
      });
      expect(result.errors).toBeUndefined();
      const updated = result.data!.updateMeeting;
      expect(updated).toMatchObject({
        id: created.id,
        subject: 'Renamed',
        password: '1234',
        startTime: created.startTime,
        endTime: created.endTime,
        capacity: 8,
        organizer: ORGANIZER,
      });
      expect(updated.mediaSettings).toMatchObject({ muteOnJoin: true, waitingRoom: false });
      expect(journal(emulator).slice(before)).toEqual([
        'getMeeting',
        'updateMeeting',
        'getMeeting',
      ]);

      const read = await server.execute(UmGetDocument, { id: created.id });
      expect(read.data!.meeting).toMatchObject({
        subject: 'Renamed',
        password: '1234',
        startTime: created.startTime,
      });
    });

    it('moves a meeting given both ends with no read before: the update and a read back', async () => {
      const created = await schedule();
      const startTime = minutesFromNow(3 * 24 * 60);
      const endTime = minutesFromNow(3 * 24 * 60 + 90);
      const before = emulator.requests().length;
      const result = await server.execute(UmUpdateDocument, {
        id: created.id,
        input: { startTime, endTime, hostName: 'Host B' },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.updateMeeting).toMatchObject({
        startTime: new Date(startTime).toISOString(),
        endTime: new Date(endTime).toISOString(),
        subject: 'Planning',
      });
      expect(journal(emulator).slice(before)).toEqual(['updateMeeting', 'getMeeting']);
      expect(emulator.state.meetings.get(created.providerId)!.hostName).toBe('Host B');
    });

    it('a start alone keeps the length (it moves)', async () => {
      const created = await schedule();
      const startTime = minutesFromNow(5 * 24 * 60);
      const result = await server.execute(UmUpdateDocument, {
        id: created.id,
        input: { startTime },
      });
      expect(result.errors).toBeUndefined();
      const m = result.data!.updateMeeting;
      expect(m.startTime).toBe(new Date(startTime).toISOString());
      expect(Date.parse(m.endTime!) - Date.parse(m.startTime)).toBe(60 * 60_000);
    });

    it('turns a one-off into a weekly series and back with recurrence: null', async () => {
      const created = await schedule();
      const series = await server.execute(UmUpdateDocument, {
        id: created.id,
        input: {
          recurrence: {
            frequency: RecurrenceFrequency.Weekly,
            weekDays: [Weekday.Monday, Weekday.Friday],
            count: 3,
          },
        },
      });
      expect(series.errors).toBeUndefined();
      expect(series.data!.updateMeeting.recurrence).toMatchObject({
        frequency: RecurrenceFrequency.Weekly,
        weekDays: [Weekday.Monday, Weekday.Friday],
        count: 3,
      });
      expect(series.data!.updateMeeting.occurrences).toHaveLength(3);

      const oneOff = await server.execute(UmUpdateDocument, {
        id: created.id,
        input: { recurrence: null },
      });
      expect(oneOff.errors).toBeUndefined();
      expect(oneOff.data!.updateMeeting.recurrence).toBeNull();
      expect(oneOff.data!.updateMeeting.occurrences).toEqual([]);
      const read = await server.execute(UmGetDocument, { id: created.id });
      expect(read.data!.meeting!.recurrence).toBeNull();
      expect(emulator.calls('updateMeeting')).toHaveLength(2);
    });

    it('switches live streaming off with live: null', async () => {
      const created = await schedule({ live: {} });
      expect(created.live).toMatchObject({ enabled: true });
      const result = await server.execute(UmUpdateDocument, {
        id: created.id,
        input: { live: null },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.updateMeeting.live).toMatchObject({ enabled: false });
    });

    it('refuses before any request: a null it cannot clear, fields it cannot change, bad times', async () => {
      const created = await schedule();
      const before = emulator.requests().length;
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ password: null }, 'UNSUPPORTED_BY_PROVIDER', 'input.password'],
        [{ capacity: null }, 'UNSUPPORTED_BY_PROVIDER', 'input.capacity'],
        [
          { mediaSettings: { hostVideoOnJoin: true } },
          'UNSUPPORTED_BY_PROVIDER',
          'input.mediaSettings.hostVideoOnJoin',
        ],
        [{ timeZone: 'Europe/Paris' }, 'UNSUPPORTED_BY_PROVIDER', 'input.timeZone'],
        [
          { startTime: minutesFromNow(3 * 24 * 60), endTime: minutesFromNow(3 * 24 * 60 + 20) },
          'BAD_USER_INPUT',
          'input.endTime',
        ],
      ];
      for (const [change, code, field] of cases) {
        const result = await server.execute(UmUpdateDocument, {
          id: created.id,
          input: change as never,
        });
        const ext = result.errors?.[0]?.extensions;
        expect({ change, code: ext?.code }).toEqual({ change, code });
        expect([ext?.field, ...((ext?.fields as string[]) ?? [])]).toContain(field);
      }
      expect(emulator.requests()).toHaveLength(before);
    });

    it('maps the provider refusing a cancelled or an ended meeting', async () => {
      const cancelled = await schedule();
      await server.execute(UmCancelDocument, { id: cancelled.id });
      const ended = await schedule();
      await server.execute(UmEndDocument, { id: ended.id });
      const times = {
        startTime: minutesFromNow(3 * 24 * 60),
        endTime: minutesFromNow(3 * 24 * 60 + 60),
      };
      for (const [meeting, why] of [
        [cancelled, /deleted/],
        [ended, /ended/],
      ] as const) {
        const before = emulator.calls('updateMeeting').length;
        const result = await server.execute(UmUpdateDocument, { id: meeting.id, input: times });
        expect(errorCode(result)).toBe('PROVIDER_REJECTED');
        expect(result.errors![0]!.message).toMatch(why);
        expect(emulator.calls('updateMeeting').length - before).toBe(1);
      }
    });

    it('an unknown meeting is NOT_FOUND with nothing written', async () => {
      const created = await schedule();
      await server.execute(UmCancelDocument, { id: created.id });
      emulator.state.meetings.delete(created.providerId);
      const result = await server.execute(UmUpdateDocument, {
        id: created.id,
        input: { subject: 'x' },
      });
      expect(errorCode(result)).toBe('NOT_FOUND');
      expect(emulator.calls('updateMeeting')).toHaveLength(0);
    });

    it('a lost answer is OUTCOME_UNKNOWN with exactly one update sent (never retried)', async () => {
      const created = await schedule();
      emulator.faults.add({ kind: 'drop', operation: 'updateMeeting' });
      const result = await server.execute(UmUpdateDocument, {
        id: created.id,
        input: { subject: 'Lost' },
      });
      expect(errorCode(result)).toBe('OUTCOME_UNKNOWN');
      expect(emulator.calls('updateMeeting')).toHaveLength(1);
      // The update was applied (`phase: after`): only its answer was lost.
      expect(emulator.state.meetings.get(created.providerId)!.topic).toBe('Lost');
      expectFaultsConsumed([emulator]);
    });

    it('the same idempotencyKey twice sends one update and answers the first result', async () => {
      const created = await schedule();
      const change = { subject: 'Once', idempotencyKey: 'um-update-1' };
      const first = await server.execute(UmUpdateDocument, { id: created.id, input: change });
      const second = await server.execute(UmUpdateDocument, { id: created.id, input: change });
      expect(first.errors).toBeUndefined();
      expect(second.data).toEqual(first.data);
      expect(emulator.calls('updateMeeting')).toHaveLength(1);
    });

    it('moves no single occurrence: the series changes as a whole only', async () => {
      const created = await schedule({
        recurrence: { frequency: RecurrenceFrequency.Daily, count: 3 },
      });
      const before = emulator.requests().length;
      const result = await server.execute(UmUpdateOccurrenceDocument, {
        id: created.occurrences[1]!.id,
        input: {
          startTime: minutesFromNow(4 * 24 * 60),
          endTime: minutesFromNow(4 * 24 * 60 + 60),
        },
      });
      expect(errorCode(result)).toBe('UNSUPPORTED_BY_PROVIDER');
      expect(emulator.requests()).toHaveLength(before);
    });
  });

  describe('listMeetings (/umeeting/share/list, /umeeting/share/history)', () => {
    it('pages through more than two provider pages: each meeting once, in start order', async () => {
      // 65 meetings (3 provider pages of 30), booked out of order; and someone else's.
      const base = Date.parse(minutesFromNow(24 * 60));
      const order = Array.from({ length: 65 }, (_, i) => (i * 37) % 65);
      const ids = new Map<number, string>();
      for (const n of order) {
        const start = new Date(base + n * 3_600_000);
        ids.set(
          n,
          await bookDirect(emulator, creds, { topic: `M${n}`, start, userKey: ORGANIZER }),
        );
      }
      await bookDirect(emulator, creds, { topic: 'Other', start: new Date(base), userKey: 'bob' });
      const wanted = [...ids.keys()].sort((a, b) => a - b).map((n) => ids.get(n)!);
      const booked = emulator.requests().length;

      const { edges, pages } = await listAll(server, {}, 25);
      expect(pages).toBe(3);
      expect(edges.map((e) => e.node.providerId)).toEqual(wanted);
      expect(edges.map((e) => e.node.subject)).toEqual(wanted.map((_, i) => `M${i}`));
      expect(edges[0]!.node).toMatchObject({ organizer: ORGANIZER, capacity: 5 });
      // Each GraphQL page reads the 3 provider pages, and each listed meeting is read in full.
      const calls = journal(emulator).slice(booked);
      expect(calls.filter((c) => c === 'listMeetings')).toHaveLength(9);
      expect(calls.filter((c) => c === 'getMeeting')).toHaveLength(65);
      // The host key the list pages carry is never logged.
      const hostKeys = [...emulator.state.meetings.values()].map((m) => `"${m.hostKey}"`);
      const logs = server.logs.join('\n');
      for (const key of hostKeys) expect(logs).not.toContain(key);
    });

    it('`after` resumes after its meeting even when the provider pages shift', async () => {
      const base = Date.parse(minutesFromNow(24 * 60));
      for (let n = 0; n < 40; n += 1) {
        await bookDirect(emulator, creds, {
          topic: `S${n}`,
          start: new Date(base + (39 - n) * 3_600_000),
          userKey: ORGANIZER,
        });
      }
      const seen = await listAll(server, {}, 10, async (firstPage) => {
        // Two meetings of the first page go (the provider's pages shift by two) and one
        // earlier than everything listed so far arrives: neither repeats nor skips the rest.
        for (const edge of firstPage.slice(0, 2)) {
          await server.execute(UmCancelDocument, { id: edge.node.id });
        }
        await bookDirect(emulator, creds, {
          topic: 'Early',
          start: new Date(base - 3_600_000),
          userKey: ORGANIZER,
        });
      });
      const subjects = seen.edges.map((e) => e.node.subject);
      expect(subjects).toEqual(Array.from({ length: 40 }, (_, i) => `S${39 - i}`));
      expect(new Set(seen.edges.map((e) => e.node.id)).size).toBe(40);
    });

    it('filters on from/to, and answers hasNextPage false on the last page', async () => {
      const base = Date.parse(minutesFromNow(24 * 60));
      for (let n = 0; n < 6; n += 1) {
        await bookDirect(emulator, creds, {
          topic: `F${n}`,
          start: new Date(base + n * 3_600_000),
          userKey: ORGANIZER,
        });
      }
      const result = await server.execute(UmListDocument, {
        filter: {
          provider: GqlProvider.Umeeting,
          organizer: ORGANIZER,
          from: new Date(base + 3_600_000).toISOString(),
          to: new Date(base + 4 * 3_600_000).toISOString(),
        },
        first: 10,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.listMeetings.edges.map((e) => e.node.subject)).toEqual([
        'F1',
        'F2',
        'F3',
      ]);
      expect(result.data!.listMeetings.pageInfo.hasNextPage).toBe(false);
    });

    it('lists ENDED from /share/history, latest first, cancelled and ended', async () => {
      const a = await schedule({
        subject: 'A',
        startTime: minutesFromNow(24 * 60),
        endTime: minutesFromNow(24 * 60 + 60),
      });
      const b = await schedule({
        subject: 'B',
        startTime: minutesFromNow(3 * 24 * 60),
        endTime: minutesFromNow(3 * 24 * 60 + 60),
      });
      const c = await schedule({
        subject: 'C',
        startTime: minutesFromNow(2 * 24 * 60),
        endTime: minutesFromNow(2 * 24 * 60 + 60),
      });
      await schedule({ subject: 'Upcoming' });
      await server.execute(UmEndDocument, { id: a.id });
      await server.execute(UmCancelDocument, { id: b.id });
      await server.execute(UmEndDocument, { id: c.id });
      const before = emulator.calls('listHistory').length;
      const { edges } = await listAll(server, { state: ListState.Ended }, 2);
      expect(edges.map((e) => [e.node.subject, e.node.status])).toEqual([
        ['B', MeetingStatus.Cancelled],
        ['C', MeetingStatus.Ended],
        ['A', MeetingStatus.Ended],
      ]);
      expect(emulator.calls('listHistory').length - before).toBe(2);
      expect(emulator.calls('listMeetings')).toHaveLength(0);
    });
  });

  describe('reconciliation of a lost create (through /share/list)', () => {
    it('drop on schedule: one schedule in the journal, and the answer is the meeting', async () => {
      emulator.faults.add({ kind: 'drop', operation: 'scheduleMeeting' });
      const asked = input({ subject: 'Lost answer' });
      const result = await server.execute(UmScheduleDocument, { input: asked });
      expect(result.errors).toBeUndefined();
      const meeting = result.data!.scheduleMeeting;
      expect(meeting).toMatchObject({
        subject: 'Lost answer',
        startTime: new Date(asked.startTime).toISOString(),
        organizer: ORGANIZER,
      });
      expect(emulator.calls('scheduleMeeting')).toHaveLength(1);
      expect(emulator.state.meetings.size).toBe(1);
      expect(meeting.providerId).toBe([...emulator.state.meetings.keys()][0]);
      expectFaultsConsumed([emulator]);
    });

    it('two with the same subject and start: OUTCOME_UNKNOWN with both as candidates', async () => {
      const asked = input({ subject: 'Twice' });
      const earlier = await schedule(asked);
      emulator.faults.add({ kind: 'drop', operation: 'scheduleMeeting' });
      const result = await server.execute(UmScheduleDocument, { input: asked });
      expect(errorCode(result)).toBe('OUTCOME_UNKNOWN');
      const candidates = result.errors![0]!.extensions!.candidates as string[];
      expect(candidates).toHaveLength(2);
      expect(candidates).toContain(earlier.id);
      expect(emulator.calls('scheduleMeeting')).toHaveLength(2);
    });

    it('drop on an instant meeting: found through the list too', async () => {
      emulator.faults.add({ kind: 'drop', operation: 'instantMeeting' });
      const result = await server.execute(UmStartInstantDocument, {
        input: {
          provider: GqlProvider.Umeeting,
          subject: 'Instant lost',
          organizer: ORGANIZER,
          capacity: 4,
        },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.startInstantMeeting.subject).toBe('Instant lost');
      expect(emulator.calls('instantMeeting')).toHaveLength(1);
    });
  });

  describe('seed fields (seeds 002, 004)', () => {
    it('schedule: use_pmi, host_name and live in; ready_time, host_id, live_id out', async () => {
      const created = await schedule({ usePersonalMeetingId: true, hostName: 'Dr Host', live: {} });
      expect(created.earlyJoinMinutes).toBe(15);
      expect(created.providerHostId).toEqual(expect.any(String));
      expect(created.live).toMatchObject({ enabled: true, providerLiveId: expect.any(String) });
      const stored = emulator.state.meetings.get(created.providerId)!;
      expect(stored.hostName).toBe('Dr Host');
      expect(stored.options).toMatchObject({ use_pmi: 'true', allow_live_streaming: 'true' });
      // `/share/get` documents none of them: a read reports them as unknown.
      const read = await server.execute(UmGetDocument, { id: created.id });
      expect(read.data!.meeting).toMatchObject({ earlyJoinMinutes: null, providerHostId: null });
    });

    it('instant: use_pmi, host_name and live are taken; recurrence is UNSUPPORTED, no call', async () => {
      const started = await server.execute(UmStartInstantDocument, {
        input: {
          provider: GqlProvider.Umeeting,
          subject: 'Now',
          organizer: ORGANIZER,
          capacity: 4,
          usePersonalMeetingId: false,
          hostName: 'Now Host',
          live: {},
        },
      });
      expect(started.errors).toBeUndefined();
      const meeting = started.data!.startInstantMeeting;
      expect(meeting.live).toMatchObject({ enabled: true, providerLiveId: expect.any(String) });
      expect(meeting.earlyJoinMinutes).toBe(15);
      expect(emulator.state.meetings.get(meeting.providerId)!.options).toMatchObject({
        use_pmi: 'false',
      });

      emulator.reset();
      const refused = await server.execute(UmStartInstantDocument, {
        input: {
          provider: GqlProvider.Umeeting,
          subject: 'Series now',
          organizer: ORGANIZER,
          capacity: 4,
          recurrence: { frequency: RecurrenceFrequency.Daily, count: 2 },
        },
      });
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'UNSUPPORTED_BY_PROVIDER',
        provider: 'UMEETING',
      });
      const ext = refused.errors![0]!.extensions!;
      expect([ext.field, ...((ext.fields as string[]) ?? [])]).toContain('input.recurrence');
      expect(emulator.requests()).toEqual([]);
    });
  });
});

describe('umeeting lifecycle through GraphQL (LIVE against a standalone emulator)', () => {
  let standalone: UmeetingEmulatorHandle;
  let server: TestServer;
  const creds = { apiKey: 'live-key', apiSecret: 'live-umeeting-secret' };

  beforeAll(async () => {
    standalone = await startUmeetingEmulator({ credentials: creds });
    server = await startTestServer({
      env: {
        UMEETING_BASE_URL: standalone.url,
        UMEETING_API_KEY: creds.apiKey,
        UMEETING_API_SECRET: creds.apiSecret,
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await standalone.close();
  });

  it('updates, lists across three provider pages, and ends, with the calls counted', async () => {
    const base = Date.parse(minutesFromNow(24 * 60));
    for (let n = 0; n < 61; n += 1) {
      await bookDirect(standalone, creds, {
        topic: `L${n}`,
        start: new Date(base + ((n * 7) % 61) * 3_600_000),
        userKey: ORGANIZER,
      });
    }
    const booked = standalone.requests().length;
    const { edges, pages } = await listAll(server, {}, 50);
    expect(pages).toBe(2);
    expect(edges).toHaveLength(61);
    const starts = edges.map((e) => Date.parse(e.node.startTime));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const calls = journal(standalone).slice(booked);
    expect(calls.filter((c) => c === 'listMeetings')).toHaveLength(6); // 3 provider pages × 2
    expect(calls.filter((c) => c === 'getMeeting')).toHaveLength(61);

    const target = edges[0]!.node;
    const before = standalone.requests().length;
    const updated = await server.execute(UmUpdateDocument, {
      id: target.id,
      input: { subject: 'Live renamed' },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateMeeting).toMatchObject({
      subject: 'Live renamed',
      startTime: target.startTime,
      endTime: target.endTime,
    });
    expect(journal(standalone).slice(before)).toEqual([
      'getMeeting',
      'updateMeeting',
      'getMeeting',
    ]);

    const ended = await server.execute(UmEndDocument, { id: target.id });
    expect(ended.data!.endMeeting.status).toBe(MeetingStatus.Ended);
    const history = await server.execute(UmListDocument, {
      filter: { provider: GqlProvider.Umeeting, organizer: ORGANIZER, state: ListState.Ended },
    });
    expect(history.data!.listMeetings.edges.map((e) => e.node.subject)).toEqual(['Live renamed']);
    expect(server.logs.join('\n')).not.toContain(creds.apiSecret);
  });
});
