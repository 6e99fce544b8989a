import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  AdmissionType,
  CancelMeetingDocument,
  CancelOccurrenceDocument,
  CancelWebinarDocument,
  GetMeetingByCodeDocument,
  GetMeetingDocument,
  GetMeetingsDocument,
  GetWebinarByCodeDocument,
  GetWebinarDocument,
  MeetingKind,
  MeetingStatus,
  Provider as GqlProvider,
  RecordingType,
  RecurrenceFrequency,
  ScheduleMeetingDocument,
  ScheduleWebinarDocument,
  StartInstantMeetingDocument,
  WatermarkStyle,
  Weekday,
  type ScheduleMeetingInput,
  type ScheduleWebinarInput,
} from '../__generated__/operations.js';
import {
  startTencentMeetingEmulator,
  type TencentMeetingEmulatorHandle,
} from '../../src/emulators/tencent-meeting/index.js';
import type { EmulatorHandle } from '../../src/emulators/emulator-server.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';
import { TEST_CREDENTIALS } from '../fixtures/tencent-meeting/signed-request.js';

const TWO_POW_63 = 2n ** 63n;

function meetingInput(overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput {
  return {
    provider: GqlProvider.TencentMeeting,
    subject: 'GraphQL meeting',
    startTime: minutesFromNow(24 * 60),
    endTime: minutesFromNow(24 * 60 + 60),
    organizer: 'alice',
    ...overrides,
  };
}

/** Every field of seed 000 (the seed's own values where they are valid). */
function webinarInput(overrides: Partial<ScheduleWebinarInput> = {}): ScheduleWebinarInput {
  return {
    provider: GqlProvider.TencentMeeting,
    subject: 'webinar 1',
    sponsor: '564ggg',
    startTime: minutesFromNow(2 * 24 * 60),
    endTime: minutesFromNow(2 * 24 * 60 + 90),
    organizer: 'aaa',
    admissionType: AdmissionType.Public,
    hosts: ['aaa'],
    description: 'ni hao',
    coverUrl: 'https://example.test/cover.png',
    enableGuestInviteLink: true,
    mediaSettings: {
      muteOnJoin: true,
      allowUnmuteSelf: true,
      joinBeforeHost: true,
      screenShareWatermark: true,
      watermarkStyle: WatermarkStyle.MultiRow,
      enterpriseUsersOnly: false,
      autoRecordingType: RecordingType.Cloud,
      recordWhenParticipantJoins: true,
      hostCanPauseAutoRecording: true,
    },
    enableQa: true,
    sensitiveWords: ['123', 'abc'],
    enableManualCheck: true,
    activityPage: true,
    displayAttendeeCount: true,
    playbackForAudience: true,
    preparationMode: false,
    ...overrides,
  };
}

describe('Tencent Meeting through GraphQL (SANDBOX)', () => {
  let server: TestServer;
  let emulator: EmulatorHandle;

  beforeAll(async () => {
    server = await startTestServer();
    emulator = server.emulators[Provider.TENCENT_MEETING]!;
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());

  const schedule = async (input: ScheduleMeetingInput) => {
    const result = await server.execute(ScheduleMeetingDocument, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleMeeting;
  };

  it('keeps a 20-digit id above 2^63 intact from create to read to cancel', async () => {
    const created = await schedule(meetingInput());
    expect(created.providerId).toMatch(/^\d{20}$/);
    expect(BigInt(created.providerId) > TWO_POW_63).toBe(true);
    const read = await server.execute(GetMeetingDocument, { id: created.id });
    expect(read.data!.meeting!.providerId).toBe(created.providerId);
    expect(read.raw).toContain(`"providerId":"${created.providerId}"`);
    const cancelled = await server.execute(CancelMeetingDocument, { id: created.id });
    expect(cancelled.data!.cancelMeeting).toMatchObject({
      providerId: created.providerId,
      status: MeetingStatus.Cancelled,
    });
    expect(emulator.calls('cancelMeeting').map((c) => c.path)).toEqual([
      `/v1/meetings/${created.providerId}/cancel`,
    ]);
  });

  it('schedules a one-off meeting with hosts, invitees, password and media settings: one create, one read-back', async () => {
    const created = await schedule(
      meetingInput({
        hosts: ['alice'],
        invitees: ['bob', 'carol'],
        password: '2580',
        mediaSettings: { muteOnJoin: true, waitingRoom: true, playSoundOnJoin: false },
        timeZone: 'Asia/Shanghai',
      }),
    );
    expect(created).toMatchObject({
      provider: GqlProvider.TencentMeeting,
      kind: MeetingKind.Scheduled,
      status: MeetingStatus.Init,
      password: '2580',
      organizer: 'alice',
      hosts: ['alice'],
      invitees: ['bob', 'carol'],
      timeZone: 'Asia/Shanghai',
      recurrence: null,
      occurrences: [],
      live: null,
    });
    expect(created.mediaSettings).toMatchObject({
      muteOnJoin: true,
      waitingRoom: true,
      playSoundOnJoin: false,
    });
    expect(created.meetingCode).toMatch(/^\d{9}$/);
    // Seed 001's create answer echoes one setting and no participants: a read gives the state.
    expect(emulator.requests().map((r) => r.operation)).toEqual(['createMeeting', 'getMeeting']);
  });

  it('schedules a recurring meeting with occurrences, cancels one occurrence, then the series', async () => {
    const created = await schedule(
      meetingInput({ recurrence: { frequency: RecurrenceFrequency.Weekly, count: 3 } }),
    );
    expect(created.recurrence).toMatchObject({ frequency: RecurrenceFrequency.Weekly, count: 3 });
    expect(created.recurrence!.rrule).toBe('FREQ=WEEKLY;COUNT=3');
    expect(created.occurrences).toHaveLength(3);
    const [first, second] = created.occurrences;
    expect(new Date(second!.startTime).getTime() - new Date(first!.startTime).getTime()).toBe(
      7 * 86_400_000,
    );

    const one = await server.execute(CancelOccurrenceDocument, { id: second!.id });
    expect(one.errors).toBeUndefined();
    expect(one.data!.cancelOccurrence).toMatchObject({
      id: second!.id,
      providerOccurrenceId: second!.providerOccurrenceId,
      status: MeetingStatus.Cancelled,
    });
    expect(one.data!.cancelOccurrence.meeting!.occurrences.map((o) => o.status)).toEqual([
      MeetingStatus.Init,
      MeetingStatus.Cancelled,
      MeetingStatus.Init,
    ]);

    const all = await server.execute(CancelMeetingDocument, { id: created.id });
    expect(all.data!.cancelMeeting.status).toBe(MeetingStatus.Cancelled);
    const read = await server.execute(GetMeetingDocument, { id: created.id });
    expect(read.data!.meeting!.occurrences.every((o) => o.status === MeetingStatus.Cancelled)).toBe(
      true,
    );
  });

  it('schedules a live-streamed meeting and answers the watch address', async () => {
    const created = await schedule(
      meetingInput({
        live: {
          subject: 'On air',
          summary: 'Live',
          passwordEnabled: true,
          password: '1234',
          chatEnabled: true,
          replayEnabled: true,
        },
      }),
    );
    expect(created.live).toMatchObject({
      enabled: true,
      subject: 'On air',
      passwordEnabled: true,
      chatEnabled: true,
      replayEnabled: true,
    });
    expect(created.live!.watchUrl).toMatch(/^https:\/\//);
    const read = await server.execute(GetMeetingDocument, { id: created.id });
    expect(read.data!.meeting!.live!.watchUrl).toBe(created.live!.watchUrl);
  });

  it('starts an instant meeting (Tencent type 1)', async () => {
    const result = await server.execute(StartInstantMeetingDocument, {
      input: {
        provider: GqlProvider.TencentMeeting,
        subject: 'Now',
        organizer: 'alice',
        durationMinutes: 15,
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.startInstantMeeting).toMatchObject({
      kind: MeetingKind.Instant,
      subject: 'Now',
    });
  });

  it('schedules a webinar with every field of seed 000, reads it by id and code, and cancels it', async () => {
    const result = await server.execute(ScheduleWebinarDocument, { input: webinarInput() });
    expect(result.errors).toBeUndefined();
    const webinar = result.data!.scheduleWebinar;
    expect(webinar).toMatchObject({
      provider: GqlProvider.TencentMeeting,
      subject: 'webinar 1',
      sponsor: '564ggg',
      description: 'ni hao',
      coverUrl: 'https://example.test/cover.png',
      status: MeetingStatus.Init,
      admissionType: AdmissionType.Public,
      organizer: 'aaa',
      hosts: ['aaa'],
      enableGuestInviteLink: true,
      enableQa: true,
      sensitiveWords: ['123', 'abc'],
      enableManualCheck: true,
      activityPage: true,
      displayAttendeeCount: true,
      playbackForAudience: true,
      preparationMode: false,
    });
    expect(webinar.mediaSettings).toMatchObject({
      watermarkStyle: WatermarkStyle.MultiRow,
      autoRecordingType: RecordingType.Cloud,
      recordWhenParticipantJoins: true,
      waitingRoom: null,
    });
    expect(webinar.manualCheckPassword).toBeTruthy();
    expect(webinar.audienceJoinLink).toMatch(/^https:\/\//);

    const read = await server.execute(GetWebinarDocument, { id: webinar.id });
    expect(read.data!.webinar!.providerId).toBe(webinar.providerId);
    const byCode = await server.execute(GetWebinarByCodeDocument, {
      provider: GqlProvider.TencentMeeting,
      meetingCode: webinar.meetingCode!,
      organizer: 'aaa',
    });
    expect(byCode.data!.webinarByCode!.id).toBe(webinar.id);
    const cancelled = await server.execute(CancelWebinarDocument, { id: webinar.id });
    expect(cancelled.data!.cancelWebinar.status).toBe(MeetingStatus.Cancelled);
    expect(emulator.calls('createWebinar')).toHaveLength(1);
    expect(emulator.calls('cancelWebinar')).toHaveLength(1);
  });

  it('reads a batch of N ids with at most N upstream reads', async () => {
    const a = await schedule(meetingInput({ subject: 'a' }));
    const b = await schedule(meetingInput({ subject: 'b' }));
    const c = await schedule(meetingInput({ subject: 'c' }));
    const before = emulator.calls('getMeeting').length;
    const result = await server.execute(GetMeetingsDocument, { ids: [a.id, b.id, c.id, b.id] });
    expect(result.data!.meetings.map((m) => m!.subject)).toEqual(['a', 'b', 'c', 'b']);
    const reads = emulator.calls('getMeeting').slice(before);
    expect(reads).toHaveLength(3);
    expect(new Set(reads.map((r) => r.path)).size).toBe(3);
  });

  it('finds a meeting by code for its organizer, and asks for the organizer when it is missing', async () => {
    const created = await schedule(meetingInput());
    const found = await server.execute(GetMeetingByCodeDocument, {
      provider: GqlProvider.TencentMeeting,
      meetingCode: created.meetingCode!,
      organizer: 'alice',
    });
    expect(found.data!.meetingByCode!.id).toBe(created.id);
    emulator.reset();
    const missing = await server.execute(GetMeetingByCodeDocument, {
      provider: GqlProvider.TencentMeeting,
      meetingCode: created.meetingCode!,
    });
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors![0]!.extensions).toMatchObject({
      field: 'organizer',
      rule: 'requiredForProvider',
    });
    expect(emulator.requests()).toHaveLength(0);
  });

  it('resolves Meeting, Webinar and RecurringOccurrence entities through federation', async () => {
    const meeting = await schedule(
      meetingInput({ recurrence: { frequency: RecurrenceFrequency.Daily, count: 2 } }),
    );
    const webinar = (await server.execute(ScheduleWebinarDocument, { input: webinarInput() })).data!
      .scheduleWebinar;
    const occurrence = meeting.occurrences[0]!;
    const result = await server.executeText<{ _entities: Array<Record<string, unknown> | null> }>(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Meeting { id providerId subject }
        ... on Webinar { id providerId subject }
        ... on RecurringOccurrence { id providerOccurrenceId status }
      } }`,
      {
        r: [
          { __typename: 'Meeting', id: meeting.id },
          { __typename: 'Webinar', id: webinar.id },
          { __typename: 'RecurringOccurrence', id: occurrence.id },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: meeting.id, providerId: meeting.providerId, subject: meeting.subject },
      { id: webinar.id, providerId: webinar.providerId, subject: webinar.subject },
      {
        id: occurrence.id,
        providerOccurrenceId: occurrence.providerOccurrenceId,
        status: MeetingStatus.Init,
      },
    ]);
  });

  describe('bad input is refused with BAD_USER_INPUT naming the field, before any request', () => {
    const start = () => minutesFromNow(24 * 60);
    const meetingCases: Array<[string, () => Partial<ScheduleMeetingInput>, string]> = [
      ['an empty subject', () => ({ subject: '' }), 'input.subject'],
      ['a 256-character subject', () => ({ subject: 'x'.repeat(256) }), 'input.subject'],
      [
        'an end before the start',
        () => ({ startTime: start(), endTime: minutesFromNow(23 * 60) }),
        'input.endTime',
      ],
      ['a 3-digit password', () => ({ password: '123' }), 'input.password'],
      [
        'count 51',
        () => ({ recurrence: { frequency: RecurrenceFrequency.Daily, count: 51 } }),
        'input.recurrence.count',
      ],
    ];
    it.each(meetingCases)('scheduleMeeting with %s', async (_what, overrides, field) => {
      const result = await server.execute(ScheduleMeetingDocument, {
        input: meetingInput(overrides()),
      });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toBe(field);
      expect(emulator.requests()).toHaveLength(0);
    });

    const webinarCases: Array<[string, Partial<ScheduleWebinarInput>, string]> = [
      [
        'password admission without a password',
        { admissionType: AdmissionType.Password },
        'input.password',
      ],
      [
        'playback without cloud recording',
        { playbackForAudience: true, mediaSettings: { autoRecordingType: RecordingType.Local } },
        'input.playbackForAudience',
      ],
      ['a 41-character sponsor', { sponsor: 's'.repeat(41) }, 'input.sponsor'],
    ];
    it.each(webinarCases)('scheduleWebinar with %s', async (_what, overrides, field) => {
      const result = await server.execute(ScheduleWebinarDocument, {
        input: webinarInput(overrides),
      });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toBe(field);
      expect(emulator.requests()).toHaveLength(0);
    });

    it('refuses a weekday list with UNSUPPORTED_BY_PROVIDER naming the field', async () => {
      const result = await server.execute(ScheduleMeetingDocument, {
        input: meetingInput({
          recurrence: {
            frequency: RecurrenceFrequency.Weekly,
            weekDays: [Weekday.Monday, Weekday.Thursday],
            count: 4,
          },
        }),
      });
      expect(errorCode(result)).toBe('UNSUPPORTED_BY_PROVIDER');
      expect(result.errors![0]!.extensions).toMatchObject({
        provider: GqlProvider.TencentMeeting,
        field: 'input.recurrence.weekDays',
      });
      expect(emulator.requests()).toHaveLength(0);
    });
  });
});

describe('Tencent Meeting through GraphQL (LIVE, pointed at a standalone emulator)', () => {
  let standalone: TencentMeetingEmulatorHandle;
  let server: TestServer;

  beforeAll(async () => {
    standalone = await startTencentMeetingEmulator({ credentials: { ...TEST_CREDENTIALS } });
    server = await startTestServer({
      env: {
        TENCENT_MEETING_BASE_URL: standalone.url,
        TENCENT_MEETING_APP_ID: TEST_CREDENTIALS.appId,
        TENCENT_MEETING_SECRET_ID: TEST_CREDENTIALS.secretId,
        TENCENT_MEETING_SECRET_KEY: TEST_CREDENTIALS.secretKey,
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await standalone.close();
  });

  it('runs LIVE against the standalone emulator: schedule, read, cancel', async () => {
    expect(server.emulators[Provider.TENCENT_MEETING]).toBeUndefined();
    const created = await server.execute(ScheduleMeetingDocument, { input: meetingInput() });
    expect(created.errors).toBeUndefined();
    const meeting = created.data!.scheduleMeeting;
    expect(standalone.state.meetings.has(meeting.providerId)).toBe(true);
    const read = await server.execute(GetMeetingDocument, { id: meeting.id });
    expect(read.data!.meeting!.subject).toBe('GraphQL meeting');
    const cancelled = await server.execute(CancelMeetingDocument, { id: meeting.id });
    expect(cancelled.data!.cancelMeeting.status).toBe(MeetingStatus.Cancelled);
    expect(standalone.calls('createMeeting')).toHaveLength(1);
    const logs = server.logs.join('\n');
    expect(logs).not.toContain(TEST_CREDENTIALS.secretKey);
    expect(logs).not.toContain(TEST_CREDENTIALS.secretId);
  });

  it('reports the provider as LIVE', async () => {
    const result = await server.executeText<{
      providers: Array<{ provider: string; mode: string }>;
    }>('{ providers { provider mode } }');
    expect(result.data!.providers).toContainEqual({ provider: 'TENCENT_MEETING', mode: 'LIVE' });
  });
});
