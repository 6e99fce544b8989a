import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  CancelMeetingDocument,
  EndMeetingDocument,
  GetMeetingByCodeDocument,
  GetMeetingDocument,
  GetMeetingsDocument,
  MeetingStatus,
  ScheduleMeetingDocument,
  type ScheduleMeetingInput,
} from '../__generated__/operations.js';
import type { EmulatorHandle } from '../../src/emulators/emulator-server.js';
import type { FaultSpec } from '../../src/emulators/faults.js';
import { decodeGlobalId, encodeGlobalId } from '../../src/schema/ids.js';
import { type Provider } from '../../src/schema/enums/provider.enum.js';
import { expectFaultsConsumed } from '../helpers/emulator-assertions.js';
import { errorCode, startTestServer, type TestServer } from '../helpers/start-test-server.js';

/**
 * The provider contract (STYLE habit 9): one suite every provider runs through the whole server
 * over real HTTP to its emulator. Each provider's `<provider>.contract.test.ts` calls
 * `defineProviderContract` with what differs, then adds its own quirks in other files.
 */
export interface ProviderContractSetup {
  provider: Provider;
  /** A valid scheduleMeeting input for this provider (future times, all required fields). */
  scheduleMeetingInput(): ScheduleMeetingInput;
  /** Journal operation names of the emulator. */
  operations: {
    createMeeting: string;
    getMeeting: string;
    cancelMeeting: string;
    /** The end call (`endMeeting`); null where the provider documents none (refused, 0 calls). */
    endMeeting: string | null;
  };
  /** A well-formed provider id that the emulator does not know. */
  unknownProviderId: string;
  /** Organizer for lookups by code (Tencent reads on behalf of a user). */
  organizer?: string;
  /**
   * Environment that configures this provider LIVE against `emulatorUrl` with a wrong secret,
   * plus the secret values that must never appear in an answer or a log line.
   */
  wrongSecretEnv(emulatorUrl: string): { env: Record<string, string>; secrets: string[] };
}

