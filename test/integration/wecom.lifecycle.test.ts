import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  AdmissionType,
  ListState,
  Provider as GqlProvider,
  RecurrenceFrequency,
  type ScheduleMeetingInput,
  WcCancelDocument,
  WcGetDocument,
  WcGetWebinarDocument,
  WcListDocument,
  WcListWebinarsDocument,
  WcScheduleDocument,
  WcScheduleWebinarDocument,
  WcUpdateDocument,
  WcUpdateWebinarDocument,
  Weekday,
} from '../__generated__/operations.js';
import { startWecomEmulator, type WecomEmulatorHandle } from '../../src/emulators/wecom/index.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { expectFaultsConsumed } from '../helpers/emulator-assertions.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';

/**
 * WeCom's meeting lifecycle through GraphQL (issue 12): partial `updateMeeting`
 * (`meeting/update`), `listMeetings` over `get_user_meetingid` (several provider pages), the
 * reconciliation of a create whose answer was lost, recurring meetings through `reminders`, and
 * `updateWebinar` with the warm-up call. Upstream calls are counted in the emulator journal.
 */
const ORGANIZER = 'wecom-admin';

function meetingInput(overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput {
  return {
    provider: GqlProvider.Wecom,
    subject: 'Weekly sync',
    organizer: ORGANIZER,
    startTime: minutesFromNow(60),
    endTime: minutesFromNow(90),
    ...overrides,
  };
}

describe('WeCom lifecycle through GraphQL (SANDBOX)', () => {
  let server: TestServer;
  let emulator: WecomEmulatorHandle;

  beforeAll(async () => {
    server = await startTestServer();
    emulator = server.emulators[Provider.WECOM] as WecomEmulatorHandle;
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.resetEmulators();
    emulator.state.options.meetingIdListPageSize = undefined;
  });
  afterEach(() => expectFaultsConsumed([emulator]));

  const schedule = async (overrides: Partial<ScheduleMeetingInput> = {}) => {
    const result = await server.execute(WcScheduleDocument, { input: meetingInput(overrides) });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleMeeting;
  };
  const since = () => emulator.requests().length;
  const callsSince = (mark: number) =>
    emulator
      .requests()
      .slice(mark)
      .map((r) => r.operation);

  describe('updateMeeting', () => {
    it('changes only the fields given (read back through GraphQL), one update sent', async () => {
      const created = await schedule({
        password: '1234',
        invitees: ['lisi'],
        mediaSettings: { muteAll: true, waitingRoom: true },
      });
      const mark = since();
      const updated = await server.execute(WcUpdateDocument, {
        id: created.id,
        input: { subject: 'Renamed sync' },
      });
      expect(updated.errors).toBeUndefined();
      // Read first (state, times), one update, then the read-back (the update answers no details).
      expect(callsSince(mark)).toEqual(['getMeeting', 'updateMeeting', 'getMeeting']);
      const read = await server.execute(WcGetDocument, { id: created.id });
      expect(read.data!.meeting).toEqual({ ...created, subject: 'Renamed sync' });
      expect(updated.data!.updateMeeting).toEqual(read.data!.meeting);
    });

    it('moves a meeting by its start alone, keeping its length', async () => {
      const created = await schedule();
      const newStart = minutesFromNow(180);
      const updated = await server.execute(WcUpdateDocument, {
        id: created.id,
        input: { startTime: newStart },
      });
      expect(updated.errors).toBeUndefined();
      const meeting = updated.data!.updateMeeting;
      expect(meeting.startTime).toBe(newStart);
      expect(Date.parse(meeting.endTime!) - Date.parse(meeting.startTime)).toBe(30 * 60_000);
      expect(meeting.subject).toBe(created.subject);
    });

    it('refuses an explicit null with UNSUPPORTED_BY_PROVIDER and unknown fields, sending nothing', async () => {
      const created = await schedule();
      const mark = since();
      const cleared = await server.execute(WcUpdateDocument, {
        id: created.id,
        input: { password: null },
      });
      expect(cleared.errors![0]!.extensions).toMatchObject({
        code: 'UNSUPPORTED_BY_PROVIDER',
        provider: 'WECOM',
        field: 'input.password',
      });
      const capacity = await server.execute(WcUpdateDocument, {
        id: created.id,
        input: { capacity: 5 },
      });
      expect(capacity.errors![0]!.extensions).toMatchObject({
        code: 'UNSUPPORTED_BY_PROVIDER',
        field: 'input.capacity',
      });
      expect(callsSince(mark)).toEqual([]);
    });

    it('validates before any request: a meeting longer than WeCom allows is BAD_USER_INPUT', async () => {
      const created = await schedule();
      const mark = since();
      const result = await server.execute(WcUpdateDocument, {
        id: created.id,
        input: { startTime: minutesFromNow(60), endTime: minutesFromNow(60 + 25 * 60) },
      });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.endTime',
        rule: 'meetingDuration',
      });
      expect(callsSince(mark)).toEqual([]);
    });

    it('refuses to change a cancelled meeting, naming the id, with no update sent', async () => {
      const created = await schedule();
      await server.execute(WcCancelDocument, { id: created.id });
      const result = await server.execute(WcUpdateDocument, {
        id: created.id,
        input: { subject: 'Too late' },
      });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'id',
        rule: 'notScheduled',
      });
      expect(emulator.calls('updateMeeting')).toHaveLength(0);
    });

    it('maps WeCom refusing the update (a meeting begun meanwhile) to PROVIDER_REJECTED', async () => {
      const created = await schedule();
      emulator.faults.add({
        kind: 'providerError',
        operation: 'updateMeeting',
        providerCode: 40035,
      });
      const result = await server.execute(WcUpdateDocument, {
        id: created.id,
        input: { subject: 'Refused' },
      });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'PROVIDER_REJECTED',
        providerCode: 40035,
      });
      expect(emulator.calls('updateMeeting')).toHaveLength(1);
    });

    it('answers a lost update answer with OUTCOME_UNKNOWN after exactly one update', async () => {
      const created = await schedule();
      emulator.faults.add({ kind: 'drop', operation: 'updateMeeting' });
      const result = await server.execute(WcUpdateDocument, {
        id: created.id,
        input: { subject: 'Maybe renamed' },
      });
      expect(errorCode(result)).toBe('OUTCOME_UNKNOWN');
      expect(emulator.calls('updateMeeting')).toHaveLength(1);
    });

    it('sends one update for the same idempotencyKey twice', async () => {
      const created = await schedule();
      const input = { subject: 'Once', idempotencyKey: 'wc-update-once' };
      const first = await server.execute(WcUpdateDocument, { id: created.id, input });
      const second = await server.execute(WcUpdateDocument, { id: created.id, input });
      expect(first.errors).toBeUndefined();
      expect(second.data!.updateMeeting).toEqual(first.data!.updateMeeting);
      expect(emulator.calls('updateMeeting')).toHaveLength(1);
    });
  });

  describe('listMeetings', () => {
    it('walks more than two provider pages: each meeting once, by start, resumable', async () => {
      // Created out of start order: WeCom's id list has no documented order.
      const offsets = [300, 120, 420, 60, 240, 360, 180];
      for (const [i, minutes] of offsets.entries()) {
        await schedule({
          subject: `List ${i}`,
          startTime: minutesFromNow(minutes),
          endTime: minutesFromNow(minutes + 30),
        });
      }
      const cancelled = await schedule({ subject: 'Cancelled one' });
      await server.execute(WcCancelDocument, { id: cancelled.id });
      emulator.state.options.meetingIdListPageSize = 2; // 8 ids → 4 provider pages
      const filter = { provider: GqlProvider.Wecom, organizer: ORGANIZER };
      const seen: string[] = [];
      let after: string | null | undefined;
      const pages: boolean[] = [];
      for (let i = 0; i < 5; i += 1) {
        const mark = since();
        const page = await server.execute(WcListDocument, { filter, first: 3, after });
        expect(page.errors).toBeUndefined();
        const ops = callsSince(mark);
        expect(ops.filter((op) => op === 'listUserMeetingIds')).toHaveLength(4);
        const { edges, pageInfo } = page.data!.listMeetings;
        seen.push(...edges.map((e) => e.node.subject));
        pages.push(pageInfo.hasNextPage);
        if (!pageInfo.hasNextPage) break;
        after = pageInfo.endCursor;
      }
      expect(pages).toEqual([true, true, false]);
      const byStart = [...offsets.entries()]
        .sort(([, a], [, b]) => a - b)
        .map(([i]) => `List ${i}`);
      expect(seen).toEqual(byStart);

      const ended = await server.execute(WcListDocument, {
        filter: { ...filter, state: ListState.Ended },
      });
      expect(ended.data!.listMeetings.edges.map((e) => e.node.subject)).toEqual(['Cancelled one']);
    });

    it('filters by from/to on the start', async () => {
      for (const minutes of [60, 120, 180]) {
        await schedule({
          subject: `At ${minutes}`,
          startTime: minutesFromNow(minutes),
          endTime: minutesFromNow(minutes + 30),
        });
      }
      const page = await server.execute(WcListDocument, {
        filter: {
          provider: GqlProvider.Wecom,
          organizer: ORGANIZER,
          from: minutesFromNow(90),
          to: minutesFromNow(150),
        },
      });
      expect(page.data!.listMeetings.edges.map((e) => e.node.subject)).toEqual(['At 120']);
    });

    it('refuses an ENDED window wider than WeCom lists, naming filter.from, sending nothing', async () => {
      const result = await server.execute(WcListDocument, {
        filter: {
          provider: GqlProvider.Wecom,
          organizer: ORGANIZER,
          state: ListState.Ended,
          from: new Date(Date.now() - 200 * 86_400_000).toISOString(),
        },
      });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'filter.from',
      });
      expect(emulator.requests()).toEqual([]);
    });

    it('has no webinar list: listWebinars is UNSUPPORTED_BY_PROVIDER', async () => {
      const result = await server.execute(WcListWebinarsDocument, {
        filter: { provider: GqlProvider.Wecom, organizer: ORGANIZER },
      });
      expect(errorCode(result)).toBe('UNSUPPORTED_BY_PROVIDER');
      expect(emulator.requests()).toEqual([]);
    });
  });

  describe('reconciliation of a lost create', () => {
    // The emulator reset forgot the server's access token: fetch a fresh one first, so that the
    // dropped create is one WeCom acted on (a create refused for its token creates nothing).
    beforeEach(async () => {
      await server.execute(WcListDocument, {
        filter: { provider: GqlProvider.Wecom, organizer: 'nobody' },
      });
    });

    it('answers the meeting found in the organizer list, after exactly one create', async () => {
      emulator.faults.add({ kind: 'drop', operation: 'createMeeting' });
      const input = meetingInput({ subject: 'Lost answer' });
      const result = await server.execute(WcScheduleDocument, { input });
      expect(result.errors).toBeUndefined();
      const meeting = result.data!.scheduleMeeting;
      expect(meeting).toMatchObject({ subject: 'Lost answer', startTime: input.startTime });
      expect(emulator.calls('createMeeting')).toHaveLength(1);
      const read = await server.execute(WcGetDocument, { id: meeting.id });
      expect(read.data!.meeting!.id).toBe(meeting.id);
    });

    it('answers OUTCOME_UNKNOWN with the candidates when two meetings match', async () => {
      const input = meetingInput({ subject: 'Twice booked' });
      const first = await schedule(input);
      emulator.faults.add({ kind: 'drop', operation: 'createMeeting' });
      const result = await server.execute(WcScheduleDocument, { input });
      expect(errorCode(result)).toBe('OUTCOME_UNKNOWN');
      const candidates = result.errors![0]!.extensions!.candidates as string[];
      expect(candidates).toHaveLength(2);
      expect(candidates).toContain(first.id);
      expect(emulator.calls('createMeeting')).toHaveLength(2);
    });
  });

  describe('recurring meetings through reminders', () => {
    const until = new Date(Date.parse(minutesFromNow(60)) + 20 * 86_400_000).toISOString();
    it.each([
      ['DAILY by count', { frequency: RecurrenceFrequency.Daily, count: 3 }, 'FREQ=DAILY;COUNT=3'],
      [
        'WEEKDAYS until a date',
        { frequency: RecurrenceFrequency.Weekdays, until },
        'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=',
      ],
      [
        'WEEKLY on days',
        {
          frequency: RecurrenceFrequency.Weekly,
          weekDays: [Weekday.Wednesday, Weekday.Monday],
          count: 4,
        },
        'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4',
      ],
      ['WEEKLY', { frequency: RecurrenceFrequency.Weekly, count: 2 }, 'FREQ=WEEKLY;COUNT=2'],
      [
        'BIWEEKLY',
        { frequency: RecurrenceFrequency.Biweekly, count: 2 },
        'FREQ=WEEKLY;INTERVAL=2;COUNT=2',
      ],
      [
        'MONTHLY on a day',
        { frequency: RecurrenceFrequency.Monthly, monthDay: 15, count: 3 },
        'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3',
      ],
    ])('round-trips %s', async (_, recurrence, rrule) => {
      const created = await schedule({ subject: 'Series', recurrence });
      const read = await server.execute(WcGetDocument, { id: created.id });
      const rule = read.data!.meeting!.recurrence!;
      expect(rule.rrule.startsWith(rrule)).toBe(true);
      expect(rule.frequency).toBe(recurrence.frequency);
      expect(rule.count ?? undefined).toBe('count' in recurrence ? recurrence.count : undefined);
      if ('until' in recurrence) expect(rule.until).toBe(new Date(recurrence.until!).toISOString());
      if ('weekDays' in recurrence)
        expect(rule.weekDays).toEqual([Weekday.Monday, Weekday.Wednesday]);
      if ('monthDay' in recurrence) expect(rule.monthDay).toBe(15);
      expect(created.recurrence).toEqual(rule);
    });

    it('changes a series rule through updateMeeting', async () => {
      const created = await schedule({
        recurrence: { frequency: RecurrenceFrequency.Daily, count: 3 },
      });
      const updated = await server.execute(WcUpdateDocument, {
        id: created.id,
        input: { recurrence: { frequency: RecurrenceFrequency.Weekly, count: 5 } },
      });
      expect(updated.errors).toBeUndefined();
      expect(updated.data!.updateMeeting.recurrence).toMatchObject({
        frequency: RecurrenceFrequency.Weekly,
        count: 5,
      });
    });

    it('refuses what the docs do not confirm (the n-th weekday), naming the field, 0 calls', async () => {
      const result = await server.execute(WcScheduleDocument, {
        input: meetingInput({
          recurrence: {
            frequency: RecurrenceFrequency.Monthly,
            monthWeek: -1,
            monthWeekDay: Weekday.Friday,
            count: 3,
          },
        }),
      });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'UNSUPPORTED_BY_PROVIDER',
        provider: 'WECOM',
        field: 'input.recurrence.monthWeek',
      });
      expect(emulator.requests()).toEqual([]);
    });
  });

  describe('updateWebinar', () => {
    const scheduleWebinar = async () => {
      const result = await server.execute(WcScheduleWebinarDocument, {
        input: {
          provider: GqlProvider.Wecom,
          subject: 'Launch',
          organizer: ORGANIZER,
          startTime: minutesFromNow(120),
          endTime: minutesFromNow(180),
          admissionType: AdmissionType.Public,
        },
      });
      expect(result.errors).toBeUndefined();
      return result.data!.scheduleWebinar;
    };

    it('changes its own fields and the warm-up ones, one call each, read back', async () => {
      const created = await scheduleWebinar();
      const mark = since();
      const updated = await server.execute(WcUpdateWebinarDocument, {
        id: created.id,
        input: {
          subject: 'Launch, renamed',
          warmUpPicture: 'https://example.com/warm-up.png',
          allowAttendeesInviteOthers: false,
        },
      });
      expect(updated.errors).toBeUndefined();
      expect(callsSince(mark)).toEqual([
        'getWebinar',
        'updateWebinar',
        'updateWebinarWarmUp',
        'getWebinar',
      ]);
      const read = await server.execute(WcGetWebinarDocument, { id: created.id });
      expect(read.data!.webinar).toEqual({
        ...created,
        subject: 'Launch, renamed',
        warmUpPicture: 'https://example.com/warm-up.png',
        allowAttendeesInviteOthers: false,
      });
      expect(updated.data!.updateWebinar).toEqual(read.data!.webinar);
    });

    it('sends only the warm-up call when only warm-up fields change', async () => {
      const created = await scheduleWebinar();
      const updated = await server.execute(WcUpdateWebinarDocument, {
        id: created.id,
        input: { warmUpVideo: 'https://example.com/warm-up.mp4' },
      });
      expect(updated.data!.updateWebinar.warmUpVideo).toBe('https://example.com/warm-up.mp4');
      expect(emulator.calls('updateWebinar')).toHaveLength(0);
      expect(emulator.calls('updateWebinarWarmUp')).toHaveLength(1);
    });

    it('says what was applied when the warm-up call fails after the update', async () => {
      const created = await scheduleWebinar();
      emulator.faults.add({ kind: 'drop', operation: 'updateWebinarWarmUp' });
      const result = await server.execute(WcUpdateWebinarDocument, {
        id: created.id,
        input: { sponsor: 'Platform team', warmUpVideo: 'https://example.com/v.mp4' },
      });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'OUTCOME_UNKNOWN',
        applied: ['input.sponsor'],
        unknown: ['input.warmUpVideo'],
      });
      const read = await server.execute(WcGetWebinarDocument, { id: created.id });
      expect(read.data!.webinar!.sponsor).toBe('Platform team');
      expect(emulator.calls('updateWebinar')).toHaveLength(1);
      expect(emulator.calls('updateWebinarWarmUp')).toHaveLength(1);
    });

    it('checks the resulting admission: PASSWORD without a password is BAD_USER_INPUT, no write', async () => {
      const created = await scheduleWebinar();
      const result = await server.execute(WcUpdateWebinarDocument, {
        id: created.id,
        input: { admissionType: AdmissionType.Password },
      });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.password',
      });
      expect(emulator.calls('updateWebinar')).toHaveLength(0);
    });
  });
});

