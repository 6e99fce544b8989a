import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  Provider as GqlProvider,
  ScheduleMeetingDocument,
  StartInstantMeetingDocument,
} from '../__generated__/operations.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { expectFaultsConsumed } from '../helpers/emulator-assertions.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';

const input = (idempotencyKey: string, subject = 'Idempotent') => ({
  provider: GqlProvider.Umeeting,
  subject,
  startTime: minutesFromNow(2 * 24 * 60),
  endTime: minutesFromNow(2 * 24 * 60 + 60),
  organizer: 'alice',
  capacity: 8,
  idempotencyKey,
});

describe('idempotency keys on the creates (issue 12)', () => {
  let server: TestServer;
  let key = 0;
  const nextKey = () => `key-${(key += 1)}-${Date.now()}`;
  const umeeting = () => server.emulators[Provider.UMEETING]!;
  const creates = () => umeeting().calls('scheduleMeeting').length;
  const fault = async (spec: Record<string, unknown>) => {
    const response = await fetch(`${umeeting().url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify(spec),
    });
    expect(response.status).toBe(201);
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  beforeEach(() => server.resetEmulators());
  afterEach(() => expectFaultsConsumed(Object.values(server.emulators)));
  afterAll(() => server.close());

  it('answers the same key and input once, with the first answer', async () => {
    const k = nextKey();
    const first = await server.execute(ScheduleMeetingDocument, { input: input(k) });
    expect(first.errors).toBeUndefined();
    const second = await server.execute(ScheduleMeetingDocument, { input: input(k) });
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(creates()).toBe(1);
  });

  it('refuses the same key with a different input, without a provider call', async () => {
    const k = nextKey();
    expect(
      (await server.execute(ScheduleMeetingDocument, { input: input(k) })).errors,
    ).toBeUndefined();
    const reused = await server.execute(ScheduleMeetingDocument, {
      input: input(k, 'Another subject'),
    });
    expect(reused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.idempotencyKey',
      rule: 'idempotencyKeyReused',
    });
    expect(creates()).toBe(1);
  });

  it('scopes keys per mutation', async () => {
    const k = nextKey();
    expect(
      (await server.execute(ScheduleMeetingDocument, { input: input(k) })).errors,
    ).toBeUndefined();
    const instant = await server.execute(StartInstantMeetingDocument, {
      input: {
        provider: GqlProvider.Umeeting,
        subject: 'Instant',
        organizer: 'alice',
        durationMinutes: 45,
        capacity: 8,
        idempotencyKey: k,
      },
    });
    expect(instant.errors).toBeUndefined();
    expect(umeeting().calls('instantMeeting')).toHaveLength(1);
  });

  it('lets concurrent duplicates wait for the first: one create, equal answers', async () => {
    const k = nextKey();
    await fault({ kind: 'latency', operation: 'scheduleMeeting', latencyMs: 300 });
    const same = input(k);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => server.execute(ScheduleMeetingDocument, { input: same })),
    );
    for (const r of results) {
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual(results[0]!.data);
    }
    expect(creates()).toBe(1);
  });

  it('remembers OUTCOME_UNKNOWN: a retry answers it again, with no second create', async () => {
    const k = nextKey();
    // Lost before the provider acted: the organizer's list has nothing to reconcile with.
    await fault({ kind: 'drop', operation: 'scheduleMeeting', phase: 'before' });
    const lost = await server.execute(ScheduleMeetingDocument, { input: input(k) });
    expect(errorCode(lost)).toBe('OUTCOME_UNKNOWN');
    expect(lost.errors?.[0]?.extensions).toMatchObject({ reconciled: false, candidates: [] });
    const retry = await server.execute(ScheduleMeetingDocument, { input: input(k) });
    expect(errorCode(retry)).toBe('OUTCOME_UNKNOWN');
    expect(retry.errors?.[0]?.message).toBe(lost.errors?.[0]?.message);
    expect(creates()).toBe(1);
  });

  it('remembers a reconciled create: the answer was lost, the meeting found, a retry answers it', async () => {
    const k = nextKey();
    await fault({ kind: 'drop', operation: 'scheduleMeeting' });
    const found = await server.execute(ScheduleMeetingDocument, { input: input(k) });
    expect(found.errors).toBeUndefined();
    const retry = await server.execute(ScheduleMeetingDocument, { input: input(k) });
    expect(retry.data).toEqual(found.data);
    expect(creates()).toBe(1);
  });

  it('forgets a refused first attempt: a retry with the key is sent again', async () => {
    const k = nextKey();
    await fault({ kind: 'rateLimit', operation: 'scheduleMeeting' });
    const refused = await server.execute(ScheduleMeetingDocument, { input: input(k) });
    expect(errorCode(refused)).toBe('PROVIDER_RATE_LIMITED');
    const retry = await server.execute(ScheduleMeetingDocument, { input: input(k) });
    expect(retry.errors).toBeUndefined();
    expect(creates()).toBe(2);
    const again = await server.execute(ScheduleMeetingDocument, { input: input(k) });
    expect(again.data).toEqual(retry.data);
    expect(creates()).toBe(2);
  });

  it('validates the key: 1–128 printable characters', async () => {
    for (const bad of ['', 'x'.repeat(129), 'tab\there']) {
      const result = await server.execute(ScheduleMeetingDocument, { input: input(bad) });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.idempotencyKey',
      });
    }
    expect(creates()).toBe(0);
  });
});
