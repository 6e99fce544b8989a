import { readFile } from 'node:fs/promises';

import { describe, expect, it } from '@jest/globals';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  print,
  type DirectiveNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

import { PROVIDERS } from '../../src/providers/providers.js';
import { buildSubgraph } from '../../src/server/federation.js';
import { renderSchemaFile, SCHEMA_FILE } from '../../src/server/schema-file.js';

/** Types that the federation spec adds; their descriptions are not ours to write. */
const isOurs = (type: GraphQLNamedType) =>
  !type.name.startsWith('_') &&
  !type.name.includes('__') &&
  !['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name);

function missingDescriptions(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap()).filter(isOurs)) {
    if (!type.description && !['Query', 'Mutation'].includes(type.name)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name.startsWith('_')) continue;
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}

describe('the schema', () => {
  it('is what schema.graphql holds (otherwise run `npm run emit-schema`)', async () => {
    const emitted = await renderSchemaFile();
    const checkedIn = await readFile(SCHEMA_FILE, 'utf8');
    if (emitted !== checkedIn) {
      throw new Error(
        'schema.graphql differs from what the code emits: run `npm run emit-schema` and commit the result.',
      );
    }
  });

  it('keeps the federation directives in the checked-in SDL', async () => {
    const sdl = await readFile(SCHEMA_FILE, 'utf8');
    expect(sdl).toContain(
      '@link(url: "https://specs.apollo.dev/federation/v2.14", import: ["@key", "@shareable", "@authenticated", "@requiresScopes", "@cost", "@listSize"])',
    );
    for (const entity of ['Meeting', 'Webinar', 'RecurringOccurrence']) {
      expect(sdl).toMatch(new RegExp(`type ${entity}\\s+@key\\(fields: "id"\\)\\s+@authenticated`));
    }
  });

  it('declares the access directives a router enforces on the right fields, and shares the value types', async () => {
    const schema = await buildSubgraph();
    const directivesOf = (node: { astNode?: { directives?: readonly DirectiveNode[] } | null }) =>
      (node.astNode?.directives ?? []).map(print).filter((d) => !/^@(key|listSize|cost)\b/.test(d));
    const field = (type: string, name: string) => {
      const t = schema.getType(type);
      if (!isObjectType(t)) throw new Error(`${type} missing`);
      return directivesOf(t.getFields()[name]!);
    };
    const read = '@requiresScopes(scopes: [["meetings:read"]])';
    const write = '@requiresScopes(scopes: [["meetings:write"]])';
    const host = '@requiresScopes(scopes: [["meetings:host"], ["meetings:admin"]])';
    for (const name of [
      'meeting',
      'meetings',
      'meetingByCode',
      'webinar',
      'webinars',
      'webinarByCode',
      'listMeetings',
      'listWebinars',
    ]) {
      expect([name, field('Query', name)]).toEqual([name, [read]]);
    }
    expect(field('Query', 'providers')).toEqual([]);
    expect(field('Query', '_service')).toEqual([]);
    for (const name of [
      'scheduleMeeting',
      'startInstantMeeting',
      'scheduleWebinar',
      'cancelMeeting',
      'cancelOccurrence',
      'cancelWebinar',
      'endMeeting',
      'updateMeeting',
      'updateOccurrence',
      'updateWebinar',
    ]) {
      expect([name, field('Mutation', name)]).toEqual([name, [write]]);
    }
    for (const [type, name] of [
      ['Meeting', 'hostKey'],
      ['Meeting', 'startUrl'],
      ['Webinar', 'manualCheckPassword'],
      ['LiveStream', 'password'],
    ] as const) {
      expect([type, name, field(type, name)]).toEqual([type, name, [host]]);
    }
    // No other field carries an access directive.
    const guarded = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((t) => Object.values(t.getFields()).map((f) => [t.name, f] as const))
      .filter(([, f]) => directivesOf(f).length > 0)
      .map(([t, f]) => `${t}.${f.name}`);
    expect(guarded).toHaveLength(8 + 10 + 4);
    const typeDirectives = (name: string) => directivesOf(schema.getType(name)!);
    for (const entity of ['Meeting', 'Webinar', 'RecurringOccurrence']) {
      expect(typeDirectives(entity)).toEqual(['@authenticated']);
    }
    const shared = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && typeDirectives(t.name).includes('@shareable'))
      .map((t) => t.name)
      .sort();
    expect(shared).toEqual([
      'KindCapabilities',
      'LiveStream',
      'MediaSettings',
      'ProviderCapabilities',
      'ProviderInfo',
      'RecurrenceRule',
    ]);
  });

  it('has every type, enum value and operation of the product contract', async () => {
    const schema = await buildSubgraph();
    const enums: Record<string, string[]> = {
      // One value per provider descriptor, in the list's order.
      Provider: PROVIDERS.map((d) => d.provider),
      ProviderMode: ['LIVE', 'SANDBOX'],
      MeetingStatus: [
        'INVALID',
        'INIT',
        'CANCELLED',
        'STARTED',
        'ENDED',
        'ABOUT_TO_START',
        'RECYCLED',
      ],
      AdmissionType: ['PUBLIC', 'REGISTRATION', 'PASSWORD'],
      RecordingType: ['NONE', 'LOCAL', 'CLOUD'],
      WatermarkStyle: ['SINGLE_ROW', 'MULTI_ROW'],
      RecurrenceFrequency: ['DAILY', 'WEEKDAYS', 'WEEKLY', 'BIWEEKLY', 'MONTHLY'],
      Weekday: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'],
      MeetingKind: ['SCHEDULED', 'INSTANT'],
    };
    for (const [name, values] of Object.entries(enums)) {
      const type = schema.getType(name);
      expect(isEnumType(type) && type.getValues().map((v) => v.name)).toEqual(values);
    }
    const fields = (name: string) => {
      const type = schema.getType(name);
      if (!isObjectType(type) && !isInputObjectType(type)) throw new Error(`${name} missing`);
      return Object.keys(type.getFields());
    };
    expect(fields('Query')).toEqual(
      expect.arrayContaining([
        'providers',
        'meeting',
        'webinar',
        'meetings',
        'webinars',
        'meetingByCode',
        'webinarByCode',
      ]),
    );
    expect(fields('Mutation')).toEqual(
      expect.arrayContaining([
        'scheduleMeeting',
        'startInstantMeeting',
        'scheduleWebinar',
        'cancelMeeting',
        'cancelOccurrence',
        'cancelWebinar',
        'endMeeting',
      ]),
    );
    expect(fields('Meeting')).toEqual(
      expect.arrayContaining([
        'id',
        'provider',
        'providerId',
        'meetingCode',
        'subject',
        'kind',
        'status',
        'startTime',
        'endTime',
        'password',
        'hosts',
        'invitees',
        'joinUrl',
        'mediaSettings',
        'recurrence',
        'occurrences',
        'live',
        'capacity',
        'hostKey',
        'startUrl',
      ]),
    );
    expect(fields('Webinar')).toEqual(
      expect.arrayContaining([
        'id',
        'provider',
        'providerId',
        'meetingCode',
        'subject',
        'sponsor',
        'description',
        'coverUrl',
        'status',
        'startTime',
        'endTime',
        'admissionType',
        'password',
        'hosts',
        'audienceJoinLink',
        'guestJoinLink',
        'mediaSettings',
        'enableQa',
        'sensitiveWords',
        'enableManualCheck',
        'manualCheckLink',
        'manualCheckPassword',
        'activityPage',
        'displayAttendeeCount',
        'playbackForAudience',
        'playbackUrl',
        'preparationMode',
        'warmUpPicture',
        'warmUpVideo',
      ]),
    );
    expect(fields('RecurringOccurrence')).toEqual(
      expect.arrayContaining([
        'id',
        'providerOccurrenceId',
        'startTime',
        'endTime',
        'status',
        'meeting',
      ]),
    );
    expect(fields('RecurrenceRule')).toEqual(
      expect.arrayContaining([
        'frequency',
        'weekDays',
        'monthDay',
        'monthWeek',
        'monthWeekDay',
        'until',
        'count',
        'rrule',
      ]),
    );
    expect(fields('RecurrenceInput')).not.toContain('rrule');
    expect(fields('ScheduleWebinarInput')).toEqual(
      expect.arrayContaining([
        'provider',
        'subject',
        'sponsor',
        'startTime',
        'endTime',
        'organizer',
        'admissionType',
        'password',
        'hosts',
        'description',
        'coverUrl',
        'mediaSettings',
        'enableQa',
        'sensitiveWords',
        'enableManualCheck',
        'activityPage',
        'displayAttendeeCount',
        'playbackForAudience',
        'preparationMode',
        'enableGuestInviteLink',
      ]),
    );
    expect(fields('ProviderInfo')).toEqual(['provider', 'mode', 'capabilities']);
    expect(fields('MediaSettings').sort()).toEqual(fields('MediaSettingsInput').sort());
  });

  it('describes every type, field, argument and enum value', async () => {
    expect(missingDescriptions(await buildSubgraph())).toEqual([]);
  });
});
