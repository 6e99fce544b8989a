import http from 'node:http';
import https from 'node:https';

import got, { RequestError, TimeoutError, type Got, type RetryOptions } from 'got';

import { ApiError, OutcomeUnknownError, ProviderError } from '../errors/api-errors.js';
import { currentRequestScope } from '../server/limits/upstream-budget.js';
import type { Provider } from '../schema/enums/provider.enum.js';

export interface ProviderHttpClientOptions {
  provider: Provider;
  baseUrl: string;
  /** Whole-request timeout in ms (default 10 s). */
  timeoutMs?: number;
}

/**
 * One got instance per provider, built once at start-up (STYLE habit 2): keep-alive agents,
 * timeouts, no retries by default. Reads opt in to `READ_RETRY`; creates and cancels never retry,
 * because no provider here has an idempotency key (PRODUCT.md non-negotiables). Retries are
 * declared per operation, not by HTTP verb: WeCom and umeeting read with POST.
 */
export function createProviderHttpClient(options: ProviderHttpClientOptions): Got {
  const agent = {
    http: new http.Agent({ keepAlive: true, maxSockets: 128 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 128 }),
  };
  return got.extend({
    prefixUrl: options.baseUrl.replace(/\/+$/, ''),
    agent,
    timeout: { connect: 3000, request: options.timeoutMs ?? 10_000 },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    headers: { 'user-agent': 'meeting-aggregation-api/0.1' },
    hooks: { beforeRequest: [spendUpstreamBudget] },
  });
}

/**
 * Counts every attempt (got runs beforeRequest hooks again for each retry) against the GraphQL
 * request's upstream budget, and refuses the one that would pass it before it is sent. A client
 * marks a create or cancel with `context: { write: true }` (see `writeContext`).
 */
function spendUpstreamBudget(options: { context: Record<string, unknown> }): void {
  currentRequestScope()?.budget.spend(options.context.write === true ? 'write' : 'read');
}

/** got options marking a call as a write (create, cancel) or a read, for the upstream budget. */
export function writeContext(write: boolean): { context: { write: boolean } } {
  return { context: { write } };
}

/** Retry policy for reads only: transient transport failures and 5xx, quick back-off. */
export const READ_RETRY: Partial<RetryOptions> = {
  limit: 2,
  methods: ['GET', 'POST'],
  statusCodes: [500, 502, 503, 504],
  errorCodes: [
    'ETIMEDOUT',
    'ECONNRESET',
    'EADDRINUSE',
    'ECONNREFUSED',
    'EPIPE',
    'ENETUNREACH',
    'EAI_AGAIN',
  ],
  calculateDelay: ({ attemptCount, computedValue }) =>
    computedValue === 0 ? 0 : Math.min(50 * 2 ** (attemptCount - 1), 500),
};

/** got error codes meaning the request never left this process, so nothing was applied. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const NOT_SENT_TIMEOUT_EVENTS = new Set(['lookup', 'connect', 'secureConnect']);

export function requestWasNotSent(error: RequestError): boolean {
  if (error instanceof TimeoutError) return NOT_SENT_TIMEOUT_EVENTS.has(error.event);
  return NOT_SENT_CODES.has(error.code);
}

/**
 * Translates a transport failure (no HTTP answer: timeout, reset, refused) into our error family.
 * For an unsafe operation (create/cancel) that may have reached the provider, the outcome is
 * unknown: the caller must look before retrying. Messages never carry URLs (they hold tokens).
 */
export function transportError(
  error: unknown,
  ctx: { provider: Provider; operation: string; unsafe: boolean },
): ApiError {
  // Our own refusal from a hook (the upstream budget): nothing was sent, so it stands as it is.
  if (error instanceof RequestError && error.cause instanceof ApiError) return error.cause;
  const code = error instanceof RequestError ? error.code : 'UNKNOWN';
  if (ctx.unsafe && !(error instanceof RequestError && requestWasNotSent(error))) {
    return new OutcomeUnknownError({
      provider: ctx.provider,
      operation: ctx.operation,
      cause: code,
    });
  }
  return new ProviderError(
    'PROVIDER_UNAVAILABLE',
    `${ctx.provider} ${ctx.operation}: provider unreachable (${code})`,
    { provider: ctx.provider, operation: ctx.operation },
  );
}

/** Parses a JSON body, or returns undefined when it is not JSON. Big ids must be quoted upstream. */
export function parseJsonBody(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
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
