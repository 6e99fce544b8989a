import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { pino, type Logger } from 'pino';

import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import {
  startUmeetingEmulator,
  type UmeetingEmulatorHandle,
} from '../../src/emulators/umeeting/index.js';
import { ApiError } from '../../src/errors/api-errors.js';
import type {
  ListQuery,
  MeetingProvider,
  ProviderModule,
} from '../../src/providers/meeting-provider.js';
import { createUmeetingModule } from '../../src/providers/umeeting/index.js';
import { ListState } from '../../src/schema/enums/list-state.enum.js';
import { ProviderMode } from '../../src/schema/enums/provider-mode.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import type { Meeting } from '../../src/schema/types/meeting.type.js';

/**
 * UmeetingDataSource's update and list against the emulator over real HTTP (issue 12): the
 * calls each sends, what it does with a failed read back, a retried list page, cursors it did
 * not give out, and what never reaches a log line (the host keys list pages carry).
 */
const CREDS = SANDBOX_CREDENTIALS.umeeting;
const TZ = 'Asia/Shanghai';

describe('UmeetingDataSource: update and list', () => {
  let emulator: UmeetingEmulatorHandle;
  let module: ProviderModule;
  const logs: string[] = [];
  let ds: () => MeetingProvider;

  beforeAll(async () => {
    emulator = await startUmeetingEmulator({ credentials: CREDS, timeZone: TZ });
    const log: Logger = pino(
      { level: 'debug', timestamp: false },
      { write: (line: string) => void logs.push(line) },
    );
    module = createUmeetingModule({
      config: { mode: ProviderMode.LIVE, baseUrl: emulator.url, credentials: CREDS },
      timeoutMs: 2000,
      log,
      timeZone: TZ,
    });
    let n = 0;
    ds = () => module.createDataSource({ requestId: `req-${++n}`, log });
  });
  afterAll(async () => {
    await module.close();
    await emulator.close();
  });
  afterEach(() => {
    expect(emulator.faults.pending()).toEqual([]);
    emulator.reset();
  });

  const hour = 3_600_000;
  const future = (hours: number) => new Date(Math.ceil(Date.now() / hour) * hour + hours * hour);
  const schedule = (subject: string, startHours: number) =>
    ds().scheduleMeeting({
      provider: Provider.UMEETING,
      subject,
      organizer: 'carol',
      startTime: future(startHours),
      endTime: new Date(future(startHours).getTime() + hour),
      capacity: 6,
    });

  /** A query whose details read through the data source, as the resolver's loaders do. */
  const query = (overrides: Partial<ListQuery<Meeting>> = {}): ListQuery<Meeting> => {
    const source = ds();
    return {
      organizer: 'carol',
      state: ListState.UPCOMING,
      first: 10,
      details: (ids) => source.getMeetings(ids.map((providerId) => ({ providerId }))),
      ...overrides,
    };
  };

  it('update given both ends: the update and one read back, nothing read before', async () => {
    const m = await schedule('Two calls', 48);
    const before = emulator.requests().length;
    const updated = await ds().updateMeeting(
      { providerId: m.providerId },
      { startTime: future(50), endTime: new Date(future(50).getTime() + 2 * hour) },
    );
    expect(updated.startTime).toEqual(future(50));
    expect(updated.endTime).toEqual(new Date(future(50).getTime() + 2 * hour));
    expect(
      emulator
        .requests()
        .slice(before)
        .map((r) => r.operation),
    ).toEqual(['updateMeeting', 'getMeeting']);
  });

  it('a failed read back after the update says the write was applied', async () => {
    const m = await schedule('Applied', 48);
    emulator.faults.add({ kind: 'providerError', operation: 'getMeeting', providerCode: 400 });
    const error = await ds()
      .updateMeeting(
        { providerId: m.providerId },
        {
          subject: 'Changed',
          startTime: future(48),
          endTime: new Date(future(48).getTime() + hour),
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).extensions).toMatchObject({
      code: 'PROVIDER_REJECTED',
      writeApplied: true,
    });
    expect(emulator.calls('updateMeeting')).toHaveLength(1);
    expect(emulator.state.meetings.get(m.providerId)!.topic).toBe('Changed');
  });

  it('an end alone before the current start is BAD_USER_INPUT after the read, with nothing written', async () => {
    const m = await schedule('Backwards', 48);
    const error = await ds()
      .updateMeeting({ providerId: m.providerId }, { endTime: future(47) })
      .catch((e: unknown) => e);
    expect((error as ApiError).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.endTime',
    });
    expect(emulator.calls('updateMeeting')).toHaveLength(0);
  });

  it('lists in start order with positions that resume, retrying a failed list page', async () => {
    for (const h of [30, 10, 20, 40]) await schedule(`At ${h}`, h);
    emulator.faults.add({ kind: 'providerError', operation: 'listMeetings', providerCode: 503 });
    const first = await ds().listMeetings(query({ first: 3 }));
    expect(first.items.map((i) => i.node.subject)).toEqual(['At 10', 'At 20', 'At 30']);
    expect(first.hasNextPage).toBe(true);
    expect(emulator.calls('listMeetings')).toHaveLength(2); // the 503 and its retry
    const rest = await ds().listMeetings(query({ first: 3, after: first.items.at(-1)!.position }));
    expect(rest.items.map((i) => i.node.subject)).toEqual(['At 40']);
    expect(rest.hasNextPage).toBe(false);
    for (const item of [...first.items, ...rest.items]) {
      expect(item.position.length).toBeLessThan(40);
    }
  });

  it('reads details only for the page it answers', async () => {
    for (const h of [10, 20, 30, 40, 50]) await schedule(`D${h}`, h);
    const asked: string[][] = [];
    const base = query({ first: 2 });
    const page = await ds().listMeetings({
      ...base,
      details: (ids) => {
        asked.push([...ids]);
        return base.details(ids);
      },
    });
    expect(page.items).toHaveLength(2);
    expect(asked).toEqual([page.items.map((i) => i.node.providerId)]);
  });

  it('refuses a position it did not give out as BAD_USER_INPUT on `after`, with no call', async () => {
    const before = emulator.requests().length;
    const error = await ds()
      .listMeetings(query({ after: 'not-a-position' }))
      .catch((e: unknown) => e);
    expect((error as ApiError).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(emulator.requests()).toHaveLength(before);
  });

  it('an unreadable list page is a coded provider error, and host keys never reach a log', async () => {
    const m = await schedule('Secret keys', 10);
    const listed = await ds().listMeetings(query());
    expect(listed.items.map((i) => i.node.providerId)).toEqual([m.providerId]);
    // The list page carries the host key; the listed Meeting is read with /share/get, which does not.
    expect(listed.items[0]!.node.hostKey).toBeNull();
    const hostKey = emulator.state.meetings.get(m.providerId)!.hostKey;
    expect(logs.join('\n')).not.toContain(`"${hostKey}"`);

    emulator.faults.add({ kind: 'malformed', operation: 'listHistory' });
    const error = await ds()
      .listMeetings(query({ state: ListState.ENDED }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(logs.join('\n')).not.toContain(CREDS.apiSecret);
  });
});
