import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { GraphQLFormattedError } from 'graphql';
import { SignJWT } from 'jose';

import type { EmulatorHandle } from '../../src/emulators/emulator-server.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { minutesFromNow, startTestServer, type TestServer } from '../helpers/start-test-server.js';

/**
 * The authorisation rules (src/auth/rules.ts, docs/access.md) as a matrix: caller kind ×
 * operation × field, through the whole server in AUTH_MODE=jwt (HS256 tokens minted here) and,
 * for the trusted row, AUTH_MODE=none. Refusals are FORBIDDEN, before any provider write.
 */

const SECRET = 'authorisation-test-secret-0123456789-abcdef';

type Kind =
  | 'noScope'
  | 'stranger'
  | 'readOnlyOrganizer'
  | 'organizer'
  | 'host'
  | 'invitee'
  | 'hostScope'
  | 'admin'
  | 'trusted';

const CALLERS: Record<Exclude<Kind, 'trusted'>, { sub: string; scope: string }> = {
  noScope: { sub: 'nemo', scope: '' },
  stranger: { sub: 'mallory', scope: 'meetings:read meetings:write' },
  readOnlyOrganizer: { sub: 'alice', scope: 'meetings:read' },
  organizer: { sub: 'alice', scope: 'meetings:read meetings:write' },
  host: { sub: 'bob', scope: 'meetings:read meetings:write' },
  invitee: { sub: 'carol', scope: 'meetings:read meetings:write' },
  hostScope: { sub: 'hank', scope: 'meetings:read meetings:write meetings:host' },
  admin: { sub: 'root', scope: 'meetings:read meetings:write meetings:admin' },
};

const JOIN_PASSWORD = '246813';
const LIVE_PASSWORD = '975310';
const WEBINAR_PASSWORD = '135792';

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  raw: string;
}

let jwtServer: TestServer;
let noneServer: TestServer;
const tokens = new Map<string, string>();

async function tokenFor(kind: Exclude<Kind, 'trusted'>): Promise<string> {
  const known = tokens.get(kind);
  if (known) return known;
  const { sub, scope } = CALLERS[kind];
  const token = await new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));
  tokens.set(kind, token);
  return token;
}

function serverOf(kind: Kind): TestServer {
  return kind === 'trusted' ? noneServer : jwtServer;
}

async function gql(
  kind: Kind,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const server = serverOf(kind);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (kind !== 'trusted') headers.authorization = `Bearer ${await tokenFor(kind)}`;
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const raw = await response.text();
  const parsed = JSON.parse(raw) as Omit<Answer, 'raw'>;
  return { ...parsed, raw };
}

function tencent(kind: Kind): EmulatorHandle {
  return serverOf(kind).emulators[Provider.TENCENT_MEETING]!;
}

/** Creates, cancels, updates: the provider writes in the journal since the last reset. */
function writes(kind: Kind, since = 0): string[] {
  return tencent(kind)
    .requests()
    .slice(since)
    .map((r) => r.operation)
    .filter((op) => /^(create|cancel|update)/.test(op));
}

const MEETING_FIELDS =
  'id subject organizer hosts password hostKey startUrl live { enabled watchUrl password } occurrences { id }';

