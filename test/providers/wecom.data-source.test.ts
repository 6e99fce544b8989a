import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { pino, type Logger } from 'pino';

import { startWecomEmulator, type WecomEmulatorHandle } from '../../src/emulators/wecom/index.js';
import { ApiError } from '../../src/errors/api-errors.js';
import type { MeetingProvider, ProviderModule } from '../../src/providers/meeting-provider.js';
import { createWecomModule } from '../../src/providers/wecom/index.js';
import { UpstreamBudget } from '../../src/server/limits/upstream-budget.js';
import { WecomClient } from '../../src/providers/wecom/wecom.client.js';
import { AdmissionType } from '../../src/schema/enums/admission-type.enum.js';
import { MeetingStatus } from '../../src/schema/enums/meeting-status.enum.js';
import { ProviderMode } from '../../src/schema/enums/provider-mode.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecordingType } from '../../src/schema/enums/recording-type.enum.js';
import type { ScheduleMeetingInput } from '../../src/schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../src/schema/inputs/schedule-webinar.input.js';

/**
 * The WeCom data source and module over real HTTP to the emulator (STYLE habit 8: the journal
 * counts the traffic): the token cache, errcode handling, retries, input checks and mapping.
 */
const CREDENTIALS = { corpId: 'ww-ds-corp', corpSecret: 'ds-secret-value-0123456789' };

interface Harness {
  module: ProviderModule;
  logs: string[];
  log: Logger;
  source(): MeetingProvider;
}

function buildModule(baseUrl: string, credentials = CREDENTIALS): Harness {
  const logs: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const module = createWecomModule({
    config: { mode: ProviderMode.LIVE, baseUrl, credentials },
    timeoutMs: 2000,
    log,
  });
  let n = 0;
  return {
    module,
    logs,
    log,
    source: () => module.createDataSource({ requestId: `r${++n}`, log }),
  };
}

const inHours = (hours: number) =>
  new Date(Math.ceil(Date.now() / 60_000) * 60_000 + hours * 3600_000);

const webinarInput = (overrides: Partial<ScheduleWebinarInput> = {}): ScheduleWebinarInput =>
  ({
    provider: Provider.WECOM,
    subject: 'Product launch',
    startTime: inHours(1),
    endTime: inHours(2),
    organizer: 'admin',
    admissionType: AdmissionType.PUBLIC,
    ...overrides,
  }) as ScheduleWebinarInput;

