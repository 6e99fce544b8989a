import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  AdmissionType,
  CancelMeetingDocument,
  ListState,
  MeetingStatus,
  Provider as GqlProvider,
  RecurrenceFrequency,
  ScheduleWebinarDocument,
  TmGetMeetingDocument,
  TmListMeetingsDocument,
  TmListWebinarsDocument,
  TmScheduleMeetingDocument,
  TmUpdateMeetingDocument,
  TmUpdateOccurrenceDocument,
  TmUpdateWebinarDocument,
  type ScheduleMeetingInput,
} from '../__generated__/operations.js';
import {
  startTencentMeetingEmulator,
  type TencentMeetingEmulatorHandle,
} from '../../src/emulators/tencent-meeting/index.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { expectNoUpstreamCalls } from '../helpers/emulator-assertions.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';
import { TEST_CREDENTIALS } from '../fixtures/tencent-meeting/signed-request.js';

/*
 * Issue 12 on Tencent Meeting through GraphQL: partial updates (PUT /v1/meetings/{id}), moving one
 * occurrence, webinar updates (PUT /v1/webinars/{id}), the organizer's list over Tencent's
 * `pos` paging (results repeat across provider pages: 1095/42421) and reconciliation of a create
 * whose answer was lost. Upstream calls are counted through the emulator journal.
 */

const ORGANIZER = 'lifecycle-alice';

