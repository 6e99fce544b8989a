import { readFile } from 'node:fs/promises';

import { composeServices } from '@apollo/composition';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSchema, isObjectType, parse, print } from 'graphql';

import {
  Provider as GqlProvider,
  RecurrenceFrequency,
  ScheduleMeetingDocument,
} from '../__generated__/operations.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';
import { createContext } from '../../src/server/context.js';
import { buildSubgraph, withoutRouterAccessDirectives } from '../../src/server/federation.js';
import { SCHEMA_FILE } from '../../src/server/schema-file.js';
import { createLogger } from '../../src/server/logger.js';
import { minutesFromNow, startTestServer, type TestServer } from '../helpers/start-test-server.js';

/** A second subgraph that extends our Meeting entity, as a platform team's graph would. */
const NOTES_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Meeting @key(fields: "id") {
    id: ID!
    notes: [String!]!
  }
  type Query {
    pinnedMeetings: [Meeting!]!
  }
`;

/** A peer subgraph that also defines our value type `MediaSettings`, as a shared shape. */
const SETTINGS_SDL = `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.14", import: ["@key", "@shareable"])
  enum WatermarkStyle { SINGLE_ROW MULTI_ROW }
  enum RecordingType { NONE LOCAL CLOUD }
  type MediaSettings @shareable {
    muteOnJoin: Boolean
    allowUnmuteSelf: Boolean
    muteAll: Boolean
    joinBeforeHost: Boolean
    waitingRoom: Boolean
    screenShareWatermark: Boolean
    watermarkStyle: WatermarkStyle
    enterpriseUsersOnly: Boolean
    hostVideoOnJoin: Boolean
    participantVideoOnJoin: Boolean
    autoRecordingType: RecordingType
    recordWhenParticipantJoins: Boolean
    hostCanPauseAutoRecording: Boolean
    playSoundOnJoin: Boolean
    playSoundOnLeave: Boolean
  }
  type Query {
    defaultMediaSettings: MediaSettings
  }
`;

/** Composes our checked-in SDL (optionally altered) with one peer subgraph. */
async function composeWith(name: string, peerSdl: string, alter = (sdl: string) => sdl) {
  const ourSdl = alter(await readFile(SCHEMA_FILE, 'utf8'));
  return composeServices([
    { name: 'meetings', typeDefs: parse(ourSdl), url: 'http://meetings.invalid/graphql' },
    { name, typeDefs: parse(peerSdl), url: `http://${name}.invalid/graphql` },
  ]);
}

