import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  startTencentMeetingEmulator,
  type TencentMeetingEmulatorHandle,
} from '../../src/emulators/tencent-meeting/index.js';
import { signedRequest, TEST_CREDENTIALS } from '../fixtures/tencent-meeting/signed-request.js';

/*
 * The emulator's issue-12 endpoints, over signed HTTP: PUT /v1/meetings/{id} (§1.3 PUT), the
 * user list GET /v1/meetings?userid=… with its inclusive `pos` paging (1095/42421), the history
 * list GET /v1/history/meetings/{userid} (1095/53805) and PUT /v1/webinars/{id} (1095/61964).
 */

const HOUR = 3600;
const DAY = 86_400;
let emulator: TencentMeetingEmulatorHandle;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  emulator = await startTencentMeetingEmulator({ credentials: { ...TEST_CREDENTIALS } });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const call = (uri: string, body?: unknown, method?: string) =>
  signedRequest(emulator.url, { uri, body, method });

async function create(start: number, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await call('/v1/meetings', {
    userid: 'alice',
    instanceid: 1,
    subject: 'Emulated',
    type: 0,
    start_time: String(start),
    end_time: String(start + HOUR),
    ...overrides,
  });
  expect(res.status).toBe(200);
  return res.json.meeting_info_list[0];
}

const put = (id: string, body: Record<string, unknown>) =>
  call(`/v1/meetings/${id}`, { userid: 'alice', instanceid: 1, ...body }, 'PUT');

describe('PUT /v1/meetings/{id}', () => {
  it('changes what is given, answers ids and settings only, and keeps the rest', async () => {
    const m = await create(now() + DAY, { password: '1234' });
    const res = await put(m.meeting_id, { subject: 'Renamed', hosts: [] });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json.meeting_info_list[0]).sort()).toEqual(
      ['enable_live', 'meeting_code', 'meeting_id', 'settings'].sort(),
    );
    const stored = emulator.state.meetings.get(m.meeting_id)!;
    // `hosts: []` clears them: the creator hosts again (the create default).
    expect(stored).toMatchObject({ subject: 'Renamed', password: '1234', hosts: ['alice'] });
  });

  it('refuses start without end, a cancelled meeting (9007) and an ended one (13603)', async () => {
    const m = await create(now() + DAY);
    const lone = await put(m.meeting_id, { start_time: String(now() + 2 * DAY) });
    expect(lone.json.error_info.error_code).toBe(190004);
    await call(`/v1/meetings/${m.meeting_id}/cancel`, {
      userid: 'alice',
      instanceid: 1,
      reason_code: 1,
    });
    expect((await put(m.meeting_id, { subject: 'x' })).json.error_info.error_code).toBe(9007);
    const past = await create(now() + HOUR);
    emulator.clock.set(Date.now() + DAY * 1000);
    expect((await put(past.meeting_id, { subject: 'x' })).json.error_info.error_code).toBe(13603);
  });

  it('moves one sub-meeting with recurring_rule.sub_meeting_id, never with a rule change', async () => {
    const start = now() + DAY;
    const m = await create(start, {
      meeting_type: 1,
      recurring_rule: { recurring_type: 0, until_type: 1, until_count: 3 },
    });
    const subs = emulator.state.meetings.get(m.meeting_id)!.subMeetings;
    const second = subs[1]!.subMeetingId;
    const both = await put(m.meeting_id, {
      recurring_rule: { sub_meeting_id: second, recurring_type: 2 },
      start_time: String(start + DAY + HOUR),
      end_time: String(start + DAY + 2 * HOUR),
    });
    expect(both.json.error_info.error_code).toBe(190004);
    const moved = await put(m.meeting_id, {
      recurring_rule: { sub_meeting_id: second },
      start_time: String(start + DAY + HOUR),
      end_time: String(start + DAY + 2 * HOUR),
    });
    expect(moved.status).toBe(200);
    const after = emulator.state.meetings.get(m.meeting_id)!.subMeetings;
    expect(after.map((s) => s.start)).toEqual([start, start + DAY + HOUR, start + 2 * DAY]);
  });
});

describe('GET /v1/meetings?userid=… (the user list)', () => {
  it('pages 20 at a time from pos inclusive: the boundary second repeats', async () => {
    const base = now() + DAY;
    for (let i = 0; i < 25; i += 1) await create(base + Math.floor(i / 5) * 60);
    const list = (pos?: number) =>
      call(`/v1/meetings?userid=alice&instanceid=1${pos ? `&pos=${pos}` : ''}`);
    const first = (await list()).json;
    expect(first.meeting_info_list).toHaveLength(20);
    expect(first.remaining).toBe(5);
    expect(first.next_pos).toBe(base + 3 * 60);
    const second = (await list(first.next_pos)).json;
    // Items 15–19 (the boundary second) come again, then 20–24.
    expect(second.meeting_info_list).toHaveLength(10);
    expect(second.remaining).toBe(0);
    const ids = new Set(
      [...first.meeting_info_list, ...second.meeting_info_list].map((m: any) => m.meeting_id),
    );
    expect(ids.size).toBe(25);
  });
});

describe('GET /v1/history/meetings/{userid}', () => {
  it('lists ended meetings latest first, paged, in a window of at most 90 days', async () => {
    const start = now() + HOUR;
    await create(start);
    await create(start + HOUR);
    await create(start + 10 * DAY); // not ended yet
    emulator.clock.set((start + 3 * HOUR) * 1000);
    const res = await call(
      `/v1/history/meetings/alice?page_size=1&page=1&start_time=${start - DAY}&end_time=${start + DAY}`,
    );
    const body = res.json;
    expect(body).toMatchObject({ current_page: 1, current_size: 1, total_count: 2, total_page: 2 });
    expect(body.meeting_info_list[0].start_time).toBe(start + HOUR);
    const tooWide = await call(
      `/v1/history/meetings/alice?page_size=20&page=1&start_time=${start - 100 * DAY}&end_time=${start}`,
    );
    expect(tooWide.json.error_info.error_code).toBe(190004);
  });
});

describe('PUT /v1/webinars/{id}', () => {
  it('takes start and end together, only from the creator', async () => {
    const start = now() + DAY;
    const created = await signedRequest(emulator.url, {
      uri: '/v1/webinars',
      body: {
        userid: 'alice',
        instanceid: 1,
        subject: 'W',
        start_time: String(start),
        end_time: String(start + HOUR),
        admission_type: 0,
      },
    });
    const id = created.json.meeting_id;
    const lone = await call(
      `/v1/webinars/${id}`,
      { userid: 'alice', instanceid: 1, start_time: String(start + DAY) },
      'PUT',
    );
    expect(lone.json.error_info.error_code).toBe(190004);
    const other = await call(
      `/v1/webinars/${id}`,
      { userid: 'bob', instanceid: 1, subject: 'x' },
      'PUT',
    );
    expect(other.json.error_info.error_code).toBe(9042);
    const ok = await call(
      `/v1/webinars/${id}`,
      { userid: 'alice', instanceid: 1, subject: 'New' },
      'PUT',
    );
    expect(ok.status).toBe(200);
    expect(emulator.state.webinars.get(id)!.subject).toBe('New');
    expect(emulator.calls('updateWebinar')).toHaveLength(3);
  });
});
