import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import {
  startUmeetingEmulator,
  type UmeetingEmulatorHandle,
} from '../../src/emulators/umeeting/index.js';
import {
  formatUmeetingTime,
  parseUmeetingEndDate,
  parseUmeetingTime,
} from '../../src/emulators/umeeting/time.js';

// The EMULATOR's own umeeting time format (src/emulators/umeeting/time.ts) pinned to the seeds'
// examples; test/unit/umeeting.time.test.ts pins the CLIENT's. umeeting times are local
// `yyyy-MM-dd HH:mm:ss` with no zone (docs/reference/providers.md §3.1, §3.4 U-16), read in the
// configured zone, Asia/Shanghai (UTC+8, no DST) by default. Examples copied from the seeds:
// tests never read ../shared at run time.
const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';

/** Seed 002, `start_time` row: "开始时间，格式如：2017-08-19 00:00:00". */
const SEED_002_START = '2017-08-19 00:00:00';
/** Seed 004, the answer's `occurrences[].start_time` (a daily series at 10:00). */
const SEED_004_OCCURRENCES = ['2020-05-18 10:00:00', '2020-05-19 10:00:00', '2020-05-20 10:00:00'];

describe('umeeting emulator time format: the seeds in Asia/Shanghai', () => {
  it("reads seed 002's start_time example as 8 hours before the same UTC wall clock", () => {
    expect(parseUmeetingTime(SEED_002_START, SHANGHAI)?.toISOString()).toBe(
      '2017-08-18T16:00:00.000Z',
    );
  });

  it("reads seed 004's occurrences as one day apart at 02:00 UTC, and writes them back", () => {
    const instants = SEED_004_OCCURRENCES.map((text) => parseUmeetingTime(text, SHANGHAI));
    expect(instants.map((d) => d?.toISOString())).toEqual([
      '2020-05-18T02:00:00.000Z',
      '2020-05-19T02:00:00.000Z',
      '2020-05-20T02:00:00.000Z',
    ]);
    expect(instants.map((d) => formatUmeetingTime(d!, SHANGHAI))).toEqual(SEED_004_OCCURRENCES);
  });

  it('writes an instant with zero-padded fields and drops the milliseconds', () => {
    expect(formatUmeetingTime(new Date('2020-01-02T19:04:05.999Z'), SHANGHAI)).toBe(
      '2020-01-03 03:04:05',
    );
  });

  it('ignores surrounding blanks, as form fields may carry them', () => {
    expect(parseUmeetingTime(` ${SEED_002_START} `, SHANGHAI)?.toISOString()).toBe(
      '2017-08-18T16:00:00.000Z',
    );
  });

  it('refuses the seeds\' "7" placeholder (§3.4 U-4) and anything not yyyy-MM-dd HH:mm:ss', () => {
    for (const bad of [
      '7',
      '',
      '2020-05-18',
      '2020-05-18T10:00:00',
      '2020-05-18 10:00',
      '2020-5-18 10:00:00',
      '2020-05-18  10:00:00',
      '2020-02-30 10:00:00',
      '2020-13-01 10:00:00',
      '2020-05-18 24:00:00',
      '2020-05-18 10:60:00',
      '2020-05-18 10:00:60',
      '2020-05-18 10:00:00+08:00',
    ]) {
      expect([bad, parseUmeetingTime(bad, SHANGHAI)]).toEqual([bad, undefined]);
    }
  });

  it('reads end_date_time as a full time, or a bare date up to the end of that local day', () => {
    expect(parseUmeetingEndDate('2020-05-20 10:00:00', SHANGHAI)?.toISOString()).toBe(
      '2020-05-20T02:00:00.000Z',
    );
    expect(parseUmeetingEndDate('2020-05-20', SHANGHAI)?.toISOString()).toBe(
      '2020-05-20T15:59:59.000Z',
    );
    expect(parseUmeetingEndDate('2020-02-30', SHANGHAI)).toBeUndefined();
    expect(parseUmeetingEndDate('20/05/2020', SHANGHAI)).toBeUndefined();
  });
});

