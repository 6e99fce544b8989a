import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  Provider as GqlProvider,
  RecurrenceFrequency,
  UmCancelDocument,
  UmEndDocument,
  UmGetDocument,
  UmScheduleDocument,
  UmUpdateDocument,
  type ScheduleMeetingInput,
} from '../__generated__/operations.js';
import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import {
  startUmeetingEmulator,
  type UmeetingEmulatorHandle,
} from '../../src/emulators/umeeting/index.js';
import { formatUmeetingTime } from '../../src/emulators/umeeting/time.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';
import { expectFaultsConsumed } from '../helpers/emulator-assertions.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';

/**
 * `capacity` on umeeting's updateMeeting: `/umeeting/share/resetCapacity/{meetingId}`
 * (docs/reference/providers.md §3.2 #10), a second write after `/share/update` when both are
 * needed, alone when only the capacity changes. Through GraphQL (SANDBOX, and LIVE against a
 * standalone emulator); upstream calls are counted in the emulator journal. Then the emulator
 * route itself.
 */

const ORGANIZER = 'alice';
const input = (overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput => ({
  provider: GqlProvider.Umeeting,
  subject: 'Room for ten',
  startTime: minutesFromNow(2 * 24 * 60),
  endTime: minutesFromNow(2 * 24 * 60 + 60),
  organizer: ORGANIZER,
  capacity: 10,
  ...overrides,
});

/** Operation names in the journal since the last reset, in order. */
const journal = (emulator: UmeetingEmulatorHandle) => emulator.requests().map((r) => r.operation);

describe('umeeting updateMeeting capacity through GraphQL (SANDBOX)', () => {
  let server: TestServer;
  let emulator: UmeetingEmulatorHandle;

  beforeAll(async () => {
    server = await startTestServer();
    emulator = server.emulators[Provider.UMEETING] as UmeetingEmulatorHandle;
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());
  afterEach(() => expectFaultsConsumed([emulator]));

  const schedule = async (overrides: Partial<ScheduleMeetingInput> = {}) => {
    const result = await server.execute(UmScheduleDocument, { input: input(overrides) });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleMeeting;
  };

  it('lists capacity among the meeting update fields', async () => {
    const result = await server.executeText<{
      providers: Array<{ provider: string; capabilities: { meeting: { updateFields: string[] } } }>;
    }>('{ providers { provider capabilities { meeting { updateFields } } } }');
    expect(result.errors).toBeUndefined();
    const um = result.data!.providers.find((p) => p.provider === 'UMEETING')!;
    expect(um.capabilities.meeting.updateFields).toContain('capacity');
  });

  it('capacity alone: one resetCapacity write and the read back, no share/update', async () => {
    const created = await schedule();
    const before = emulator.requests().length;
    const result = await server.execute(UmUpdateDocument, {
      id: created.id,
      input: { capacity: 25 },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateMeeting).toMatchObject({
      id: created.id,
      capacity: 25,
      subject: 'Room for ten',
      startTime: created.startTime,
      endTime: created.endTime,
    });
    expect(journal(emulator).slice(before)).toEqual(['resetCapacity', 'getMeeting']);
    const [call] = emulator.calls('resetCapacity');
    expect(call!.path).toBe(`/umeeting/share/resetCapacity/${created.providerId}`);
    expect(emulator.state.meetings.get(created.providerId)!.capacity).toBe(25);

    const read = await server.execute(UmGetDocument, { id: created.id });
    expect(read.data!.meeting!.capacity).toBe(25);
  });

  it('capacity with a subject: the read for the times, update, resetCapacity, read back', async () => {
    const created = await schedule();
    const before = emulator.requests().length;
    const result = await server.execute(UmUpdateDocument, {
      id: created.id,
      input: { subject: 'Room for twenty-five', capacity: 25 },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateMeeting).toMatchObject({
      subject: 'Room for twenty-five',
      capacity: 25,
      startTime: created.startTime,
    });
    // The read first is the update's own (share/update requires start_time and duration).
    expect(journal(emulator).slice(before)).toEqual([
      'getMeeting',
      'updateMeeting',
      'resetCapacity',
      'getMeeting',
    ]);
  });

  it('capacity with both ends: update, resetCapacity, read back (no read before)', async () => {
    const created = await schedule();
    const startTime = minutesFromNow(3 * 24 * 60);
    const endTime = minutesFromNow(3 * 24 * 60 + 90);
    const before = emulator.requests().length;
    const result = await server.execute(UmUpdateDocument, {
      id: created.id,
      input: { startTime, endTime, capacity: 12 },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateMeeting).toMatchObject({
      startTime: new Date(startTime).toISOString(),
      endTime: new Date(endTime).toISOString(),
      capacity: 12,
    });
    expect(journal(emulator).slice(before)).toEqual([
      'updateMeeting',
      'resetCapacity',
      'getMeeting',
    ]);
  });

  it('capacity on a series changes the whole series and keeps its occurrences', async () => {
    const created = await schedule({
      recurrence: { frequency: RecurrenceFrequency.Daily, count: 3 },
    });
    const before = emulator.requests().length;
    const result = await server.execute(UmUpdateDocument, {
      id: created.id,
      input: { capacity: 30 },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateMeeting.capacity).toBe(30);
    expect(result.data!.updateMeeting.occurrences.map((o) => o.id)).toEqual(
      created.occurrences.map((o) => o.id),
    );
    expect(journal(emulator).slice(before)).toEqual(['resetCapacity', 'getMeeting']);
  });

  it('resetCapacity refused after share/update succeeded: the code kept, applied/notApplied', async () => {
    const created = await schedule();
    emulator.faults.add({
      kind: 'providerError',
      operation: 'resetCapacity',
      providerCode: 400,
      message: 'meeting_capacity exceeds the licence',
    });
    const before = emulator.requests().length;
    const result = await server.execute(UmUpdateDocument, {
      id: created.id,
      input: { subject: 'Renamed', capacity: 25 },
    });
    expect(result.data).toBeNull();
    const ext = result.errors![0]!.extensions!;
    expect(ext).toMatchObject({
      code: 'PROVIDER_REJECTED',
      provider: 'UMEETING',
      providerCode: 400,
      applied: ['input.subject'],
      notApplied: ['input.capacity'],
    });
    expect(ext.unknown).toBeUndefined();
    expect(result.errors![0]!.message).toContain('meeting_capacity exceeds the licence');
    // Each write once (never retried), and no read back after the failure.
    expect(journal(emulator).slice(before)).toEqual([
      'getMeeting',
      'updateMeeting',
      'resetCapacity',
    ]);
    const stored = emulator.state.meetings.get(created.providerId)!;
    expect(stored.topic).toBe('Renamed');
    expect(stored.capacity).toBe(10);
  });

  it('drop on resetCapacity after share/update: OUTCOME_UNKNOWN with applied/unknown', async () => {
    const created = await schedule();
    emulator.faults.add({ kind: 'drop', operation: 'resetCapacity' });
    const result = await server.execute(UmUpdateDocument, {
      id: created.id,
      input: { subject: 'Lost capacity', capacity: 25 },
    });
    expect(errorCode(result)).toBe('OUTCOME_UNKNOWN');
    const ext = result.errors![0]!.extensions!;
    expect(ext).toMatchObject({
      applied: ['input.subject'],
      unknown: ['input.capacity'],
    });
    expect(ext.notApplied).toBeUndefined();
    expect(emulator.calls('updateMeeting')).toHaveLength(1);
    expect(emulator.calls('resetCapacity')).toHaveLength(1);
    // `phase: after`: umeeting acted, only the answer was lost.
    expect(emulator.state.meetings.get(created.providerId)!.capacity).toBe(25);
  });

  it('drop on resetCapacity alone: OUTCOME_UNKNOWN, one write, nothing listed as applied', async () => {
    const created = await schedule();
    emulator.faults.add({ kind: 'drop', operation: 'resetCapacity' });
    const result = await server.execute(UmUpdateDocument, {
      id: created.id,
      input: { capacity: 25 },
    });
    expect(errorCode(result)).toBe('OUTCOME_UNKNOWN');
    expect(result.errors![0]!.extensions!.applied).toBeUndefined();
    expect(journal(emulator).filter((op) => op !== 'scheduleMeeting')).toEqual(['resetCapacity']);
  });

  it('share/update refused: resetCapacity is never sent', async () => {
    const created = await schedule();
    emulator.faults.add({ kind: 'providerError', operation: 'updateMeeting', providerCode: 400 });
    const before = emulator.requests().length;
    const result = await server.execute(UmUpdateDocument, {
      id: created.id,
      input: { subject: 'Refused', capacity: 25 },
    });
    expect(errorCode(result)).toBe('PROVIDER_REJECTED');
    expect(journal(emulator).slice(before)).toEqual(['getMeeting', 'updateMeeting']);
    expect(emulator.state.meetings.get(created.providerId)!.capacity).toBe(10);
  });

  it('a bad capacity is BAD_USER_INPUT on input.capacity with no call', async () => {
    const created = await schedule();
    const before = emulator.requests().length;
    for (const capacity of [0, -3, 100_001, 2.5]) {
      const result = await server.execute(UmUpdateDocument, {
        id: created.id,
        input: { capacity, subject: 'Never sent' },
      });
      const ext = result.errors?.[0]?.extensions;
      expect({ capacity, code: ext?.code }).toEqual({ capacity, code: 'BAD_USER_INPUT' });
      expect([ext?.field, ...((ext?.fields as string[]) ?? [])].join(' ')).toContain(
        'input.capacity',
      );
    }
    expect(emulator.requests()).toHaveLength(before);
  });

  it('capacity: null is refused with no call (umeeting requires a capacity)', async () => {
    const created = await schedule();
    const before = emulator.requests().length;
    const result = await server.execute(UmUpdateDocument, {
      id: created.id,
      input: { capacity: null },
    });
    expect(errorCode(result)).toBe('UNSUPPORTED_BY_PROVIDER');
    expect(result.errors![0]!.extensions!.field).toBe('input.capacity');
    expect(emulator.requests()).toHaveLength(before);
  });

  it('a cancelled or an ended meeting: umeeting refuses, PROVIDER_REJECTED, one write', async () => {
    const cancelled = await schedule();
    await server.execute(UmCancelDocument, { id: cancelled.id });
    const ended = await schedule();
    await server.execute(UmEndDocument, { id: ended.id });
    for (const [meeting, message] of [
      [cancelled, 'deleted'],
      [ended, 'ended'],
    ] as const) {
      const before = emulator.requests().length;
      const result = await server.execute(UmUpdateDocument, {
        id: meeting.id,
        input: { capacity: 25 },
      });
      expect(errorCode(result)).toBe('PROVIDER_REJECTED');
      expect(result.errors![0]!.message).toContain(message);
      expect(journal(emulator).slice(before)).toEqual(['resetCapacity']);
    }
  });

  it('an unknown meeting number is NOT_FOUND', async () => {
    const result = await server.execute(UmUpdateDocument, {
      id: meetingGlobalId(Provider.UMEETING, '1234567890', ORGANIZER),
      input: { capacity: 25 },
    });
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(journal(emulator)).toEqual(['resetCapacity']);
  });

  it('the same idempotencyKey twice sends one resetCapacity', async () => {
    const created = await schedule();
    const change = { capacity: 40, idempotencyKey: 'um-capacity-1' };
    const first = await server.execute(UmUpdateDocument, { id: created.id, input: change });
    const second = await server.execute(UmUpdateDocument, { id: created.id, input: change });
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(emulator.calls('resetCapacity')).toHaveLength(1);
  });
});

describe('umeeting updateMeeting capacity through GraphQL (LIVE against a standalone emulator)', () => {
  let standalone: UmeetingEmulatorHandle;
  let server: TestServer;
  const creds = { apiKey: 'live-key', apiSecret: 'live-umeeting-capacity-secret' };

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

  it('books for 10 and resizes to 25: the key and secret travel, never the logs', async () => {
    const created = await server.execute(UmScheduleDocument, { input: input() });
    expect(created.errors).toBeUndefined();
    const meeting = created.data!.scheduleMeeting;
    const before = standalone.requests().length;
    const result = await server.execute(UmUpdateDocument, {
      id: meeting.id,
      input: { capacity: 25 },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateMeeting.capacity).toBe(25);
    expect(journal(standalone).slice(before)).toEqual(['resetCapacity', 'getMeeting']);
    expect(server.logs.join('\n')).not.toContain(creds.apiSecret);
  });
});

describe('umeeting emulator /umeeting/share/resetCapacity/{meetingId}', () => {
  let emulator: UmeetingEmulatorHandle;
  const creds = SANDBOX_CREDENTIALS.umeeting;

  beforeAll(async () => {
    emulator = await startUmeetingEmulator({ credentials: creds });
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  const post = async (path: string, fields: Record<string, string>, auth = true) => {
    const response = await fetch(`${emulator.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...(auth ? { api_key: creds.apiKey, api_secret: creds.apiSecret } : {}),
        ...fields,
      }).toString(),
    });
    return (await response.json()) as { status: number; message: string; data?: unknown };
  };

  const book = async (extra: Record<string, string> = {}) => {
    const start = new Date(Date.parse(minutesFromNow(24 * 60)));
    const body = await post('/umeeting/share/schedule', {
      topic: 'Direct',
      meeting_capacity: '10',
      start_time: formatUmeetingTime(start, emulator.timeZone),
      duration: '45',
      ...extra,
    });
    expect(body.status).toBe(200);
    return body.data as { meeting_id: string; occurrences?: Array<{ uuid: string }> };
  };

  it('sets meeting_capacity, answers data null, and get reports it; journaled resetCapacity', async () => {
    const { meeting_id: id } = await book();
    const body = await post(`/umeeting/share/resetCapacity/${id}`, { meeting_capacity: '25' });
    expect(body).toEqual({ status: 200, message: 'OK', data: null });
    const read = await post('/umeeting/share/get', { meeting_id: id });
    expect((read.data as { meeting_capacity: string }).meeting_capacity).toBe('25');
    expect(emulator.requests().map((r) => r.operation)).toEqual([
      'scheduleMeeting',
      'resetCapacity',
      'getMeeting',
    ]);
  });

  it('validates meeting_capacity as a positive integer (400, nothing changed)', async () => {
    const { meeting_id: id } = await book();
    for (const value of [undefined, '', '0', '-1', '2.5', 'ten', '100001']) {
      const body = await post(
        `/umeeting/share/resetCapacity/${id}`,
        value === undefined ? {} : { meeting_capacity: value },
      );
      expect({ value, status: body.status }).toEqual({ value, status: 400 });
      expect(body.message).toContain('meeting_capacity');
    }
    expect(emulator.state.meetings.get(id)!.capacity).toBe(10);
  });

  it('checks api_key and api_secret like the other routes', async () => {
    const { meeting_id: id } = await book();
    const body = await post(
      `/umeeting/share/resetCapacity/${id}`,
      { meeting_capacity: '25' },
      false,
    );
    expect(body.status).toBe(401);
    const wrong = await post(`/umeeting/share/resetCapacity/${id}`, {
      meeting_capacity: '25',
      api_secret: 'wrong',
    });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong)).not.toContain(creds.apiSecret);
    expect(emulator.state.meetings.get(id)!.capacity).toBe(10);
  });

  it('refuses an unknown (404), deleted or ended meeting and an occurrence uuid (400)', async () => {
    expect(
      (await post('/umeeting/share/resetCapacity/1234567890', { meeting_capacity: '5' })).status,
    ).toBe(404);
    const deleted = await book();
    await post('/umeeting/share/delete', { id: deleted.meeting_id });
    const ended = await book();
    await post('/umeeting/share/end', { id: ended.meeting_id });
    const series = await book({ recurrence_type: '1', end_times: '2' });
    for (const [id, message] of [
      [deleted.meeting_id, 'deleted'],
      [ended.meeting_id, 'ended'],
      [series.occurrences![0]!.uuid, 'meeting number'],
    ] as const) {
      const body = await post(`/umeeting/share/resetCapacity/${encodeURIComponent(id)}`, {
        meeting_capacity: '5',
      });
      expect({ id, status: body.status }).toEqual({ id, status: 400 });
      expect(body.message).toContain(message);
    }
  });

  it('without a meeting id the path is no API (404)', async () => {
    const body = await post('/umeeting/share/resetCapacity', { meeting_capacity: '5' });
    expect(body.status).toBe(404);
  });
});