/** A recurring, live-streamed meeting of alice, hosted with bob, carol invited (as admin/trusted). */
async function bookMeeting(kind: Kind): Promise<{ id: string; occurrenceIds: string[] }> {
  const booker: Kind = kind === 'trusted' ? 'trusted' : 'admin';
  const answer = await gql(
    booker,
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { ${MEETING_FIELDS} } }`,
    {
      input: {
        provider: 'TENCENT_MEETING',
        subject: 'Authorised',
        startTime: minutesFromNow(24 * 60),
        endTime: minutesFromNow(24 * 60 + 60),
        organizer: 'alice',
        hosts: ['alice', 'bob'],
        invitees: ['carol'],
        password: JOIN_PASSWORD,
        recurrence: { frequency: 'DAILY', count: 2 },
        live: { subject: 'On air', passwordEnabled: true, password: LIVE_PASSWORD },
      },
    },
  );
  expect(answer.errors).toBeUndefined();
  const meeting = answer.data!.scheduleMeeting as {
    id: string;
    occurrences: Array<{ id: string }>;
  };
  return { id: meeting.id, occurrenceIds: meeting.occurrences.map((o) => o.id) };
}

async function bookWebinar(kind: Kind): Promise<string> {
  const booker: Kind = kind === 'trusted' ? 'trusted' : 'admin';
  const answer = await gql(
    booker,
    'mutation($input: ScheduleWebinarInput!) { scheduleWebinar(input: $input) { id } }',
    {
      input: {
        provider: 'TENCENT_MEETING',
        subject: 'Authorised webinar',
        startTime: minutesFromNow(2 * 24 * 60),
        endTime: minutesFromNow(2 * 24 * 60 + 90),
        organizer: 'alice',
        hosts: ['alice', 'bob'],
        admissionType: 'PASSWORD',
        password: WEBINAR_PASSWORD,
        enableManualCheck: true,
      },
    },
  );
  expect(answer.errors).toBeUndefined();
  return (answer.data!.scheduleWebinar as { id: string }).id;
}

function codes(answer: Answer): unknown[] {
  return (answer.errors ?? []).map((e) => e.extensions?.code);
}

/** The FORBIDDEN errors, as `path → extensions`. */
function forbiddenAt(answer: Answer): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    (answer.errors ?? [])
      .filter((e) => e.extensions?.code === 'FORBIDDEN')
      .map((e) => [(e.path ?? []).join('.'), e.extensions as Record<string, unknown>]),
  );
}

beforeAll(async () => {
  [jwtServer, noneServer] = await Promise.all([
    startTestServer({ env: { AUTH_MODE: 'jwt', AUTH_JWT_SECRET: SECRET } }),
    startTestServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([jwtServer?.close(), noneServer?.close()]);
});
beforeEach(() => {
  jwtServer.resetEmulators();
  noneServer.resetEmulators();
});

describe('read a meeting: meetings:read', () => {
  it.each<[Kind, boolean]>([
    ['noScope', false],
    ['stranger', true],
    ['readOnlyOrganizer', true],
    ['invitee', true],
    ['admin', true],
    ['trusted', true],
  ])('%s may read: %s', async (kind, allowed) => {
    const { id } = await bookMeeting(kind);
    const before = tencent(kind).requests().length;
    const answer = await gql(kind, 'query($id: ID!) { meeting(id: $id) { id subject } }', { id });
    if (allowed) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ meeting: { id, subject: 'Authorised' } });
    } else {
      expect(answer.data).toEqual({ meeting: null });
      expect(forbiddenAt(answer)).toEqual({
        meeting: expect.objectContaining({ scope: 'meetings:read', operation: 'meeting' }),
      });
      expect(tencent(kind).requests()).toHaveLength(before); // no provider read either
    }
  });
});

describe('read the secrets of a meeting', () => {
  const HOST_SECRETS = ['meeting.hostKey', 'meeting.startUrl', 'meeting.live.password'];
  it.each<[Kind, { hostSecrets: boolean; joinPassword: boolean }]>([
    ['stranger', { hostSecrets: false, joinPassword: false }],
    ['invitee', { hostSecrets: false, joinPassword: true }],
    ['readOnlyOrganizer', { hostSecrets: true, joinPassword: true }],
    ['organizer', { hostSecrets: true, joinPassword: true }],
    ['host', { hostSecrets: true, joinPassword: true }],
    ['hostScope', { hostSecrets: true, joinPassword: true }],
    ['admin', { hostSecrets: true, joinPassword: true }],
    ['trusted', { hostSecrets: true, joinPassword: true }],
  ])('%s: %j', async (kind, may) => {
    const { id } = await bookMeeting(kind);
    const answer = await gql(kind, `query($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} } }`, {
      id,
    });
    const meeting = answer.data!.meeting as Record<string, unknown> & {
      live: Record<string, unknown>;
    };
    // The rest of the object answers whatever the caller may see.
    expect(meeting).toMatchObject({ id, subject: 'Authorised', organizer: 'alice' });
    expect(meeting.live).toMatchObject({ enabled: true });
    expect(meeting.live.watchUrl).toMatch(/^https:\/\//);
    const expected: Record<string, unknown> = {};
    if (!may.hostSecrets) {
      for (const path of HOST_SECRETS) {
        expected[path] = expect.objectContaining({
          code: 'FORBIDDEN',
          right: 'hostSecrets',
          field: `${path.endsWith('live.password') ? 'LiveStream' : 'Meeting'}.${path.split('.').pop()!}`,
        });
      }
      expect(meeting.hostKey).toBeNull();
      expect(meeting.startUrl).toBeNull();
      expect(meeting.live.password).toBeNull();
      expect(answer.raw).not.toContain(LIVE_PASSWORD);
      expect(answer.raw).not.toContain('start_url');
    } else {
      // Tencent reads do not answer a start URL or host key (only to the creator, when set).
      expect(meeting.live.password).toBe(LIVE_PASSWORD);
    }
    if (!may.joinPassword) {
      expected['meeting.password'] = expect.objectContaining({
        code: 'FORBIDDEN',
        right: 'joinPassword',
      });
      expect(meeting.password).toBeNull();
      expect(answer.raw).not.toContain(JOIN_PASSWORD);
    } else {
      expect(meeting.password).toBe(JOIN_PASSWORD);
    }
    expect(forbiddenAt(answer)).toEqual(expected);
    expect(codes(answer).every((c) => c === 'FORBIDDEN')).toBe(true);
  });
});

describe('schedule: meetings:write, as oneself unless meetings:admin', () => {
  const SCHEDULE =
    'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id organizer } }';
  const input = (organizer: string) => ({
    provider: 'TENCENT_MEETING',
    subject: 'Mine',
    startTime: minutesFromNow(24 * 60),
    endTime: minutesFromNow(24 * 60 + 30),
    organizer,
  });

  it.each<[Kind, string, { scope: string } | { right: string } | null]>([
    ['organizer', 'alice', null],
    ['stranger', 'mallory', null],
    ['readOnlyOrganizer', 'alice', { scope: 'meetings:write' }],
    ['stranger', 'alice', { right: 'actAsOtherOrganizer' }],
    ['hostScope', 'alice', { right: 'actAsOtherOrganizer' }],
    ['admin', 'alice', null],
    ['trusted', 'alice', null],
  ])('%s schedules for %s: refused with %j', async (kind, organizer, refused) => {
    const answer = await gql(kind, SCHEDULE, { input: input(organizer) });
    if (refused) {
      expect(answer.data).toBeNull();
      expect(forbiddenAt(answer)).toEqual({
        scheduleMeeting: expect.objectContaining({ ...refused, operation: 'scheduleMeeting' }),
      });
      expect(tencent(kind).requests()).toEqual([]); // before any provider call
    } else {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ scheduleMeeting: { id: expect.any(String), organizer } });
      expect(writes(kind)).toEqual(['createMeeting']);
    }
  });

  it('applies to webinars and instant meetings too', async () => {
    const webinar = await gql(
      'stranger',
      'mutation($input: ScheduleWebinarInput!) { scheduleWebinar(input: $input) { id } }',
      {
        input: {
          ...input('alice'),
          startTime: minutesFromNow(2 * 24 * 60),
          endTime: minutesFromNow(2 * 24 * 60 + 90),
          admissionType: 'PUBLIC',
        },
      },
    );
    expect(codes(webinar)).toEqual(['FORBIDDEN']);
    expect(forbiddenAt(webinar)).toEqual({
      scheduleWebinar: expect.objectContaining({ right: 'actAsOtherOrganizer' }),
    });
    const instant = await gql(
      'readOnlyOrganizer',
      'mutation($input: StartInstantMeetingInput!) { startInstantMeeting(input: $input) { id } }',
      { input: { provider: 'TENCENT_MEETING', subject: 'Now', organizer: 'alice' } },
    );
    expect(forbiddenAt(instant)).toEqual({
      startInstantMeeting: expect.objectContaining({ scope: 'meetings:write' }),
    });
    expect(tencent('stranger').requests()).toEqual([]);
  });
});

describe('cancel: the organizer, a host or meetings:admin (and meetings:write)', () => {
  it.each<[Kind, { scope: string } | { right: string } | null]>([
    ['stranger', { right: 'cancel' }],
    ['invitee', { right: 'cancel' }],
    ['hostScope', { right: 'cancel' }],
    ['readOnlyOrganizer', { scope: 'meetings:write' }],
    ['organizer', null],
    ['host', null],
    ['admin', null],
    ['trusted', null],
  ])('%s cancels a meeting of alice: refused with %j', async (kind, refused) => {
    const { id } = await bookMeeting(kind);
    const mark = tencent(kind).requests().length;
    const answer = await gql(kind, 'mutation($id: ID!) { cancelMeeting(id: $id) { id status } }', {
      id,
    });
    if (refused) {
      expect(answer.data).toBeNull();
      expect(forbiddenAt(answer)).toEqual({
        cancelMeeting: expect.objectContaining({ ...refused, operation: 'cancelMeeting' }),
      });
      expect(writes(kind, mark)).toEqual([]);
    } else {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ cancelMeeting: { id, status: 'CANCELLED' } });
      expect(writes(kind, mark)).toEqual(['cancelMeeting']);
    }
  });

  it.each<[Kind, boolean]>([
    ['stranger', false],
    ['invitee', false],
    ['host', true],
    ['trusted', true],
  ])('%s cancels one occurrence: allowed %s', async (kind, allowed) => {
    const { occurrenceIds } = await bookMeeting(kind);
    const mark = tencent(kind).requests().length;
    const answer = await gql(
      kind,
      'mutation($id: ID!) { cancelOccurrence(id: $id) { id status } }',
      { id: occurrenceIds[0] },
    );
    if (allowed) {
      expect(answer.errors).toBeUndefined();
      expect(writes(kind, mark).length).toBeGreaterThan(0);
    } else {
      expect(forbiddenAt(answer)).toEqual({
        cancelOccurrence: expect.objectContaining({ right: 'cancel' }),
      });
      expect(writes(kind, mark)).toEqual([]);
    }
  });

  it.each<[Kind, boolean]>([
    ['stranger', false],
    ['hostScope', false],
    ['host', true],
  ])('%s cancels a webinar of alice: allowed %s', async (kind, allowed) => {
    const id = await bookWebinar(kind);
    const mark = tencent(kind).requests().length;
    const answer = await gql(kind, 'mutation($id: ID!) { cancelWebinar(id: $id) { id } }', {
      id,
    });
    if (allowed) {
      expect(answer.errors).toBeUndefined();
      expect(writes(kind, mark)).toEqual(['cancelWebinar']);
    } else {
      expect(forbiddenAt(answer)).toEqual({
        cancelWebinar: expect.objectContaining({ right: 'cancel' }),
      });
      expect(writes(kind, mark)).toEqual([]);
    }
  });
});

describe('update: the organizer, a host or meetings:admin (and meetings:write)', () => {
  it.each<[Kind, { scope: string } | { right: string } | null]>([
    ['stranger', { right: 'update' }],
    ['invitee', { right: 'update' }],
    ['hostScope', { right: 'update' }],
    ['readOnlyOrganizer', { scope: 'meetings:write' }],
    ['organizer', null],
    ['host', null],
    ['admin', null],
    ['trusted', null],
  ])('%s renames a meeting of alice: refused with %j', async (kind, refused) => {
    const { id } = await bookMeeting(kind);
    const mark = tencent(kind).requests().length;
    const answer = await gql(
      kind,
      'mutation($id: ID!) { updateMeeting(id: $id, input: { subject: "Renamed" }) { id subject } }',
      { id },
    );
    if (refused) {
      expect(answer.data).toBeNull();
      expect(forbiddenAt(answer)).toEqual({
        updateMeeting: expect.objectContaining({ ...refused, operation: 'updateMeeting' }),
      });
      expect(writes(kind, mark)).toEqual([]);
    } else {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ updateMeeting: { id, subject: 'Renamed' } });
      expect(writes(kind, mark)).toHaveLength(1);
    }
  });
});

describe("list: one's own with meetings:read; another organizer's with meetings:admin", () => {
  const LIST =
    'query($filter: MeetingListFilter!) { listMeetings(filter: $filter) { edges { node { id subject } } } }';

  it.each<[Kind, string | undefined, { scope: string } | { right: string } | null]>([
    ['noScope', 'alice', { scope: 'meetings:read' }],
    ['stranger', 'alice', { right: 'listOtherOrganizer' }],
    ['host', 'alice', { right: 'listOtherOrganizer' }],
    ['organizer', 'alice', null],
    ['organizer', undefined, null],
    ['readOnlyOrganizer', undefined, null],
    ['admin', 'alice', null],
    ['trusted', 'alice', null],
  ])('%s lists organizer %s: refused with %j', async (kind, organizer, refused) => {
    const { id } = await bookMeeting(kind);
    const mark = tencent(kind).requests().length;
    const answer = await gql(kind, LIST, {
      filter: { provider: 'TENCENT_MEETING', ...(organizer ? { organizer } : {}) },
    });
    if (refused) {
      expect(answer.data).toBeNull();
      expect(forbiddenAt(answer)).toEqual({
        listMeetings: expect.objectContaining(refused),
      });
      expect(tencent(kind).requests().length).toBe(mark);
    } else {
      expect(answer.errors).toBeUndefined();
      const listed = (answer.data!.listMeetings as { edges: Array<{ node: { id: string } }> })
        .edges;
      expect(listed.map((e) => e.node.id)).toContain(id);
    }
  });

  it('a trusted caller must name the organizer: BAD_USER_INPUT on filter.organizer, no call', async () => {
    const mark = tencent('trusted').requests().length;
    const answer = await gql('trusted', LIST, { filter: { provider: 'TENCENT_MEETING' } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.organizer',
    });
    expect(tencent('trusted').requests().length).toBe(mark);
  });
});

describe('webinar secrets', () => {
  it.each<[Kind, { hostSecrets: boolean; joinPassword: boolean }]>([
    ['stranger', { hostSecrets: false, joinPassword: false }],
    ['organizer', { hostSecrets: true, joinPassword: true }],
    ['host', { hostSecrets: true, joinPassword: true }],
    ['hostScope', { hostSecrets: true, joinPassword: true }],
    ['admin', { hostSecrets: true, joinPassword: true }],
    ['trusted', { hostSecrets: true, joinPassword: true }],
  ])('%s: %j', async (kind, may) => {
    const id = await bookWebinar(kind);
    const answer = await gql(
      kind,
      'query($id: ID!) { webinar(id: $id) { id subject password manualCheckPassword manualCheckLink } }',
      { id },
    );
    const webinar = answer.data!.webinar as Record<string, unknown>;
    expect(webinar).toMatchObject({ id, subject: 'Authorised webinar' });
    const expected: Record<string, unknown> = {};
    if (may.hostSecrets) {
      expect(webinar.manualCheckPassword).toEqual(expect.any(String));
    } else {
      expect(webinar.manualCheckPassword).toBeNull();
      expected['webinar.manualCheckPassword'] = expect.objectContaining({ right: 'hostSecrets' });
    }
    if (may.joinPassword) {
      expect(webinar.password).toBe(WEBINAR_PASSWORD);
    } else {
      expect(webinar.password).toBeNull();
      expect(answer.raw).not.toContain(WEBINAR_PASSWORD);
      expected['webinar.password'] = expect.objectContaining({ right: 'joinPassword' });
    }
    expect(forbiddenAt(answer)).toEqual(expected);
  });
});

describe('federation entities', () => {
  it('need meetings:read', async () => {
    const { id } = await bookMeeting('admin');
    const answer = await gql(
      'noScope',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { id } } }',
      { r: [{ __typename: 'Meeting', id }] },
    );
    expect(codes(answer)).toEqual(['FORBIDDEN']);
    expect(answer.errors![0]!.extensions).toMatchObject({ scope: 'meetings:read' });
  });
});