describe('umeeting emulator time format: a DST zone (America/New_York)', () => {
  it("keeps seed 004's 10:00 wall clock across the March change: the UTC offset moves", () => {
    // US DST began on 2020-03-08: 10:00 is 15:00Z under EST (UTC-5), 14:00Z under EDT (UTC-4).
    expect(parseUmeetingTime('2020-03-07 10:00:00', NEW_YORK)?.toISOString()).toBe(
      '2020-03-07T15:00:00.000Z',
    );
    expect(parseUmeetingTime('2020-03-09 10:00:00', NEW_YORK)?.toISOString()).toBe(
      '2020-03-09T14:00:00.000Z',
    );
    expect(formatUmeetingTime(new Date('2020-03-07T15:00:00Z'), NEW_YORK)).toBe(
      '2020-03-07 10:00:00',
    );
    expect(formatUmeetingTime(new Date('2020-03-09T14:00:00Z'), NEW_YORK)).toBe(
      '2020-03-09 10:00:00',
    );
  });

  it('reads a wall-clock time in the spring gap with the later offset', () => {
    // 02:30 did not exist on 2020-03-08 in New York; it is read as 03:30 EDT.
    expect(parseUmeetingTime('2020-03-08 02:30:00', NEW_YORK)?.toISOString()).toBe(
      '2020-03-08T07:30:00.000Z',
    );
  });

  it('reads an ambiguous wall-clock time in the autumn overlap as the earlier instant', () => {
    // 01:30 happened twice on 2020-11-01 in New York: 05:30Z (EDT) and 06:30Z (EST).
    expect(parseUmeetingTime('2020-11-01 01:30:00', NEW_YORK)?.toISOString()).toBe(
      '2020-11-01T05:30:00.000Z',
    );
    expect(formatUmeetingTime(new Date('2020-11-01T05:30:00Z'), NEW_YORK)).toBe(
      '2020-11-01 01:30:00',
    );
    expect(formatUmeetingTime(new Date('2020-11-01T06:30:00Z'), NEW_YORK)).toBe(
      '2020-11-01 01:30:00',
    );
  });

  it('reads a bare end date up to 23:59:59 local, on the day the clocks change', () => {
    expect(parseUmeetingEndDate('2020-03-08', NEW_YORK)?.toISOString()).toBe(
      '2020-03-09T03:59:59.000Z',
    );
  });
});

describe('umeeting emulator over HTTP in a DST zone: a seed-004-like daily series', () => {
  const CREDS = SANDBOX_CREDENTIALS.umeeting;
  let emulator: UmeetingEmulatorHandle;

  beforeAll(async () => {
    emulator = await startUmeetingEmulator({ credentials: CREDS, timeZone: NEW_YORK });
  });
  afterAll(() => emulator.close());

  it('answers occurrences at the same local 10:00 on each side of the change', async () => {
    // US DST begins on 2030-03-10; seed 004's series shape (daily, 10:00), three occurrences.
    const response = await fetch(`${emulator.url}/umeeting/share/schedule`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: CREDS.apiKey,
        api_secret: CREDS.apiSecret,
        topic: 'Daily stand-up',
        meeting_capacity: '10',
        start_time: '2030-03-09 10:00:00',
        duration: '45',
        recurrence_type: '1',
        daily_type: '1',
        end_times: '3',
      }).toString(),
    });
    const answer = (await response.json()) as {
      status: number;
      data: { meeting_id: string; start_time: string; occurrences: Array<{ start_time: string }> };
    };
    expect(answer.status).toBe(200);
    expect(answer.data.start_time).toBe('2030-03-09 10:00:00');
    expect(answer.data.occurrences.map((o) => o.start_time)).toEqual([
      '2030-03-09 10:00:00',
      '2030-03-10 10:00:00',
      '2030-03-11 10:00:00',
    ]);
    const stored = emulator.state.meetings.get(answer.data.meeting_id)!;
    expect(stored.occurrences.map((o) => new Date(o.startMs).toISOString())).toEqual([
      '2030-03-09T15:00:00.000Z',
      '2030-03-10T14:00:00.000Z',
      '2030-03-11T14:00:00.000Z',
    ]);
  });
});
