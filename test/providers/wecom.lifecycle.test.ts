import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';

import { startWecomEmulator, type WecomEmulatorHandle } from '../../src/emulators/wecom/index.js';
import { ApiError } from '../../src/errors/api-errors.js';
import type { ListQuery, MeetingProvider } from '../../src/providers/meeting-provider.js';
import { createWecomModule } from '../../src/providers/wecom/index.js';
import { WecomClient } from '../../src/providers/wecom/wecom.client.js';
import { WecomDataSource } from '../../src/providers/wecom/wecom.data-source.js';
import { ListState } from '../../src/schema/enums/list-state.enum.js';
import { MeetingStatus } from '../../src/schema/enums/meeting-status.enum.js';
import { ProviderMode } from '../../src/schema/enums/provider-mode.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecurrenceFrequency } from '../../src/schema/enums/recurrence-frequency.enum.js';
import type { ScheduleMeetingInput } from '../../src/schema/inputs/schedule-meeting.input.js';
import type { UpdateMeetingInput } from '../../src/schema/inputs/update-meeting.input.js';
import type { Meeting } from '../../src/schema/types/meeting.type.js';
import { expectFaultsConsumed } from '../helpers/emulator-assertions.js';

/**
 * The WeCom data source's lifecycle over real HTTP to the emulator (issue 12): `updateMeeting`
 * (read, `meeting/update`, read-back), `listMeetings` (every `get_user_meetingid` page, the
 * details through `query.details`, order, positions) and recurring `reminders`, with the
 * upstream calls counted in the journal.
 */
const CREDENTIALS = { corpId: 'ww-lc-corp', corpSecret: 'lc-secret-value-0123456789' };

const inHours = (hours: number) =>
  new Date(Math.ceil(Date.now() / 60_000) * 60_000 + hours * 3600_000);

const meetingInput = (overrides: Partial<ScheduleMeetingInput> = {}): ScheduleMeetingInput =>
  ({
    provider: Provider.WECOM,
    subject: 'Standup',
    startTime: inHours(1),
    endTime: inHours(1.5),
    organizer: 'admin',
    ...overrides,
  }) as ScheduleMeetingInput;

const update = (fields: Partial<UpdateMeetingInput>) => fields as UpdateMeetingInput;

