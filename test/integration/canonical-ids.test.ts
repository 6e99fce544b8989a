import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  GetMeetingByCodeDocument,
  GetMeetingDocument,
  Provider as GqlProvider,
  RecurrenceFrequency,
  ScheduleMeetingDocument,
  type ScheduleMeetingInput,
} from '../__generated__/operations.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { decodeGlobalId, encodeGlobalId } from '../../src/schema/ids.js';
import { minutesFromNow, startTestServer, type TestServer } from '../helpers/start-test-server.js';

/*
 * Issue 11 item 1: one Tencent meeting, webinar or occurrence has exactly one global id whoever
 * reads it, and `organizer` is its creator (SANDBOX: the acting user for reads whose creator is
 * not known is the sandbox admin operator).
 */

function meetingInput(overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput {
  return {
    provider: GqlProvider.TencentMeeting,
    subject: 'canonical',
    startTime: minutesFromNow(24 * 60),
    endTime: minutesFromNow(24 * 60 + 60),
    organizer: 'alice',
    ...overrides,
  };
}

/** A version 1 id, as handed out before issue 11: it embeds whoever looked the meeting up. */
function legacyId(
  kind: 'Meeting' | 'RecurringOccurrence',
  providerId: string,
  user: string,
  occ?: string,
) {
  const payload: unknown[] = [1, kind, 'TENCENT_MEETING', providerId, user];
  if (occ !== undefined) payload.push(occ);
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

describe('canonical Tencent Meeting ids', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());

  const schedule = async (input: ScheduleMeetingInput) => {
    const result = await server.execute(ScheduleMeetingDocument, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleMeeting;
  };
  const byCode = async (meetingCode: string, organizer: string) => {
    const result = await server.execute(GetMeetingByCodeDocument, {
      provider: GqlProvider.TencentMeeting,
      meetingCode,
      organizer,
    });
    expect(result.errors).toBeUndefined();
    return result.data!.meetingByCode!;
  };

  it('gives a meeting created as alice and looked up by code as bob one id, organizer alice', async () => {
    const created = await schedule(meetingInput());
    expect(created.organizer).toBe('alice');
    const parts = decodeGlobalId(created.id, 'id');
    expect(parts).toMatchObject({ provider: Provider.TENCENT_MEETING, organizer: 'alice' });

    const asBob = await byCode(created.meetingCode!, 'bob');
    expect(asBob.id).toBe(created.id);
    expect(asBob.organizer).toBe('alice');
    const asAlice = await byCode(created.meetingCode!, 'alice');
    expect(asAlice.id).toBe(created.id);

    const read = await server.execute(GetMeetingDocument, { id: asBob.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.meeting).toMatchObject({ id: created.id, organizer: 'alice' });
  });

  it('learns the creator among several hosts', async () => {
    const created = await schedule(meetingInput({ hosts: ['carol', 'alice'] }));
    const asBob = await byCode(created.meetingCode!, 'bob');
    expect(asBob).toMatchObject({ id: created.id, organizer: 'alice' });
  });

  it('resolves the first id and the second to the same entity through _entities', async () => {
    const created = await schedule(meetingInput());
    const second = await byCode(created.meetingCode!, 'bob');
    const old = legacyId('Meeting', created.providerId, 'bob');
    const result = await server.executeText<{
      _entities: Array<Record<string, unknown> | null>;
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { id providerId organizer } } }`,
      {
        r: [
          { __typename: 'Meeting', id: created.id },
          { __typename: 'Meeting', id: second.id },
          { __typename: 'Meeting', id: old },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const entity = { id: created.id, providerId: created.providerId, organizer: 'alice' };
    expect(result.data!._entities).toEqual([entity, entity, entity]);
  });

  it('still resolves an old-format id (acting user bob) to the canonical meeting', async () => {
    const created = await schedule(
      meetingInput({ recurrence: { frequency: RecurrenceFrequency.Daily, count: 2 } }),
    );
    const old = legacyId('Meeting', created.providerId, 'bob');
    expect(decodeGlobalId(old, 'id')).toMatchObject({ actingUser: 'bob' });
    const read = await server.execute(GetMeetingDocument, { id: old });
    expect(read.errors).toBeUndefined();
    expect(read.data!.meeting).toMatchObject({ id: created.id, organizer: 'alice' });
    expect(read.data!.meeting!.occurrences.map((o) => o.id)).toEqual(
      created.occurrences.map((o) => o.id),
    );

    const occurrence = created.occurrences[0]!;
    const oldOccurrence = legacyId(
      'RecurringOccurrence',
      created.providerId,
      'bob',
      occurrence.providerOccurrenceId,
    );
    const result = await server.executeText<{
      _entities: Array<Record<string, unknown> | null>;
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on RecurringOccurrence { id } } }`,
      { r: [{ __typename: 'RecurringOccurrence', id: oldOccurrence }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: occurrence.id }]);
  });

  it('keeps WeCom and umeeting ids in the old format', () => {
    const id = encodeGlobalId({ kind: 'Meeting', provider: Provider.WECOM, providerId: 'x' });
    expect(JSON.parse(Buffer.from(id, 'base64url').toString('utf8'))[0]).toBe(1);
  });
});