function meetingInput(overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput {
  return {
    provider: GqlProvider.TencentMeeting,
    subject: 'Lifecycle meeting',
    startTime: minutesFromNow(24 * 60),
    endTime: minutesFromNow(24 * 60 + 60),
    organizer: ORGANIZER,
    ...overrides,
  };
}

/** Ids are decimal strings up to 20 digits: compared as numbers without parsing. */
const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

describe('Tencent Meeting lifecycle through GraphQL (SANDBOX)', () => {
  let server: TestServer;
  let emulator: TencentMeetingEmulatorHandle;

  beforeAll(async () => {
    server = await startTestServer();
    emulator = server.emulators[Provider.TENCENT_MEETING] as TencentMeetingEmulatorHandle;
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());

  const schedule = async (input: ScheduleMeetingInput) => {
    const result = await server.execute(TmScheduleMeetingDocument, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleMeeting;
  };
  const updates = () => emulator.calls('updateMeeting').length;

  describe('updateMeeting', () => {
    it('changes only the fields given (one PUT), and a read shows it', async () => {
      const created = await schedule(
        meetingInput({ password: '1234', invitees: ['bob'], hosts: [ORGANIZER] }),
      );
      const result = await server.execute(TmUpdateMeetingDocument, {
        id: created.id,
        input: { subject: 'Renamed', mediaSettings: { muteOnJoin: true } },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.updateMeeting).toMatchObject({
        id: created.id,
        subject: 'Renamed',
        password: '1234',
        invitees: ['bob'],
        hosts: [ORGANIZER],
        startTime: created.startTime,
        endTime: created.endTime,
        mediaSettings: { muteOnJoin: true, joinBeforeHost: true },
      });
      expect(updates()).toBe(1);
      const read = await server.execute(TmGetMeetingDocument, { id: created.id });
      expect(read.data!.meeting).toMatchObject({
        subject: 'Renamed',
        password: '1234',
        invitees: ['bob'],
      });
    });

    it('moves a meeting given a new start only, keeping its length', async () => {
      const created = await schedule(meetingInput());
      const start = minutesFromNow(3 * 24 * 60);
      const result = await server.execute(TmUpdateMeetingDocument, {
        id: created.id,
        input: { startTime: start },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.updateMeeting.startTime).toBe(start);
      expect(result.data!.updateMeeting.endTime).toBe(
        new Date(Date.parse(start) + 3_600_000).toISOString(),
      );
      expect(updates()).toBe(1);
    });

    it('clears the password with null; refuses null where Tencent cannot clear, before any call', async () => {
      const created = await schedule(meetingInput({ password: '4321' }));
      const cleared = await server.execute(TmUpdateMeetingDocument, {
        id: created.id,
        input: { password: null },
      });
      expect(cleared.errors).toBeUndefined();
      expect(cleared.data!.updateMeeting.password).toBeNull();
      const read = await server.execute(TmGetMeetingDocument, { id: created.id });
      expect(read.data!.meeting!.password).toBeNull();

      server.resetEmulators();
      const refused = await server.execute(TmUpdateMeetingDocument, {
        id: created.id,
        input: { recurrence: null },
      });
      expect(refused.errors![0]!.extensions).toMatchObject({
        code: 'UNSUPPORTED_BY_PROVIDER',
        provider: 'TENCENT_MEETING',
        field: 'input.recurrence',
      });
      const other = await server.execute(TmUpdateMeetingDocument, {
        id: created.id,
        input: { hostName: 'Alice', syncToWeWork: false },
      });
      expect(other.errors![0]!.extensions).toMatchObject({
        code: 'UNSUPPORTED_BY_PROVIDER',
        fields: expect.arrayContaining(['input.hostName', 'input.syncToWeWork']),
      });
      expectNoUpstreamCalls(server.emulators);
    });

    it('validates before any request', async () => {
      const created = await schedule(meetingInput());
      server.resetEmulators();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ subject: '会'.repeat(200) }, 'input.subject'], // 600 UTF-8 bytes > 384 (T-M6)
        [{ timeZone: 'Mars/Olympus' }, 'input.timeZone'],
        [{ startTime: minutesFromNow(-60) }, 'input.startTime'],
        [{ password: '12' }, 'input.password'],
      ];
      for (const [input, field] of cases) {
        const result = await server.execute(TmUpdateMeetingDocument, { id: created.id, input });
        expect({
          field,
          code: errorCode(result),
          named: result.errors?.[0]?.extensions?.field,
        }).toEqual({
          field,
          code: 'BAD_USER_INPUT',
          named: field,
        });
      }
      expectNoUpstreamCalls(server.emulators);
    });

    it("maps Tencent's own refusal of a cancelled or ended meeting", async () => {
      const created = await schedule(meetingInput());
      await server.execute(CancelMeetingDocument, { id: created.id });
      const cancelled = await server.execute(TmUpdateMeetingDocument, {
        id: created.id,
        input: { subject: 'Too late' },
      });
      expect(cancelled.errors![0]!.extensions).toMatchObject({
        code: 'PROVIDER_REJECTED',
        provider: 'TENCENT_MEETING',
        providerCode: 9007,
      });

      const past = await schedule(meetingInput({ subject: 'Soon over' }));
      emulator.clock.set(Date.now() + 3 * 24 * 3_600_000);
      const ended = await server.execute(TmUpdateMeetingDocument, {
        id: past.id,
        input: { subject: 'Too late' },
      });
      expect(ended.errors![0]!.extensions).toMatchObject({
        code: 'PROVIDER_REJECTED',
        providerCode: 13603,
      });
      expect(updates()).toBe(2);
    });

    it('answers OUTCOME_UNKNOWN when the answer is lost, with one PUT (never retried)', async () => {
      const created = await schedule(meetingInput());
      emulator.faults.add({ kind: 'drop', operation: 'updateMeeting' });
      const result = await server.execute(TmUpdateMeetingDocument, {
        id: created.id,
        input: { subject: 'Lost answer' },
      });
      expect(errorCode(result)).toBe('OUTCOME_UNKNOWN');
      expect(updates()).toBe(1);
      // It did happen: the provider has it.
      const read = await server.execute(TmGetMeetingDocument, { id: created.id });
      expect(read.data!.meeting!.subject).toBe('Lost answer');
    });

    it('sends one PUT for the same idempotencyKey twice, and answers the same', async () => {
      const created = await schedule(meetingInput());
      const input = { subject: 'Once only', idempotencyKey: 'tm-update-key-1' };
      const first = await server.execute(TmUpdateMeetingDocument, { id: created.id, input });
      const second = await server.execute(TmUpdateMeetingDocument, { id: created.id, input });
      expect(first.errors).toBeUndefined();
      expect(second.data).toEqual(first.data);
      expect(updates()).toBe(1);
    });

    it('turns a one-off into a weekly series, occurrences recomputed', async () => {
      const created = await schedule(meetingInput());
      const result = await server.execute(TmUpdateMeetingDocument, {
        id: created.id,
        input: { recurrence: { frequency: RecurrenceFrequency.Weekly, count: 3 } },
      });
      expect(result.errors).toBeUndefined();
      const occurrences = result.data!.updateMeeting.occurrences;
      expect(occurrences).toHaveLength(3);
      expect(Date.parse(occurrences[1]!.startTime) - Date.parse(occurrences[0]!.startTime)).toBe(
        7 * 24 * 3_600_000,
      );
    });
  });

  describe('updateOccurrence', () => {
    it('moves one occurrence; the others stay', async () => {
      const series = await schedule(
        meetingInput({ recurrence: { frequency: RecurrenceFrequency.Daily, count: 3 } }),
      );
      const [first, second, third] = series.occurrences;
      const start = new Date(Date.parse(second!.startTime) + 2 * 3_600_000).toISOString();
      const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
      const moved = await server.execute(TmUpdateOccurrenceDocument, {
        id: second!.id,
        input: { startTime: start, endTime: end },
      });
      expect(moved.errors).toBeUndefined();
      expect(moved.data!.updateOccurrence).toMatchObject({
        id: second!.id,
        startTime: start,
        endTime: end,
      });
      // The same PUT /v1/meetings/{id}, with `recurring_rule.sub_meeting_id` (§1.3 PUT).
      expect(updates()).toBe(1);
      const read = await server.execute(TmGetMeetingDocument, { id: series.id });
      const after = read.data!.meeting!.occurrences;
      expect(after.map((o) => [o.id, o.startTime])).toEqual([
        [first!.id, first!.startTime],
        [second!.id, start],
        [third!.id, third!.startTime],
      ]);
    });

    it('refuses an end before the start, before any call', async () => {
      const series = await schedule(
        meetingInput({ recurrence: { frequency: RecurrenceFrequency.Daily, count: 2 } }),
      );
      server.resetEmulators();
      const result = await server.execute(TmUpdateOccurrenceDocument, {
        id: series.occurrences[0]!.id,
        input: { startTime: minutesFromNow(60), endTime: minutesFromNow(30) },
      });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.endTime',
      });
      expectNoUpstreamCalls(server.emulators);
    });
  });

  describe('updateWebinar', () => {
    const webinar = async () => {
      const result = await server.execute(ScheduleWebinarDocument, {
        input: {
          provider: GqlProvider.TencentMeeting,
          subject: 'Lifecycle webinar',
          organizer: ORGANIZER,
          startTime: minutesFromNow(2 * 24 * 60),
          endTime: minutesFromNow(2 * 24 * 60 + 90),
          admissionType: AdmissionType.Public,
          description: 'First text',
        },
      });
      expect(result.errors).toBeUndefined();
      return result.data!.scheduleWebinar;
    };

    it('changes only the fields given; a start alone keeps the length', async () => {
      const created = await webinar();
      const start = minutesFromNow(4 * 24 * 60);
      const result = await server.execute(TmUpdateWebinarDocument, {
        id: created.id,
        input: { subject: 'Renamed webinar', startTime: start },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.updateWebinar).toMatchObject({
        subject: 'Renamed webinar',
        description: 'First text',
        startTime: start,
        endTime: new Date(Date.parse(start) + 90 * 60_000).toISOString(),
      });
      expect(emulator.calls('updateWebinar')).toHaveLength(1);
    });

    it('refuses the warm-up fields (WeCom only) and a PASSWORD admission without one', async () => {
      const created = await webinar();
      const calls = () => emulator.requests().length;
      const before = calls();
      const warmUp = await server.execute(TmUpdateWebinarDocument, {
        id: created.id,
        input: { warmUpPicture: 'https://example.test/w.png' },
      });
      expect(warmUp.errors![0]!.extensions).toMatchObject({
        code: 'UNSUPPORTED_BY_PROVIDER',
        field: 'input.warmUpPicture',
      });
      expect(calls()).toBe(before);
      const password = await server.execute(TmUpdateWebinarDocument, {
        id: created.id,
        input: { admissionType: AdmissionType.Password },
      });
      expect(password.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.password',
      });
      // Read (the rule needs the current webinar), never written.
      expect(emulator.calls('updateWebinar')).toHaveLength(0);
    });
  });

  describe('listMeetings', () => {
    it('pages across more than two provider pages: each meeting once, in order', async () => {
      // 45 meetings, three to a start second: Tencent's `pos` paging repeats the boundary
      // second's meetings on the next provider page (1095/42421).
      const base = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 24 * 3_600_000;
      const created: Array<{ id: string; providerId: string; startTime: string }> = [];
      for (let i = 0; i < 45; i += 1) {
        const start = base + Math.floor(i / 3) * 60_000;
        created.push(
          await schedule(
            meetingInput({
              subject: `Listed ${i}`,
              startTime: new Date(start).toISOString(),
              endTime: new Date(start + 1_800_000).toISOString(),
            }),
          ),
        );
      }
      const expected = [...created]
        .sort(
          (a, b) =>
            Date.parse(a.startTime) - Date.parse(b.startTime) ||
            compareIds(a.providerId, b.providerId),
        )
        .map((m) => m.id);
      const listCallsBefore = emulator.calls('getMeetingByCode').length;

      const filter = { provider: GqlProvider.TencentMeeting, organizer: ORGANIZER };
      const all = await server.execute(TmListMeetingsDocument, { filter, first: 50 });
      expect(all.errors).toBeUndefined();
      expect(all.data!.listMeetings.edges.map((e) => e.node.id)).toEqual(expected);
      expect(all.data!.listMeetings.pageInfo.hasNextPage).toBe(false);
      const providerCalls = emulator.calls('getMeetingByCode').length - listCallsBefore;
      expect(providerCalls).toBeGreaterThanOrEqual(3);

      const seen: string[] = [];
      let after: string | null | undefined;
      for (let page = 0; page < 10; page += 1) {
        const result = await server.execute(TmListMeetingsDocument, { filter, first: 10, after });
        expect(result.errors).toBeUndefined();
        const connection = result.data!.listMeetings;
        seen.push(...connection.edges.map((e) => e.node.id));
        after = connection.pageInfo.endCursor;
        if (!connection.pageInfo.hasNextPage) break;
      }
      expect(seen).toEqual(expected);

      const first = await server.execute(TmListMeetingsDocument, { filter, first: 5 });
      const otherFilter = await server.execute(TmListMeetingsDocument, {
        filter: { ...filter, state: ListState.Ended },
        first: 5,
        after: first.data!.listMeetings.pageInfo.endCursor,
      });
      expect(otherFilter.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    });

    it('lists ended meetings, latest first, through the history list', async () => {
      const a = await schedule(meetingInput({ subject: 'Ended A' }));
      const b = await schedule(
        meetingInput({
          subject: 'Ended B',
          startTime: minutesFromNow(26 * 60),
          endTime: minutesFromNow(27 * 60),
        }),
      );
      emulator.clock.set(Date.now() + 2 * 24 * 3_600_000);
      const result = await server.execute(TmListMeetingsDocument, {
        filter: {
          provider: GqlProvider.TencentMeeting,
          organizer: ORGANIZER,
          state: ListState.Ended,
          from: minutesFromNow(-60),
          to: minutesFromNow(5 * 24 * 60),
        },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.listMeetings.edges.map((e) => e.node.id)).toEqual([b.id, a.id]);
      expect(result.data!.listMeetings.edges[0]!.node.status).toBe(MeetingStatus.Ended);
      expect(emulator.calls('listEndedMeetings').length).toBeGreaterThanOrEqual(1);
    });

    it('takes an explicit null from or to as no bound (the fuzzer found `to: null` a crash)', async () => {
      const listed = await schedule(meetingInput({ subject: 'Null bounds' }));
      const result = await server.execute(TmListMeetingsDocument, {
        filter: {
          provider: GqlProvider.TencentMeeting,
          organizer: ORGANIZER,
          from: null,
          to: null,
        },
        first: 50,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.listMeetings.edges.map((e) => e.node.id)).toContain(listed.id);
    });

    it('refuses listWebinars: Tencent documents no webinar list', async () => {
      const result = await server.execute(TmListWebinarsDocument, {
        filter: { provider: GqlProvider.TencentMeeting, organizer: ORGANIZER },
      });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'UNSUPPORTED_BY_PROVIDER',
        provider: 'TENCENT_MEETING',
      });
      expectNoUpstreamCalls(server.emulators);
    });
  });

  describe('reconciliation of a lost create', () => {
    it('answers the meeting found in the list: one create in the journal', async () => {
      emulator.faults.add({ kind: 'drop', operation: 'createMeeting' });
      const input = meetingInput({ subject: 'Reconciled' });
      const result = await server.execute(TmScheduleMeetingDocument, { input });
      expect(result.errors).toBeUndefined();
      expect(result.data!.scheduleMeeting).toMatchObject({
        subject: 'Reconciled',
        startTime: input.startTime,
        organizer: ORGANIZER,
      });
      expect(emulator.calls('createMeeting')).toHaveLength(1);
      expect(emulator.state.meetings.size).toBe(1);
    });

    it('answers OUTCOME_UNKNOWN with the candidates when several match', async () => {
      const input = meetingInput({ subject: 'Twice booked' });
      const one = await schedule(input);
      const two = await schedule(input);
      emulator.faults.add({ kind: 'drop', operation: 'createMeeting' });
      const result = await server.execute(TmScheduleMeetingDocument, { input });
      expect(errorCode(result)).toBe('OUTCOME_UNKNOWN');
      const candidates = result.errors![0]!.extensions!.candidates as string[];
      expect(candidates).toHaveLength(3);
      expect(candidates).toEqual(expect.arrayContaining([one.id, two.id]));
      expect(emulator.calls('createMeeting')).toHaveLength(3);
    });
  });

  describe('seed fields', () => {
    it('sends sync_to_wework and anonymous attendees, and reads them back', async () => {
      const created = await schedule(
        meetingInput({
          invitees: ['bob', 'carol'],
          syncToWeWork: false,
          anonymousAttendees: [{ userId: 'carol', nickname: 'Guest C' }],
        }),
      );
      expect(created).toMatchObject({
        syncToWeWork: false,
        unregisteredInvitees: [],
        anonymousAttendees: [{ userId: 'carol', nickname: 'Guest C' }],
      });
      const read = await server.execute(TmGetMeetingDocument, { id: created.id });
      expect(read.data!.meeting).toMatchObject({
        syncToWeWork: false,
        anonymousAttendees: [{ userId: 'carol', nickname: 'Guest C' }],
      });
    });

    it('refuses an anonymous attendee who is neither host nor invitee, before any call', async () => {
      const result = await server.execute(TmScheduleMeetingDocument, {
        input: meetingInput({
          invitees: ['bob'],
          anonymousAttendees: [{ userId: 'mallory' }],
        }),
      });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.anonymousAttendees[0].userId',
      });
      expectNoUpstreamCalls(server.emulators);
    });
  });
});

