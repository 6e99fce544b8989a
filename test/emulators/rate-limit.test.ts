import { afterEach, describe, expect, it } from '@jest/globals';

import type { EmulatorHandle, JournalEntry } from '../../src/emulators/emulator-server.js';
import { startTencentMeetingEmulator } from '../../src/emulators/tencent-meeting/index.js';
import { startUmeetingEmulator } from '../../src/emulators/umeeting/index.js';
import { startWecomEmulator } from '../../src/emulators/wecom/index.js';

/**
 * The emulators' per-minute limits (scale-out issue, part 5): off by default; when set, each
 * answers the provider's own rate-limit error (Tencent 190310 with HTTP 429 and Retry-After,
 * WeCom errcode 45009 with HTTP 200 and a 60-s block per API, umeeting [I] HTTP 429
 * `{status: 429}`), counted per app (per app and API for WeCom), journalled as `rateLimited`.
 */

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function journal(url: string): Promise<JournalEntry[]> {
  const answer = (await (await fetch(`${url}/__admin/requests`)).json()) as {
    requests: JournalEntry[];
  };
  return answer.requests;
}

async function setLimit(url: string, perMinute: number | null): Promise<Response> {
  return fetch(`${url}/__admin/rate-limit`, {
    method: 'POST',
    body: JSON.stringify({ perMinute }),
  });
}

describe('emulator rate limits', () => {
  it('Tencent: off by default; past the limit 190310, HTTP 429, Retry-After, per app', async () => {
    emulator = await startTencentMeetingEmulator({
      credentials: { appId: 'app-1', sdkId: '', secretId: 'id', secretKey: 'key' },
    });
    const get = (appId: string) =>
      fetch(`${emulator!.url}/v1/meetings/1?userid=u&instanceid=1`, { headers: { AppId: appId } });
    for (let i = 0; i < 5; i += 1) expect((await get('app-1')).status).not.toBe(429);

    expect((await setLimit(emulator.url, 3)).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await get('app-1')).status).not.toBe(429);
    const refused = await get('app-1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error_info: { error_code: 190310 } });
    // Another app has its own minute.
    expect((await get('app-2')).status).not.toBe(429);

    const entries = await journal(emulator.url);
    expect(entries.filter((e) => e.rateLimited)).toHaveLength(1);
    expect(entries.at(-2)).toMatchObject({
      operation: 'getMeeting',
      status: 429,
      rateLimited: true,
    });
    expect(await (await fetch(`${emulator.url}/__admin/rate-limit`)).json()).toEqual({
      perMinute: 3,
      documentedPerMinute: 300,
    });
  });

  it('WeCom: errcode 45009 with HTTP 200, per API, and the API stays blocked', async () => {
    emulator = await startWecomEmulator({
      credentials: { corpId: 'corp', corpSecret: 'secret' },
      rateLimitPerMinute: 2,
    });
    const token = () => fetch(`${emulator!.url}/cgi-bin/gettoken?corpid=corp&corpsecret=secret`);
    expect(((await (await token()).json()) as { errcode: number }).errcode).toBe(0);
    expect(((await (await token()).json()) as { errcode: number }).errcode).toBe(0);
    const refused = await token();
    expect(refused.status).toBe(200);
    expect(await refused.json()).toMatchObject({ errcode: 45009 });
    // Blocked, not merely full: the next call is refused too.
    expect(await (await token()).json()).toMatchObject({ errcode: 45009 });
    // Another API of the same corp is not.
    const other = await fetch(`${emulator.url}/cgi-bin/meeting/get_info?access_token=x`, {
      method: 'POST',
      body: '{}',
    });
    expect(((await other.json()) as { errcode: number }).errcode).not.toBe(45009);
    // Off again: answered normally.
    await setLimit(emulator.url, null);
    expect(((await (await token()).json()) as { errcode: number }).errcode).toBe(0);
  });

  it('umeeting [I]: HTTP 429 with {status: 429} per api_key', async () => {
    emulator = await startUmeetingEmulator({
      credentials: { apiKey: 'key', apiSecret: 'secret' },
      rateLimitPerMinute: 1,
    });
    const get = (key: string) =>
      fetch(`${emulator!.url}/umeeting/share/get`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `api_key=${key}&api_secret=secret&meeting_id=1`,
      });
    expect((await get('key')).status).not.toBe(429);
    const refused = await get('key');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ status: 429 });
    expect((await get('other-key')).status).not.toBe(429);
  });

  it('refuses a bad limit on the control plane', async () => {
    emulator = await startUmeetingEmulator({ credentials: { apiKey: 'k', apiSecret: 's' } });
    expect((await setLimit(emulator.url, 0)).status).toBe(400);
    expect((await setLimit(emulator.url, 1.5)).status).toBe(400);
  });
});
