import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';

import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import {
  startUmeetingEmulator,
  type UmeetingEmulatorHandle,
} from '../../src/emulators/umeeting/index.js';

/**
 * The umeeting emulator against the seeds (002 schedule, 004 instant with occurrences) and
 * docs/reference/providers.md §3: form POSTs with key + secret, `{status, message, data}` answers.
 */
const CREDS = SANDBOX_CREDENTIALS.umeeting;

interface Answer {
  http: number;
  raw: string;

  body: { status: number | string; message: string; data?: any };
}

async function post(
  emulator: UmeetingEmulatorHandle,
  path: string,
  fields: Record<string, string>,
  auth: Record<string, string> = { api_key: CREDS.apiKey, api_secret: CREDS.apiSecret },
): Promise<Answer> {
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...auth, ...fields }).toString(),
  });
  const raw = await response.text();
  return { http: response.status, raw, body: JSON.parse(raw) as Answer['body'] };
}

// 2026-06-01 is a Monday.
const SCHEDULE = {
  topic: 'Weekly sync',
  meeting_capacity: '10',
  start_time: '2026-06-01 10:00:00',
  duration: '60',
  user_key: 'alice',
};

describe('umeeting emulator', () => {
  let emulator: UmeetingEmulatorHandle;

  beforeAll(async () => {
    emulator = await startUmeetingEmulator({ credentials: CREDS });
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    expect(emulator.faults.pending()).toEqual([]);
    emulator.reset();
  });

  describe('auth (docs/reference/providers.md §3.1)', () => {
    it('refuses a wrong api_secret with a non-200 status and a message, never echoing it', async () => {
      const answer = await post(emulator, '/umeeting/share/schedule', SCHEDULE, {
        api_key: CREDS.apiKey,
        api_secret: 'wrong-secret-value',
      });
      expect(answer.body.status).toBe(401);
      expect(answer.body.message).toMatch(/api_key or api_secret/);
      expect(answer.raw).not.toContain('wrong-secret-value');
      expect(emulator.state.meetings.size).toBe(0);
    });

    it('refuses a wrong api_key and a missing secret', async () => {
      const wrongKey = await post(
        emulator,
        '/umeeting/share/get',
        { meeting_id: '1' },
        {
          api_key: 'nope',
          api_secret: CREDS.apiSecret,
        },
      );
      expect(wrongKey.body.status).toBe(401);
      const missing = await post(
        emulator,
        '/umeeting/share/get',
        { meeting_id: '1' },
        { api_key: CREDS.apiKey },
      );
      expect(missing.body.status).toBe(401);
    });

    it("accepts the early docs' api_secure spelling of the secret", async () => {
      const answer = await post(emulator, '/umeeting/share/schedule', SCHEDULE, {
        api_key: CREDS.apiKey,
        api_secure: CREDS.apiSecret,
      });
      expect(answer.body.status).toBe(200);
    });

    it('refuses a JSON body: umeeting takes forms only', async () => {
      const response = await fetch(`${emulator.url}/umeeting/share/schedule`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: CREDS.apiKey, api_secret: CREDS.apiSecret, ...SCHEDULE }),
      });
      const body = (await response.json()) as Answer['body'];
      expect(body.status).toBe(400);
      expect(body.message).toMatch(/form/);
    });
  });

  describe('/umeeting/share/schedule (seed 002)', () => {
    it('answers valid JSON with a real start_time, a single-line start_url and per-meeting host secrets', async () => {
      const a = await post(emulator, '/umeeting/share/schedule', SCHEDULE);
      const b = await post(emulator, '/umeeting/share/schedule', SCHEDULE);
      expect(a.http).toBe(200);
      expect(a.body).toMatchObject({ status: 200, message: 'OK' });
      const data = a.body.data;
      expect(data.meeting_id).toMatch(/^\d{10}$/);
      expect(typeof data.meeting_id).toBe('string');
      expect(data.start_time).toBe('2026-06-01 10:00:00');
      expect(data.host_key).toMatch(/^\d{6}$/);
      expect(data.start_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/\d+\?zak=\S+$/);
      expect(data.ready_time).toBe(15);
      expect(data.occurrences).toBeUndefined();
      expect(b.body.data.meeting_id).not.toBe(data.meeting_id);
      expect(b.body.data.start_url).not.toBe(data.start_url);
      expect(b.body.data.token).not.toBe(data.token);
    });

    it.each<[string, Record<string, string>, RegExp]>([
      ['a missing topic', { topic: '' }, /topic/],
      ['a missing meeting_capacity', { meeting_capacity: '' }, /meeting_capacity/],
      ['a meeting_capacity that is not a number', { meeting_capacity: 'ten' }, /meeting_capacity/],
      ['a duration of 30 minutes', { duration: '30' }, /greater than 30/],
      ['a missing duration', { duration: '' }, /duration/],
      [
        'a start_time not formatted yyyy-MM-dd HH:mm:ss',
        { start_time: '2026-06-01T10:00:00' },
        /yyyy-MM-dd HH:mm:ss/,
      ],
      [
        'a start_time that is not a real date',
        { start_time: '2026-02-30 10:00:00' },
        /yyyy-MM-dd HH:mm:ss/,
      ],
      ['a user_key of 201 bytes', { user_key: '会'.repeat(67) }, /200 bytes/],
      ['a boolean that is not true/false', { mute_upon_entry: 'yes' }, /mute_upon_entry/],
      ['local recording', { recording: 'local' }, /recording/],
      [
        'a recurring meeting without an end condition',
        { recurrence_type: '2', weekly_days: '2' },
        /end_times or end_date_time/,
      ],
      ['an unknown recurrence_type', { recurrence_type: '4', end_times: '2' }, /recurrence_type/],
      [
        'an unknown daily_type',
        { recurrence_type: '1', daily_type: '3', end_times: '2' },
        /daily_type/,
      ],
      [
        'a weekday out of 1-7',
        { recurrence_type: '2', weekly_days: '2,8', end_times: '2' },
        /weekly_days/,
      ],
      [
        'a monthly_week out of 1-5',
        { recurrence_type: '3', monthly_week: '6', monthly_week_day: '2', end_times: '2' },
        /monthly_week/,
      ],
      [
        'monthly_week without monthly_week_day',
        { recurrence_type: '3', monthly_week: '2', end_times: '2' },
        /together/,
      ],
      [
        'a monthly_day out of 1-31',
        { recurrence_type: '3', monthly_day: '32', end_times: '2' },
        /monthly_day/,
      ],
      ['more than 50 end_times', { recurrence_type: '1', end_times: '51' }, /end_times/],
      [
        'an end_date_time before the start',
        { recurrence_type: '1', end_date_time: '2026-05-01' },
        /before start_time/,
      ],
      [
        'an end date giving more than 50 occurrences',
        { recurrence_type: '1', end_date_time: '2026-12-31' },
        /at most 50/,
      ],
    ])('refuses %s', async (_name, fields, message) => {
      const answer = await post(emulator, '/umeeting/share/schedule', { ...SCHEDULE, ...fields });
      expect(answer.body.status).toBe(400);
      expect(answer.body.message).toMatch(message);
      expect(emulator.state.meetings.size).toBe(0);
    });

    it('accepts 31 minutes and a numeric capacity', async () => {
      const answer = await post(emulator, '/umeeting/share/schedule', {
        ...SCHEDULE,
        duration: '31',
      });
      expect(answer.body.status).toBe(200);
    });

    it('expands a weekly rule on two weekdays into exactly those occurrences, each with a uuid', async () => {
      // weekly_days 2,4 = Monday, Wednesday (1 = Sunday, src/emulators/umeeting/wire.ts).
      const answer = await post(emulator, '/umeeting/share/schedule', {
        ...SCHEDULE,
        recurrence_type: '2',
        weekly_days: '4，2', // full-width comma, as seed 004 writes it (U-7)
        end_times: '4',
      });
      expect(answer.body.status).toBe(200);
      const occurrences = answer.body.data.occurrences as { start_time: string; uuid: string }[];
      expect(occurrences.map((o) => o.start_time)).toEqual([
        '2026-06-01 10:00:00',
        '2026-06-03 10:00:00',
        '2026-06-08 10:00:00',
        '2026-06-10 10:00:00',
      ]);
      for (const o of occurrences) expect(o.uuid).toMatch(/^[a-z0-9]{22}==$/);
      expect(new Set(occurrences.map((o) => o.uuid)).size).toBe(4);
    });

    it('expands a monthly n-th weekday rule and an end date', async () => {
      const answer = await post(emulator, '/umeeting/share/schedule', {
        ...SCHEDULE,
        recurrence_type: '3',
        monthly_week: '2',
        monthly_week_day: '3', // Tuesday
        end_date_time: '2026-09-30',
      });
      expect(answer.body.data.occurrences.map((o: { start_time: string }) => o.start_time)).toEqual(
        [
          '2026-06-09 10:00:00',
          '2026-07-14 10:00:00',
          '2026-08-11 10:00:00',
          '2026-09-08 10:00:00',
        ],
      );
    });

    it('keeps occurrences at the same wall-clock time across a DST change in its zone', async () => {
      const ny = await startUmeetingEmulator({ credentials: CREDS, timeZone: 'America/New_York' });
      try {
        const answer = await post(ny, '/umeeting/share/schedule', {
          ...SCHEDULE,
          start_time: '2026-03-01 09:00:00',
          recurrence_type: '2',
          weekly_days: '1',
          end_times: '3',
        });
        expect(
          answer.body.data.occurrences.map((o: { start_time: string }) => o.start_time),
        ).toEqual(['2026-03-01 09:00:00', '2026-03-08 09:00:00', '2026-03-15 09:00:00']);
        const meeting = ny.state.meetings.get(answer.body.data.meeting_id)!;
        expect(meeting.occurrences.map((o) => new Date(o.startMs).toISOString())).toEqual([
          '2026-03-01T14:00:00.000Z',
          '2026-03-08T13:00:00.000Z',
          '2026-03-15T13:00:00.000Z',
        ]);
      } finally {
        await ny.close();
      }
    });
  });

  describe('/umeeting/share/instant (seed 004)', () => {
    it('starts now with a real start_time and is in progress at once', async () => {
      const answer = await post(emulator, '/umeeting/share/instant', {
        topic: 'Now',
        meeting_capacity: '5',
        option_jbh: 'true',
      });
      expect(answer.body.status).toBe(200);
      expect(answer.body.data.start_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const get = await post(emulator, '/umeeting/share/get', {
        meeting_id: answer.body.data.meeting_id,
      });
      expect(get.body.data).toMatchObject({
        status: '1',
        type: '1',
        duration: '60',
        option_jbh: 'true',
      });
    });

    it('refuses recurrence on /instant unless the seed-004 compatibility flag is on (U-2)', async () => {
      const fields = { topic: 'Now', meeting_capacity: '5', recurrence_type: '1', end_times: '3' };
      const refused = await post(emulator, '/umeeting/share/instant', fields);
      expect(refused.body.status).toBe(400);
      expect(refused.body.message).toMatch(/schedule/);
      const compat = await startUmeetingEmulator({
        credentials: CREDS,
        allowInstantRecurrence: true,
      });
      try {
        const accepted = await post(compat, '/umeeting/share/instant', fields);
        expect(accepted.body.status).toBe(200);
        expect(accepted.body.data.occurrences).toHaveLength(3);
      } finally {
        await compat.close();
      }
    });
  });

  describe('get, delete, end and list', () => {
    const scheduleOne = async (fields: Record<string, string> = {}) =>
      (await post(emulator, '/umeeting/share/schedule', { ...SCHEDULE, ...fields })).body.data as {
        meeting_id: string;
        occurrences?: { uuid: string }[];
      };

    it('reads a meeting with the documented fields and no host secrets', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const created = await scheduleOne({ password: '1234', mute_upon_entry: 'true' });
      const get = await post(emulator, '/umeeting/share/get', { meeting_id: created.meeting_id });
      expect(get.body.data).toMatchObject({
        id: created.meeting_id,
        topic: 'Weekly sync',
        start_time: '2026-06-01 10:00:00',
        duration: '60',
        password: '1234',
        user_Key: 'alice',
        meeting_capacity: '10',
        status: '0',
        del_flag: '0',
        allow_live_streaming: 'false',
        mute_upon_entry: 'true',
      });
      expect(get.body.data.host_key).toBeUndefined();
      expect(get.body.data.start_url).toBeUndefined();
    });

    it('answers 404 for an unknown meeting', async () => {
      const get = await post(emulator, '/umeeting/share/get', { meeting_id: '1000000000' });
      expect(get.body.status).toBe(404);
      const del = await post(emulator, '/umeeting/share/delete', { id: '1000000000' });
      expect(del.body.status).toBe(404);
    });

    it('moves the status with the clock: booked, in progress, ended', async () => {
      emulator.clock.set(Date.parse('2026-06-01T01:59:00Z'));
      const { meeting_id } = await scheduleOne();
      const status = async () =>
        (await post(emulator, '/umeeting/share/get', { meeting_id })).body.data.status as string;
      expect(await status()).toBe('0');
      emulator.clock.advance(120);
      expect(await status()).toBe('1');
      emulator.clock.advance(3600);
      expect(await status()).toBe('3');
    });

    it('deletes one occurrence by uuid and leaves the others and the series booked', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const created = await scheduleOne({ recurrence_type: '1', end_times: '3' });
      const [first, second, third] = created.occurrences!;
      const del = await post(emulator, '/umeeting/share/delete', { id: second!.uuid });
      expect(del.body).toEqual({ status: 200, message: 'OK' });
      const get = await post(emulator, '/umeeting/share/get', { meeting_id: created.meeting_id });
      expect(get.body.data.status).toBe('0');
      expect(
        get.body.data.occurrences.map((o: { uuid: string; status: string }) => [o.uuid, o.status]),
      ).toEqual([
        [first!.uuid, '0'],
        [second!.uuid, '2'],
        [third!.uuid, '0'],
      ]);
      const again = await post(emulator, '/umeeting/share/delete', { id: second!.uuid });
      expect(again.body.status).toBe(400);
    });

    it('deletes the whole series by meeting number: cancelled with del_flag "1"', async () => {
      const created = await scheduleOne({ recurrence_type: '1', end_times: '2' });
      await post(emulator, '/umeeting/share/delete', { id: created.meeting_id });
      const get = await post(emulator, '/umeeting/share/get', { meeting_id: created.meeting_id });
      expect(get.body.data).toMatchObject({ status: '2', del_flag: '1' });
      expect(get.body.data.occurrences.every((o: { status: string }) => o.status === '2')).toBe(
        true,
      );
    });

    it('ends a meeting by number, or one occurrence by uuid', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const series = await scheduleOne({ recurrence_type: '1', end_times: '2' });
      await post(emulator, '/umeeting/share/end', { id: series.occurrences![0]!.uuid });
      const afterOne = await post(emulator, '/umeeting/share/get', {
        meeting_id: series.meeting_id,
      });
      expect(afterOne.body.data.occurrences.map((o: { status: string }) => o.status)).toEqual([
        '3',
        '0',
      ]);
      await post(emulator, '/umeeting/share/end', { id: series.meeting_id });
      const ended = await post(emulator, '/umeeting/share/get', { meeting_id: series.meeting_id });
      expect(ended.body.data.status).toBe('3');
    });

    it('lists online meetings of a user_key, paged', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const a = await scheduleOne();
      const b = await scheduleOne({ start_time: '2026-06-02 10:00:00' });
      await scheduleOne({ user_key: 'bob' });
      const gone = await scheduleOne();
      await post(emulator, '/umeeting/share/delete', { id: gone.meeting_id });
      const page1 = await post(emulator, '/umeeting/share/list', {
        user_key: 'alice',
        page_size: '1',
      });
      expect(page1.body.data).toMatchObject({
        page_num: 1,
        page_size: 1,
        total_record: 2,
        total_page: 2,
        has_previous_page: false,
        has_next_page: true,
      });
      expect(page1.body.data.meetings[0]).toMatchObject({
        id: a.meeting_id,
        status: 0,
        type: '2',
        duration: 60,
      });
      const page2 = await post(emulator, '/umeeting/share/list', {
        user_key: 'alice',
        page_size: '1',
        page_number: '2',
      });
      expect(page2.body.data.meetings.map((m: { id: string }) => m.id)).toEqual([b.meeting_id]);
    });
  });

  describe('control plane', () => {
    it('journals operations by name and never the api secret', async () => {
      await post(emulator, '/umeeting/share/schedule', SCHEDULE);
      await post(emulator, '/umeeting/share/get', { meeting_id: '1000000000' });
      const response = await fetch(`${emulator.url}/__admin/requests`);
      const text = await response.text();
      expect(JSON.parse(text).requests.map((r: { operation: string }) => r.operation)).toEqual([
        'scheduleMeeting',
        'getMeeting',
      ]);
      expect(text).not.toContain(CREDS.apiSecret);
      expect(text).not.toContain(CREDS.apiKey);
    });

    it('renders a scripted provider error and a rate limit the umeeting way', async () => {
      emulator.faults.add({
        kind: 'providerError',
        providerCode: 500,
        message: 'busy',
        operation: 'getMeeting',
      });
      emulator.faults.add({ kind: 'rateLimit', retryAfterSeconds: 7, operation: 'getMeeting' });
      const failed = await post(emulator, '/umeeting/share/get', { meeting_id: '1' });
      expect(failed.http).toBe(200);
      expect(failed.body).toEqual({ status: 500, message: 'busy', data: null });
      const limited = await fetch(`${emulator.url}/umeeting/share/get`, { method: 'POST' });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(((await limited.json()) as Answer['body']).status).toBe(429);
    });

    it('forgets meetings on reset', async () => {
      await post(emulator, '/umeeting/share/schedule', SCHEDULE);
      await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
      expect(emulator.state.meetings.size).toBe(0);
      expect(emulator.requests()).toEqual([]);
    });
  });
});
