import { createHmac } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  startTencentMeetingEmulator,
  type TencentMeetingEmulatorHandle,
} from '../../src/emulators/tencent-meeting/index.js';
import { stringToSign } from '../../src/providers/tencent-meeting/tencent-meeting.signature.js';
import {
  fixture,
  signedRequest,
  TEST_CREDENTIALS,
} from '../fixtures/tencent-meeting/signed-request.js';

const TWO_POW_63 = 2n ** 63n;
const HOUR = 3600;
const DAY = 86_400;

let emulator: TencentMeetingEmulatorHandle;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  emulator = await startTencentMeetingEmulator({ credentials: { ...TEST_CREDENTIALS } });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

function meetingBody(overrides: Record<string, unknown> = {}) {
  const start = now() + DAY;
  return {
    userid: 'alice',
    instanceid: 1,
    subject: 'Weekly sync',
    type: 0,
    start_time: String(start),
    end_time: String(start + HOUR),
    ...overrides,
  };
}

function webinarBody(overrides: Record<string, unknown> = {}) {
  const start = now() + DAY;
  return {
    userid: 'alice',
    instanceid: 1,
    subject: 'Launch webinar',
    start_time: String(start),
    end_time: String(start + 2 * HOUR),
    admission_type: 0,
    ...overrides,
  };
}

const post = (uri: string, body: unknown) => signedRequest(emulator.url, { uri, body });
const get = (uri: string) => signedRequest(emulator.url, { uri });
const read = (id: string, user = 'alice') =>
  get(`/v1/meetings/${id}?operator_id=${user}&operator_id_type=1&instanceid=1`);

async function createMeeting(overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await post('/v1/meetings', meetingBody(overrides));
  expect(res.status).toBe(200);
  return res.json.meeting_info_list[0];
}

