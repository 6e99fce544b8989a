import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';

import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import {
  startUmeetingEmulator,
  type UmeetingEmulatorHandle,
} from '../../src/emulators/umeeting/index.js';

/**
 * The umeeting emulator's update, list and history (docs/reference/providers.md §3.2 #4, #7, #8;
 * issue 12): `/share/update` changes only what it is given, a series as a whole, one-off ↔
 * series; the state rules; the paged lists of online and past meetings.
 */
const CREDS = SANDBOX_CREDENTIALS.umeeting;

interface Answer {
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
  return { body: JSON.parse(await response.text()) as Answer['body'] };
}

// 2026-06-01 is a Monday; the clock is set before it.
const SCHEDULE = {
  topic: 'Weekly sync',
  meeting_capacity: '10',
  start_time: '2026-06-01 10:00:00',
  duration: '60',
  user_key: 'alice',
  password: '1234',
  mute_upon_entry: 'true',
};

describe('umeeting emulator: update, list, history', () => {
  let emulator: UmeetingEmulatorHandle;

  beforeAll(async () => {
    emulator = await startUmeetingEmulator({ credentials: CREDS });
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    expect(emulator.faults.pending()).toEqual([]);
    emulator.reset();
  });

  const schedule = async (fields: Record<string, string> = {}) => {
    const answer = await post(emulator, '/umeeting/share/schedule', { ...SCHEDULE, ...fields });
    expect(answer.body.status).toBe(200);
    return answer.body.data as { meeting_id: string; occurrences?: { uuid: string }[] };
  };
  const get = async (id: string) =>
    (await post(emulator, '/umeeting/share/get', { meeting_id: id })).body.data;
  const update = (fields: Record<string, string>) =>
    post(emulator, '/umeeting/share/update', fields);

  describe('/share/update (§3.2 #4)', () => {
    it('changes only the fields given and answers status and message only', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const { meeting_id: id } = await schedule();
      const answer = await update({
        id,
        start_time: '2026-06-02 11:00:00',
        duration: '45',
        topic: 'Renamed',
        host_name: 'Alice Host',
      });
      expect(answer.body).toEqual({ status: 200, message: 'OK' });
      expect(await get(id)).toMatchObject({
        topic: 'Renamed',
        start_time: '2026-06-02 11:00:00',
        duration: '45',
        password: '1234',
        mute_upon_entry: 'true',
        host_name: 'Alice Host',
        user_Key: 'alice',
        meeting_capacity: '10',
      });
      expect(emulator.calls('updateMeeting')).toHaveLength(1);
    });

    it('requires id, start_time and duration, and keeps the schedule duration rule (U-8)', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const { meeting_id: id } = await schedule();
      for (const [fields, message] of [
        [{ start_time: '2026-06-02 11:00:00', duration: '45' }, /id is required/],
        [{ id, duration: '45' }, /start_time is required/],
        [{ id, start_time: '2026-06-02 11:00:00' }, /duration is required/],
        [{ id, start_time: '2026-06-02 11:00:00', duration: '30' }, /greater than 30/],
      ] as const) {
        const answer = await update(fields);
        expect(answer.body.status).toBe(400);
        expect(answer.body.message).toMatch(message);
      }
      expect((await get(id)).start_time).toBe('2026-06-01 10:00:00');
    });

    it('refuses a wrong secret, an unknown number, a deleted and an ended meeting', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const when = { start_time: '2026-06-03 10:00:00', duration: '60' };
      const bad = await post(
        emulator,
        '/umeeting/share/update',
        { id: '1', ...when },
        { api_key: CREDS.apiKey, api_secret: 'wrong' },
      );
      expect(bad.body.status).toBe(401);
      expect((await update({ id: '1000000001', ...when })).body.status).toBe(404);

      const deleted = await schedule();
      await post(emulator, '/umeeting/share/delete', { id: deleted.meeting_id });
      const refusedDeleted = await update({ id: deleted.meeting_id, ...when });
      expect(refusedDeleted.body).toMatchObject({
        status: 400,
        message: expect.stringMatching(/deleted/),
      });

      const ended = await schedule();
      await post(emulator, '/umeeting/share/end', { id: ended.meeting_id });
      const refusedEnded = await update({ id: ended.meeting_id, ...when });
      expect(refusedEnded.body).toMatchObject({
        status: 400,
        message: expect.stringMatching(/ended/),
      });
    });

    it('turns a one-off into a series and back, recomputing the occurrences', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const { meeting_id: id } = await schedule();
      expect(await get(id)).not.toHaveProperty('occurrences');

      await update({
        id,
        start_time: '2026-06-01 10:00:00',
        duration: '60',
        recurrence_type: '2',
        weekly_days: '2，4', // full-width comma (U-7): Monday and Wednesday (1 = Sunday)
        end_times: '4',
      });
      const series = await get(id);
      expect(series).toMatchObject({ recurrence_type: '2', weekly_days: '2,4', end_times: '4' });
      expect(series.occurrences.map((o: { start_time: string }) => o.start_time)).toEqual([
        '2026-06-01 10:00:00',
        '2026-06-03 10:00:00',
        '2026-06-08 10:00:00',
        '2026-06-10 10:00:00',
      ]);

      // Moving the series keeps its rule (no recurrence field sent) and recomputes the dates;
      // an occurrence whose start did not move keeps its uuid.
      const kept = series.occurrences[2].uuid as string;
      await update({ id, start_time: '2026-06-08 10:00:00', duration: '60' });
      const moved = await get(id);
      expect(moved.occurrences.map((o: { start_time: string }) => o.start_time)).toEqual([
        '2026-06-08 10:00:00',
        '2026-06-10 10:00:00',
        '2026-06-15 10:00:00',
        '2026-06-17 10:00:00',
      ]);
      expect(moved.occurrences[0].uuid).toBe(kept);
      // A uuid of the old dates no longer names anything.
      const gone = series.occurrences[0].uuid as string;
      expect((await post(emulator, '/umeeting/share/delete', { id: gone })).body.status).toBe(404);

      // An occurrence uuid is not updatable: the page updates whole series only.
      const byUuid = await update({ id: kept, start_time: '2026-06-08 10:00:00', duration: '60' });
      expect(byUuid.body.status).toBe(400);

      await update({ id, start_time: '2026-06-08 10:00:00', duration: '60', recurrence_type: '' });
      const oneOff = await get(id);
      expect(oneOff).not.toHaveProperty('occurrences');
      expect(oneOff).not.toHaveProperty('recurrence_type');
      expect(oneOff.start_time).toBe('2026-06-08 10:00:00');
    });

    it('refuses a new rule with no end, and changes nothing', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const { meeting_id: id } = await schedule();
      const answer = await update({
        id,
        start_time: '2026-06-05 10:00:00',
        duration: '60',
        recurrence_type: '1',
      });
      expect(answer.body).toMatchObject({
        status: 400,
        message: expect.stringMatching(/end_times/),
      });
      expect((await get(id)).start_time).toBe('2026-06-01 10:00:00');
    });

    it('switches live streaming on with a live id, and off', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const { meeting_id: id } = await schedule();
      const when = { id, start_time: '2026-06-01 10:00:00', duration: '60' };
      await update({ ...when, allow_live_streaming: 'true' });
      const on = await get(id);
      expect(on.allow_live_streaming).toBe('true');
      expect(on.watch_url).toContain('/live/');
      await update({ ...when, allow_live_streaming: 'false' });
      expect((await get(id)).allow_live_streaming).toBe('false');
    });
  });

  describe('/share/list and /share/history (§3.2 #7, #8)', () => {
    it('lists booked and live meetings online, cancelled and ended ones in history, paged', async () => {
      emulator.clock.set(Date.parse('2026-05-01T00:00:00Z'));
      const booked = await schedule({ start_time: '2026-06-03 10:00:00' });
      const cancelled = await schedule({ start_time: '2026-06-01 10:00:00' });
      const ended = await schedule({ start_time: '2026-06-02 10:00:00' });
      await schedule({ user_key: 'bob' });
      await post(emulator, '/umeeting/share/delete', { id: cancelled.meeting_id });
      await post(emulator, '/umeeting/share/end', { id: ended.meeting_id });

      const online = await post(emulator, '/umeeting/share/list', { user_key: 'alice' });
      expect(online.body.data.meetings.map((m: { id: string }) => m.id)).toEqual([
        booked.meeting_id,
      ]);

      const page1 = await post(emulator, '/umeeting/share/history', {
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
      const page2 = await post(emulator, '/umeeting/share/history', {
        user_key: 'alice',
        page_size: '1',
        page_number: '2',
      });
      expect(page2.body.data).toMatchObject({ has_previous_page: true, has_next_page: false });
      const items = [...page1.body.data.meetings, ...page2.body.data.meetings];
      expect(
        Object.fromEntries(items.map((m: { id: string; status: number }) => [m.id, m.status])),
      ).toEqual({
        [cancelled.meeting_id]: 2,
        [ended.meeting_id]: 3,
      });
      expect(emulator.calls('listHistory')).toHaveLength(2);
      expect(emulator.calls('listMeetings')).toHaveLength(1);
    });

    it('refuses bad paging parameters with a message', async () => {
      const answer = await post(emulator, '/umeeting/share/history', { page_size: '0' });
      expect(answer.body.status).toBe(400);
      expect(answer.body.message).toMatch(/page_size/);
    });
  });
});