describe('WeCom data source lifecycle', () => {
  let emulator: WecomEmulatorHandle;
  let source: () => MeetingProvider;

  beforeAll(async () => {
    emulator = await startWecomEmulator({ credentials: CREDENTIALS });
    const log = pino({ level: 'silent' });
    const module = createWecomModule({
      config: { mode: ProviderMode.LIVE, baseUrl: emulator.url, credentials: CREDENTIALS },
      timeoutMs: 2000,
      log,
    });
    source = () => module.createDataSource({ requestId: 'r', log });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    emulator.state.options.meetingIdListPageSize = undefined;
  });
  afterEach(() => expectFaultsConsumed([emulator]));

  const ops = () => emulator.requests().map((r) => r.operation);
  /** `query.details` as the resolver binds it, over this data source's own reads. */
  const query = (fields: Partial<ListQuery<Meeting>>): ListQuery<Meeting> => ({
    organizer: 'admin',
    state: ListState.UPCOMING,
    first: 20,
    details: (ids) => source().getMeetings(ids.map((providerId) => ({ providerId }))),
    ...fields,
  });

  it('sends only the changed fields, with meeting_start and meeting_duration together', async () => {
    const created = await source().scheduleMeeting(meetingInput({ password: '4321' }));
    const mark = emulator.requests().length;
    const start = inHours(3);
    const moved = await source().updateMeeting(
      { providerId: created.providerId },
      update({ startTime: start }),
    );
    expect(ops().slice(mark)).toEqual(['getMeeting', 'updateMeeting', 'getMeeting']);
    expect(moved.startTime).toEqual(start);
    expect(moved.endTime).toEqual(new Date(start.getTime() + 30 * 60_000));
    expect(moved.password).toBe('4321');
    expect(moved.subject).toBe('Standup');
  });

  it('is NOT_FOUND for an unknown id, with no update sent', async () => {
    await expect(
      source().updateMeeting({ providerId: '1234567890123456789' }, update({ subject: 'x' })),
    ).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(ops()).not.toContain('updateMeeting');
  });

  it('refuses a duration WeCom does not take before any request', async () => {
    await expect(
      source().updateMeeting(
        { providerId: '1234567890123456789' },
        update({ startTime: inHours(2), endTime: new Date(inHours(2).getTime() + 60_000) }),
      ),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.endTime' } });
    expect(ops()).toEqual([]);
  });

  it('answers a dropped update with OUTCOME_UNKNOWN: one update, never retried', async () => {
    const created = await source().scheduleMeeting(meetingInput());
    emulator.faults.add({ kind: 'drop', operation: 'updateMeeting' });
    const error = await source()
      .updateMeeting({ providerId: created.providerId }, update({ subject: 'Lost' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('OUTCOME_UNKNOWN');
    expect(emulator.calls('updateMeeting')).toHaveLength(1);
  });

  it('lists across provider pages: each meeting once, ordered, positions resume', async () => {
    const hours = [5, 2, 4, 1, 3];
    for (const h of hours) {
      await source().scheduleMeeting(
        meetingInput({ subject: `M${h}`, startTime: inHours(h), endTime: inHours(h + 0.5) }),
      );
    }
    emulator.state.options.meetingIdListPageSize = 2;
    const first = await source().listMeetings(query({ first: 2 }));
    expect(first.items.map((i) => i.node.subject)).toEqual(['M1', 'M2']);
    expect(first.hasNextPage).toBe(true);
    expect(emulator.calls('listUserMeetingIds')).toHaveLength(3);
    const rest = await source().listMeetings(query({ first: 5, after: first.items[1]!.position }));
    expect(rest.items.map((i) => i.node.subject)).toEqual(['M3', 'M4', 'M5']);
    expect(rest.hasNextPage).toBe(false);
    // Positions are short JSON-safe strings of our own (start and id), not WeCom's cursors.
    for (const item of [...first.items, ...rest.items]) {
      expect(item.position).toMatch(/^\d+:\d+$/);
    }
  });

  it('lists ENDED latest first, cancelled ones included', async () => {
    const early = await source().scheduleMeeting(meetingInput({ subject: 'Early' }));
    const late = await source().scheduleMeeting(
      meetingInput({ subject: 'Late', startTime: inHours(2), endTime: inHours(2.5) }),
    );
    await source().cancelMeeting({ providerId: early.providerId });
    // Three hours on, on both clocks: both are over.
    emulator.clock.advance(3 * 3600);
    const log = pino({ level: 'silent' });
    const client = new WecomClient({
      baseUrl: emulator.url,
      credentials: CREDENTIALS,
      timeoutMs: 2000,
      log,
    });
    const later = new WecomDataSource(
      client,
      { requestId: 'r', log },
      () => Date.now() + 3 * 3600_000,
    );
    const page = await later.listMeetings(
      query({
        state: ListState.ENDED,
        details: (ids) => later.getMeetings(ids.map((providerId) => ({ providerId }))),
      }),
    );
    expect(page.items.map((i) => [i.node.subject, i.node.status])).toEqual([
      ['Late', MeetingStatus.ENDED],
      ['Early', MeetingStatus.CANCELLED],
    ]);
    expect(late.status).toBe(MeetingStatus.INIT);
  });

  it('sends a weekly custom rule as reminders and reads it back', async () => {
    const created = await source().scheduleMeeting(
      meetingInput({
        recurrence: {
          frequency: RecurrenceFrequency.BIWEEKLY,
          count: 4,
        } as ScheduleMeetingInput['recurrence'],
      }),
    );
    const stored = emulator.state.meetings.get(created.providerId)!;
    expect(stored.reminders).toMatchObject({
      is_repeat: 1,
      repeat_type: 1,
      is_custom_repeat: 1,
      repeat_interval: 2,
      repeat_until_type: 1,
      repeat_until_count: 4,
    });
    expect(created.recurrence).toMatchObject({
      frequency: RecurrenceFrequency.BIWEEKLY,
      count: 4,
      rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4',
    });
  });
});
