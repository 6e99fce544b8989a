import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  CancelMeetingDocument,
  CancelOccurrenceDocument,
  GetMeetingDocument,
  GetMeetingsDocument,
  MeetingKind,
  MeetingStatus,
  Provider as GqlProvider,
  ProvidersDocument,
  RecurrenceFrequency,
  ScheduleMeetingDocument,
  ScheduleWebinarDocument,
  StartInstantMeetingDocument,
  Weekday,
  AdmissionType,
  type ScheduleMeetingInput,
} from '../__generated__/operations.js';
import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import type { EmulatorHandle } from '../../src/emulators/emulator-server.js';
import {
  startUmeetingEmulator,
  type UmeetingEmulatorHandle,
} from '../../src/emulators/umeeting/index.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { isoWeekday, toLocal } from '../../src/util/zoned-time.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';

/** umeeting through the whole GraphQL server: SANDBOX, and LIVE against a standalone emulator. */

const input = (overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput => ({
  provider: GqlProvider.Umeeting,
  subject: 'Planning',
  startTime: minutesFromNow(2 * 24 * 60),
  endTime: minutesFromNow(2 * 24 * 60 + 60),
  organizer: 'alice',
  capacity: 8,
  ...overrides,
});

const ISO_WEEKDAY = [
  '',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
];
const weekdayIn = (iso: string, tz: string) => {
  const l = toLocal(new Date(iso), tz);
  return ISO_WEEKDAY[isoWeekday(l.year, l.month, l.day)];
};

describe('umeeting through GraphQL (SANDBOX)', () => {
  let server: TestServer;
  let emulator: EmulatorHandle;

  beforeAll(async () => {
    server = await startTestServer();
    emulator = server.emulators[Provider.UMEETING]!;
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());

  it('lists umeeting in SANDBOX mode with what it can and cannot do', async () => {
    const result = await server.execute(ProvidersDocument);
    const umeeting = result.data!.providers.find((p) => p.provider === GqlProvider.Umeeting)!;
    expect(umeeting.mode).toBe('SANDBOX');
    expect(umeeting.capabilities).toMatchObject({
      meetings: true,
      webinars: false,
      instantMeetings: true,
      cancelOccurrence: true,
      recurrenceFrequencies: ['DAILY', 'WEEKDAYS', 'WEEKLY', 'MONTHLY'],
    });
  });

  it('schedules a weekly series on two weekdays and answers its occurrences, rrule, capacity and host secrets', async () => {
    const created = await server.execute(ScheduleMeetingDocument, {
      input: input({
        recurrence: {
          frequency: RecurrenceFrequency.Weekly,
          weekDays: [Weekday.Monday, Weekday.Thursday],
          count: 4,
        },
      }),
    });
    expect(created.errors).toBeUndefined();
    const meeting = created.data!.scheduleMeeting;
    expect(meeting).toMatchObject({
      provider: GqlProvider.Umeeting,
      kind: MeetingKind.Scheduled,
      status: MeetingStatus.Init,
      capacity: 8,
      organizer: 'alice',
      timeZone: 'Asia/Shanghai',
      meetingCode: meeting.providerId,
    });
    expect(meeting.hostKey).toMatch(/^\d{6}$/);
    expect(meeting.startUrl).toContain('zak=');
    expect(meeting.recurrence).toMatchObject({
      frequency: RecurrenceFrequency.Weekly,
      weekDays: [Weekday.Monday, Weekday.Thursday],
      count: 4,
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4',
    });
    expect(meeting.occurrences).toHaveLength(4);
    for (const o of meeting.occurrences) {
      expect(['MONDAY', 'THURSDAY']).toContain(weekdayIn(o.startTime, 'Asia/Shanghai'));
      expect(o.status).toBe(MeetingStatus.Init);
    }

    const read = await server.execute(GetMeetingDocument, { id: meeting.id });
    expect(read.data!.meeting!.occurrences.map((o) => o.id)).toEqual(
      meeting.occurrences.map((o) => o.id),
    );
    expect(read.data!.meeting!.recurrence?.rrule).toBe('FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4');
  });

  it('cancels one occurrence and leaves the others, then cancels the series', async () => {
    const created = await server.execute(ScheduleMeetingDocument, {
      input: input({ recurrence: { frequency: RecurrenceFrequency.Daily, count: 3 } }),
    });
    const meeting = created.data!.scheduleMeeting;
    const target = meeting.occurrences[0]!;
    const cancelled = await server.execute(CancelOccurrenceDocument, { id: target.id });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelOccurrence).toMatchObject({
      id: target.id,
      status: MeetingStatus.Cancelled,
    });
    expect(cancelled.data!.cancelOccurrence.meeting!.occurrences.map((o) => o.status)).toEqual([
      MeetingStatus.Cancelled,
      MeetingStatus.Init,
      MeetingStatus.Init,
    ]);
    expect(emulator.calls('deleteMeeting')).toHaveLength(1);

    const series = await server.execute(CancelMeetingDocument, { id: meeting.id });
    expect(series.data!.cancelMeeting.status).toBe(MeetingStatus.Cancelled);
  });

  it('starts an instant meeting at once, about to start until someone is known to be in', async () => {
    const result = await server.execute(StartInstantMeetingDocument, {
      input: {
        provider: GqlProvider.Umeeting,
        subject: 'Now',
        organizer: 'alice',
        capacity: 4,
        durationMinutes: 45,
      },
    });
    expect(result.errors).toBeUndefined();
    // umeeting's "in progress" cannot tell whether anyone is in (see MeetingStatus).
    expect(result.data!.startInstantMeeting).toMatchObject({
      kind: MeetingKind.Instant,
      status: MeetingStatus.AboutToStart,
      capacity: 4,
      recurrence: null,
    });
    expect(emulator.calls('instantMeeting')).toHaveLength(1);
  });

  it('reads a batch with meetings(ids) and federation _entities for meetings and occurrences', async () => {
    const a = (await server.execute(ScheduleMeetingDocument, { input: input() })).data!
      .scheduleMeeting;
    const b = (
      await server.execute(ScheduleMeetingDocument, {
        input: input({
          subject: 'Series',
          recurrence: { frequency: RecurrenceFrequency.Weekdays, count: 2 },
        }),
      })
    ).data!.scheduleMeeting;
    const batch = await server.execute(GetMeetingsDocument, { ids: [b.id, a.id] });
    expect(batch.data!.meetings.map((m) => m?.subject)).toEqual(['Series', 'Planning']);

    const entities = await server.executeText<{ _entities: Array<Record<string, unknown> | null> }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { id capacity } ... on RecurringOccurrence { id providerOccurrenceId } } }',
      {
        r: [
          { __typename: 'Meeting', id: a.id },
          { __typename: 'RecurringOccurrence', id: b.occurrences[1]!.id },
        ],
      },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([
      { id: a.id, capacity: 8 },
      { id: b.occurrences[1]!.id, providerOccurrenceId: b.occurrences[1]!.providerOccurrenceId },
    ]);
  });

  it.each([
    [
      'a duration of 30 minutes',
      { endTime: minutesFromNow(2 * 24 * 60 + 30) },
      'BAD_USER_INPUT',
      'input.endTime',
    ],
    ['a missing capacity', { capacity: null }, 'BAD_USER_INPUT', 'input.capacity'],
    [
      'BIWEEKLY',
      { recurrence: { frequency: RecurrenceFrequency.Biweekly, count: 3 } },
      'UNSUPPORTED_BY_PROVIDER',
      'input.recurrence.frequency',
    ],
  ] as [string, Partial<ScheduleMeetingInput>, string, string][])(
    'refuses %s before any request reaches umeeting',
    async (_name, overrides, code, field) => {
      const result = await server.execute(ScheduleMeetingDocument, { input: input(overrides) });
      expect(errorCode(result)).toBe(code);
      expect(result.errors![0]!.extensions!.field).toBe(field);
      expect(emulator.requests()).toHaveLength(0);
    },
  );

  it('answers UNSUPPORTED_BY_PROVIDER for an umeeting webinar', async () => {
    const result = await server.execute(ScheduleWebinarDocument, {
      input: {
        provider: GqlProvider.Umeeting,
        subject: 'Webinar',
        startTime: minutesFromNow(60),
        endTime: minutesFromNow(120),
        organizer: 'alice',
        admissionType: AdmissionType.Public,
      },
    });
    expect(errorCode(result)).toBe('UNSUPPORTED_BY_PROVIDER');
    expect(result.errors![0]!.extensions!.provider).toBe('UMEETING');
    expect(emulator.requests()).toHaveLength(0);
  });

  it('never logs the api secret, host keys or start URLs', async () => {
    const created = (
      await server.execute(ScheduleMeetingDocument, {
        input: input({ recurrence: { frequency: RecurrenceFrequency.Daily, count: 2 } }),
      })
    ).data!.scheduleMeeting;
    await server.execute(GetMeetingDocument, { id: created.id });
    await server.execute(CancelOccurrenceDocument, { id: created.occurrences[0]!.id });
    await server.execute(CancelMeetingDocument, { id: created.id });
    const logs = server.logs.join('\n');
    expect(logs).toContain(created.providerId);
    for (const secret of [
      SANDBOX_CREDENTIALS.umeeting.apiSecret,
      created.startUrl!,
      `"${created.hostKey!}"`,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('umeeting through GraphQL (LIVE against a standalone emulator in America/New_York)', () => {
  let standalone: UmeetingEmulatorHandle;
  let server: TestServer;

  beforeAll(async () => {
    standalone = await startUmeetingEmulator({
      credentials: { apiKey: 'live-key', apiSecret: 'live-umeeting-secret' },
      timeZone: 'America/New_York',
    });
    server = await startTestServer({
      env: {
        UMEETING_BASE_URL: standalone.url,
        UMEETING_API_KEY: 'live-key',
        UMEETING_API_SECRET: 'live-umeeting-secret',
        UMEETING_TIMEZONE: 'America/New_York',
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await standalone.close();
  });

  it('books a monthly n-th weekday series in the configured zone, across a DST change', async () => {
    standalone.clock.set(Date.parse('2027-01-01T00:00:00Z'));
    // Second Tuesday, 09:00 New York: Feb 9 and Mar 9 (EST), Apr 13 (EDT: DST starts Mar 14).
    const result = await server.execute(ScheduleMeetingDocument, {
      input: input({
        startTime: '2027-02-09T14:00:00Z',
        endTime: '2027-02-09T15:00:00Z',
        recurrence: {
          frequency: RecurrenceFrequency.Monthly,
          monthWeek: 2,
          monthWeekDay: Weekday.Tuesday,
          count: 3,
        },
      }),
    });
    expect(result.errors).toBeUndefined();
    const meeting = result.data!.scheduleMeeting;
    expect(meeting.timeZone).toBe('America/New_York');
    expect(meeting.recurrence?.rrule).toBe('FREQ=MONTHLY;BYDAY=2TU;COUNT=3');
    expect(meeting.occurrences.map((o) => o.startTime)).toEqual([
      '2027-02-09T14:00:00.000Z',
      '2027-03-09T14:00:00.000Z',
      '2027-04-13T13:00:00.000Z',
    ]);
    expect(standalone.calls('scheduleMeeting')).toHaveLength(1);
    const read = await server.execute(GetMeetingDocument, { id: meeting.id });
    expect(read.data!.meeting!.startTime).toBe('2027-02-09T14:00:00.000Z');
    expect(server.logs.join('\n')).not.toContain('live-umeeting-secret');
  });
});
