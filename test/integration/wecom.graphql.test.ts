import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  AdmissionType,
  CancelWebinarDocument,
  GetWebinarByCodeDocument,
  GetWebinarDocument,
  GetWebinarsDocument,
  MeetingStatus,
  Provider as GqlProvider,
  RecordingType,
  RecurrenceFrequency,
  ScheduleMeetingDocument,
  ScheduleWebinarDocument,
  type ScheduleWebinarInput,
  WatermarkStyle,
  Weekday,
} from '../__generated__/operations.js';
import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import { startWecomEmulator, type WecomEmulatorHandle } from '../../src/emulators/wecom/index.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { webinarGlobalId } from '../../src/schema/ids.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';

/**
 * WeCom through the whole server (GraphQL over HTTP → resolvers → WecomDataSource → emulator over
 * HTTP), in SANDBOX and in LIVE mode pointed at a standalone emulator.
 */
const SEED_003 = JSON.parse(
  readFileSync(
    new URL('../fixtures/wecom/webinar-get.seed-003.response.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown> & { media_setting: Record<string, unknown> };

/** Seed 003 key → the GraphQL Webinar field that carries it (media_setting: MediaSettings). */
const SEED_FIELD: Record<string, string> = {
  meetingid: 'providerId',
  title: 'subject',
  sponsor: 'sponsor',
  start_time: 'startTime',
  end_time: 'endTime',
  admission_type: 'admissionType',
  hosts: 'hosts',
  password: 'password',
  cover_url: 'coverUrl',
  description: 'description',
  enable_guest_invite_link: 'enableGuestInviteLink',
  audience_join_link: 'audienceJoinLink',
  guest_join_link: 'guestJoinLink',
  enable_qa: 'enableQa',
  manual_check_link: 'manualCheckLink',
  manual_check_password: 'manualCheckPassword',
  activity_page: 'activityPage',
  display_number_of_attendees: 'displayAttendeeCount',
  playback_for_audience: 'playbackForAudience',
  playback_url: 'playbackUrl',
  preparation_mode: 'preparationMode',
  warm_up_picture: 'warmUpPicture',
  warm_up_video: 'warmUpVideo',
  allow_attendees_invite_others: 'allowAttendeesInviteOthers',
};
const SEED_MEDIA_FIELD: Record<string, string> = {
  mute_enable_join: 'muteOnJoin',
  allow_unmute_self: 'allowUnmuteSelf',
  allow_enter_before_host: 'joinBeforeHost',
  enable_screen_watermark: 'screenShareWatermark',
  watermark_type: 'watermarkStyle',
  allow_external_user: 'enterpriseUsersOnly',
  auto_record_type: 'autoRecordingType',
  attendee_join_auto_record: 'recordWhenParticipantJoins',
  enable_host_pause_auto_record: 'hostCanPauseAutoRecording',
};

const webinarInput = (overrides: Partial<ScheduleWebinarInput> = {}): ScheduleWebinarInput => ({
  provider: GqlProvider.Wecom,
  subject: 'WeCom launch',
  startTime: minutesFromNow(120),
  endTime: minutesFromNow(180),
  organizer: 'wecom-admin',
  admissionType: AdmissionType.Public,
  ...overrides,
});

/** Sets the warm-up picture through WeCom's own API on the emulator (path/98882). */
async function setWarmUp(emulatorUrl: string, meetingid: string, field: string, url: string) {
  const { corpId, corpSecret } = SANDBOX_CREDENTIALS.wecom;
  const token = (await (
    await fetch(`${emulatorUrl}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`)
  ).json()) as { access_token: string };
  const answer = (await (
    await fetch(
      `${emulatorUrl}/cgi-bin/meeting/webinar/update_warm_up?access_token=${token.access_token}`,
      {
        method: 'POST',
        body: JSON.stringify({ meetingid, [field]: url, allow_attendees_invite_others: false }),
      },
    )
  ).json()) as { errcode: number };
  expect(answer.errcode).toBe(0);
}

describe('WeCom through GraphQL (SANDBOX)', () => {
  let server: TestServer;
  let emulator: WecomEmulatorHandle;

  beforeAll(async () => {
    server = await startTestServer();
    emulator = server.emulators[Provider.WECOM] as WecomEmulatorHandle;
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());

  it('reads back every field of seed 003 with its value', async () => {
    const scheduled = await server.execute(ScheduleWebinarDocument, {
      input: webinarInput({
        sponsor: 'ACME 企业',
        description: 'Everything about the launch',
        coverUrl: 'https://example.test/cover.png',
        admissionType: AdmissionType.Password,
        password: '135790',
        hosts: ['wecom-admin', 'co-host'],
        enableGuestInviteLink: true,
        enableQa: true,
        enableManualCheck: true,
        displayAttendeeCount: false,
        playbackForAudience: true,
        preparationMode: true,
        mediaSettings: {
          muteOnJoin: true,
          allowUnmuteSelf: true,
          joinBeforeHost: false,
          screenShareWatermark: true,
          watermarkStyle: WatermarkStyle.MultiRow,
          enterpriseUsersOnly: true,
          autoRecordingType: RecordingType.Cloud,
          recordWhenParticipantJoins: true,
          hostCanPauseAutoRecording: false,
        },
      }),
    });
    expect(scheduled.errors).toBeUndefined();
    const created = scheduled.data!.scheduleWebinar;
    await setWarmUp(
      emulator.url,
      created.providerId,
      'warm_up_picture',
      'https://example.test/warm.png',
    );

    const read = await server.execute(GetWebinarDocument, { id: created.id });
    expect(read.errors).toBeUndefined();
    const webinar = read.data!.webinar! as unknown as Record<string, unknown>;
    const media = webinar.mediaSettings as Record<string, unknown>;

    // Every key of the seed has a field here, and (but for the video, which the picture
    // replaces: path/98882) a value.
    expect(
      Object.keys(SEED_003).filter((k) => k !== 'media_setting' && !(k in SEED_FIELD)),
    ).toEqual([]);
    expect(Object.keys(SEED_003.media_setting).filter((k) => !(k in SEED_MEDIA_FIELD))).toEqual([]);
    for (const [key, field] of Object.entries(SEED_FIELD)) {
      if (key === 'warm_up_video') expect(webinar[field]).toBeNull();
      else expect([key, webinar[field] ?? null]).not.toEqual([key, null]);
    }
    for (const field of Object.values(SEED_MEDIA_FIELD)) {
      expect([field, media[field] ?? null]).not.toEqual([field, null]);
    }
    expect(webinar).toMatchObject({
      provider: GqlProvider.Wecom,
      providerId: created.providerId,
      subject: 'WeCom launch',
      sponsor: 'ACME 企业',
      description: 'Everything about the launch',
      coverUrl: 'https://example.test/cover.png',
      status: MeetingStatus.Init,
      admissionType: AdmissionType.Password,
      password: '135790',
      hosts: ['wecom-admin', 'co-host'],
      enableGuestInviteLink: true,
      enableQa: true,
      enableManualCheck: true,
      activityPage: true,
      displayAttendeeCount: false,
      playbackForAudience: true,
      preparationMode: true,
      warmUpPicture: 'https://example.test/warm.png',
      allowAttendeesInviteOthers: false,
      // WeCom's get does not report these: null, not a guess.
      organizer: null,
      sensitiveWords: null,
      registeredCount: null,
    });
    expect(new Date(webinar.startTime as string).getTime()).toBe(
      new Date(webinarInput().startTime).getTime(),
    );
    expect(webinar.meetingCode).toMatch(/^\d{9}$/);
    for (const link of ['audienceJoinLink', 'guestJoinLink', 'manualCheckLink', 'playbackUrl']) {
      expect(webinar[link]).toMatch(/^https:\/\//);
    }
    expect(media).toEqual({
      muteOnJoin: true,
      allowUnmuteSelf: true,
      muteAll: null,
      joinBeforeHost: false,
      waitingRoom: null,
      screenShareWatermark: true,
      watermarkStyle: WatermarkStyle.MultiRow,
      enterpriseUsersOnly: true,
      hostVideoOnJoin: null,
      participantVideoOnJoin: null,
      autoRecordingType: RecordingType.Cloud,
      recordWhenParticipantJoins: true,
      hostCanPauseAutoRecording: false,
      playSoundOnJoin: null,
      playSoundOnLeave: null,
    });
  });

  it("shows WeCom's reported defaults for what the input left out", async () => {
    const scheduled = await server.execute(ScheduleWebinarDocument, { input: webinarInput() });
    expect(scheduled.errors).toBeUndefined();
    const read = await server.execute(GetWebinarDocument, {
      id: scheduled.data!.scheduleWebinar.id,
    });
    expect(read.data!.webinar).toMatchObject({
      sponsor: null,
      password: null,
      hosts: ['wecom-admin'],
      enableQa: true,
      activityPage: true,
      displayAttendeeCount: true,
      playbackForAudience: false,
      playbackUrl: null,
      warmUpPicture: null,
      mediaSettings: {
        muteOnJoin: false,
        allowUnmuteSelf: false,
        joinBeforeHost: true,
        screenShareWatermark: false,
        watermarkStyle: WatermarkStyle.SingleRow,
        enterpriseUsersOnly: true,
        autoRecordingType: RecordingType.None,
        recordWhenParticipantJoins: false,
        hostCanPauseAutoRecording: true,
      },
    });
  });

  it('reads webinars in a batch, by code, and through federation _entities; cancels one', async () => {
    const a = (
      await server.execute(ScheduleWebinarDocument, { input: webinarInput({ subject: 'A' }) })
    ).data!.scheduleWebinar;
    const b = (
      await server.execute(ScheduleWebinarDocument, { input: webinarInput({ subject: 'B' }) })
    ).data!.scheduleWebinar;
    const missing = webinarGlobalId(Provider.WECOM, '0999999999999999999');
    const before = emulator.calls('getWebinar').length;
    const batch = await server.execute(GetWebinarsDocument, { ids: [a.id, b.id, a.id, missing] });
    expect(batch.errors).toBeUndefined();
    expect(batch.data!.webinars.map((w) => w?.subject ?? null)).toEqual(['A', 'B', 'A', null]);
    expect(emulator.calls('getWebinar').length - before).toBe(3);

    const byCode = await server.execute(GetWebinarByCodeDocument, {
      provider: GqlProvider.Wecom,
      meetingCode: b.meetingCode!,
    });
    expect(byCode.data!.webinarByCode?.providerId).toBe(b.providerId);

    const entities = await server.executeText<{ _entities: Array<{ subject: string } | null> }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Webinar { subject } } }',
      {
        r: [
          { __typename: 'Webinar', id: a.id },
          { __typename: 'Webinar', id: missing },
        ],
      },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([{ subject: 'A' }, null]);

    const cancelled = await server.execute(CancelWebinarDocument, { id: a.id });
    expect(cancelled.data!.cancelWebinar.status).toBe(MeetingStatus.Cancelled);
    expect(emulator.calls('cancelWebinar')).toHaveLength(1);
    const cancelMissing = await server.execute(CancelWebinarDocument, { id: missing });
    expect(errorCode(cancelMissing)).toBe('NOT_FOUND');
  });

  it('moves webinar statuses with the emulator clock', async () => {
    const created = (await server.execute(ScheduleWebinarDocument, { input: webinarInput() })).data!
      .scheduleWebinar;
    const status = async () =>
      (await server.execute(GetWebinarDocument, { id: created.id })).data!.webinar!.status;
    emulator.clock.advance(150 * 60);
    expect(await status()).toBe(MeetingStatus.AboutToStart);
    emulator.clock.advance(60 * 60);
    expect(await status()).toBe(MeetingStatus.Ended);
    emulator.clock.advance(24 * 3600);
    expect(await status()).toBe(MeetingStatus.Recycled);
  });

  it('survives a scripted token expiry with exactly one refresh, and logs no token', async () => {
    const created = (await server.execute(ScheduleWebinarDocument, { input: webinarInput() })).data!
      .scheduleWebinar;
    const gettokens = emulator.calls('gettoken').length;
    emulator.faults.add({ kind: 'tokenExpired', operation: 'getWebinar' });
    const read = await server.execute(GetWebinarDocument, { id: created.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.webinar!.providerId).toBe(created.providerId);
    expect(emulator.calls('gettoken').length - gettokens).toBe(1);
    const logs = server.logs.join('\n');
    for (const token of emulator.state.issuedTokens()) expect(logs).not.toContain(token);
    expect(logs).not.toContain(SANDBOX_CREDENTIALS.wecom.corpSecret);
  });

  it.each([
    ['a missing title', { subject: '' }, 'input.subject'],
    [
      'a password of letters',
      { admissionType: AdmissionType.Password, password: 'abcd' },
      'input.password',
    ],
    [
      'password admission without a password',
      { admissionType: AdmissionType.Password },
      'input.password',
    ],
  ])(
    'refuses %s with BAD_USER_INPUT naming the field, sending nothing',
    async (_, overrides, field) => {
      const result = await server.execute(ScheduleWebinarDocument, {
        input: webinarInput(overrides),
      });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toBe(field);
      expect(emulator.requests()).toEqual([]);
    },
  );

  it('refuses what WeCom cannot do with UNSUPPORTED_BY_PROVIDER naming the field, sending nothing', async () => {
    const recurring = await server.execute(ScheduleMeetingDocument, {
      input: {
        provider: GqlProvider.Wecom,
        subject: 'Weekly',
        startTime: minutesFromNow(60),
        endTime: minutesFromNow(90),
        organizer: 'wecom-admin',
        // The n-th weekday of a month has no `reminders` field (docs/providers/wecom.md).
        recurrence: {
          frequency: RecurrenceFrequency.Monthly,
          monthWeek: 2,
          monthWeekDay: Weekday.Tuesday,
          count: 3,
        },
      },
    });
    expect(errorCode(recurring)).toBe('UNSUPPORTED_BY_PROVIDER');
    expect(recurring.errors![0]!.extensions).toMatchObject({
      provider: 'WECOM',
      field: 'input.recurrence.monthWeek',
    });
    const muteAll = await server.execute(ScheduleWebinarDocument, {
      input: webinarInput({ mediaSettings: { muteAll: true } }),
    });
    expect(muteAll.errors![0]!.extensions).toMatchObject({
      code: 'UNSUPPORTED_BY_PROVIDER',
      field: 'input.mediaSettings.muteAll',
    });
    expect(emulator.requests()).toEqual([]);
  });
});

describe('WeCom through GraphQL (LIVE, pointed at a standalone emulator)', () => {
  const credentials = { corpId: 'ww-live-corp', corpSecret: 'live-wecom-secret-4f9a2c' };
  let emulator: WecomEmulatorHandle;
  const env = () => ({
    WECOM_BASE_URL: emulator.url,
    WECOM_CORP_ID: credentials.corpId,
    WECOM_CORP_SECRET: credentials.corpSecret,
  });

  beforeAll(async () => {
    emulator = await startWecomEmulator({ credentials });
  });
  afterAll(() => emulator.close());

  it('schedules, reads and cancels a webinar through the production path', async () => {
    const live = await startTestServer({ env: env() });
    try {
      expect(live.emulators[Provider.WECOM]).toBeUndefined();
      const scheduled = await live.execute(ScheduleWebinarDocument, { input: webinarInput() });
      expect(scheduled.errors).toBeUndefined();
      const { id } = scheduled.data!.scheduleWebinar;
      const read = await live.execute(GetWebinarDocument, { id });
      expect(read.data!.webinar!.subject).toBe('WeCom launch');
      const cancelled = await live.execute(CancelWebinarDocument, { id });
      expect(cancelled.data!.cancelWebinar.status).toBe(MeetingStatus.Cancelled);
      expect(emulator.calls('createWebinar')).toHaveLength(1);
      expect(emulator.calls('cancelWebinar')).toHaveLength(1);
      const logs = live.logs.join('\n');
      expect(logs).not.toContain(credentials.corpSecret);
      for (const token of emulator.state.issuedTokens()) expect(logs).not.toContain(token);
    } finally {
      await live.close();
    }
  });

  it('makes exactly one gettoken for 20 concurrent GraphQL requests from a cold start', async () => {
    const first = await startTestServer({ env: env() });
    let id: string;
    try {
      id = (await first.execute(ScheduleWebinarDocument, { input: webinarInput() })).data!
        .scheduleWebinar.id;
    } finally {
      await first.close();
    }
    const cold = await startTestServer({ env: env() });
    try {
      const gettokens = emulator.calls('gettoken').length;
      const reads = emulator.calls('getWebinar').length;
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => cold.execute(GetWebinarDocument, { id })),
      );
      expect(answers.every((a) => a.errors === undefined && a.data!.webinar!.id === id)).toBe(true);
      expect(emulator.calls('gettoken').length - gettokens).toBe(1);
      expect(emulator.calls('getWebinar').length - reads).toBe(20);
    } finally {
      await cold.close();
    }
  });

  it('answers a wrong secret with PROVIDER_AUTH_FAILED and shows the secret nowhere', async () => {
    const wrong = await startTestServer({
      env: { ...env(), WECOM_CORP_SECRET: 'wrong-wecom-secret-77' },
    });
    try {
      const result = await wrong.execute(ScheduleWebinarDocument, { input: webinarInput() });
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'PROVIDER_AUTH_FAILED',
        provider: 'WECOM',
        providerCode: 40001,
      });
      const everything = [result.raw, ...wrong.logs].join('\n');
      expect(everything).not.toContain('wrong-wecom-secret-77');
    } finally {
      await wrong.close();
    }
  });
});