describe('Tencent Meeting lifecycle through GraphQL (LIVE against a standalone emulator)', () => {
  let standalone: TencentMeetingEmulatorHandle;
  let server: TestServer;

  beforeAll(async () => {
    standalone = await startTencentMeetingEmulator({ credentials: { ...TEST_CREDENTIALS } });
    server = await startTestServer({
      env: {
        TENCENT_MEETING_BASE_URL: standalone.url,
        TENCENT_MEETING_APP_ID: TEST_CREDENTIALS.appId,
        TENCENT_MEETING_SECRET_ID: TEST_CREDENTIALS.secretId,
        TENCENT_MEETING_SECRET_KEY: TEST_CREDENTIALS.secretKey,
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await standalone.close();
  });

  it('updates, then lists, with the upstream calls counted', async () => {
    const created = await server.execute(TmScheduleMeetingDocument, { input: meetingInput() });
    expect(created.errors).toBeUndefined();
    const id = created.data!.scheduleMeeting.id;
    const before = standalone.requests().length;
    const updated = await server.execute(TmUpdateMeetingDocument, {
      id,
      input: { subject: 'Live rename' },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateMeeting.subject).toBe('Live rename');
    // One PUT and one read back (the PUT answer is partial: §1.3 PUT).
    expect(
      standalone
        .requests()
        .slice(before)
        .map((r) => r.operation),
    ).toEqual(['updateMeeting', 'getMeeting']);
    const listed = await server.execute(TmListMeetingsDocument, {
      filter: { provider: GqlProvider.TencentMeeting, organizer: ORGANIZER },
    });
    expect(listed.data!.listMeetings.edges.map((e) => [e.node.id, e.node.subject])).toEqual([
      [id, 'Live rename'],
    ]);
  });
});
