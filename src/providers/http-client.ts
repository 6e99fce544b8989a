import http from 'node:http';
import https from 'node:https';

import got, { type Got } from 'got';

import type { Provider } from '../schema/enums/provider.enum.js';
import { leanNativeOptionsHandlers } from './got-native-options.js';

/**
 * Concurrent connections per provider per process unless `PROVIDER_MAX_SOCKETS` says otherwise.
 * It bounds a process's provider calls in flight (at 50 ms a call, 512 sockets carry ~10 000
 * calls/s, far beyond what one process can produce); it was a silent 128, which capped a process
 * at ~2 500 calls/s at 50 ms and queued calls inside the agent under load (docs/performance.md).
 */
export const DEFAULT_PROVIDER_MAX_SOCKETS = 512;
let maxSockets = DEFAULT_PROVIDER_MAX_SOCKETS;

/**
 * Sets the socket pool size of the clients created from now on; called once at start-up from
 * the configuration (`buildApp`), before any client exists.
 */
export function configureProviderHttp(options: { maxSockets: number }): void {
  if (!Number.isInteger(options.maxSockets) || options.maxSockets < 1) {
    throw new RangeError(`maxSockets must be a positive integer, got ${options.maxSockets}`);
  }
  maxSockets = options.maxSockets;
}

/**
 * How long a kept-alive provider socket may sit unused. With an agent `timeout`, Node also
 * honours the provider's `Keep-Alive: timeout=N` answer header and drops the socket a second
 * before N (http.Agent#keepSocketAlive); with none it ignores the header, and a call sent on a
 * socket the provider is closing at that moment fails with ECONNRESET: a read is sent again, but
 * a write is OUTCOME_UNKNOWN. The bench saw exactly that after idle spells (the emulators are Node
 * servers: `timeout=5`). Provider calls themselves are bounded by got's timeouts, not this.
 */
export const IDLE_SOCKET_TIMEOUT_MS = 30_000;

export interface ProviderHttpClientOptions {
  provider: Provider;
  baseUrl: string;
  /** Whole-request timeout in ms (default 10 s). */
  timeoutMs?: number;
}

/**
 * One got instance per provider, built once at start-up (STYLE habit 2): keep-alive agents,
 * (`PROVIDER_MAX_SOCKETS` each), timeouts, no got retries: the pipeline (pipeline/provider-client.ts) decides retries per call
 * kind, because WeCom and umeeting read with POST and a write must be sent exactly once.
 */
export function createProviderHttpClient(options: ProviderHttpClientOptions): Got {
  const pool = { keepAlive: true, maxSockets, timeout: IDLE_SOCKET_TIMEOUT_MS };
  const agent = { http: new http.Agent(pool), https: new https.Agent(pool) };
  return got.extend({
    prefixUrl: options.baseUrl.replace(/\/+$/, ''),
    agent,
    timeout: { connect: 3000, request: options.timeoutMs ?? 10_000 },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    headers: { 'user-agent': 'meeting-aggregation-api/0.1' },
    // got's builder of node's request options costs ~70 µs a call on Node 20; this one builds
    // the same options without it (got-native-options.ts).
    handlers: leanNativeOptionsHandlers,
  });
}

/**
 * Whether anything answers at the client's base URL (any HTTP status) within ~2 s, without auth;
 * for /readyz. Never throws.
 */
export async function probeReachable(http: Got): Promise<boolean> {
  try {
    await http.get('', { timeout: { request: 2000 }, retry: { limit: 0 } });
    return true;
  } catch {
    return false;
  }
}

/** Drops the client's keep-alive sockets (at shutdown). */
export function closeAgents(http: Got): void {
  const agents = http.defaults.options.agent;
  for (const agent of [agents.http, agents.https]) {
    if (agent && typeof agent.destroy === 'function') agent.destroy();
  }
}