const meetingInput = (overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput =>
  ({
    provider: Provider.WECOM,
    subject: 'Standup',
    startTime: inHours(1),
    endTime: inHours(1.5),
    organizer: 'admin',
    ...overrides,
  }) as ScheduleMeetingInput;

/** The ApiError a call fails with, whether it throws at once or rejects. */
async function failure(call: () => Promise<unknown>): Promise<ApiError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('WeCom data source over HTTP', () => {
  let emulator: WecomEmulatorHandle;
  let h: Harness;

  beforeAll(async () => {
    emulator = await startWecomEmulator({ credentials: CREDENTIALS });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    h = buildModule(emulator.url);
  });
  afterEach(() => {
    expect(emulator.faults.pending()).toEqual([]);
  });

  const noTokenOrSecretIn = (text: string) => {
    expect(text).not.toContain(CREDENTIALS.corpSecret);
    for (const token of emulator.state.issuedTokens()) expect(text).not.toContain(token);
  };

  describe('access token cache (docs/reference/providers.md §2.1)', () => {
    it('makes exactly one gettoken for 20 concurrent requests from a cold start', async () => {
      const created = await buildModule(emulator.url).source().scheduleWebinar(webinarInput());
      const gettokensBefore = emulator.calls('gettoken').length;
      const readsBefore = emulator.calls('getWebinar').length;
      const cold = buildModule(emulator.url); // a new module: its token cache is empty
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          cold.source().getWebinars([{ providerId: created.providerId }]),
        ),
      );
      expect(answers.map(([w]) => (w as { providerId?: string } | null)?.providerId)).toEqual(
        Array(20).fill(created.providerId),
      );
      expect(emulator.calls('gettoken').length - gettokensBefore).toBe(1);
      expect(emulator.calls('getWebinar').length - readsBefore).toBe(20);
    });

    it('refreshes once on a scripted token expiry and the request still succeeds', async () => {
      const created = await h.source().scheduleWebinar(webinarInput());
      expect(emulator.calls('gettoken')).toHaveLength(1);
      emulator.faults.add({ kind: 'tokenExpired', operation: 'getWebinar' });
      const [read] = await h.source().getWebinars([{ providerId: created.providerId }]);
      expect(read).toMatchObject({ providerId: created.providerId, subject: 'Product launch' });
      expect(emulator.calls('gettoken')).toHaveLength(2);
      expect(emulator.calls('getWebinar').filter((c) => c.fault === 'tokenExpired')).toHaveLength(
        1,
      );
      // The new token keeps serving: no further gettoken.
      await h.source().getWebinars([{ providerId: created.providerId }]);
      expect(emulator.calls('gettoken')).toHaveLength(2);
    });

    it('counts a token fetch against the upstream budget of the request that caused it', async () => {
      const created = await h.source().scheduleWebinar(webinarInput());
      const cold = buildModule(emulator.url); // empty token cache: the read needs a gettoken
      const gettokensBefore = emulator.calls('gettoken').length;
      const budget = new UpstreamBudget({ maxUpstreamCalls: 1, maxUpstreamWrites: 1 });
      const source = cold.module.createDataSource({
        requestId: 'r-budget',
        log: cold.log,
        upstream: { requestId: 'r-budget', budget, mutation: false },
      });
      const [read] = await source.getWebinars([{ providerId: created.providerId }]);
      // The gettoken spent the one call; the read that would pass the budget is never sent.
      expect(read).toBeInstanceOf(ApiError);
      expect((read as ApiError).code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
      expect(budget.spent).toEqual({ calls: 1, writes: 0 });
      expect(emulator.calls('gettoken').length - gettokensBefore).toBe(1);
      expect(emulator.calls('getWebinar')).toHaveLength(1); // the create's read-back only
    });

    it('refreshes at most once per call, never in a loop, and then answers PROVIDER_AUTH_FAILED', async () => {
      const created = await h.source().scheduleWebinar(webinarInput());
      emulator.faults.add({ kind: 'tokenExpired', operation: 'getWebinar', times: 5 });
      const [answer] = await h.source().getWebinars([{ providerId: created.providerId }]);
      expect(answer).toBeInstanceOf(ApiError);
      expect((answer as ApiError).extensions).toMatchObject({
        code: 'PROVIDER_AUTH_FAILED',
        provider: Provider.WECOM,
        providerCode: 42001,
      });
      expect(emulator.calls('getWebinar').length - 1).toBe(2); // the read-back of the create + 2
      expect(emulator.calls('gettoken')).toHaveLength(2);
      emulator.faults.clear();
    });

    it('shares one refresh between concurrent calls that hit the same expired token', async () => {
      const created = await h.source().scheduleWebinar(webinarInput());
      emulator.state.expireAllTokens();
      await Promise.all(
        Array.from({ length: 10 }, () =>
          h.source().getWebinars([{ providerId: created.providerId }]),
        ),
      );
      expect(emulator.calls('gettoken')).toHaveLength(2);
    });

    it('refreshes ahead of expiry rather than waiting for a refusal', async () => {
      let now = Date.now();
      const logs: string[] = [];
      const client = new WecomClient({
        baseUrl: emulator.url,
        credentials: CREDENTIALS,
        timeoutMs: 5000,
        log: pino({ level: 'debug' }, { write: (l: string) => void logs.push(l) }),
        now: () => now,
      });
      const first = await client.tokens.get();
      now += 6800 * 1000; // still well before the five minutes ahead of expiry
      expect(await client.tokens.get()).toBe(first);
      expect(emulator.calls('gettoken')).toHaveLength(1);
      now += 200 * 1000; // within them: refresh (the emulator still hands out the same token)
      expect(await client.tokens.get()).toBe(first);
      expect(emulator.calls('gettoken')).toHaveLength(2);
      now += 7000 * 1000;
      emulator.clock.advance(7000);
      const second = await client.tokens.get();
      expect(second).not.toBe(first);
      expect(emulator.calls('gettoken')).toHaveLength(3);
      noTokenOrSecretIn(logs.join('\n'));
    });

    it('answers a wrong secret with PROVIDER_AUTH_FAILED, with no secret or token in the answer or logs', async () => {
      const wrong = { corpId: CREDENTIALS.corpId, corpSecret: 'wrong-secret-value-987654321' };
      const bad = buildModule(emulator.url, wrong);
      const error = await failure(() => bad.source().scheduleWebinar(webinarInput()));
      expect(error.extensions).toMatchObject({
        code: 'PROVIDER_AUTH_FAILED',
        provider: Provider.WECOM,
        providerCode: 40001,
      });
      expect(emulator.calls('gettoken')).toHaveLength(1);
      expect(emulator.calls('createWebinar')).toHaveLength(0);
      const everything = [error.message, JSON.stringify(error.extensions), ...bad.logs].join('\n');
      expect(everything).not.toContain(wrong.corpSecret);
      noTokenOrSecretIn(everything);
    });
  });

  describe('webinars', () => {
    it('schedules a webinar and answers it as a later read does (WeCom reports no organizer or sensitive words)', async () => {
      const webinar = await h.source().scheduleWebinar(
        webinarInput({
          sponsor: 'ACME',
          admissionType: AdmissionType.PASSWORD,
          password: '246810',
          description: 'All about it',
          sensitiveWords: ['spam'],
          enableManualCheck: true,
          playbackForAudience: true,
          mediaSettings: { autoRecordingType: RecordingType.CLOUD, enterpriseUsersOnly: true },
        }),
      );
      expect(webinar).toMatchObject({
        provider: Provider.WECOM,
        subject: 'Product launch',
        sponsor: 'ACME',
        status: MeetingStatus.INIT,
        admissionType: AdmissionType.PASSWORD,
        password: '246810',
        // webinar/get reports neither (seed 003): the create answer equals a later read.
        organizer: null,
        hosts: ['admin'],
        sensitiveWords: null,
        enableManualCheck: true,
        activityPage: true,
        displayAttendeeCount: true,
        playbackForAudience: true,
        allowAttendeesInviteOthers: true,
      });
      expect(webinar.meetingCode).toMatch(/^\d{9}$/);
      expect(webinar.manualCheckLink).toBeTruthy();
      expect(webinar.playbackUrl).toBeTruthy();
      // WeCom's reported defaults (seed 003 table), and our input where we gave one.
      expect(webinar.mediaSettings).toMatchObject({
        muteOnJoin: false,
        joinBeforeHost: true,
        enterpriseUsersOnly: true,
        autoRecordingType: RecordingType.CLOUD,
        hostCanPauseAutoRecording: true,
        muteAll: null,
        waitingRoom: null,
      });
      expect(emulator.calls('createWebinar')).toHaveLength(1);
      noTokenOrSecretIn(h.logs.join('\n'));
    });

    it('reads a webinar/get answer without errcode (seed 003) as success', async () => {
      const created = await h.source().scheduleWebinar(webinarInput());
      const byCode = await h.source().getWebinarByCode(created.meetingCode!);
      expect(byCode?.providerId).toBe(created.providerId);
    });

    it('answers null for an unknown webinar, and NOT_FOUND without sending a cancel', async () => {
      const [missing] = await h.source().getWebinars([{ providerId: '1234567890123456789' }]);
      expect(missing).toBeNull();
      expect(await h.source().getWebinarByCode('999999999')).toBeNull();
      const error = await failure(() =>
        h.source().cancelWebinar({ providerId: '1234567890123456789' }),
      );
      expect(error.code).toBe('NOT_FOUND');
      expect(emulator.calls('cancelWebinar')).toHaveLength(0);
    });

    it('cancels a webinar once and answers it CANCELLED', async () => {
      const created = await h.source().scheduleWebinar(webinarInput());
      const cancelled = await h.source().cancelWebinar({ providerId: created.providerId });
      expect(cancelled.status).toBe(MeetingStatus.CANCELLED);
      expect(emulator.calls('cancelWebinar')).toHaveLength(1);
      const [read] = await h.source().getWebinars([{ providerId: created.providerId }]);
      expect(read).toMatchObject({ status: MeetingStatus.CANCELLED });
    });

    it('answers the created webinar even when the read-back after the create fails', async () => {
      emulator.faults.add({ kind: 'http', status: 500, operation: 'getWebinar', times: 3 });
      const webinar = await h.source().scheduleWebinar(webinarInput({ enableQa: false }));
      expect(webinar).toMatchObject({
        subject: 'Product launch',
        status: MeetingStatus.INIT,
        enableQa: false,
      });
      expect(webinar.meetingCode).toMatch(/^\d{9}$/);
      expect(emulator.calls('createWebinar')).toHaveLength(1);
    });
  });

  describe('bad input is refused before any request', () => {
    it.each([
      ['input.subject', 'BAD_USER_INPUT', webinarInput({ subject: '' })],
      [
        'input.password',
        'BAD_USER_INPUT',
        webinarInput({ admissionType: AdmissionType.PASSWORD, password: 'abcd' }),
      ],
      ['input.password', 'BAD_USER_INPUT', webinarInput({ admissionType: AdmissionType.PASSWORD })],
      ['input.password', 'BAD_USER_INPUT', webinarInput({ password: '1234' })],
      ['input.sponsor', 'BAD_USER_INPUT', webinarInput({ sponsor: 'x'.repeat(41) })],
      ['input.startTime', 'BAD_USER_INPUT', webinarInput({ startTime: inHours(-1) })],
    ])('webinar: %s → %s', async (field, code, input) => {
      const error = await failure(() => h.source().scheduleWebinar(input));
      expect(error.extensions).toMatchObject({ code, field });
      expect(emulator.requests()).toEqual([]);
    });

    it.each([
      ['input.subject', 'BAD_USER_INPUT', meetingInput({ subject: '' })],
      ['input.password', 'BAD_USER_INPUT', meetingInput({ password: '12ab' })],
      [
        'input.endTime',
        'BAD_USER_INPUT',
        meetingInput({ endTime: new Date(inHours(1).getTime() + 299_000) }),
      ],
      ['input.endTime', 'BAD_USER_INPUT', meetingInput({ endTime: inHours(25) })],
    ])('meeting: %s → %s', async (field, code, input) => {
      const error = await failure(() => h.source().scheduleMeeting(input));
      expect(error.extensions).toMatchObject({ code, field });
      expect(emulator.requests()).toEqual([]);
    });

    it('refuses instant meetings and per-occurrence cancel as UNSUPPORTED_BY_PROVIDER', async () => {
      const instant = await failure(() =>
        h.source().startInstantMeeting({ provider: Provider.WECOM, subject: 'x', organizer: 'a' }),
      );
      expect(instant.code).toBe('UNSUPPORTED_BY_PROVIDER');
      const occurrence = await failure(() => h.source().cancelOccurrence({ providerId: '1' }, '2'));
      expect(occurrence.code).toBe('UNSUPPORTED_BY_PROVIDER');
      expect(emulator.requests()).toEqual([]);
    });
  });

  describe('provider errors and faults', () => {
    it('does not retry a rate-limited read (45009 blocks for 60 s): PROVIDER_RATE_LIMITED at once', async () => {
      const created = await h.source().scheduleWebinar(webinarInput());
      const before = emulator.calls('getWebinar').length;
      emulator.faults.add({ kind: 'rateLimit', operation: 'getWebinar' });
      const [read] = await h.source().getWebinars([{ providerId: created.providerId }]);
      expect((read as ApiError).extensions).toMatchObject({
        code: 'PROVIDER_RATE_LIMITED',
        retryAfterSeconds: 60,
      });
      expect(emulator.calls('getWebinar').length - before).toBe(1);
    });

    it('never retries a rate-limited create: PROVIDER_RATE_LIMITED with the errcode', async () => {
      emulator.faults.add({ kind: 'rateLimit', operation: 'createWebinar' });
      const limited = await failure(() => h.source().scheduleWebinar(webinarInput()));
      expect(limited.extensions).toMatchObject({
        code: 'PROVIDER_RATE_LIMITED',
        providerCode: 45009,
        retryAfterSeconds: 60,
      });
      emulator.faults.add({
        kind: 'providerError',
        providerCode: 45033,
        operation: 'createMeeting',
      });
      const concurrent = await failure(() => h.source().scheduleMeeting(meetingInput()));
      expect(concurrent.extensions).toMatchObject({
        code: 'PROVIDER_RATE_LIMITED',
        providerCode: 45033,
      });
      expect(emulator.calls('createWebinar')).toHaveLength(1);
      expect(emulator.calls('createMeeting')).toHaveLength(1);
      expect(emulator.state.webinars.size + emulator.state.meetings.size).toBe(0);
    });

    it('retries a busy read (-1) at most three times in all, then PROVIDER_UNAVAILABLE', async () => {
      emulator.faults.add({
        kind: 'providerError',
        providerCode: -1,
        operation: 'getMeeting',
        times: 3,
      });
      const [answer] = await h.source().getMeetings([{ providerId: '1' }]);
      expect((answer as ApiError).extensions).toMatchObject({
        code: 'PROVIDER_UNAVAILABLE',
        providerCode: -1,
      });
      expect(emulator.calls('getMeeting')).toHaveLength(3);
    });

    it('maps other errcodes to PROVIDER_REJECTED with providerCode', async () => {
      emulator.faults.add({
        kind: 'providerError',
        providerCode: 40003,
        operation: 'createMeeting',
      });
      const error = await failure(() => h.source().scheduleMeeting(meetingInput()));
      expect(error.extensions).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: 40003 });
    });

    it('reports a create whose answer was lost as OUTCOME_UNKNOWN, sent once', async () => {
      emulator.faults.add({ kind: 'drop', operation: 'createWebinar' });
      const error = await failure(() => h.source().scheduleWebinar(webinarInput()));
      expect(error.code).toBe('OUTCOME_UNKNOWN');
      expect(emulator.calls('createWebinar')).toHaveLength(1);
    });

    it('maps a read answer that is not JSON to PROVIDER_RESPONSE_INVALID', async () => {
      emulator.faults.add({ kind: 'malformed', operation: 'getWebinar' });
      const [answer] = await h.source().getWebinars([{ providerId: '1' }]);
      expect((answer as ApiError).code).toBe('PROVIDER_RESPONSE_INVALID');
    });

    it('reaches the emulator for readiness and never throws when nothing listens', async () => {
      expect(await h.module.isReachable()).toBe(true);
      expect(await buildModule('http://127.0.0.1:1').module.isReachable()).toBe(false);
    });
  });

  describe('meetings', () => {
    it('schedules a meeting with one create, then reads it back so the answer equals a later read', async () => {
      const meeting = await h
        .source()
        .scheduleMeeting(meetingInput({ invitees: ['u1'], password: '1234' }));
      expect(meeting).toMatchObject({
        subject: 'Standup',
        status: MeetingStatus.INIT,
        organizer: 'admin',
        invitees: ['u1'],
        password: '1234',
      });
      expect(meeting.meetingCode).toMatch(/^\d{9}$/);
      expect(emulator.requests().map((r) => r.operation)).toEqual([
        'gettoken',
        'createMeeting',
        'getMeeting',
      ]);
      const [read] = await h.source().getMeetings([{ providerId: meeting.providerId }]);
      expect(read).toMatchObject({
        startTime: meeting.startTime,
        endTime: meeting.endTime,
        hosts: ['admin'],
        mediaSettings: { muteOnJoin: false, waitingRoom: false },
      });
    });

    it('looks the code up once when the create answer is the documented one (no code)', async () => {
      const strict = await startWecomEmulator({
        credentials: CREDENTIALS,
        meetingCreateAnswersCode: false,
      });
      try {
        const meeting = await buildModule(strict.url).source().scheduleMeeting(meetingInput());
        expect(meeting.meetingCode).toMatch(/^\d{9}$/);
        expect(strict.requests().map((r) => r.operation)).toEqual([
          'gettoken',
          'createMeeting',
          'getMeeting',
        ]);
      } finally {
        await strict.close();
      }
    });
  });
});
