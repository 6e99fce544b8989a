import type { EmulatorReply, ProviderFaultRenderer } from '../emulator-server.js';
import type { UmeetingEnvelope } from './wire.js';

/**
 * umeeting-shaped answers (docs/reference/providers.md §3.1): always `{status, message, data}`
 * JSON, `status` 200 for success. umeeting publishes no error codes (docs/reference/providers.md
 * §4), so the emulator's are ours and HTTP-like; the client's table
 * (src/providers/umeeting/umeeting.errors.ts) reads them. Provider errors travel with HTTP 200, as
 * the success signal is the body (docs/reference/providers.md §0); only the rate limit and unknown
 * paths also use the HTTP status.
 */
export const UMEETING_EMULATOR_STATUS = {
  OK: 200,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
} as const;

export function ok(data: unknown): EmulatorReply {
  const body: UmeetingEnvelope = { status: 200, message: 'OK', data };
  return { status: 200, body };
}

/** A success without `data` (delete, end: §3.2 #5, #6 answer only `status`/`message`). */
export function done(): EmulatorReply {
  const body: UmeetingEnvelope = { status: 200, message: 'OK' };
  return { status: 200, body };
}

/** A provider error. Messages never carry a secret or a host key. */
export function fail(status: number | string, message: string): EmulatorReply {
  const body: UmeetingEnvelope<null> = { status, message, data: null };
  return { status: 200, body };
}

export const badRequest = (message: string) => fail(UMEETING_EMULATOR_STATUS.BAD_REQUEST, message);

export const umeetingFaultRenderer: ProviderFaultRenderer = {
  providerError: (code, message) => {
    const numeric = Number(code);
    return fail(Number.isFinite(numeric) ? numeric : code, message ?? 'request failed');
  },
  rateLimited: (retryAfterSeconds) => ({
    status: 429,
    body: {
      status: UMEETING_EMULATOR_STATUS.RATE_LIMITED,
      message: 'too many requests',
      data: null,
    },
    ...(retryAfterSeconds !== undefined
      ? { headers: { 'retry-after': String(retryAfterSeconds) } }
      : {}),
  }),
  notFound: () => ({
    status: 404,
    body: { status: UMEETING_EMULATOR_STATUS.NOT_FOUND, message: 'no such API', data: null },
  }),
};
