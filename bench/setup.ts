import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { SANDBOX_CREDENTIALS } from '../src/config/sandbox-credentials.js';
import { freePort, startProcess, type Proc } from './processes.js';
import { body, CREATE, createInput } from './scenarios.js';

/**
 * The processes of a bench run: one standalone emulator per provider, the server under test
 * LIVE against them (all three providers, so it starts no in-process emulator), and the
 * baseline LIVE against the same WeCom emulator.
 */
export const EMULATORS = ['tencent-meeting', 'wecom', 'umeeting'] as const;
export type EmulatorName = (typeof EMULATORS)[number];

export const workDir = mkdtempSync(path.join(os.tmpdir(), 'meeting-bench-'));

export async function startEmulators(): Promise<Record<EmulatorName, Proc>> {
  const out = {} as Record<EmulatorName, Proc>;
  for (const name of EMULATORS) {
    const port = await freePort();
    out[name] = await startProcess({
      name: `emulator ${name}`,
      args: ['dist/src/scripts/emulator-cli.js', name, '--port', String(port)],
      env: {},
      port,
      logFile: path.join(workDir, `emulator-${name}.log`),
      readyPath: '/__admin/requests',
    });
  }
  return out;
}

/** The credentials both servers and the emulators use (the sandbox ones: they guard nothing). */
const T = SANDBOX_CREDENTIALS.tencentMeeting;
const W = SANDBOX_CREDENTIALS.wecom;
const U = SANDBOX_CREDENTIALS.umeeting;
export const CREDENTIAL_VALUES = [T.secretId, T.secretKey, W.corpSecret, U.apiKey, U.apiSecret];

/** The quota governor's limits: its maximum, far above bench traffic (its defaults would refuse it). */
const UNLIMITED = '1000000';

export async function startApi(
  emulators: Record<EmulatorName, Proc>,
  options: { name: string; cacheTtlSeconds: number; nodeArgs?: string[] },
): Promise<Proc> {
  const port = await freePort();
  return startProcess({
    name: options.name,
    args: [...(options.nodeArgs ?? []), 'dist/src/main.js'],
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      AUTH_MODE: 'none',
      TENCENT_MEETING_BASE_URL: emulators['tencent-meeting'].url,
      TENCENT_MEETING_APP_ID: T.appId,
      TENCENT_MEETING_SECRET_ID: T.secretId,
      TENCENT_MEETING_SECRET_KEY: T.secretKey,
      TENCENT_MEETING_OPERATOR: 'bench',
      WECOM_BASE_URL: emulators.wecom.url,
      WECOM_CORP_ID: W.corpId,
      WECOM_CORP_SECRET: W.corpSecret,
      UMEETING_BASE_URL: emulators.umeeting.url,
      UMEETING_API_KEY: U.apiKey,
      UMEETING_API_SECRET: U.apiSecret,
      TENCENT_MEETING_RATE_LIMIT_PER_MINUTE: UNLIMITED,
      WECOM_RATE_LIMIT_PER_MINUTE: UNLIMITED,
      UMEETING_RATE_LIMIT_PER_MINUTE: UNLIMITED,
      READ_CACHE_TTL_SECONDS: String(options.cacheTtlSeconds),
    },
    port,
    logFile: path.join(workDir, `${options.name}.log`),
  });
}

export async function startBaseline(
  emulators: Record<EmulatorName, Proc>,
  nodeArgs: string[] = [],
): Promise<Proc> {
  const port = await freePort();
  return startProcess({
    name: 'baseline',
    args: [...nodeArgs, 'bench/baseline/server.mjs'],
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      WECOM_BASE_URL: emulators.wecom.url,
      WECOM_CORP_ID: W.corpId,
      WECOM_CORP_SECRET: W.corpSecret,
    },
    port,
    logFile: path.join(workDir, 'baseline.log'),
  });
}

/** POSTs a GraphQL body; throws on a non-200 or an `errors` entry. */
export async function graphql<T>(url: string, payload: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
  });
  const answer = (await response.json()) as { data?: T; errors?: unknown };
  if (response.status !== 200 || answer.errors || !answer.data) {
    throw new Error(`bench setup failed: ${response.status} ${JSON.stringify(answer)}`);
  }
  return answer.data;
}

/** Creates `count` meetings on `provider` through the server under test; their global ids. */
export async function seed(api: Proc, provider: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const data = await graphql<{ scheduleMeeting: { id: string } }>(
      api.url,
      body(CREATE, createInput(provider, `bench ${i}`)),
    );
    ids.push(data.scheduleMeeting.id);
  }
  return ids;
}

/** Provider calls an emulator has journalled so far: the last entry's `seq` (the journal keeps
 * only the latest calls, numbered since the start). */
export async function journalLength(emulator: Proc): Promise<number> {
  const response = await fetch(`${emulator.url}/__admin/requests`);
  const { requests } = (await response.json()) as { requests: Array<{ seq: number }> };
  return requests.at(-1)?.seq ?? 0;
}

/** `latencyMs` added to every call of an emulator from now on (0: none). */
export async function setLatency(emulator: Proc, latencyMs: number): Promise<void> {
  await fetch(`${emulator.url}/__admin/faults`, { method: 'DELETE' });
  if (latencyMs === 0) return;
  const response = await fetch(`${emulator.url}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'latency', latencyMs, times: 1e9 }),
  });
  if (!response.ok) throw new Error(`latency fault refused: ${await response.text()}`);
}

/** A WeCom access token straight from the emulator, for the direct-call latency probe. */
export async function wecomToken(emulator: Proc): Promise<string> {
  const url = new URL('/cgi-bin/gettoken', emulator.url);
  url.searchParams.set('corpid', W.corpId);
  url.searchParams.set('corpsecret', W.corpSecret);
  const answer = (await (await fetch(url)).json()) as { access_token: string };
  return answer.access_token;
}
