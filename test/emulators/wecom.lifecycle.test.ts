import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import { startWecomEmulator, type WecomEmulatorHandle } from '../../src/emulators/wecom/index.js';

/**
 * The WeCom emulator's lifecycle routes over raw HTTP (issue 12): `meeting/update` (path/98154),
 * `reminders` (path/98148), `meeting/get_user_meetingid` (path/97457) and the webinar warm-up
 * (path/98882), with WeCom's errcodes.
 */
const CREDENTIALS = { corpId: 'ww-lc-emu', corpSecret: 'lc-emu-secret-one' };
const OTHER_APP = { corpId: 'ww-lc-emu', corpSecret: 'lc-emu-secret-two' };

type Json = Record<string, unknown>;

describe('WeCom emulator lifecycle routes', () => {
  let emulator: WecomEmulatorHandle;

  beforeAll(async () => {
    emulator = await startWecomEmulator({ credentials: CREDENTIALS, otherApps: [OTHER_APP] });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    emulator.state.options.meetingIdListPageSize = undefined;
  });

  const now = () => emulator.clock.nowSeconds();
  const token = async (credentials = CREDENTIALS): Promise<string> => {
    const response = await fetch(
      `${emulator.url}/cgi-bin/gettoken?corpid=${credentials.corpId}&corpsecret=${credentials.corpSecret}`,
    );
    return ((await response.json()) as Json).access_token as string;
  };
  const post = async (path: string, body: unknown, credentials = CREDENTIALS): Promise<Json> => {
    const response = await fetch(
      `${emulator.url}${path}?access_token=${encodeURIComponent(await token(credentials))}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    expect(response.status).toBe(200);
    return (await response.json()) as Json;
  };
  const create = async (overrides: Json = {}): Promise<string> => {
    const answer = await post('/cgi-bin/meeting/create', {
      admin_userid: 'admin',
      title: 'Sync',
      meeting_start: now() + 3600,
      meeting_duration: 1800,
      ...overrides,
    });
    expect(answer.errcode).toBe(0);
    return answer.meetingid as string;
  };
  const info = (meetingid: string) => post('/cgi-bin/meeting/get_info', { meetingid });

  describe('meeting/update', () => {
    it('changes only what is sent', async () => {
      const id = await create({ settings: { password: '1234', mute_all: true } });
      const answer = await post('/cgi-bin/meeting/update', { meetingid: id, title: 'Renamed' });
      expect(answer).toMatchObject({ errcode: 0, errmsg: 'ok' });
      const read = await info(id);
      expect(read).toMatchObject({
        title: 'Renamed',
        meeting_duration: 1800,
        settings: { password: '1234', mute_all: true },
      });
    });

    it('needs meeting_duration with meeting_start, and a future start', async () => {
      const id = await create();
      const alone = await post('/cgi-bin/meeting/update', {
        meetingid: id,
        meeting_start: now() + 7200,
      });
      expect(alone).toMatchObject({ errcode: 40035 });
      expect(alone.errmsg).toContain('meeting_duration');
      const past = await post('/cgi-bin/meeting/update', {
        meetingid: id,
        meeting_start: now() - 60,
        meeting_duration: 600,
      });
      expect(past).toMatchObject({ errcode: 40035 });
    });

    it('refuses a cancelled or begun meeting (only scheduled ones change), and unknown ids', async () => {
      const cancelled = await create();
      await post('/cgi-bin/meeting/cancel', { meetingid: cancelled });
      expect(
        await post('/cgi-bin/meeting/update', { meetingid: cancelled, title: 'x' }),
      ).toMatchObject({ errcode: 40035 });
      const begun = await create();
      emulator.state.markStarted(begun);
      expect(await post('/cgi-bin/meeting/update', { meetingid: begun, title: 'x' })).toMatchObject(
        { errcode: 40035 },
      );
      expect(
        await post('/cgi-bin/meeting/update', { meetingid: '1234567890123456789', title: 'x' }),
      ).toMatchObject({ errcode: 40058 });
      const mine = await create();
      expect(
        await post('/cgi-bin/meeting/update', { meetingid: mine, title: 'x' }, OTHER_APP),
      ).toMatchObject({ errcode: 40058 });
    });

    it('journals the update as updateMeeting', async () => {
      const id = await create();
      await post('/cgi-bin/meeting/update', { meetingid: id, title: 'Renamed' });
      expect(emulator.calls('updateMeeting')).toHaveLength(1);
    });
  });

  describe('reminders', () => {
    it('accepts, stores and echoes a recurring rule', async () => {
      const reminders = {
        is_repeat: 1,
        repeat_type: 1,
        is_custom_repeat: 1,
        repeat_interval: 1,
        repeat_day_of_week: [1, 3],
        repeat_until_type: 1,
        repeat_until_count: 4,
      };
      const id = await create({ reminders });
      expect((await info(id)).reminders).toEqual(reminders);
    });

    it.each([
      [
        { is_repeat: 1, repeat_type: 4, repeat_until_type: 1, repeat_until_count: 2 },
        'repeat_type',
      ],
      [{ is_repeat: 1, repeat_type: 0, repeat_until_type: 1 }, 'repeat_until_count'],
      [{ is_repeat: 1, repeat_type: 1, repeat_day_of_week: [0, 8] }, 'repeat_day_of_week'],
      [{ is_repeat: 1, repeat_type: 0, repeat_until: 1 }, 'repeat_until'],
    ])('refuses %j with 40035 naming %s', async (reminders, field) => {
      const answer = await post('/cgi-bin/meeting/create', {
        admin_userid: 'admin',
        title: 'Sync',
        meeting_start: now() + 3600,
        meeting_duration: 1800,
        reminders,
      });
      expect(answer.errcode).toBe(40035);
      expect(answer.errmsg).toContain(field);
    });

    it('a one-off has no reminders in get_info; an update can make it a series', async () => {
      const id = await create();
      expect((await info(id)).reminders).toBeUndefined();
      await post('/cgi-bin/meeting/update', {
        meetingid: id,
        reminders: { is_repeat: 1, repeat_type: 0, repeat_until_type: 1, repeat_until_count: 3 },
      });
      expect((await info(id)).reminders).toMatchObject({ is_repeat: 1, repeat_type: 0 });
    });
  });

  describe('meeting/get_user_meetingid', () => {
    it('pages with next_cursor (limit and the page size), the app’s meetings of that member only', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1)
        ids.push(await create({ meeting_start: now() + 3600 * (5 - i) }));
      await post(
        '/cgi-bin/meeting/create',
        {
          admin_userid: 'admin',
          title: 'Other app',
          meeting_start: now() + 60,
          meeting_duration: 600,
        },
        OTHER_APP,
      );
      await create({ admin_userid: 'someone-else' });
      const seen: string[] = [];
      let cursor = '0';
      let pages = 0;
      for (;;) {
        const answer = await post('/cgi-bin/meeting/get_user_meetingid', {
          userid: 'admin',
          cursor,
          limit: 2,
        });
        expect(answer.errcode).toBe(0);
        pages += 1;
        seen.push(...(answer.meetingid_list as string[]));
        if (!answer.next_cursor) break;
        cursor = answer.next_cursor as string;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(ids); // creation order: WeCom documents none
      emulator.state.options.meetingIdListPageSize = 1;
      const small = await post('/cgi-bin/meeting/get_user_meetingid', { userid: 'admin' });
      expect(small.meetingid_list).toEqual([ids[0]]);
      expect(small.next_cursor).toBe(ids[0]);
    });

    it('bounds history by end_time, but answers every meeting not yet over from begin_time', async () => {
      const soon = await create({ meeting_start: now() + 600, meeting_duration: 300 });
      const later = await create({ meeting_start: now() + 86400 * 200 });
      emulator.clock.advance(1200); // `soon` is over now
      const answer = await post('/cgi-bin/meeting/get_user_meetingid', {
        userid: 'admin',
        begin_time: now() - 3600,
        end_time: now() - 900,
      });
      expect(answer.meetingid_list).toEqual([later]);
      const history = await post('/cgi-bin/meeting/get_user_meetingid', {
        userid: 'admin',
        begin_time: now() - 3600,
        end_time: now(),
      });
      expect(history.meetingid_list).toEqual([soon, later]);
    });

    it('refuses a window over 180 days, a bad limit, a bad cursor and a missing userid', async () => {
      const span = await post('/cgi-bin/meeting/get_user_meetingid', {
        userid: 'admin',
        begin_time: now() - 181 * 86400,
        end_time: now(),
      });
      expect(span).toMatchObject({ errcode: 40035 });
      expect(
        await post('/cgi-bin/meeting/get_user_meetingid', { userid: 'admin', limit: 101 }),
      ).toMatchObject({ errcode: 40035 });
      expect(
        await post('/cgi-bin/meeting/get_user_meetingid', { userid: 'admin', cursor: 'nope' }),
      ).toMatchObject({ errcode: 40035 });
      expect(await post('/cgi-bin/meeting/get_user_meetingid', {})).toMatchObject({
        errcode: 40035,
      });
      expect(emulator.calls('listUserMeetingIds')).toHaveLength(4);
    });
  });

  describe('webinar warm-up', () => {
    it('reports update_warm_up through webinar/get, the picture winning over the video', async () => {
      const created = await post('/cgi-bin/meeting/webinar/create', {
        admin_userid: 'admin',
        title: 'Launch',
        start_time: String(now() + 3600),
        end_time: String(now() + 7200),
        admission_type: 0,
      });
      const meetingid = created.meetingid as string;
      await post('/cgi-bin/meeting/webinar/update_warm_up', {
        meetingid,
        warm_up_picture: 'https://example.com/p.png',
        warm_up_video: 'https://example.com/v.mp4',
        allow_attendees_invite_others: false,
      });
      const read = await post('/cgi-bin/meeting/webinar/get', { meetingid });
      expect(read).toMatchObject({
        warm_up_picture: 'https://example.com/p.png',
        allow_attendees_invite_others: false,
      });
      expect(read.warm_up_video).toBeUndefined();
    });
  });
});
