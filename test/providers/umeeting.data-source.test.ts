import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { pino, type Logger } from 'pino';

import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import { expandOccurrences, toRrule } from '../../src/domain/recurrence.js';
import {
  startUmeetingEmulator,
  type UmeetingEmulatorHandle,
} from '../../src/emulators/umeeting/index.js';
import { ApiError } from '../../src/errors/api-errors.js';
import type { MeetingProvider, ProviderModule } from '../../src/providers/meeting-provider.js';
import { UMEETING_CAPABILITIES, createUmeetingModule } from '../../src/providers/umeeting/index.js';
import { MeetingKind } from '../../src/schema/enums/meeting-kind.enum.js';
import { MeetingStatus } from '../../src/schema/enums/meeting-status.enum.js';
import { ProviderMode } from '../../src/schema/enums/provider-mode.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecurrenceFrequency } from '../../src/schema/enums/recurrence-frequency.enum.js';
import { WEEKDAY_ORDER, Weekday } from '../../src/schema/enums/weekday.enum.js';
import type { ScheduleMeetingInput } from '../../src/schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../src/schema/inputs/schedule-webinar.input.js';
import type { Meeting } from '../../src/schema/types/meeting.type.js';
import { isoWeekday, toLocal } from '../../src/util/zoned-time.js';

/**
 * UmeetingDataSource against the umeeting emulator over real HTTP (no mocks), including faults.
 * Logs go to an in-memory pino stream with no redaction of its own, so a leak would show.
 */
const CREDS = SANDBOX_CREDENTIALS.umeeting;

interface Rig {
  emulator: UmeetingEmulatorHandle;
  module: ProviderModule;
  logs: string[];
  ds(): MeetingProvider;
  close(): Promise<void>;
}

async function startRig(options: { timeZone?: string; apiSecret?: string } = {}): Promise<Rig> {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const emulator = await startUmeetingEmulator({ credentials: CREDS, timeZone });
  const logs: string[] = [];
  // No timestamps: a 6-digit host key must not match a clock reading by chance.
  const log: Logger = pino(
    { level: 'debug', timestamp: false },
    { write: (line: string) => void logs.push(line) },
  );
  const module = createUmeetingModule({
    config: {
      mode: ProviderMode.LIVE,
      baseUrl: emulator.url,
      credentials: { apiKey: CREDS.apiKey, apiSecret: options.apiSecret ?? CREDS.apiSecret },
    },
    timeoutMs: 2000,
    log,
    timeZone,
  });
  let n = 0;
  return {
    emulator,
    module,
    logs,
    ds: () => module.createDataSource({ requestId: `req-${++n}`, log }),
    close: async () => {
      await module.close();
      await emulator.close();
    },
  };
}

/** Next whole hour plus `days`, so times are whole seconds and in the future. */
function future(days: number, hourOffset = 0): Date {
  const ms =
    Math.ceil(Date.now() / 3_600_000) * 3_600_000 + days * 86_400_000 + hourOffset * 3_600_000;
  return new Date(ms);
}

const input = (overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput => {
  const startTime = overrides.startTime ?? future(2);
  return {
    provider: Provider.UMEETING,
    subject: 'Design review',
    startTime,
    endTime: new Date(startTime.getTime() + 45 * 60_000),
    organizer: 'alice',
    capacity: 10,
    ...overrides,
  };
};

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an error');
}

