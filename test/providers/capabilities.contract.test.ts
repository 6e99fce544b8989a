import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  type GraphQLInputObjectType,
  type GraphQLSchema,
} from 'graphql';

import { SERVER_INPUT_FIELDS, type CapabilityKind } from '../../src/providers/capabilities.js';
import { PROVIDERS } from '../../src/providers/providers.js';
import { buildSubgraph } from '../../src/server/federation.js';
import { upstreamCallCount } from '../helpers/emulator-assertions.js';
import { startTestServer, type TestServer } from '../helpers/start-test-server.js';

/**
 * Capabilities are the single source of truth (issue 10): walking each provider's
 * `capabilities`, every listed input field is accepted and reaches the provider, and every
 * field the input type has but the kind does not list is refused with UNSUPPORTED_BY_PROVIDER
 * naming it, before any request.
 */

/** A calendar day `days` from now in Asia/Shanghai (UTC+8), at `hour`:00 there. */
function shanghai(days: number, hour: number): Date {
  const now = new Date(Date.now() + 8 * 3600_000);
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, hour - 8),
  );
}
const START = shanghai(3, 10);
const END = shanghai(3, 11);
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const START_WEEKDAY = WEEKDAYS[new Date(START.getTime() + 8 * 3600_000).getUTCDay()]!;
const START_DAY = new Date(START.getTime() + 8 * 3600_000).getUTCDate();
const ORGANIZER = 'caps-user';

const KINDS: Array<{ kind: CapabilityKind; mutation: string; input: string }> = [
  { kind: 'meeting', mutation: 'scheduleMeeting', input: 'ScheduleMeetingInput' },
  { kind: 'instantMeeting', mutation: 'startInstantMeeting', input: 'StartInstantMeetingInput' },
  { kind: 'webinar', mutation: 'scheduleWebinar', input: 'ScheduleWebinarInput' },
];

/** What every create of a kind needs (capacity: umeeting requires it, and lists it). */
function baseInput(kind: CapabilityKind, provider: string, listed: Set<string>) {
  const base: Record<string, unknown> = { provider, subject: 'Capabilities', organizer: ORGANIZER };
  if (kind !== 'instantMeeting') {
    base.startTime = START.toISOString();
    base.endTime = END.toISOString();
  }
  if (kind === 'webinar') base.admissionType = 'PUBLIC';
  if (provider === 'UMEETING' && listed.has('capacity')) base.capacity = 10;
  return base;
}

/** A value for a field path that a provider listing the field takes (`input` overrides). */
function sample(path: string, kind?: CapabilityKind): Record<string, unknown> {
  // A webinar's password goes with password admission.
  if (path === 'password' && kind === 'webinar')
    return { admissionType: 'PASSWORD', password: '1234' };
  const recurrence = (extra: Record<string, unknown>) => ({
    recurrence: { frequency: 'DAILY', count: 2, ...extra },
  });
  const values: Record<string, Record<string, unknown>> = {
    hosts: { hosts: [ORGANIZER] },
    hostName: { hostName: 'Host' },
    anonymousAttendees: {
      invitees: ['caps-invitee'],
      anonymousAttendees: [{ userId: 'caps-invitee', nickname: 'Guest' }],
    },
    invitees: { invitees: ['caps-invitee'] },
    password: { password: '1234' },
    timeZone: { timeZone: 'Asia/Shanghai' },
    capacity: { capacity: 10 },
    durationMinutes: { durationMinutes: 45 },
    live: { live: {} },
    'live.subject': { live: { subject: 'Live' } },
    'live.summary': { live: { summary: 'About' } },
    'live.passwordEnabled': { live: { passwordEnabled: true, password: '1234' } },
    'live.password': { live: { passwordEnabled: true, password: '1234' } },
    'live.chatEnabled': { live: { chatEnabled: true } },
    'live.replayEnabled': { live: { replayEnabled: true } },
    mediaSettings: { mediaSettings: {} },
    'mediaSettings.watermarkStyle': {
      mediaSettings: { screenShareWatermark: true, watermarkStyle: 'SINGLE_ROW' },
    },
    'mediaSettings.autoRecordingType': { mediaSettings: { autoRecordingType: 'CLOUD' } },
    recurrence: recurrence({}),
    'recurrence.frequency': recurrence({}),
    'recurrence.count': recurrence({}),
    'recurrence.until': {
      recurrence: { frequency: 'DAILY', until: shanghai(6, 23).toISOString() },
    },
    'recurrence.weekDays': recurrence({ frequency: 'WEEKLY', weekDays: [START_WEEKDAY] }),
    'recurrence.monthDay': recurrence({ frequency: 'MONTHLY', monthDay: START_DAY }),
    'recurrence.monthWeek': recurrence({
      frequency: 'MONTHLY',
      monthWeek: 1,
      monthWeekDay: START_WEEKDAY,
    }),
    'recurrence.monthWeekDay': recurrence({
      frequency: 'MONTHLY',
      monthWeek: 1,
      monthWeekDay: START_WEEKDAY,
    }),
    sponsor: { sponsor: 'Acme' },
    description: { description: 'About the webinar' },
    coverUrl: { coverUrl: 'https://example.com/cover.png' },
    sensitiveWords: { sensitiveWords: ['spam'] },
    playbackForAudience: {
      playbackForAudience: true,
      mediaSettings: { autoRecordingType: 'CLOUD' },
    },
    admissionType: { admissionType: 'PASSWORD', password: '1234' },
    'mediaSettings.recordWhenParticipantJoins': {
      mediaSettings: { autoRecordingType: 'CLOUD', recordWhenParticipantJoins: true },
    },
    'mediaSettings.hostCanPauseAutoRecording': {
      mediaSettings: { autoRecordingType: 'CLOUD', hostCanPauseAutoRecording: true },
    },
  };
  if (values[path]) return values[path];
  if (path.startsWith('mediaSettings.')) return { mediaSettings: { [path.slice(14)]: true } };
  return { [path]: true };
}

