import type { EmulatorReply, ProviderFaultRenderer } from '../emulator-server.js';
import type { TmErrorBody } from './wire.js';

/**
 * Tencent-shaped error bodies (docs/reference/providers.md §1.2): a non-2xx status and
 * `{"error_info":{"error_code","new_error_code","message"}}`. Request errors answer 400 and
 * service errors 500 as the docs say; 9042 answers 403 as the cancel doc lists (1095/42422).
 */
export const TM_ERRORS = {
  INVALID_PARAMETER: 190004,
  UNREGISTERED_USER: 190001,
  TIMESTAMP_EXPIRED: 190300,
  REPLAY: 190301,
  AUTH_FAILED: 190303,
  RATE_LIMIT_MINUTE: 190310,
  SIGNATURE_FAILED: 200003,
  ILLEGAL_REQUEST: 9002,
  MEETING_NOT_EXIST: 9003,
  ALREADY_CANCELLED: 9007,
  NO_PERMISSION: 9042,
  ALREADY_STARTED: 13602,
  ALREADY_ENDED: 13603,
  NETWORK_ERROR: 960000,
} as const;

const HTTP_STATUS: Record<number, number> = {
  [TM_ERRORS.NO_PERMISSION]: 403,
  [TM_ERRORS.MEETING_NOT_EXIST]: 500,
  [TM_ERRORS.ALREADY_CANCELLED]: 500,
  [TM_ERRORS.ALREADY_STARTED]: 500,
  [TM_ERRORS.ALREADY_ENDED]: 500,
  [TM_ERRORS.NETWORK_ERROR]: 500,
  // [I] The docs give no HTTP status for the rate-limit codes; 429 lets generic clients back off.
  [TM_ERRORS.RATE_LIMIT_MINUTE]: 429,
  190311: 429,
  190313: 429,
};

/**
 * The 9-digit `new_error_code` newer answers carry: `200190303` for 190303 and `101013603` for
 * 13603 in the forum examples (docs/reference/providers.md §1.2); we extend those two patterns by
 * code size.
 */
function newErrorCode(code: number): number {
  return code >= 100_000 ? 200_000_000 + code : 101_000_000 + code;
}

export function tmError(code: number, message: string, status?: number): EmulatorReply {
  const body: TmErrorBody = {
    error_info: { error_code: code, new_error_code: newErrorCode(code), message },
  };
  return { status: status ?? HTTP_STATUS[code] ?? 400, body };
}

/** A request validation error: 190004 with a message naming the field. */
export function invalidParameter(field: string, rule: string): EmulatorReply {
  return tmError(TM_ERRORS.INVALID_PARAMETER, `invalid parameter ${field}: ${rule}`);
}

export const tencentFaultRenderer: ProviderFaultRenderer = {
  providerError: (code, message) => {
    const numeric = typeof code === 'number' ? code : Number.parseInt(code, 10);
    return tmError(
      Number.isFinite(numeric) ? numeric : TM_ERRORS.NETWORK_ERROR,
      message ?? 'scripted error',
    );
  },
  rateLimited: (retryAfterSeconds) => ({
    ...tmError(TM_ERRORS.RATE_LIMIT_MINUTE, 'the per-minute call limit of the app was exceeded'),
    ...(retryAfterSeconds !== undefined
      ? { headers: { 'retry-after': String(retryAfterSeconds) } }
      : {}),
  }),
  notFound: () => tmError(TM_ERRORS.ILLEGAL_REQUEST, 'illegal request: no such API', 404),
};