describe('Apollo Federation 2', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('serves the subgraph SDL through _service with the entity keys', async () => {
    const result = await server.executeText<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!._service.sdl).toMatch(/type Meeting\s+@key\(fields: "id"\)/);
    expect(result.data!._service.sdl).toMatch(/type RecurringOccurrence\s+@key\(fields: "id"\)/);
  });

  it('resolves _entities through the loaders: known ids answer, unknown ones are null, malformed ones are BAD_USER_INPUT', async () => {
    const created = await server.execute(ScheduleMeetingDocument, {
      input: {
        provider: GqlProvider.Wecom,
        subject: 'entity',
        organizer: 'admin',
        startTime: minutesFromNow(60),
        endTime: minutesFromNow(120),
      },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.scheduleMeeting.id;
    const result = await server.executeText<{ _entities: Array<{ subject?: string } | null> }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { id subject } } }',
      {
        r: [
          { __typename: 'Meeting', id },
          { __typename: 'Meeting', id: meetingGlobalId(Provider.WECOM, '999999999') },
          { __typename: 'Meeting', id: 'garbage!' },
        ],
      },
    );
    expect(result.data!._entities[0]).toEqual({ id, subject: 'entity' });
    expect(result.data!._entities[1]).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('resolves a RecurringOccurrence entity to that occurrence of its series', async () => {
    const created = await server.execute(ScheduleMeetingDocument, {
      input: {
        provider: GqlProvider.Umeeting,
        subject: 'series',
        organizer: 'admin',
        capacity: 10,
        startTime: minutesFromNow(24 * 60),
        endTime: minutesFromNow(24 * 60 + 60),
        recurrence: { frequency: RecurrenceFrequency.Daily, count: 3 },
      },
    });
    expect(created.errors).toBeUndefined();
    const second = created.data!.scheduleMeeting.occurrences[1]!;
    const result = await server.executeText<{
      _entities: Array<{
        id: string;
        providerOccurrenceId: string;
        meeting: { id: string };
      } | null>;
    }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on RecurringOccurrence { id providerOccurrenceId meeting { id } } } }',
      { r: [{ __typename: 'RecurringOccurrence', id: second.id }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        id: second.id,
        providerOccurrenceId: second.providerOccurrenceId,
        meeting: { id: created.data!.scheduleMeeting.id },
      },
    ]);
  });

  it('shares MediaSettings with a peer subgraph that defines it @shareable too', async () => {
    const composed = await composeWith('settings', SETTINGS_SDL);
    expect(composed.errors ?? []).toEqual([]);
    // The control: without our @shareable the same peer is refused.
    const unshared = await composeWith('settings', SETTINGS_SDL, (sdl) =>
      sdl.replace(/type MediaSettings\s+@shareable\s*\{/, 'type MediaSettings {'),
    );
    expect(unshared.errors?.map((e) => e.extensions?.code)).toContain('INVALID_FIELD_SHARING');
  });

  it('carries the access directives into the composed supergraph for a router to enforce', async () => {
    const composed = await composeWith('notes', NOTES_SDL);
    expect(composed.errors ?? []).toEqual([]);
    const supergraph = composed.supergraphSdl!;
    expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/authenticated/v0.1"');
    expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1"');
    const read = '@requiresScopes(scopes: [["meetings:read"]])';
    const write = '@requiresScopes(scopes: [["meetings:write"]])';
    const host = '@requiresScopes(scopes: [["meetings:host"], ["meetings:admin"]])';
    const schema = buildSchema(supergraph);
    const directives = (type: string, field: string) => {
      const t = schema.getType(type);
      if (!isObjectType(t)) throw new Error(`${type} missing`);
      return (t.getFields()[field]!.astNode?.directives ?? []).map(print);
    };
    expect(directives('Query', 'meetings')).toContain(read);
    expect(directives('Query', 'webinarByCode')).toContain(read);
    expect(directives('Mutation', 'scheduleMeeting')).toContain(write);
    expect(directives('Mutation', 'cancelOccurrence')).toContain(write);
    expect(directives('Meeting', 'hostKey')).toContain(host);
    expect(directives('Meeting', 'startUrl')).toContain(host);
    expect(directives('Webinar', 'manualCheckPassword')).toContain(host);
    expect(directives('LiveStream', 'password')).toContain(host);
    expect(directives('Query', 'providers').join(' ')).not.toContain('@requiresScopes');
    expect(supergraph).toMatch(/type Meeting\s[^{]*@authenticated/);
    expect(supergraph).toMatch(/type MediaSettings\s[^{]*@join__type\(graph: MEETINGS\)/);
  });

  it('is refused by @apollo/gateway with the access directives, which it cannot enforce', async () => {
    const composed = await composeWith('notes', NOTES_SDL);
    const gateway = new ApolloServer({
      gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl! }),
    });
    await expect(gateway.start()).rejects.toThrow(/requiresScopes\/v0\.1 is for: SECURITY/);
  });

  it('composes with a subgraph that extends Meeting and answers a query through a gateway', async () => {
    // @apollo/gateway refuses a supergraph that links @authenticated/@requiresScopes.
    const composed = composeServices([
      {
        name: 'meetings',
        typeDefs: withoutRouterAccessDirectives(await readFile(SCHEMA_FILE, 'utf8')),
        url: 'http://meetings.invalid/graphql',
      },
      { name: 'notes', typeDefs: parse(NOTES_SDL), url: 'http://notes.invalid/graphql' },
    ]);
    expect(composed.errors ?? []).toEqual([]);

    const created = await server.execute(ScheduleMeetingDocument, {
      input: {
        provider: GqlProvider.Wecom,
        subject: 'through the gateway',
        organizer: 'admin',
        startTime: minutesFromNow(60),
        endTime: minutesFromNow(120),
      },
    });
    const id = created.data!.scheduleMeeting.id;
    const notes = buildSubgraphSchema({
      typeDefs: parse(NOTES_SDL),
      resolvers: {
        Query: { pinnedMeetings: () => [{ id }] },
        Meeting: { notes: () => ['bring the slides'] },
      },
    });
    const ours = await buildSubgraph();
    const gateway = new ApolloGateway({
      supergraphSdl: composed.supergraphSdl!,
      buildService: ({ name }) => new LocalGraphQLDataSource(name === 'meetings' ? ours : notes),
    });
    const apollo = new ApolloServer({ gateway });
    await apollo.start();
    try {
      const log = createLogger({ level: 'silent' });
      const response = await apollo.executeOperation(
        { query: '{ pinnedMeetings { id notes subject provider status } }' },
        { contextValue: createContext(server.app.registry, log) },
      );
      expect(response.body.kind).toBe('single');
      const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
      expect(body?.errors).toBeUndefined();
      expect(body?.data).toEqual({
        pinnedMeetings: [
          {
            id,
            notes: ['bring the slides'],
            subject: 'through the gateway',
            provider: 'WECOM',
            status: 'INIT',
          },
        ],
      });
    } finally {
      await apollo.stop();
    }
  });
});