const weekdayIn = (d: Date, tz: string) => {
  const l = toLocal(d, tz);
  return WEEKDAY_ORDER[isoWeekday(l.year, l.month, l.day) - 1];
};
const clockIn = (d: Date, tz: string) => {
  const l = toLocal(d, tz);
  return `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
};

describe('UmeetingDataSource over HTTP', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig.close());
  afterEach(() => {
    expect(rig.emulator.faults.pending()).toEqual([]);
    rig.emulator.reset();
  });

  describe('one-off and instant meetings', () => {
    it('schedules a meeting and answers it with capacity, host key and start URL', async () => {
      const given = input({ password: '4321' });
      const meeting = await rig.ds().scheduleMeeting(given);
      expect(meeting).toMatchObject({
        provider: Provider.UMEETING,
        subject: 'Design review',
        kind: MeetingKind.SCHEDULED,
        status: MeetingStatus.INIT,
        password: '4321',
        organizer: 'alice',
        capacity: 10,
        timeZone: 'Asia/Shanghai',
        recurrence: null,
        occurrences: [],
        live: { enabled: false, watchUrl: null, playUrl: null },
      });
      expect(meeting.providerId).toMatch(/^\d{10}$/);
      expect(meeting.meetingCode).toBe(meeting.providerId);
      expect(meeting.startTime.toISOString()).toBe(given.startTime.toISOString());
      expect(meeting.endTime?.toISOString()).toBe(given.endTime.toISOString());
      expect(meeting.hostKey).toMatch(/^\d{6}$/);
      expect(meeting.startUrl).toContain('zak=');
      expect(rig.emulator.calls('scheduleMeeting')).toHaveLength(1);
    });

    it('reads it back by id and by meeting number, with the same instants', async () => {
      const created = await rig.ds().scheduleMeeting(input());
      const [read] = await rig.ds().getMeetings([{ providerId: created.providerId }]);
      const byCode = await rig.ds().getMeetingByCode(created.meetingCode!);
      for (const m of [read as Meeting, byCode!]) {
        expect(m).toMatchObject({
          id: created.id,
          subject: created.subject,
          status: MeetingStatus.INIT,
          capacity: 10,
        });
        expect(m.startTime.toISOString()).toBe(created.startTime.toISOString());
        expect(m.endTime?.toISOString()).toBe(created.endTime?.toISOString());
      }
      expect(rig.emulator.calls('getMeeting')).toHaveLength(2);
    });

    it('answers one entry per ref in order, null for a meeting that does not exist', async () => {
      const a = await rig.ds().scheduleMeeting(input());
      const result = await rig
        .ds()
        .getMeetings([
          { providerId: '1000000000' },
          { providerId: a.providerId },
          { providerId: 'not-a-number' },
        ]);
      expect(result.map((m) => (m && !(m instanceof Error) ? m.providerId : m))).toEqual([
        null,
        a.providerId,
        null,
      ]);
      // The malformed meeting number never reaches the provider.
      expect(rig.emulator.calls('getMeeting')).toHaveLength(2);
    });

    it('follows the provider clock: about to start in its window, ended after the end', async () => {
      const created = await rig.ds().scheduleMeeting(input());
      rig.emulator.clock.set(created.startTime.getTime() + 60_000);
      // umeeting's "in progress" cannot tell whether anyone is in (see MeetingStatus).
      expect((await rig.ds().getMeetingByCode(created.providerId))?.status).toBe(
        MeetingStatus.ABOUT_TO_START,
      );
      rig.emulator.clock.set(created.endTime!.getTime() + 60_000);
      expect((await rig.ds().getMeetingByCode(created.providerId))?.status).toBe(
        MeetingStatus.ENDED,
      );
    });

    it('starts an instant meeting now, with join-before-host and a duration', async () => {
      const before = Date.now();
      const meeting = await rig.ds().startInstantMeeting({
        provider: Provider.UMEETING,
        subject: 'Quick call',
        organizer: 'alice',
        capacity: 3,
        durationMinutes: 45,
        mediaSettings: { joinBeforeHost: true, muteOnJoin: true },
      });
      expect(meeting).toMatchObject({
        kind: MeetingKind.INSTANT,
        status: MeetingStatus.ABOUT_TO_START,
        capacity: 3,
      });
      expect(meeting.startTime.getTime()).toBeGreaterThanOrEqual(
        Math.floor(before / 1000) * 1000 - 1000,
      );
      expect(meeting.startTime.getTime()).toBeLessThanOrEqual(Date.now());
      expect(meeting.endTime!.getTime() - meeting.startTime.getTime()).toBe(45 * 60_000);
      expect(meeting.mediaSettings).toMatchObject({
        joinBeforeHost: true,
        muteOnJoin: true,
        waitingRoom: null,
      });
      const read = await rig.ds().getMeetingByCode(meeting.providerId);
      expect(read).toMatchObject({
        kind: MeetingKind.INSTANT,
        status: MeetingStatus.ABOUT_TO_START,
      });
      expect(rig.emulator.calls('instantMeeting')).toHaveLength(1);
    });

    it('enables live streaming and reports the watch and play addresses', async () => {
      const meeting = await rig.ds().scheduleMeeting(input({ live: {} }));
      expect(meeting.live).toMatchObject({ enabled: true, subject: null });
      expect(meeting.live?.watchUrl).toMatch(/^http/);
      expect(meeting.live?.playUrl).toMatch(/\.m3u8$/);
      const read = await rig.ds().getMeetingByCode(meeting.providerId);
      expect(read?.live).toEqual(meeting.live);
    });

    it('cancels a meeting and reads it back CANCELLED; an unknown one is NOT_FOUND', async () => {
      const created = await rig.ds().scheduleMeeting(input());
      const cancelled = await rig.ds().cancelMeeting({ providerId: created.providerId });
      expect(cancelled.status).toBe(MeetingStatus.CANCELLED);
      expect(rig.emulator.calls('deleteMeeting')).toHaveLength(1);
      const missing = await caught(rig.ds().cancelMeeting({ providerId: '1000000000' }));
      expect(missing.extensions.code).toBe('NOT_FOUND');
    });

    it('refuses webinars: umeeting has none', async () => {
      // As a resolver calls it: the UnsupportedOperations base throws synchronously.
      const error = await caught(
        (async () => rig.ds().scheduleWebinar({} as ScheduleWebinarInput))(),
      );
      expect(error.extensions).toMatchObject({
        code: 'UNSUPPORTED_BY_PROVIDER',
        provider: Provider.UMEETING,
      });
      expect(rig.module.capabilities).toEqual(UMEETING_CAPABILITIES);
      expect(rig.module.capabilities.webinar).toBeNull();
    });
  });

  describe('recurring meetings', () => {
    it('yields exactly the occurrences of a weekly rule on two weekdays with a count, in the zone', async () => {
      const tz = 'Asia/Shanghai';
      const startTime = future(3);
      const recurrence = {
        frequency: RecurrenceFrequency.WEEKLY,
        weekDays: [Weekday.TUESDAY, Weekday.FRIDAY],
        count: 5,
      };
      const meeting = await rig.ds().scheduleMeeting(input({ startTime, recurrence }));
      expect(meeting.recurrence).toMatchObject({ ...recurrence, until: null });
      expect(toRrule(meeting.recurrence!)).toBe('FREQ=WEEKLY;BYDAY=TU,FR;COUNT=5');
      expect(meeting.occurrences).toHaveLength(5);
      const expected = expandOccurrences(recurrence, startTime, tz);
      expect(meeting.occurrences.map((o) => o.startTime.toISOString())).toEqual(
        expected.map((d) => d.toISOString()),
      );
      for (const o of meeting.occurrences) {
        expect([Weekday.TUESDAY, Weekday.FRIDAY]).toContain(weekdayIn(o.startTime, tz));
        expect(clockIn(o.startTime, tz)).toBe(clockIn(startTime, tz));
        expect(o.endTime!.getTime() - o.startTime.getTime()).toBe(45 * 60_000);
        expect(o.status).toBe(MeetingStatus.INIT);
        expect(o.meetingId).toBe(meeting.id);
      }
      expect(new Set(meeting.occurrences.map((o) => o.providerOccurrenceId)).size).toBe(5);
      const read = await rig.ds().getMeetingByCode(meeting.providerId);
      expect(read?.recurrence).toEqual(meeting.recurrence);
      expect(read?.occurrences.map((o) => o.providerOccurrenceId)).toEqual(
        meeting.occurrences.map((o) => o.providerOccurrenceId),
      );
    });

    it('yields the occurrences of a monthly n-th weekday rule, with a matching rrule', async () => {
      const tz = 'Asia/Shanghai';
      const startTime = future(1);
      const recurrence = {
        frequency: RecurrenceFrequency.MONTHLY,
        monthWeek: 2,
        monthWeekDay: Weekday.THURSDAY,
        count: 3,
      };
      const meeting = await rig.ds().scheduleMeeting(input({ startTime, recurrence }));
      expect(toRrule(meeting.recurrence!)).toBe('FREQ=MONTHLY;BYDAY=2TH;COUNT=3');
      expect(meeting.occurrences).toHaveLength(3);
      const months = new Set<number>();
      for (const o of meeting.occurrences) {
        const local = toLocal(o.startTime, tz);
        expect(weekdayIn(o.startTime, tz)).toBe(Weekday.THURSDAY);
        expect(local.day).toBeGreaterThanOrEqual(8);
        expect(local.day).toBeLessThanOrEqual(14);
        months.add(local.year * 12 + local.month);
      }
      expect(months.size).toBe(3);
    });

    it('ends a series on until (end_date_time) and reads it back with until', async () => {
      const startTime = future(1);
      const until = new Date(startTime.getTime() + 3 * 86_400_000);
      const meeting = await rig
        .ds()
        .scheduleMeeting(
          input({ startTime, recurrence: { frequency: RecurrenceFrequency.DAILY, until } }),
        );
      expect(meeting.occurrences).toHaveLength(4);
      expect(meeting.recurrence?.until?.toISOString()).toBe(until.toISOString());
      const read = await rig.ds().getMeetingByCode(meeting.providerId);
      expect(read?.recurrence?.until?.toISOString()).toBe(until.toISOString());
      expect(read?.recurrence?.count).toBeNull();
    });

    it('cancels one occurrence and leaves the others', async () => {
      const meeting = await rig
        .ds()
        .scheduleMeeting(input({ recurrence: { frequency: RecurrenceFrequency.DAILY, count: 3 } }));
      const target = meeting.occurrences[1]!;
      const cancelled = await rig
        .ds()
        .cancelOccurrence({ providerId: meeting.providerId }, target.providerOccurrenceId);
      expect(cancelled).toMatchObject({
        id: target.id,
        providerOccurrenceId: target.providerOccurrenceId,
        status: MeetingStatus.CANCELLED,
        meetingId: meeting.id,
      });
      expect(cancelled.startTime.toISOString()).toBe(target.startTime.toISOString());
      const read = await rig.ds().getMeetingByCode(meeting.providerId);
      expect(read?.status).toBe(MeetingStatus.INIT);
      expect(read?.occurrences.map((o) => o.status)).toEqual([
        MeetingStatus.INIT,
        MeetingStatus.CANCELLED,
        MeetingStatus.INIT,
      ]);
      expect(rig.emulator.calls('deleteMeeting')).toHaveLength(1);
    });

    it('answers NOT_FOUND for an occurrence the series does not have, deleting nothing', async () => {
      const a = await rig
        .ds()
        .scheduleMeeting(input({ recurrence: { frequency: RecurrenceFrequency.DAILY, count: 2 } }));
      const b = await rig
        .ds()
        .scheduleMeeting(input({ recurrence: { frequency: RecurrenceFrequency.DAILY, count: 2 } }));
      const error = await caught(
        rig
          .ds()
          .cancelOccurrence({ providerId: a.providerId }, b.occurrences[0]!.providerOccurrenceId),
      );
      expect(error.extensions.code).toBe('NOT_FOUND');
      expect(rig.emulator.calls('deleteMeeting')).toHaveLength(0);
    });

    it('keeps a weekly meeting at 09:00 New York time across the March DST change', async () => {
      const ny = await startRig({ timeZone: 'America/New_York' });
      try {
        ny.emulator.clock.set(Date.parse('2026-02-01T00:00:00Z'));
        // Sunday 2026-03-01 09:00 EST; DST starts 2026-03-08.
        const startTime = new Date('2026-03-01T14:00:00Z');
        const meeting = await ny.ds().scheduleMeeting(
          input({
            startTime,
            endTime: new Date('2026-03-01T15:00:00Z'),
            recurrence: { frequency: RecurrenceFrequency.WEEKLY, count: 3 },
          }),
        );
        expect(meeting.timeZone).toBe('America/New_York');
        expect(meeting.recurrence?.weekDays).toEqual([Weekday.SUNDAY]);
        expect(meeting.occurrences.map((o) => o.startTime.toISOString())).toEqual([
          '2026-03-01T14:00:00.000Z',
          '2026-03-08T13:00:00.000Z',
          '2026-03-15T13:00:00.000Z',
        ]);
        const read = await ny.ds().getMeetingByCode(meeting.providerId);
        expect(read?.startTime.toISOString()).toBe('2026-03-01T14:00:00.000Z');
        expect(read?.occurrences.map((o) => clockIn(o.startTime, 'America/New_York'))).toEqual([
          '09:00',
          '09:00',
          '09:00',
        ]);
      } finally {
        await ny.close();
      }
    });
  });

  describe('refusals before any request', () => {
    it.each([
      [
        'a duration of 30 minutes',
        { endTime: new Date(future(2).getTime() + 30 * 60_000), startTime: future(2) },
        'BAD_USER_INPUT',
        'input.endTime',
      ],
      ['a missing capacity', { capacity: undefined }, 'BAD_USER_INPUT', 'input.capacity'],
    ] as [string, Partial<ScheduleMeetingInput>, string, string][])(
      'refuses %s without calling umeeting',
      async (_name, overrides, code, field) => {
        const error = await caught(rig.ds().scheduleMeeting(input(overrides)));
        expect(error.extensions).toMatchObject({ code, field });
        expect(rig.emulator.requests()).toHaveLength(0);
      },
    );
  });

  describe('provider failures', () => {
    it('retries a read after a 503 and a dropped connection', async () => {
      const created = await rig.ds().scheduleMeeting(input());
      rig.emulator.faults.add({ kind: 'http', status: 503, operation: 'getMeeting' });
      rig.emulator.faults.add({ kind: 'drop', operation: 'getMeeting' });
      const read = await rig.ds().getMeetingByCode(created.providerId);
      expect(read?.providerId).toBe(created.providerId);
      expect(rig.emulator.calls('getMeeting').map((c) => c.status)).toEqual([503, 0, 200]);
    });

    it('reports a lost create answer as OUTCOME_UNKNOWN and never sends the create twice', async () => {
      rig.emulator.faults.add({ kind: 'drop', operation: 'scheduleMeeting' });
      const error = await caught(rig.ds().scheduleMeeting(input()));
      expect(error.extensions).toMatchObject({
        code: 'OUTCOME_UNKNOWN',
        provider: Provider.UMEETING,
      });
      expect(rig.emulator.calls('scheduleMeeting')).toHaveLength(1);
    });

    it('reports an unreadable create answer as OUTCOME_UNKNOWN and an unreadable read as PROVIDER_RESPONSE_INVALID', async () => {
      rig.emulator.faults.add({ kind: 'malformed', operation: 'scheduleMeeting' });
      expect((await caught(rig.ds().scheduleMeeting(input()))).extensions.code).toBe(
        'OUTCOME_UNKNOWN',
      );
      rig.emulator.faults.add({ kind: 'malformed', operation: 'getMeeting' });
      expect((await caught(rig.ds().getMeetingByCode('1000000000'))).extensions.code).toBe(
        'PROVIDER_RESPONSE_INVALID',
      );
    });

    it('reports a lost cancel answer as OUTCOME_UNKNOWN', async () => {
      const created = await rig.ds().scheduleMeeting(input());
      rig.emulator.faults.add({ kind: 'drop', operation: 'deleteMeeting' });
      const error = await caught(rig.ds().cancelMeeting({ providerId: created.providerId }));
      expect(error.extensions.code).toBe('OUTCOME_UNKNOWN');
      expect(rig.emulator.calls('deleteMeeting')).toHaveLength(1);
    });

    it('maps body statuses through the error table, keeping the provider code', async () => {
      const cases: [number, string][] = [
        [400, 'PROVIDER_REJECTED'],
        [401, 'PROVIDER_AUTH_FAILED'],
        [4711, 'PROVIDER_REJECTED'],
      ];
      for (const [status, code] of cases) {
        rig.emulator.faults.add({
          kind: 'providerError',
          providerCode: status,
          message: 'nope',
          operation: 'scheduleMeeting',
        });
        const error = await caught(rig.ds().scheduleMeeting(input()));
        expect(error.extensions).toMatchObject({
          code,
          provider: Provider.UMEETING,
          providerCode: status,
        });
        expect(error.message).toContain('nope');
      }
      expect(rig.emulator.calls('scheduleMeeting')).toHaveLength(3);
    });

    it('maps a rate limit to PROVIDER_RATE_LIMITED with Retry-After', async () => {
      rig.emulator.faults.add({ kind: 'rateLimit', retryAfterSeconds: 9, operation: 'getMeeting' });
      const error = await caught(rig.ds().getMeetingByCode('1000000000'));
      expect(error.extensions).toMatchObject({
        code: 'PROVIDER_RATE_LIMITED',
        retryAfterSeconds: 9,
        providerCode: 429,
      });
    });

    it('reports an error for one ref of a batch without failing the others', async () => {
      const a = await rig.ds().scheduleMeeting(input());
      rig.emulator.faults.add({
        kind: 'providerError',
        providerCode: 400,
        operation: 'getMeeting',
      });
      const result = await rig
        .ds()
        .getMeetings([{ providerId: '1000000001' }, { providerId: a.providerId }]);
      expect(result[0]).toBeInstanceOf(ApiError);
      expect((result[1] as Meeting).providerId).toBe(a.providerId);
    });

    it('retries a read that times out, and reports a create that times out as OUTCOME_UNKNOWN', async () => {
      const log = pino({ level: 'silent' });
      const impatient = createUmeetingModule({
        config: { mode: ProviderMode.LIVE, baseUrl: rig.emulator.url, credentials: CREDS },
        timeoutMs: 300,
        log,
        timeZone: 'Asia/Shanghai',
      });
      try {
        const ds = impatient.createDataSource({ requestId: 'r', log });
        const created = await ds.scheduleMeeting(input());
        rig.emulator.faults.add({ kind: 'latency', latencyMs: 1000, operation: 'getMeeting' });
        expect((await ds.getMeetingByCode(created.providerId))?.providerId).toBe(
          created.providerId,
        );
        rig.emulator.faults.add({ kind: 'latency', latencyMs: 1000, operation: 'scheduleMeeting' });
        const error = await caught(ds.scheduleMeeting(input()));
        expect(error.extensions).toMatchObject({
          code: 'OUTCOME_UNKNOWN',
          provider: Provider.UMEETING,
        });
        // The slow requests are journaled when the emulator finally answers: wait for them, so
        // the journal shows the retried read and the one create, and nothing lands in later tests.
        await until(() => rig.emulator.calls('getMeeting').length === 2);
        await until(() => rig.emulator.calls('scheduleMeeting').length === 2);
      } finally {
        await impatient.close();
      }
    });

    it('reads an HTTP 404 (a wrong base URL) as PROVIDER_REJECTED, not as a missing meeting', async () => {
      const misrouted = createUmeetingModule({
        config: {
          mode: ProviderMode.LIVE,
          baseUrl: `${rig.emulator.url}/wrong-prefix`,
          credentials: CREDS,
        },
        timeoutMs: 1000,
        log: pino({ level: 'silent' }),
        timeZone: 'Asia/Shanghai',
      });
      try {
        const ds = misrouted.createDataSource({ requestId: 'r', log: pino({ level: 'silent' }) });
        const error = await caught(ds.getMeetingByCode('1000000000'));
        // A proxy's or router's status is not umeeting's own code.
        expect(error.extensions).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: null });
        expect(error.message).toContain('HTTP 404');
        expect(rig.emulator.calls('unknown')).toHaveLength(1);
      } finally {
        await misrouted.close();
      }
    });

    it('says whether umeeting is reachable, without throwing', async () => {
      expect(await rig.module.isReachable()).toBe(true);
      const closed = await startUmeetingEmulator({ credentials: CREDS });
      const url = closed.url;
      await closed.close();
      const gone = createUmeetingModule({
        config: { mode: ProviderMode.LIVE, baseUrl: url, credentials: CREDS },
        timeoutMs: 1000,
        log: pino({ level: 'silent' }),
        timeZone: 'Asia/Shanghai',
      });
      expect(await gone.isReachable()).toBe(false);
      await gone.close();
    });
  });

  describe('secrets', () => {
    it('keeps the api secret, host keys and start URLs out of every log line and error', async () => {
      const errors: string[] = [];
      const record = async (p: Promise<unknown>) => {
        try {
          await p;
        } catch (error) {
          errors.push(
            JSON.stringify({
              message: (error as Error).message,
              ext: (error as ApiError).extensions,
            }),
          );
        }
      };
      const created = await rig
        .ds()
        .scheduleMeeting(input({ recurrence: { frequency: RecurrenceFrequency.DAILY, count: 2 } }));
      const instant = await rig.ds().startInstantMeeting({
        provider: Provider.UMEETING,
        subject: 'x',
        organizer: 'alice',
        capacity: 2,
      });
      await rig
        .ds()
        .getMeetings([{ providerId: created.providerId }, { providerId: instant.providerId }]);
      await rig
        .ds()
        .cancelOccurrence(
          { providerId: created.providerId },
          created.occurrences[0]!.providerOccurrenceId,
        );
      await rig.ds().cancelMeeting({ providerId: created.providerId });
      rig.emulator.faults.add({ kind: 'drop', operation: 'scheduleMeeting' });
      await record(rig.ds().scheduleMeeting(input()));
      rig.emulator.faults.add({ kind: 'malformed', operation: 'getMeeting' });
      await record(rig.ds().getMeetingByCode(created.providerId));
      rig.emulator.faults.add({
        kind: 'providerError',
        providerCode: 500,
        operation: 'deleteMeeting',
      });
      await record(rig.ds().cancelMeeting({ providerId: instant.providerId }));

      const wrong = await startRig({ apiSecret: 'a-wrong-but-secret-value' });
      try {
        await record(wrong.ds().scheduleMeeting(input()));
        await record(wrong.ds().getMeetingByCode('1000000000'));
        expect(errors.at(-1)).toContain('PROVIDER_AUTH_FAILED');
        rig.logs.push(...wrong.logs);
      } finally {
        await wrong.close();
      }

      const everything = [...rig.logs, ...errors].join('\n');
      expect(rig.logs.length).toBeGreaterThan(5);
      expect(errors).toHaveLength(5);
      const secrets = [
        CREDS.apiSecret,
        'a-wrong-but-secret-value',
        created.hostKey!,
        created.startUrl!,
        instant.hostKey!,
        instant.startUrl!,
        new URL(created.startUrl!).searchParams.get('zak')!,
      ];
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(5);
        expect(everything).not.toContain(secret);
      }
      for (const meeting of rig.emulator.state.meetings.values())
        expect(everything).not.toContain(meeting.token);
    });
  });
});