describe('Tencent Meeting emulator: seeds', () => {
  it('accepts seed 001 verbatim (bare-string users, until_data typo, response-only field) and answers a list', async () => {
    const res = await signedRequest(emulator.url, {
      uri: '/v1/meetings',
      body: fixture('seed-001-create-meeting.request.json'),
    });
    expect(res.status).toBe(200);
    expect(res.json.meeting_number).toBe(1);
    const info = res.json.meeting_info_list[0];
    expect(info.subject).toBe("tester's meeting");
    expect(info.meeting_id).toMatch(/^\d{18,20}$/);
    expect(info.meeting_code).toMatch(/^\d{9}$/);
    expect(info.join_url).toMatch(/^https:\/\//);
    expect(info.hosts).toEqual([{ userid: 'tester' }]);
    // Seed 001: live_config on create carries only live_addr.
    expect(Object.keys(info.live_config)).toEqual(['live_addr']);
    const got = await read(info.meeting_id, 'tester');
    expect(got.json.meeting_info_list[0].sub_meetings).toHaveLength(7);
  });

  it('emits meeting ids as quoted JSON strings, the first one 20 digits above 2^63', async () => {
    const res = await post('/v1/meetings', meetingBody());
    const id = res.json.meeting_info_list[0].meeting_id as string;
    expect(id).toMatch(/^\d{20}$/);
    expect(BigInt(id) > TWO_POW_63).toBe(true);
    expect(res.text).toContain(`"meeting_id":"${id}"`);
  });

  it('cycles meeting id lengths through 20, 19 and 18 digits', async () => {
    const lengths: number[] = [];
    for (let i = 0; i < 6; i++) lengths.push((await createMeeting()).meeting_id.length);
    expect(lengths).toEqual([20, 19, 18, 20, 19, 18]);
  });

  it('rejects seed 000 verbatim because its example is not valid JSON (trailing comma)', async () => {
    const res = await signedRequest(emulator.url, {
      uri: '/v1/webinars',
      body: fixture('seed-000-create-webinar.request.txt'),
    });
    expect(res.status).toBe(400);
    expect(res.json.error_info.error_code).toBe(190004);
    expect(res.json.error_info.message).toContain('body');
  });

  it('accepts seed 000 with the comma fixed and future times, answering the flat object of the seed', async () => {
    const seed = fixture('seed-000-create-webinar.request.txt').replace('"abc",', '"abc"');
    const body = JSON.parse(seed);
    body.start_time = String(now() + DAY);
    body.end_time = String(now() + DAY + HOUR);
    const res = await post('/v1/webinars', body);
    expect(res.status).toBe(200);
    const keys = Object.keys(JSON.parse(fixture('seed-000-create-webinar.response.json')));
    expect(Object.keys(res.json).sort()).toEqual(keys.sort());
    expect(res.json.meeting_id).toMatch(/^\d{18,20}$/);
    expect(res.json.manual_check_password).toMatch(/^[A-Za-z0-9]{6}$/);
  });
});

describe('Tencent Meeting emulator: signature and headers (docs/reference/providers.md §1.1)', () => {
  it('accepts an SDK-style request: charset=utf-8, 19-digit nonce, empty SdkId', async () => {
    const res = await signedRequest(emulator.url, {
      uri: '/v1/meetings',
      body: meetingBody({ subject: '测试会议' }),
      sdkId: '',
      nonce: '1700000000123456789',
    });
    expect(res.status).toBe(200);
  });

  it('answers a wrong signature with 200003 in the error_info shape', async () => {
    const res = await signedRequest(emulator.url, {
      uri: '/v1/meetings',
      body: meetingBody(),
      secretKey: 'wrong',
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error_info: { error_code: 200003, new_error_code: 200200003, message: 'Signature failed' },
    });
  });

  it('rejects a Base64-of-raw-digest signature with 200003', async () => {
    const timestamp = String(now());
    const nonce = '424242';
    const uri = '/v1/meetings/12345678901234567890?userid=alice&instanceid=1';
    const raw = createHmac('sha256', TEST_CREDENTIALS.secretKey)
      .update(
        stringToSign({
          method: 'GET',
          secretId: TEST_CREDENTIALS.secretId,
          nonce,
          timestamp,
          uri,
          body: '',
        }),
      )
      .digest('base64');
    const res = await signedRequest(emulator.url, { uri, timestamp, nonce, signature: raw });
    expect(res.json.error_info.error_code).toBe(200003);
  });

  it('signs the raw query: a signature over a reordered query is rejected', async () => {
    const { meeting_id: id } = await createMeeting();
    const good = await get(`/v1/meetings/${id}?userid=alice&instanceid=1`);
    expect(good.status).toBe(200);
    const timestamp = String(now());
    const nonce = '777001';
    const { signRequest } =
      await import('../../src/providers/tencent-meeting/tencent-meeting.signature.js');
    const signature = signRequest(TEST_CREDENTIALS.secretKey, {
      method: 'GET',
      secretId: TEST_CREDENTIALS.secretId,
      nonce,
      timestamp,
      uri: `/v1/meetings/${id}?instanceid=1&userid=alice`,
      body: '',
    });
    const bad = await signedRequest(emulator.url, {
      uri: `/v1/meetings/${id}?userid=alice&instanceid=1`,
      timestamp,
      nonce,
      signature,
    });
    expect(bad.json.error_info.error_code).toBe(200003);
  });

  it('rejects a timestamp more than 5 minutes away with 190300', async () => {
    const res = await signedRequest(emulator.url, {
      uri: '/v1/meetings',
      body: meetingBody(),
      timestamp: String(now() - 301),
    });
    expect(res.json.error_info.error_code).toBe(190300);
  });

  it('rejects a replayed timestamp and nonce with 190301', async () => {
    const timestamp = String(now());
    const first = await signedRequest(emulator.url, {
      uri: '/v1/meetings',
      body: meetingBody(),
      timestamp,
      nonce: '99887766',
    });
    expect(first.status).toBe(200);
    const again = await signedRequest(emulator.url, {
      uri: '/v1/meetings',
      body: meetingBody(),
      timestamp,
      nonce: '99887766',
    });
    expect(again.json.error_info.error_code).toBe(190301);
    expect(emulator.state.meetings.size).toBe(1);
  });

  it('rejects a wrong AppId, a wrong X-TC-Key and an SdkId that was never issued with 190303', async () => {
    for (const options of [{ appId: '1' }, { secretId: 'other-id' }, { sdkId: 'unexpected' }]) {
      const res = await signedRequest(emulator.url, {
        uri: '/v1/meetings',
        body: meetingBody(),
        ...options,
      });
      expect(res.json.error_info.error_code).toBe(190303);
    }
    expect(emulator.state.meetings.size).toBe(0);
  });

  it('requires X-TC-Registered: 1 on webinars', async () => {
    const res = await signedRequest(emulator.url, {
      uri: '/v1/webinars',
      body: webinarBody(),
      registered: false,
    });
    expect(res.json.error_info.error_code).toBe(190004);
    expect(res.json.error_info.message).toContain('X-TC-Registered');
  });

  it('journals requests without query strings or signatures', async () => {
    await createMeeting();
    await signedRequest(emulator.url, {
      uri: '/v1/meetings',
      body: meetingBody(),
      secretKey: 'wrong',
    });
    const journal = emulator.requests();
    expect(journal.map((e) => [e.operation, e.status])).toEqual([
      ['createMeeting', 200],
      ['createMeeting', 400],
    ]);
    expect(JSON.stringify(journal)).not.toContain(TEST_CREDENTIALS.secretId);
  });
});

describe('Tencent Meeting emulator: validation (seeds 000/001, §1.3–§1.4)', () => {
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ['meeting', 'an empty subject', { subject: '' }, 'subject'],
    ['meeting', 'a 256-character subject', { subject: 'x'.repeat(256) }, 'subject'],
    ['meeting', 'an end before the start', { end_time: String(now()) }, 'end_time'],
    ['meeting', 'a 3-digit password', { password: '123' }, 'password'],
    ['meeting', 'a missing type', { type: undefined }, 'type'],
    [
      'meeting',
      'until_count 51',
      { meeting_type: 1, recurring_rule: { until_type: 1, until_count: 51 } },
      'until_count',
    ],
    [
      'meeting',
      'a live password left out',
      { enable_live: true, live_config: { enable_live_password: true } },
      'live_password',
    ],
    ['meeting', 'a recurring quick meeting', { type: 1, meeting_type: 1 }, 'meeting_type'],
    ['webinar', 'password admission without a password', { admission_type: 2 }, 'password'],
    [
      'webinar',
      'playback without cloud recording',
      { playback_for_audience: true },
      'playback_for_audience',
    ],
    ['webinar', 'a 41-character sponsor', { sponsor: 's'.repeat(41) }, 'sponsor'],
    [
      'webinar',
      '51 sensitive words',
      { sensitive_words: Array.from({ length: 51 }, (_, i) => `w${i}`) },
      'sensitive_words',
    ],
    [
      'webinar',
      'a start more than 30 minutes ago',
      { start_time: String(now() - 2 * HOUR) },
      'start_time',
    ],
    [
      'webinar',
      'a cover without the activity page',
      { activity_page: false, cover_url: 'https://x.test/a.png' },
      'cover_url',
    ],
  ];
  it.each(cases)(
    'rejects a %s with %s (190004 naming the field)',
    async (kind, _what, overrides, field) => {
      const body = kind === 'meeting' ? meetingBody(overrides) : webinarBody(overrides);
      const res = await post(kind === 'meeting' ? '/v1/meetings' : '/v1/webinars', body);
      expect(res.status).toBe(400);
      expect(res.json.error_info.error_code).toBe(190004);
      expect(res.json.error_info.message).toContain(field);
      expect(emulator.state.meetings.size + emulator.state.webinars.size).toBe(0);
    },
  );

  it('accepts numeric times and a password admission with a 6-digit password', async () => {
    const start = now() + DAY;
    const res = await post(
      '/v1/webinars',
      webinarBody({
        start_time: start,
        end_time: start + HOUR,
        admission_type: 2,
        password: '123456',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.json.password).toBe('123456');
  });
});

describe('Tencent Meeting emulator: recurrence, status over time, cancel', () => {
  it('expands a daily series by count in Asia/Shanghai, one day apart', async () => {
    const info = await createMeeting({
      meeting_type: 1,
      recurring_rule: { recurring_type: 0, until_type: 1, until_count: 5 },
    });
    const got = (await read(info.meeting_id)).json.meeting_info_list[0];
    expect(got.meeting_type).toBe(1);
    expect(got.sub_meetings).toHaveLength(5);
    const starts = got.sub_meetings.map((s: any) => Number(s.start_time));
    expect(starts.slice(1).map((s: number, i: number) => s - starts[i])).toEqual([
      DAY,
      DAY,
      DAY,
      DAY,
    ]);
    expect(got.sub_meetings.every((s: any) => s.status === 0)).toBe(true);
    expect(got.current_sub_meeting_id).toBe(got.sub_meetings[0].sub_meeting_id);
  });

  it('expands a weekly series until a date, and refuses one that would exceed 50 occurrences', async () => {
    const start = now() + DAY;
    const info = await createMeeting({
      start_time: String(start),
      end_time: String(start + HOUR),
      meeting_type: 1,
      recurring_rule: { recurring_type: 2, until_type: 0, until_date: start + 21 * DAY },
    });
    expect((await read(info.meeting_id)).json.meeting_info_list[0].sub_meetings).toHaveLength(4);
    const tooMany = await post(
      '/v1/meetings',
      meetingBody({
        meeting_type: 1,
        recurring_rule: { recurring_type: 0, until_date: start + 60 * DAY },
      }),
    );
    expect(tooMany.json.error_info.error_code).toBe(190004);
  });

  it('moves a meeting from INIT to ABOUT_TO_START, ENDED and RECYCLED as the clock moves', async () => {
    const info = await createMeeting();
    const status = async () => (await read(info.meeting_id)).json.meeting_info_list[0].status;
    expect(await status()).toBe('MEETING_STATE_INIT');
    emulator.clock.advance(DAY + 60);
    expect(await status()).toBe('MEETING_STATE_ABOUT_TO_START');
    emulator.clock.advance(HOUR);
    expect(await status()).toBe('MEETING_STATE_ENDED');
    emulator.clock.advance(30 * DAY);
    expect(await status()).toBe('MEETING_STATE_RECYCLED');
    // A recycled code can no longer be looked up (§1.3).
    const byCode = await get(
      `/v1/meetings?meeting_code=${info.meeting_code}&userid=alice&instanceid=1`,
    );
    expect(byCode.json.meeting_number).toBe(0);
  });

  it('cancels a meeting once: CANCELLED, then 9007; only the creator may cancel (9042)', async () => {
    const info = await createMeeting();
    const cancel = (userid: string) =>
      post(`/v1/meetings/${info.meeting_id}/cancel`, { userid, instanceid: 1, reason_code: 1 });
    expect((await cancel('mallory')).json.error_info.error_code).toBe(9042);
    const ok = await cancel('alice');
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({});
    expect((await read(info.meeting_id)).json.meeting_info_list[0].status).toBe(
      'MEETING_STATE_CANCELLED',
    );
    expect((await cancel('alice')).json.error_info.error_code).toBe(9007);
  });

  it('reports STARTED once someone is in, and refuses to cancel a started meeting with 13602', async () => {
    const info = await createMeeting();
    emulator.clock.advance(DAY + 60);
    expect(emulator.state.join(info.meeting_id)).toBe(true);
    expect((await read(info.meeting_id)).json.meeting_info_list[0].status).toBe(
      'MEETING_STATE_STARTED',
    );
    const res = await post(`/v1/meetings/${info.meeting_id}/cancel`, {
      userid: 'alice',
      instanceid: 1,
      reason_code: 1,
    });
    expect(res.status).toBe(500);
    expect(res.json.error_info.error_code).toBe(13602);
  });

  it('refuses to cancel an ended meeting with 13603 and an unknown one with 9003', async () => {
    const info = await createMeeting();
    emulator.clock.advance(2 * DAY);
    const ended = await post(`/v1/meetings/${info.meeting_id}/cancel`, {
      userid: 'alice',
      instanceid: 1,
      reason_code: 1,
    });
    expect(ended.json.error_info.error_code).toBe(13603);
    const missing = await post('/v1/meetings/12345678901234567890/cancel', {
      userid: 'alice',
      instanceid: 1,
      reason_code: 1,
    });
    expect(missing.json.error_info.error_code).toBe(9003);
  });

  it('cancels one occurrence (status 1), and the series once every occurrence is cancelled', async () => {
    const info = await createMeeting({
      meeting_type: 1,
      recurring_rule: { recurring_type: 0, until_type: 1, until_count: 2 },
    });
    const subs = (await read(info.meeting_id)).json.meeting_info_list[0].sub_meetings;
    const cancelSub = (id: string) =>
      post(`/v1/meetings/${info.meeting_id}/cancel`, {
        userid: 'alice',
        instanceid: 1,
        reason_code: 1,
        meeting_type: 1,
        sub_meeting_id: id,
      });
    expect((await cancelSub(subs[0].sub_meeting_id)).status).toBe(200);
    let got = (await read(info.meeting_id)).json.meeting_info_list[0];
    expect(got.sub_meetings.map((s: any) => s.status)).toEqual([1, 0]);
    expect(got.status).toBe('MEETING_STATE_INIT');
    expect((await cancelSub(subs[0].sub_meeting_id)).json.error_info.error_code).toBe(9007);
    await cancelSub(subs[1].sub_meeting_id);
    got = (await read(info.meeting_id)).json.meeting_info_list[0];
    expect(got.status).toBe('MEETING_STATE_CANCELLED');
  });

  it('updates a meeting with PUT and re-expands its series', async () => {
    const info = await createMeeting({
      meeting_type: 1,
      recurring_rule: { until_type: 1, until_count: 3 },
    });
    const res = await signedRequest(emulator.url, {
      method: 'PUT',
      uri: `/v1/meetings/${info.meeting_id}`,
      body: {
        userid: 'alice',
        instanceid: 1,
        subject: 'Renamed',
        recurring_rule: { until_type: 1, until_count: 4 },
      },
    });
    expect(res.status).toBe(200);
    const got = (await read(info.meeting_id)).json.meeting_info_list[0];
    expect(got.subject).toBe('Renamed');
    expect(got.sub_meetings).toHaveLength(4);
  });
});

describe('Tencent Meeting emulator: reads', () => {
  it('reads with operator_id or the older userid, and returns the password only to the creator', async () => {
    const info = await createMeeting({
      password: '4321',
      hosts: [{ userid: 'alice' }, { userid: 'bob' }],
    });
    const asCreator = await get(`/v1/meetings/${info.meeting_id}?userid=alice&instanceid=1`);
    expect(asCreator.json.meeting_info_list[0].password).toBe('4321');
    const asBob = await read(info.meeting_id, 'bob');
    expect(asBob.json.meeting_info_list[0].password).toBeUndefined();
    expect(asBob.json.meeting_info_list[0].need_password).toBe(true);
  });

  it('finds a meeting by its 9-digit code', async () => {
    const info = await createMeeting();
    const res = await get(
      `/v1/meetings?meeting_code=${info.meeting_code}&operator_id=alice&operator_id_type=1&instanceid=1`,
    );
    expect(res.json.meeting_info_list[0].meeting_id).toBe(info.meeting_id);
    expect(res.json.meeting_info_list[0].join_meeting_role).toBe('creator');
  });

  it('lets only the creator read a webinar (9042) and answers 9003 for an unknown one', async () => {
    const created = (await post('/v1/webinars', webinarBody())).json;
    const own = await get(
      `/v1/webinars?meeting_id=${created.meeting_id}&operator_id=alice&operator_id_type=1&instanceid=1`,
    );
    expect(own.json.status).toBe('MEETING_STATE_INIT');
    expect(own.json.media_setting.auto_record_type).toBe('none');
    const other = await get(
      `/v1/webinars?meeting_id=${created.meeting_id}&userid=bob&instanceid=1`,
    );
    expect(other.status).toBe(403);
    expect(other.json.error_info.error_code).toBe(9042);
    const missing = await get(
      '/v1/webinars?meeting_id=12345678901234567890&userid=alice&instanceid=1',
    );
    expect(missing.json.error_info.error_code).toBe(9003);
  });

  it('requires instanceid and an operator on reads', async () => {
    const info = await createMeeting();
    const noInstance = await get(`/v1/meetings/${info.meeting_id}?userid=alice`);
    expect(noInstance.json.error_info.message).toContain('instanceid');
    const noOperator = await get(`/v1/meetings/${info.meeting_id}?instanceid=1`);
    expect(noOperator.json.error_info.message).toContain('operator_id');
  });

  it('cancels a webinar: CANCELLED, then 9007', async () => {
    const created = (await post('/v1/webinars', webinarBody())).json;
    const cancel = () =>
      post(`/v1/webinars/${created.meeting_id}/cancel`, {
        userid: 'alice',
        instanceid: 1,
        reason_code: 1,
      });
    expect((await cancel()).status).toBe(200);
    const got = await get(
      `/v1/webinars?meeting_id=${created.meeting_id}&userid=alice&instanceid=1`,
    );
    expect(got.json.status).toBe('MEETING_STATE_CANCELLED');
    expect((await cancel()).json.error_info.error_code).toBe(9007);
  });
});

describe('Tencent Meeting emulator: faults and control plane', () => {
  it('renders a rate-limit fault as 190310 and a provider error by code', async () => {
    emulator.faults.add({ kind: 'rateLimit', operation: 'createMeeting' });
    emulator.faults.add({
      kind: 'providerError',
      operation: 'createMeeting',
      providerCode: 9093,
      message: 'sensitive words',
    });
    expect((await post('/v1/meetings', meetingBody())).json.error_info.error_code).toBe(190310);
    expect((await post('/v1/meetings', meetingBody())).json.error_info.error_code).toBe(9093);
    expect((await post('/v1/meetings', meetingBody())).status).toBe(200);
  });

  it('serves the admin journal, clock and reset under /__admin/', async () => {
    await createMeeting();
    const journal = await (await fetch(`${emulator.url}/__admin/requests`)).json();
    expect(journal.requests).toHaveLength(1);
    const clock = await fetch(`${emulator.url}/__admin/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceSeconds: 60 }),
    });
    expect(clock.status).toBe(200);
    await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
    expect(emulator.requests()).toHaveLength(0);
    expect(emulator.state.meetings.size).toBe(0);
  });

  it('answers an unknown path in the Tencent error shape', async () => {
    const res = await get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json.error_info.error_code).toBeDefined();
  });
});

describe('Tencent Meeting emulator: who may read and cancel (issue 11)', () => {
  const cancel = (id: string, userid: string) =>
    post(`/v1/meetings/${id}/cancel`, { userid, instanceid: 1, reason_code: 1 });

  it('lets the creator, a host and the admin operator read and cancel; refuses a stranger with 9042', async () => {
    const info = await createMeeting({ hosts: [{ userid: 'alice' }, { userid: 'carol' }] });
    for (const user of ['alice', 'carol', 'sandbox-admin']) {
      expect((await read(info.meeting_id, user)).status).toBe(200);
    }
    const stranger = await read(info.meeting_id, 'mallory');
    expect(stranger.status).toBe(403);
    expect(stranger.json.error_info.error_code).toBe(9042);
    const byCode = await get(
      `/v1/meetings?meeting_code=${info.meeting_code}&operator_id=mallory&operator_id_type=1&instanceid=1`,
    );
    expect(byCode.json.error_info.error_code).toBe(9042);
    expect((await cancel(info.meeting_id, 'mallory')).json.error_info.error_code).toBe(9042);
    expect((await cancel(info.meeting_id, 'carol')).status).toBe(200);

    const second = await createMeeting();
    expect((await cancel(second.meeting_id, 'sandbox-admin')).status).toBe(200);
    const third = await createMeeting();
    expect((await cancel(third.meeting_id, 'alice')).status).toBe(200);
  });
});