export function defineProviderContract(name: string, setup: ProviderContractSetup): void {
  describe(`provider contract: ${name}`, () => {
    let server: TestServer;
    let emulator: EmulatorHandle;

    beforeAll(async () => {
      server = await startTestServer();
      emulator = server.emulators[setup.provider]!;
    });
    afterAll(() => server.close());
    beforeEach(() => {
      server.resetEmulators();
    });
    afterEach(() => expectFaultsConsumed([emulator]));

    const schedule = async (overrides: Partial<ScheduleMeetingInput> = {}) => {
      const result = await server.execute(ScheduleMeetingDocument, {
        input: { ...setup.scheduleMeetingInput(), ...overrides },
      });
      expect(result.errors).toBeUndefined();
      return result.data!.scheduleMeeting;
    };

    it('creates a meeting, reads it by id and by code, and cancels it', async () => {
      const input = setup.scheduleMeetingInput();
      const created = await schedule();
      expect(created.provider).toBe(setup.provider);
      expect(created.subject).toBe(input.subject);
      expect(created.status).toBe(MeetingStatus.Init);
      expect(typeof created.providerId).toBe('string');

      const read = await server.execute(GetMeetingDocument, { id: created.id });
      expect(read.errors).toBeUndefined();
      expect(read.data!.meeting).toMatchObject({
        id: created.id,
        providerId: created.providerId,
        subject: input.subject,
      });

      expect(created.meetingCode).toBeTruthy();
      const byCode = await server.execute(GetMeetingByCodeDocument, {
        provider: created.provider,
        meetingCode: created.meetingCode!,
        organizer: setup.organizer,
      });
      expect(byCode.errors).toBeUndefined();
      expect(byCode.data!.meetingByCode?.providerId).toBe(created.providerId);

      const cancelled = await server.execute(CancelMeetingDocument, { id: created.id });
      expect(cancelled.errors).toBeUndefined();
      expect(cancelled.data!.cancelMeeting.status).toBe(MeetingStatus.Cancelled);
      expect(emulator.calls(setup.operations.createMeeting)).toHaveLength(1);
      expect(emulator.calls(setup.operations.cancelMeeting)).toHaveLength(1);
    });

    const endOperation = setup.operations.endMeeting;
    if (endOperation) {
      it('ends a meeting once: ENDED, one end call; ending it again sends no end', async () => {
        const created = await schedule();
        const ended = await server.execute(EndMeetingDocument, { id: created.id });
        expect(ended.errors).toBeUndefined();
        expect(ended.data!.endMeeting).toMatchObject({
          id: created.id,
          providerId: created.providerId,
          status: MeetingStatus.Ended,
        });
        expect(emulator.calls(endOperation)).toHaveLength(1);

        // A later read answers what the end answered.
        const read = await server.execute(GetMeetingDocument, { id: created.id });
        expect(read.data!.meeting).toEqual(ended.data!.endMeeting);

        const again = await server.execute(EndMeetingDocument, { id: created.id });
        expect(again.errors).toBeUndefined();
        expect(again.data!.endMeeting.status).toBe(MeetingStatus.Ended);
        expect(emulator.calls(endOperation)).toHaveLength(1);
      });

      it('answers a cancelled meeting as it is (not running) and an unknown one NOT_FOUND, sending no end', async () => {
        const created = await schedule();
        const cancelled = await server.execute(CancelMeetingDocument, { id: created.id });
        expect(cancelled.errors).toBeUndefined();
        const result = await server.execute(EndMeetingDocument, { id: created.id });
        expect(result.errors).toBeUndefined();
        expect(result.data!.endMeeting.status).toBe(MeetingStatus.Cancelled);

        const unknown = encodeGlobalId({
          kind: 'Meeting',
          provider: setup.provider,
          providerId: setup.unknownProviderId,
          organizer: decodeGlobalId(created.id, 'id').organizer,
        });
        const missing = await server.execute(EndMeetingDocument, { id: unknown });
        expect(errorCode(missing)).toBe('NOT_FOUND');
        expect(emulator.calls(endOperation)).toHaveLength(0);
      });
    } else {
      it('refuses endMeeting with UNSUPPORTED_BY_PROVIDER before any call', async () => {
        const created = await schedule();
        const before = emulator.requests().length;
        const result = await server.execute(EndMeetingDocument, { id: created.id });
        expect(errorCode(result)).toBe('UNSUPPORTED_BY_PROVIDER');
        expect(result.errors![0]!.extensions).toMatchObject({
          provider: setup.provider,
          field: 'endMeeting',
        });
        expect(emulator.requests()).toHaveLength(before);
      });
    }

    it('answers times as the same instants it was given, in UTC', async () => {
      const input = setup.scheduleMeetingInput();
      const created = await schedule();
      const read = await server.execute(GetMeetingDocument, { id: created.id });
      const meeting = read.data!.meeting!;
      expect(new Date(meeting.startTime).getTime()).toBe(new Date(input.startTime).getTime());
      expect(new Date(meeting.endTime!).getTime()).toBe(new Date(input.endTime).getTime());
      expect(meeting.startTime).toMatch(/Z$/);
    });

    it('keeps the provider id an exact string through the global id', async () => {
      const created = await schedule();
      const parts = decodeGlobalId(created.id, 'id');
      expect(parts.provider).toBe(setup.provider);
      expect(parts.providerId).toBe(created.providerId);
      const read = await server.execute(GetMeetingDocument, { id: created.id });
      expect(read.data!.meeting!.providerId).toBe(created.providerId);
      if (/^\d+$/.test(created.providerId) && created.providerId.length > 15) {
        // Beyond 2^53 a JS number would have rounded it.
        expect(String(Number(created.providerId))).not.toBe(created.providerId);
      }
    });

    it('moves the status with the provider clock: past the end it is over', async () => {
      const created = await schedule();
      emulator.clock.advance(3 * 24 * 3600);
      const read = await server.execute(GetMeetingDocument, { id: created.id });
      expect([MeetingStatus.Ended, MeetingStatus.Recycled]).toContain(read.data!.meeting!.status);
    });

    it('reads each distinct id of a batch upstream at most once, in order, null where missing', async () => {
      const a = await schedule();
      const b = await schedule({ subject: 'second' });
      const missing = encodeGlobalId({
        kind: 'Meeting',
        provider: setup.provider,
        providerId: setup.unknownProviderId,
        organizer: decodeGlobalId(a.id, 'id').organizer,
      });
      const before = emulator.calls(setup.operations.getMeeting).length;
      const result = await server.execute(GetMeetingsDocument, {
        ids: [a.id, b.id, a.id, missing],
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.meetings.map((m) => m?.providerId ?? null)).toEqual([
        a.providerId,
        b.providerId,
        a.providerId,
        null,
      ]);
      expect(emulator.calls(setup.operations.getMeeting).length - before).toBe(3);
    });

    it('answers null for an unknown id and NOT_FOUND when cancelling it', async () => {
      const created = await schedule();
      const unknown = encodeGlobalId({
        kind: 'Meeting',
        provider: setup.provider,
        providerId: setup.unknownProviderId,
        organizer: decodeGlobalId(created.id, 'id').organizer,
      });
      const read = await server.execute(GetMeetingDocument, { id: unknown });
      expect(read.errors).toBeUndefined();
      expect(read.data!.meeting).toBeNull();
      const cancel = await server.execute(CancelMeetingDocument, { id: unknown });
      expect(errorCode(cancel)).toBe('NOT_FOUND');
    });

    it('refuses bad input before any request reaches the provider', async () => {
      const input = setup.scheduleMeetingInput();
      const result = await server.execute(ScheduleMeetingDocument, {
        input: { ...input, subject: '', endTime: input.startTime },
      });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toBe('input.subject');
      expect(emulator.requests()).toHaveLength(0);
    });

    it('retries a read that fails with 503 and answers', async () => {
      const created = await schedule();
      const before = emulator.calls(setup.operations.getMeeting).length;
      emulator.faults.add({ kind: 'http', status: 503, operation: setup.operations.getMeeting });
      const read = await server.execute(GetMeetingDocument, { id: created.id });
      expect(read.errors).toBeUndefined();
      expect(read.data!.meeting!.providerId).toBe(created.providerId);
      const attempts = emulator.calls(setup.operations.getMeeting).slice(before);
      expect(attempts.map((c) => c.status)).toEqual([503, 200]);
    });

    /**
     * THE fault matrix (issue 10): the same fault gets the same answer from every provider.
     * A read is sent up to 3 times where another try can help; a write is sent exactly once,
     * and a write whose outcome cannot be learned is OUTCOME_UNKNOWN (docs/errors.md).
     */
    const FAULTS: Array<{
      fault: Omit<FaultSpec, 'operation' | 'times'>;
      read: [code: string, attempts: number];
      write: [code: string, attempts: number];
    }> = [
      {
        fault: { kind: 'http', status: 500 },
        read: ['PROVIDER_UNAVAILABLE', 3],
        write: ['OUTCOME_UNKNOWN', 1],
      },
      {
        fault: { kind: 'http', status: 502 },
        read: ['PROVIDER_UNAVAILABLE', 3],
        write: ['OUTCOME_UNKNOWN', 1],
      },
      {
        fault: { kind: 'http', status: 503 },
        read: ['PROVIDER_UNAVAILABLE', 3],
        write: ['OUTCOME_UNKNOWN', 1],
      },
      { fault: { kind: 'drop' }, read: ['PROVIDER_UNAVAILABLE', 3], write: ['OUTCOME_UNKNOWN', 1] },
      {
        fault: { kind: 'malformed' },
        read: ['PROVIDER_RESPONSE_INVALID', 1],
        write: ['OUTCOME_UNKNOWN', 1],
      },
      {
        fault: { kind: 'rateLimit' },
        read: ['PROVIDER_RATE_LIMITED', 1],
        write: ['PROVIDER_RATE_LIMITED', 1],
      },
    ];

    describe.each(FAULTS)('fault $fault', ({ fault, read, write }) => {
      const times = { times: 3 };

      it(`answers a read ${read[0]} after ${read[1]} attempt(s)`, async () => {
        const created = await schedule();
        const before = emulator.calls(setup.operations.getMeeting).length;
        emulator.faults.add({
          ...fault,
          ...times,
          operation: setup.operations.getMeeting,
        });
        const result = await server.execute(GetMeetingDocument, { id: created.id });
        expect(errorCode(result)).toBe(read[0]);
        expect(result.errors![0]!.extensions!.provider).toBe(setup.provider);
        expect(emulator.calls(setup.operations.getMeeting).length - before).toBe(read[1]);
        emulator.faults.clear();
      });

      it(`answers a create ${write[0]}, sent ${write[1]} time(s)`, async () => {
        emulator.faults.add({
          ...fault,
          ...times,
          // Lost before the provider acts: a provider that lists would otherwise find the
          // meeting and reconcile (issue 12; test/integration/<p>.lifecycle.test.ts).
          ...(fault.kind === 'drop' || fault.kind === 'malformed'
            ? { phase: 'before' as const }
            : {}),
          operation: setup.operations.createMeeting,
        });
        const result = await server.execute(ScheduleMeetingDocument, {
          input: setup.scheduleMeetingInput(),
        });
        expect(errorCode(result)).toBe(write[0]);
        expect(emulator.calls(setup.operations.createMeeting)).toHaveLength(write[1]);
        emulator.faults.clear();
      });

      it(`answers a cancel ${write[0]}, sent ${write[1]} time(s)`, async () => {
        const created = await schedule();
        emulator.faults.add({
          ...fault,
          ...times,
          operation: setup.operations.cancelMeeting,
        });
        const result = await server.execute(CancelMeetingDocument, { id: created.id });
        expect(errorCode(result)).toBe(write[0]);
        expect(emulator.calls(setup.operations.cancelMeeting)).toHaveLength(write[1]);
        emulator.faults.clear();
      });

      if (endOperation) {
        it(`answers an end ${write[0]}, sent ${write[1]} time(s)`, async () => {
          const created = await schedule();
          emulator.faults.add({ ...fault, ...times, operation: endOperation });
          const result = await server.execute(EndMeetingDocument, { id: created.id });
          expect(errorCode(result)).toBe(write[0]);
          expect(result.errors![0]!.extensions!.provider).toBe(setup.provider);
          expect(emulator.calls(endOperation)).toHaveLength(write[1]);
          emulator.faults.clear();
        });
      }
    });

    it('writes log lines without duplicate keys (one provider, one requestId)', async () => {
      const created = await schedule();
      await server.execute(GetMeetingDocument, { id: created.id });
      const lines = server.logs.filter((line) => line.includes(setup.provider));
      expect(lines.length).toBeGreaterThan(0);
      const repeated = lines.filter((line) =>
        ['provider', 'requestId', 'operation'].some((key) => line.split(`"${key}":`).length > 2),
      );
      expect(repeated).toEqual([]);
    });

    it('answers PROVIDER_RATE_LIMITED with the provider code', async () => {
      emulator.faults.add({ kind: 'rateLimit', operation: setup.operations.createMeeting });
      const result = await server.execute(ScheduleMeetingDocument, {
        input: setup.scheduleMeetingInput(),
      });
      expect(errorCode(result)).toBe('PROVIDER_RATE_LIMITED');
      expect(result.errors![0]!.extensions!.providerCode).not.toBeNull();
    });

    it('maps a wrong secret to PROVIDER_AUTH_FAILED and never shows the secret', async () => {
      const { env, secrets } = setup.wrongSecretEnv(emulator.url);
      const live = await startTestServer({ env });
      try {
        const result = await live.execute(ScheduleMeetingDocument, {
          input: setup.scheduleMeetingInput(),
        });
        expect(errorCode(result)).toBe('PROVIDER_AUTH_FAILED');
        expect(result.errors![0]!.extensions!.provider).toBe(setup.provider);
        expect(result.errors![0]!.extensions!.providerCode).not.toBeNull();
        const everything = [result.raw, ...live.logs].join('\n');
        for (const secret of secrets) expect(everything).not.toContain(secret);
      } finally {
        await live.close();
      }
    });
  });
}