/**
 * Every field path of an input type, one level into its nested input objects (not into lists of
 * them: a list is listed, or refused, whole — as `checkSupported` does); not the fields the
 * service handles itself (`idempotencyKey`: test/integration/idempotency.test.ts).
 */
function fieldPaths(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName) as GraphQLInputObjectType;
  const paths: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (SERVER_INPUT_FIELDS.has(field.name)) continue;
    paths.push(field.name);
    const named = getNamedType(field.type);
    if (isInputObjectType(named) && !isListType(getNullableType(field.type))) {
      for (const sub of Object.keys(named.getFields())) paths.push(`${field.name}.${sub}`);
    }
  }
  return paths;
}

const REQUIRED = new Set(['provider', 'subject', 'organizer', 'startTime', 'endTime']);

describe.each(PROVIDERS.map((d) => [d.cliName, d] as const))(
  'capabilities contract: %s',
  (_name, descriptor) => {
    let server: TestServer;
    let schema: GraphQLSchema;
    beforeAll(async () => {
      server = await startTestServer();
      schema = await buildSubgraph();
    });
    afterAll(() => server.close());

    for (const { kind, mutation, input } of KINDS) {
      const capability = descriptor.capabilities[kind];
      const create = (value: Record<string, unknown>) =>
        server.executeText(
          `mutation($input: ${input}!) { ${mutation}(input: $input) { __typename } }`,
          { input: value },
        );

      if (!capability) {
        it(`refuses ${mutation} as UNSUPPORTED_BY_PROVIDER, naming it, with no call`, async () => {
          const before = upstreamCallCount(server.emulators);
          const result = await create(baseInput(kind, descriptor.provider, new Set()));
          expect(result.errors?.[0]?.extensions).toMatchObject({
            code: 'UNSUPPORTED_BY_PROVIDER',
            field: mutation,
          });
          expect(upstreamCallCount(server.emulators) - before).toBe(0);
        });
        continue;
      }

      const listed = new Set(capability.inputFields);
      it(`${kind}: accepts every listed field, and each reaches the provider`, async () => {
        const failures: unknown[] = [];
        for (const path of capability.inputFields) {
          if (REQUIRED.has(path)) continue;
          const before = upstreamCallCount(server.emulators);
          const value = { ...baseInput(kind, descriptor.provider, listed), ...sample(path, kind) };
          const result = await create(value);
          if (result.errors || upstreamCallCount(server.emulators) === before) {
            failures.push({ path, errors: result.errors });
          }
        }
        expect(failures).toEqual([]);
      });

      it(`${kind}: refuses every field it does not list, naming it, with no call`, async () => {
        const failures: unknown[] = [];
        const unlisted = fieldPaths(schema, input).filter((path) => !listed.has(path));
        for (const path of unlisted) {
          const before = upstreamCallCount(server.emulators);
          const value = { ...baseInput(kind, descriptor.provider, listed), ...sample(path, kind) };
          const result = await create(value);
          const error = result.errors?.[0]?.extensions;
          const fields = (error?.fields as string[] | undefined) ?? [error?.field];
          // A field under an object the kind does not take at all is refused with that object.
          const parent = path.split('.')[0]!;
          const named = listed.has(parent) ? `input.${path}` : `input.${parent}`;
          if (
            error?.code !== 'UNSUPPORTED_BY_PROVIDER' ||
            !fields.includes(named) ||
            upstreamCallCount(server.emulators) !== before
          ) {
            failures.push({ path, errors: result.errors });
          }
        }
        expect(failures).toEqual([]);
      });
    }

    it('reports every unsupported field at once', async () => {
      const meeting = descriptor.capabilities.meeting;
      if (!meeting) return;
      const unlisted = fieldPaths(schema, 'ScheduleMeetingInput').filter(
        (path) => !meeting.inputFields.includes(path) && !path.includes('.'),
      );
      if (unlisted.length < 2) return;
      const value = Object.assign(
        baseInput('meeting', descriptor.provider, new Set(meeting.inputFields)),
        ...unlisted.map((path) => sample(path, 'meeting')),
      );
      const before = upstreamCallCount(server.emulators);
      const result = await server.executeText(
        'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
        { input: value },
      );
      const error = result.errors?.[0]?.extensions;
      expect(error?.code).toBe('UNSUPPORTED_BY_PROVIDER');
      expect(error?.fields).toEqual(expect.arrayContaining(unlisted.map((p) => `input.${p}`)));
      expect(upstreamCallCount(server.emulators) - before).toBe(0);
    });
  },
);
