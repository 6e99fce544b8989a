import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  AdmissionType,
  GetMeetingByCodeDocument,
  GetMeetingDocument,
  GetMeetingsDocument,
  GetWebinarDocument,
  Provider,
  RecurrenceFrequency,
  ScheduleMeetingDocument,
  ScheduleWebinarDocument,
  type ScheduleMeetingInput,
  type ScheduleWebinarInput,
} from '../__generated__/operations.js';
import { Provider as ProviderEnum } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';
import { expectNoUpstreamCalls } from '../helpers/emulator-assertions.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';

const MARKER = 'do-not-echo-7f3a';

const meetingInput = (overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput => ({
  provider: Provider.Wecom,
  subject: 'Weekly sync',
  organizer: 'admin',
  startTime: minutesFromNow(60),
  endTime: minutesFromNow(120),
  ...overrides,
});

const webinarInput = (overrides: Partial<ScheduleWebinarInput> = {}): ScheduleWebinarInput => ({
  provider: Provider.Wecom,
  subject: 'Launch',
  organizer: 'admin',
  admissionType: AdmissionType.Public,
  startTime: minutesFromNow(60),
  endTime: minutesFromNow(120),
  description: MARKER,
  ...overrides,
});

describe('errors through GraphQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());

  const noUpstreamCalls = () => expectNoUpstreamCalls(server.emulators);

  it.each([
    [{ subject: '' }, 'input.subject', 'isLength'],
    [{ subject: 'x'.repeat(256) }, 'input.subject', 'isLength'],
    [{ admissionType: AdmissionType.Password, password: '123' }, 'input.password', 'matches'],
    [{ sponsor: 'y'.repeat(41) }, 'input.sponsor', 'isLength'],
    [{ admissionType: AdmissionType.Password }, 'input.password', 'requiredForPasswordAdmission'],
    [{ password: '1234' }, 'input.password', 'onlyForPasswordAdmission'],
    [{ playbackForAudience: true }, 'input.playbackForAudience', 'requiresCloudRecording'],
    [
      { sensitiveWords: Array.from({ length: 51 }, (_, i) => `w${i}`) },
      'input.sensitiveWords',
      'arrayMaxSize',
    ],
    [{ coverUrl: 'not a url' }, 'input.coverUrl', 'isUrl'],
  ])(
    'refuses webinar input %j as BAD_USER_INPUT naming %s, before any upstream call',
    async (overrides, field, rule) => {
      const result = await server.execute(ScheduleWebinarDocument, {
        input: webinarInput(overrides),
      });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions).toMatchObject({ field, rule });
      expect(result.raw).not.toContain(MARKER);
      noUpstreamCalls();
    },
  );

  it('refuses an end before the start, naming endTime', async () => {
    const result = await server.execute(ScheduleMeetingDocument, {
      input: meetingInput({ startTime: minutesFromNow(120), endTime: minutesFromNow(60) }),
    });
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.endTime',
      rule: 'isAfter',
    });
    noUpstreamCalls();
  });

  it.each([
    [{ frequency: RecurrenceFrequency.Daily, count: 51 }, 'input.recurrence.count', 'max'],
    [{ frequency: RecurrenceFrequency.Daily }, 'input.recurrence.until', 'untilOrCount'],
    [
      { frequency: RecurrenceFrequency.Daily, count: 2, until: minutesFromNow(6000) },
      'input.recurrence.until',
      'untilXorCount',
    ],
    [
      { frequency: RecurrenceFrequency.Daily, count: 2, monthDay: 3 },
      'input.recurrence.monthDay',
      'monthlyOnly',
    ],
    [
      { frequency: RecurrenceFrequency.Monthly, count: 2, monthWeek: 2 },
      'input.recurrence.monthWeekDay',
      'requiredWithMonthWeek',
    ],
  ])('refuses the recurrence %j naming %s', async (recurrence, field, rule) => {
    const result = await server.execute(ScheduleMeetingDocument, {
      input: meetingInput({ recurrence: recurrence as ScheduleMeetingInput['recurrence'] }),
    });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    noUpstreamCalls();
  });

  it('lists every violation at once', async () => {
    const result = await server.execute(ScheduleWebinarDocument, {
      input: webinarInput({ subject: '', password: 'abcd', admissionType: AdmissionType.Password }),
    });
    const violations = result.errors![0]!.extensions!.violations as Array<{ field: string }>;
    expect(violations.map((v) => v.field)).toEqual(['input.subject', 'input.password']);
  });

  it('names the field of a variable that does not coerce, without echoing the input', async () => {
    const { subject: _omitted, ...withoutSubject } = webinarInput({ description: MARKER });
    const result = await server.execute(ScheduleWebinarDocument, {
      input: withoutSubject as ScheduleWebinarInput,
    });
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.subject',
      rule: 'required',
    });
    expect(result.raw).not.toContain(MARKER);

    const badTime = await server.execute(ScheduleMeetingDocument, {
      input: meetingInput({ startTime: '2026-12-01 09:00:00' }),
    });
    expect(badTime.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.startTime',
    });
    expect(badTime.errors![0]!.message).toMatch(/ISO 8601 string with an offset/);
  });

  it('answers a malformed or wrong-kind id with BAD_USER_INPUT and an unknown one with null', async () => {
    const malformed = await server.execute(GetMeetingDocument, { id: 'nope' });
    expect(malformed.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
      rule: 'globalId',
    });
    const wrongKind = await server.execute(GetWebinarDocument, {
      id: meetingGlobalId(ProviderEnum.WECOM, '1'),
    });
    expect(wrongKind.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'globalIdKind',
    });
  });

  it('refuses a meeting code that is not digits, naming the argument', async () => {
    const result = await server.execute(GetMeetingByCodeDocument, {
      provider: Provider.Wecom,
      meetingCode: '12-34',
    });
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'meetingCode',
      rule: 'matches',
    });
    noUpstreamCalls();
  });

  it('fails only the bad entry of a batch', async () => {
    const unknown = meetingGlobalId(ProviderEnum.WECOM, '111111111');
    const result = await server.execute(GetMeetingsDocument, {
      ids: [unknown, 'garbage', unknown],
    });
    expect(result.data!.meetings).toEqual([null, null, null]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.path).toEqual(['meetings', 1]);
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids[1]',
    });
  });

  it('refuses webinars on umeeting as UNSUPPORTED_BY_PROVIDER naming provider and field', async () => {
    const result = await server.execute(ScheduleWebinarDocument, {
      input: webinarInput({ provider: Provider.Umeeting }),
    });
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'UNSUPPORTED_BY_PROVIDER',
      provider: 'UMEETING',
      field: 'scheduleWebinar',
    });
    noUpstreamCalls();
  });
});
