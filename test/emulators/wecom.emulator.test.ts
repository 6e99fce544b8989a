import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import { startWecomEmulator, type WecomEmulatorHandle } from '../../src/emulators/wecom/index.js';

/**
 * The WeCom emulator over raw HTTP (fetch), checked against seed 003 and docs/reference/providers.md §2:
 * gettoken, token errors, webinar and meeting routes, validation, visibility, statuses over the
 * clock, and the WeCom-specific faults.
 */
const CREDENTIALS = { corpId: 'ww-test-corp', corpSecret: 'test-secret-app-one' };
const OTHER_APP = { corpId: 'ww-test-corp', corpSecret: 'test-secret-app-two' };
const SEED_003_KEYS = Object.keys(
  JSON.parse(
    readFileSync(
      new URL('../fixtures/wecom/webinar-get.seed-003.response.json', import.meta.url),
      'utf8',
    ),
  ) as object,
);

type Json = Record<string, unknown>;

describe('WeCom emulator', () => {
  let emulator: WecomEmulatorHandle;

  beforeAll(async () => {
    emulator = await startWecomEmulator({ credentials: CREDENTIALS, otherApps: [OTHER_APP] });
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  const get = async (path: string): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${emulator.url}${path}`);
    return { status: response.status, body: (await response.json()) as Json };
  };
  const post = async (path: string, token: string | undefined, body: unknown) => {
    const query = token === undefined ? '' : `?access_token=${encodeURIComponent(token)}`;
    const response = await fetch(`${emulator.url}${path}${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const token = async (credentials = CREDENTIALS): Promise<string> => {
    const { body } = await get(
      `/cgi-bin/gettoken?corpid=${credentials.corpId}&corpsecret=${credentials.corpSecret}`,
    );
    return body.access_token as string;
  };
  const now = () => emulator.clock.nowSeconds();
  const webinarBody = (overrides: Json = {}): Json => ({
    admin_userid: 'admin',
    title: 'Launch',
    start_time: String(now() + 3600),
    end_time: String(now() + 7200),
    admission_type: 0,
    ...overrides,
  });
  const createWebinar = async (t: string, overrides: Json = {}) => {
    const { body } = await post('/cgi-bin/meeting/webinar/create', t, webinarBody(overrides));
    expect(body.errcode).toBe(0);
    return body;
  };

  describe('gettoken (docs/reference/providers.md §2.1)', () => {
    it('issues a token valid for 7200 s and hands out the same one while it is valid', async () => {
      const first = await get(
        `/cgi-bin/gettoken?corpid=${CREDENTIALS.corpId}&corpsecret=${CREDENTIALS.corpSecret}`,
      );
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
      expect(typeof first.body.access_token).toBe('string');
      expect(await token()).toBe(first.body.access_token);
    });

    it('answers a wrong secret with 40001 and a wrong corpid with 40013, as HTTP 200', async () => {
      const wrongSecret = await get(
        `/cgi-bin/gettoken?corpid=${CREDENTIALS.corpId}&corpsecret=nope`,
      );
      expect(wrongSecret.status).toBe(200);
      expect(wrongSecret.body.errcode).toBe(40001);
      expect(wrongSecret.body.access_token).toBeUndefined();
      const wrongCorp = await get(`/cgi-bin/gettoken?corpid=ww-other&corpsecret=x`);
      expect(wrongCorp.body.errcode).toBe(40013);
    });

    it('mints a fresh token in the last five minutes of the old one', async () => {
      const first = await token();
      emulator.clock.advance(7200 - 200);
      const second = await token();
      expect(second).not.toBe(first);
      // The old one still works until its own expiry.
      const read = await post('/cgi-bin/meeting/webinar/get', first, { meetingid: '1' });
      expect(read.body.errcode).toBe(40058);
    });
  });

  describe('access tokens on business calls', () => {
    it('answers a missing token 41001, an unknown one 40014 and an expired one 42001', async () => {
      expect(
        (await post('/cgi-bin/meeting/webinar/get', undefined, { meetingid: '1' })).body.errcode,
      ).toBe(41001);
      expect(
        (await post('/cgi-bin/meeting/webinar/get', 'bogus', { meetingid: '1' })).body.errcode,
      ).toBe(40014);
      const t = await token();
      emulator.clock.advance(7201);
      const expired = await post('/cgi-bin/meeting/webinar/get', t, { meetingid: '1' });
      expect(expired.status).toBe(200);
      expect(expired.body.errcode).toBe(42001);
    });

    it('never shows a token or secret in the journal', async () => {
      const t = await token();
      await post('/cgi-bin/meeting/webinar/get', t, { meetingid: '1' });
      const journal = JSON.stringify(await get('/__admin/requests'));
      expect(journal).not.toContain(t);
      expect(journal).not.toContain(CREDENTIALS.corpSecret);
      expect(emulator.requests().map((r) => [r.operation, r.path])).toEqual([
        ['gettoken', '/cgi-bin/gettoken'],
        ['getWebinar', '/cgi-bin/meeting/webinar/get'],
      ]);
    });
  });

  describe('webinars (§2.4, seed 003)', () => {
    it('answers get with every key of seed 003 plus meeting_code and status, and no errcode', async () => {
      const t = await token();
      const created = await createWebinar(t, {
        sponsor: 'ACME',
        admission_type: 2,
        password: '123456',
        cover_url: 'https://x.test/c.png',
        description: 'about',
        enable_manual_check: true,
        playback_for_audience: true,
        media_setting: { auto_record_type: 'cloud' },
      });
      await post('/cgi-bin/meeting/webinar/update_warm_up', t, {
        meetingid: created.meetingid,
        warm_up_picture: 'https://x.test/w.png',
      });
      const { body } = await post('/cgi-bin/meeting/webinar/get', t, {
        meetingid: created.meetingid,
      });
      for (const key of SEED_003_KEYS) {
        if (key === 'warm_up_video') continue; // the picture wins over the video (path/98882)
        expect(body).toHaveProperty(key);
      }
      expect(body.errcode).toBeUndefined();
      expect(body).toMatchObject({
        meetingid: created.meetingid,
        meeting_code: created.meeting_code,
        title: 'Launch',
        status: 'MEETING_STATE_INIT',
        admission_type: 2,
        password: '123456',
        hosts: [{ userid: 'admin' }],
        display_number_of_attendees: 1,
        activity_page: true,
        warm_up_picture: 'https://x.test/w.png',
      });
      // W-2: both spellings of mute-on-join, with the seed table's defaults.
      expect(body.media_setting).toEqual({
        enable_enter_mute: false,
        mute_enable_join: false,
        allow_unmute_self: false,
        allow_enter_before_host: true,
        enable_screen_watermark: false,
        watermark_type: 0,
        allow_external_user: false,
        auto_record_type: 'cloud',
        attendee_join_auto_record: false,
        enable_host_pause_auto_record: true,
      });
      expect(typeof body.start_time).toBe('string');
    });

    it('finds a webinar by meeting_code, lets meetingid win over it, and needs one of them', async () => {
      const t = await token();
      const a = await createWebinar(t, { title: 'A' });
      const b = await createWebinar(t, { title: 'B' });
      expect(
        (await post('/cgi-bin/meeting/webinar/get', t, { meeting_code: b.meeting_code })).body
          .title,
      ).toBe('B');
      const both = await post('/cgi-bin/meeting/webinar/get', t, {
        meetingid: a.meetingid,
        meeting_code: b.meeting_code,
      });
      expect(both.body.title).toBe('A');
      const neither = await post('/cgi-bin/meeting/webinar/get', t, {});
      expect(neither.body.errcode).toBe(40035);
      expect(neither.body.errmsg).toContain('meetingid');
    });

    it('hides a webinar from an app that did not create it', async () => {
      const created = await createWebinar(await token());
      const other = await token(OTHER_APP);
      const read = await post('/cgi-bin/meeting/webinar/get', other, {
        meetingid: created.meetingid,
      });
      expect(read.body.errcode).toBe(40058);
      const cancel = await post('/cgi-bin/meeting/webinar/cancel', other, {
        meetingid: created.meetingid,
      });
      expect(cancel.body.errcode).toBe(40058);
    });

    it.each([
      ['title', { title: undefined }],
      ['title', { title: 'x'.repeat(256) }],
      ['sponsor', { sponsor: 'x'.repeat(41) }],
      ['password', { admission_type: 2, password: 'abcd' }],
      ['password', { admission_type: 2 }],
      ['password', { admission_type: 0, password: '1234' }],
      ['start_time', { start_time: 1893456000 }],
      ['end_time', { end_time: '1' }],
      ['start_time', { start_time: '1000000000', end_time: '1000003600' }],
      ['playback_for_audience', { playback_for_audience: true }],
      ['media_setting.auto_record_type', { media_setting: { auto_record_type: 'tape' } }],
    ])('refuses a bad %s with 40035 naming it', async (field, overrides) => {
      const t = await token();
      const { status, body } = await post(
        '/cgi-bin/meeting/webinar/create',
        t,
        webinarBody(overrides),
      );
      expect(status).toBe(200);
      expect(body.errcode).toBe(40035);
      expect(body.errmsg).toContain(field);
      expect(emulator.state.webinars.size).toBe(0);
    });

    it('answers a body that is not JSON with 47001', async () => {
      const { body } = await post('/cgi-bin/meeting/webinar/create', await token(), '{"title": ');
      expect(body.errcode).toBe(47001);
    });

    it('moves the status with the clock: INIT, ABOUT_TO_START, ENDED, RECYCLED', async () => {
      const t = await token();
      const { meetingid } = await createWebinar(t);
      const status = async () => {
        const fresh = await token(); // the clock jumps past the token's life
        return (await post('/cgi-bin/meeting/webinar/get', fresh, { meetingid })).body.status;
      };
      expect(await status()).toBe('MEETING_STATE_INIT');
      emulator.clock.advance(3600);
      expect(await status()).toBe('MEETING_STATE_ABOUT_TO_START');
      emulator.clock.advance(3600);
      expect(await status()).toBe('MEETING_STATE_ENDED');
      emulator.clock.advance(24 * 3600);
      expect(await status()).toBe('MEETING_STATE_RECYCLED');
    });

    it('cancels a webinar, after which it reads CANCELLED', async () => {
      const t = await token();
      const { meetingid } = await createWebinar(t);
      expect((await post('/cgi-bin/meeting/webinar/cancel', t, { meetingid })).body).toEqual({
        errcode: 0,
        errmsg: 'ok',
      });
      expect((await post('/cgi-bin/meeting/webinar/get', t, { meetingid })).body.status).toBe(
        'MEETING_STATE_CANCELLED',
      );
    });

    it('updates a webinar with the fields the update doc marks required', async () => {
      const t = await token();
      const { meetingid } = await createWebinar(t);
      const update = await post('/cgi-bin/meeting/webinar/update', t, {
        meetingid,
        ...webinarBody({ title: 'Renamed', admin_userid: undefined }),
      });
      expect(update.body.errcode).toBe(0);
      expect((await post('/cgi-bin/meeting/webinar/get', t, { meetingid })).body.title).toBe(
        'Renamed',
      );
      const missing = await post('/cgi-bin/meeting/webinar/update', t, { meetingid, title: 'x' });
      expect(missing.body.errcode).toBe(40035);
    });
  });

  describe('meetings (§2.5)', () => {
    const meetingBody = (overrides: Json = {}): Json => ({
      admin_userid: 'admin',
      title: 'Standup',
      meeting_start: now() + 3600,
      meeting_duration: 1800,
      ...overrides,
    });

    it('creates, reads by id and by code, and cancels a meeting, with integer statuses', async () => {
      const t = await token();
      const created = await post(
        '/cgi-bin/meeting/create',
        t,
        meetingBody({
          invitees: { userid: ['u1'] },
          settings: { password: '1234', enable_enter_mute: 1, hosts: { userid: ['h1'] } },
        }),
      );
      expect(created.body).toMatchObject({ errcode: 0, excess_users: [] });
      const { meetingid, meeting_code } = created.body;
      const read = await post('/cgi-bin/meeting/get_info', t, { meetingid });
      expect(read.body).toMatchObject({
        errcode: 0,
        meetingid,
        title: 'Standup',
        meeting_duration: 1800,
        status: 1,
        meeting_code,
        attendees: { member: [{ userid: 'u1' }] },
        settings: { password: '1234', enable_enter_mute: 1, hosts: { userid: ['h1'] } },
      });
      expect(typeof read.body.meeting_start).toBe('number');
      expect((await post('/cgi-bin/meeting/get_info', t, { meeting_code })).body.meetingid).toBe(
        meetingid,
      );
      expect((await post('/cgi-bin/meeting/cancel', t, { meetingid })).body.errcode).toBe(0);
      expect((await post('/cgi-bin/meeting/get_info', t, { meetingid })).body.status).toBe(4);
    });

    it('answers only meetingid and excess_users when told to follow the documented answer', async () => {
      const strict = await startWecomEmulator({
        credentials: CREDENTIALS,
        meetingCreateAnswersCode: false,
      });
      try {
        const { body } = await fetch(
          `${strict.url}/cgi-bin/gettoken?corpid=${CREDENTIALS.corpId}&corpsecret=${CREDENTIALS.corpSecret}`,
        ).then(async (r) => ({ body: (await r.json()) as Json }));
        const created = await fetch(
          `${strict.url}/cgi-bin/meeting/create?access_token=${body.access_token}`,
          {
            method: 'POST',
            body: JSON.stringify(meetingBody({ meeting_start: strict.clock.nowSeconds() + 3600 })),
          },
        ).then(async (r) => (await r.json()) as Json);
        expect(Object.keys(created).sort()).toEqual([
          'errcode',
          'errmsg',
          'excess_users',
          'meetingid',
        ]);
      } finally {
        await strict.close();
      }
    });

    it.each([
      ['meeting_duration', { meeting_duration: 299 }],
      ['meeting_duration', { meeting_duration: 86400 }],
      ['meeting_start', { meeting_start: 1000 }],
      ['title', { title: '' }],
      ['password', { settings: { password: 'abcd' } }],
    ])('refuses a bad %s with 40035', async (field, overrides) => {
      const { body } = await post('/cgi-bin/meeting/create', await token(), meetingBody(overrides));
      expect(body.errcode).toBe(40035);
      expect(body.errmsg).toContain(field);
    });

    it('moves the integer status with the clock', async () => {
      const created = await post('/cgi-bin/meeting/create', await token(), meetingBody());
      const status = async () =>
        (
          await post('/cgi-bin/meeting/get_info', await token(), {
            meetingid: created.body.meetingid,
          })
        ).body.status;
      expect(await status()).toBe(1);
      emulator.clock.advance(3600);
      expect(await status()).toBe(2);
      emulator.clock.advance(1800);
      expect(await status()).toBe(3);
      emulator.clock.advance(24 * 3600);
      expect(await status()).toBe(5);
    });
  });

  describe('faults', () => {
    it('renders tokenExpired as 42001 and really expires the token, so only a new one works', async () => {
      const old = await token();
      emulator.faults.add({ kind: 'tokenExpired', operation: 'getWebinar' });
      expect(
        (await post('/cgi-bin/meeting/webinar/get', old, { meetingid: '1' })).body.errcode,
      ).toBe(42001);
      expect(
        (await post('/cgi-bin/meeting/webinar/get', old, { meetingid: '1' })).body.errcode,
      ).toBe(42001);
      const fresh = await token();
      expect(fresh).not.toBe(old);
      expect(
        (await post('/cgi-bin/meeting/webinar/get', fresh, { meetingid: '1' })).body.errcode,
      ).toBe(40058);
    });

    it('renders rateLimit as 45009 and a providerError with its own code, as HTTP 200', async () => {
      const t = await token();
      emulator.faults.add({ kind: 'rateLimit', operation: 'createWebinar' });
      emulator.faults.add({
        kind: 'providerError',
        providerCode: 45033,
        operation: 'createWebinar',
      });
      const limited = await post('/cgi-bin/meeting/webinar/create', t, webinarBody());
      expect(limited.status).toBe(200);
      expect(limited.body.errcode).toBe(45009);
      expect((await post('/cgi-bin/meeting/webinar/create', t, webinarBody())).body.errcode).toBe(
        45033,
      );
      expect(emulator.state.webinars.size).toBe(0);
    });

    it('scripts faults and moves the clock through /__admin/', async () => {
      const added = await fetch(`${emulator.url}/__admin/faults`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'tokenExpired', operation: 'getMeeting' }),
      });
      expect(added.status).toBe(201);
      const before = emulator.clock.now();
      await fetch(`${emulator.url}/__admin/clock`, {
        method: 'POST',
        body: JSON.stringify({ advanceSeconds: 60 }),
      });
      expect(emulator.clock.now() - before).toBeGreaterThanOrEqual(60_000);
      const t = await token();
      expect((await post('/cgi-bin/meeting/get_info', t, { meetingid: '1' })).body.errcode).toBe(
        42001,
      );
    });

    it('forgets state, tokens, journal and faults on reset', async () => {
      const t = await token();
      await createWebinar(t);
      emulator.faults.add({ kind: 'rateLimit' });
      emulator.reset();
      expect(emulator.state.webinars.size).toBe(0);
      expect(emulator.requests()).toEqual([]);
      expect(emulator.faults.pending()).toEqual([]);
      expect((await post('/cgi-bin/meeting/webinar/get', t, { meetingid: '1' })).body.errcode).toBe(
        40014,
      );
    });
  });
});
