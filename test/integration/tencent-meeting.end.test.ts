import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  CancelMeetingDocument,
  EndMeetingDocument,
  GetMeetingDocument,
  MeetingStatus,
  Provider as GqlProvider,
  RecurrenceFrequency,
  ScheduleMeetingDocument,
  StartInstantMeetingDocument,
  type ScheduleMeetingInput,
} from '../__generated__/operations.js';
import {
  startTencentMeetingEmulator,
  type TencentMeetingEmulatorHandle,
} from '../../src/emulators/tencent-meeting/index.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { decodeGlobalId, encodeGlobalId } from '../../src/schema/ids.js';
import { expectFaultsConsumed } from '../helpers/emulator-assertions.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';
import { signedRequest, TEST_CREDENTIALS } from '../fixtures/tencent-meeting/signed-request.js';

/*
 * endMeeting on Tencent Meeting: `POST /v1/meetings/{id}/dismiss` (结束会议,
 * cloud.tencent.com/document/product/1095/57955), read first and read back. Upstream calls are
 * counted through the emulator journal (operation `endMeeting` for the dismiss).
 */

const ORGANIZER = 'end-alice';

function meetingInput(overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput {
  return {
    provider: GqlProvider.TencentMeeting,
    subject: 'End me',
    startTime: minutesFromNow(24 * 60),
    endTime: minutesFromNow(24 * 60 + 60),
    organizer: ORGANIZER,
    ...overrides,
  };
}

describe('endMeeting on Tencent Meeting through GraphQL (SANDBOX)', () => {
  let server: TestServer;
  let emulator: TencentMeetingEmulatorHandle;

  beforeAll(async () => {
    server = await startTestServer();
    emulator = server.emulators[Provider.TENCENT_MEETING] as TencentMeetingEmulatorHandle;
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());
  afterEach(() => expectFaultsConsumed([emulator]));

  const schedule = async (overrides: Partial<ScheduleMeetingInput> = {}) => {
    const result = await server.execute(ScheduleMeetingDocument, {
      input: meetingInput(overrides),
    });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleMeeting;
  };
  /** Journal operations from `since` on. */
  const journal = (since: number) =>
    emulator
      .requests()
      .slice(since)
      .map((c) => c.operation);

  it('ends a booked meeting: ENDED after a read, one dismiss and a read-back', async () => {
    const created = await schedule();
    const before = emulator.requests().length;
    const ended = await server.execute(EndMeetingDocument, { id: created.id });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.endMeeting).toMatchObject({
      id: created.id,
      providerId: created.providerId,
      organizer: ORGANIZER,
      status: MeetingStatus.Ended,
    });
    expect(journal(before)).toEqual(['getMeeting', 'endMeeting', 'getMeeting']);
    expect(emulator.calls('endMeeting').map((c) => c.status)).toEqual([200]);
    expect(emulator.calls('endMeeting')[0]!.path).toBe(
      `/v1/meetings/${created.providerId}/dismiss`,
    );

    const read = await server.execute(GetMeetingDocument, { id: created.id });
    expect(read.data!.meeting).toEqual(ended.data!.endMeeting);
  });

  it('answers an ended meeting as read, with no dismiss sent', async () => {
    const created = await schedule();
    await server.execute(EndMeetingDocument, { id: created.id });
    const before = emulator.requests().length;
    const again = await server.execute(EndMeetingDocument, { id: created.id });
    expect(again.errors).toBeUndefined();
    expect(again.data!.endMeeting.status).toBe(MeetingStatus.Ended);
    expect(journal(before)).toEqual(['getMeeting']);
    expect(emulator.calls('endMeeting')).toHaveLength(1);
  });

  it('answers a meeting ended by the clock as read, with no dismiss sent', async () => {
    const created = await schedule();
    emulator.clock.advance(3 * 24 * 3600);
    const result = await server.execute(EndMeetingDocument, { id: created.id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.endMeeting.status).toBe(MeetingStatus.Ended);
    expect(emulator.calls('endMeeting')).toHaveLength(0);
  });

  it('answers a cancelled meeting as it is (CANCELLED), with no dismiss sent', async () => {
    const created = await schedule();
    const cancelled = await server.execute(CancelMeetingDocument, { id: created.id });
    expect(cancelled.errors).toBeUndefined();
    const before = emulator.requests().length;
    const result = await server.execute(EndMeetingDocument, { id: created.id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.endMeeting.status).toBe(MeetingStatus.Cancelled);
    expect(journal(before)).toEqual(['getMeeting']);
    expect(emulator.calls('endMeeting')).toHaveLength(0);
  });

  it('answers NOT_FOUND for an unknown meeting, with no dismiss sent', async () => {
    const created = await schedule();
    const unknown = encodeGlobalId({
      kind: 'Meeting',
      provider: Provider.TENCENT_MEETING,
      providerId: '18000000000000000001',
      organizer: decodeGlobalId(created.id, 'id').organizer,
    });
    const result = await server.execute(EndMeetingDocument, { id: unknown });
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(emulator.calls('endMeeting')).toHaveLength(0);
  });

  it('ends a series whole: the series and every occurrence ENDED', async () => {
    const created = await schedule({
      recurrence: { frequency: RecurrenceFrequency.Daily, count: 3 },
    });
    expect(created.occurrences).toHaveLength(3);
    const ended = await server.execute(EndMeetingDocument, { id: created.id });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.endMeeting.status).toBe(MeetingStatus.Ended);
    expect(ended.data!.endMeeting.occurrences.map((o) => o.status)).toEqual([
      MeetingStatus.Ended,
      MeetingStatus.Ended,
      MeetingStatus.Ended,
    ]);
    expect(emulator.calls('endMeeting')).toHaveLength(1);
  });

  it('ends an instant meeting', async () => {
    const started = await server.execute(StartInstantMeetingDocument, {
      input: {
        provider: GqlProvider.TencentMeeting,
        subject: 'Quick',
        organizer: ORGANIZER,
      },
    });
    expect(started.errors).toBeUndefined();
    const ended = await server.execute(EndMeetingDocument, {
      id: started.data!.startInstantMeeting.id,
    });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.endMeeting.status).toBe(MeetingStatus.Ended);
    expect(emulator.calls('endMeeting')).toHaveLength(1);
  });

  it('answers OUTCOME_UNKNOWN when the dismiss answer is lost, sent once (the provider did end it)', async () => {
    const created = await schedule();
    emulator.faults.add({ kind: 'drop', operation: 'endMeeting' });
    const result = await server.execute(EndMeetingDocument, { id: created.id });
    expect(errorCode(result)).toBe('OUTCOME_UNKNOWN');
    expect(result.errors![0]!.extensions).toMatchObject({
      provider: Provider.TENCENT_MEETING,
      operation: 'endMeeting',
    });
    expect(emulator.calls('endMeeting')).toHaveLength(1);
    const read = await server.execute(GetMeetingDocument, { id: created.id });
    expect(read.data!.meeting!.status).toBe(MeetingStatus.Ended);
  });

  it("maps the dismiss doc's own codes: 41 is OUTCOME_UNKNOWN, 9042 PROVIDER_REJECTED; sent once", async () => {
    const created = await schedule();
    emulator.faults.add({ kind: 'providerError', providerCode: 41, operation: 'endMeeting' });
    const lost = await server.execute(EndMeetingDocument, { id: created.id });
    expect(errorCode(lost)).toBe('OUTCOME_UNKNOWN');
    expect(emulator.calls('endMeeting')).toHaveLength(1);

    emulator.faults.add({ kind: 'providerError', providerCode: 9042, operation: 'endMeeting' });
    const refused = await server.execute(EndMeetingDocument, { id: created.id });
    expect(errorCode(refused)).toBe('PROVIDER_REJECTED');
    expect(refused.errors![0]!.extensions!.providerCode).toBe(9042);
    expect(emulator.calls('endMeeting')).toHaveLength(2);
  });
});

describe('Tencent Meeting emulator: POST /v1/meetings/{id}/dismiss', () => {
  let emulator: TencentMeetingEmulatorHandle;
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    emulator = await startTencentMeetingEmulator({ credentials: { ...TEST_CREDENTIALS } });
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  const post = (uri: string, body: unknown, options: { secretKey?: string } = {}) =>
    signedRequest(emulator.url, { uri, body, ...options });
  const dismissBody = (operator: string, extra: Record<string, unknown> = {}) => ({
    operator_id: operator,
    operator_id_type: 1,
    instanceid: 1,
    reason_code: 1,
    ...extra,
  });
  const status = async (id: string) =>
    (
      await signedRequest(emulator.url, {
        uri: `/v1/meetings/${id}?operator_id=alice&operator_id_type=1&instanceid=1`,
      })
    ).json.meeting_info_list[0].status;

  async function createMeeting(): Promise<{ meeting_id: string }> {
    const start = nowSeconds() + 86_400;
    const res = await post('/v1/meetings', {
      userid: 'alice',
      instanceid: 1,
      subject: 'Dismiss me',
      type: 0,
      start_time: String(start),
      end_time: String(start + 3600),
    });
    expect(res.status).toBe(200);
    return res.json.meeting_info_list[0];
  }

  it('requires a valid signature (200003), and then changes nothing', async () => {
    const info = await createMeeting();
    const res = await post(`/v1/meetings/${info.meeting_id}/dismiss`, dismissBody('alice'), {
      secretKey: 'not-the-secret-key',
    });
    expect(res.json.error_info.error_code).toBe(200003);
    expect(await status(info.meeting_id)).toBe('MEETING_STATE_INIT');
  });

  it('ends a meeting: {} and MEETING_STATE_ENDED; again 13603; journaled as endMeeting', async () => {
    const info = await createMeeting();
    const ok = await post(`/v1/meetings/${info.meeting_id}/dismiss`, dismissBody('alice'));
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({});
    expect(await status(info.meeting_id)).toBe('MEETING_STATE_ENDED');
    const again = await post(`/v1/meetings/${info.meeting_id}/dismiss`, dismissBody('alice'));
    expect(again.status).toBe(500);
    expect(again.json.error_info.error_code).toBe(13603);
    expect(emulator.calls('endMeeting')).toHaveLength(2);
  });

  it('answers 9003 for an unknown meeting, 9042 for someone not allowed, 9007 once cancelled', async () => {
    const missing = await post('/v1/meetings/12345678901234567890/dismiss', dismissBody('alice'));
    expect(missing.json.error_info.error_code).toBe(9003);

    const info = await createMeeting();
    const stranger = await post(`/v1/meetings/${info.meeting_id}/dismiss`, dismissBody('mallory'));
    expect(stranger.status).toBe(500);
    expect(stranger.json.error_info.error_code).toBe(9042);

    const cancel = await post(`/v1/meetings/${info.meeting_id}/cancel`, {
      userid: 'alice',
      instanceid: 1,
      reason_code: 1,
    });
    expect(cancel.status).toBe(200);
    const cancelled = await post(`/v1/meetings/${info.meeting_id}/dismiss`, dismissBody('alice'));
    expect(cancelled.json.error_info.error_code).toBe(9007);
  });

  it('validates the documented body (190004 naming the field)', async () => {
    const info = await createMeeting();
    const uri = `/v1/meetings/${info.meeting_id}/dismiss`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ operator_id_type: 1, instanceid: 1, reason_code: 1 }, 'operator_id'],
      [{ operator_id: 'alice', instanceid: 1, reason_code: 1 }, 'operator_id_type'],
      [{ operator_id: 'alice', operator_id_type: 1, reason_code: 1 }, 'instanceid'],
      [{ operator_id: 'alice', operator_id_type: 1, instanceid: 1 }, 'reason_code'],
      [dismissBody('alice', { force_dismiss_meeting: 2 }), 'force_dismiss_meeting'],
      [dismissBody('alice', { retrieve_code: '1' }), 'retrieve_code'],
    ];
    for (const [body, field] of cases) {
      const res = await post(uri, body);
      expect({ field, code: res.json.error_info.error_code }).toEqual({ field, code: 190004 });
      expect(res.json.error_info.message).toContain(field);
    }
    expect(await status(info.meeting_id)).toBe('MEETING_STATE_INIT');
  });

  it('ends a started meeting with people in (force_dismiss_meeting defaults to 1), not with 0', async () => {
    const info = await createMeeting();
    emulator.clock.advance(86_400 + 60);
    emulator.state.join(info.meeting_id);
    expect(await status(info.meeting_id)).toBe('MEETING_STATE_STARTED');
    const soft = await post(
      `/v1/meetings/${info.meeting_id}/dismiss`,
      dismissBody('alice', { force_dismiss_meeting: 0 }),
    );
    expect(soft.json.error_info.error_code).toBe(13602);
    const forced = await post(`/v1/meetings/${info.meeting_id}/dismiss`, dismissBody('alice'));
    expect(forced.status).toBe(200);
    expect(await status(info.meeting_id)).toBe('MEETING_STATE_ENDED');
  });
});