describe('WeCom lifecycle through GraphQL (LIVE, pointed at a standalone emulator)', () => {
  const credentials = { corpId: 'ww-lifecycle-corp', corpSecret: 'lifecycle-wecom-secret-91c' };
  let emulator: WecomEmulatorHandle;

  beforeAll(async () => {
    emulator = await startWecomEmulator({ credentials, meetingIdListPageSize: 2 });
  });
  afterAll(() => emulator.close());

  it('updates and lists over several provider pages through the production path', async () => {
    const live = await startTestServer({
      env: {
        WECOM_BASE_URL: emulator.url,
        WECOM_CORP_ID: credentials.corpId,
        WECOM_CORP_SECRET: credentials.corpSecret,
      },
    });
    try {
      expect(live.emulators[Provider.WECOM]).toBeUndefined();
      const ids: string[] = [];
      for (const minutes of [200, 80, 140, 110, 170]) {
        const created = await live.execute(WcScheduleDocument, {
          input: meetingInput({
            subject: `Live ${minutes}`,
            startTime: minutesFromNow(minutes),
            endTime: minutesFromNow(minutes + 20),
          }),
        });
        expect(created.errors).toBeUndefined();
        ids.push(created.data!.scheduleMeeting.id);
      }
      const updated = await live.execute(WcUpdateDocument, {
        id: ids[0]!,
        input: { subject: 'Live 200, renamed' },
      });
      expect(updated.data!.updateMeeting.subject).toBe('Live 200, renamed');
      expect(emulator.calls('updateMeeting')).toHaveLength(1);

      const filter = { provider: GqlProvider.Wecom, organizer: ORGANIZER };
      const subjects: string[] = [];
      let after: string | null | undefined;
      for (let i = 0; i < 4; i += 1) {
        const page = await live.execute(WcListDocument, { filter, first: 2, after });
        expect(page.errors).toBeUndefined();
        subjects.push(...page.data!.listMeetings.edges.map((e) => e.node.subject));
        if (!page.data!.listMeetings.pageInfo.hasNextPage) break;
        after = page.data!.listMeetings.pageInfo.endCursor;
      }
      expect(subjects).toEqual([
        'Live 80',
        'Live 110',
        'Live 140',
        'Live 170',
        'Live 200, renamed',
      ]);
      // 5 ids, 2 a page: every GraphQL page walks 3 provider pages (3 GraphQL pages).
      expect(emulator.calls('listUserMeetingIds')).toHaveLength(9);
    } finally {
      await live.close();
    }
  });
});
