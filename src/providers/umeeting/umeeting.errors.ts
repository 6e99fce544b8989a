import {
  NotFoundError,
  OutcomeUnknownError,
  ProviderError,
  type ApiError,
  type ProviderErrorCode,
} from '../../errors/api-errors.js';
import { Provider } from '../../schema/enums/provider.enum.js';

/**
 * THE umeeting error table: body `status` (or HTTP status) → our code. umeeting publishes no
 * error-code table (providers.md §3.1, §4): any `status` other than 200 is a failure with the text
 * in `message`. The table below is ours [I], HTTP-like, and it is what our emulator answers with
 * (src/emulators/umeeting/errors.ts); docs/providers/umeeting.md repeats it.
 */
export const UMEETING_ERROR_TABLE: Readonly<Record<number, ProviderErrorCode | 'NOT_FOUND'>> = {
  400: 'PROVIDER_REJECTED', // bad or missing parameter
  401: 'PROVIDER_AUTH_FAILED', // api_key / api_secret wrong
  403: 'PROVIDER_AUTH_FAILED', // key not allowed to do this
  404: 'NOT_FOUND', // no such meeting or occurrence
  429: 'PROVIDER_RATE_LIMITED',
  500: 'PROVIDER_UNAVAILABLE',
  502: 'PROVIDER_UNAVAILABLE',
  503: 'PROVIDER_UNAVAILABLE',
  504: 'PROVIDER_UNAVAILABLE',
};

const P = Provider.UMEETING;
const MAX_MESSAGE = 200;

export interface UmeetingErrorContext {
  operation: string;
  /** A create or cancel: an unreadable success answer leaves the outcome unknown. */
  unsafe: boolean;
}

/**
 * A failed body `status` → our error. The provider's `message` text is kept (short, redacted by
 * ApiError); the body itself never is.
 */
export function errorFromStatus(
  status: number | string,
  message: unknown,
  ctx: UmeetingErrorContext,
  retryAfterSeconds?: number,
): ApiError {
  const numeric = typeof status === 'number' ? status : Number(status);
  const providerCode = Number.isFinite(numeric) ? numeric : String(status);
  const code = (Number.isFinite(numeric) && UMEETING_ERROR_TABLE[numeric]) || 'PROVIDER_REJECTED';
  const text =
    typeof message === 'string' && message.trim() !== ''
      ? `: ${message.trim().slice(0, MAX_MESSAGE)}`
      : '';
  const full = `${P} ${ctx.operation} failed (status ${String(providerCode)})${text}`;
  if (code === 'NOT_FOUND') {
    return new NotFoundError(full, { provider: P, providerCode, operation: ctx.operation });
  }
  return new ProviderError(code, full, {
    provider: P,
    providerCode,
    operation: ctx.operation,
    ...(code === 'PROVIDER_RATE_LIMITED' && retryAfterSeconds !== undefined
      ? { retryAfterSeconds }
      : {}),
  });
}

/** A non-2xx HTTP answer whose body is not an umeeting envelope. */
export function errorFromHttp(
  httpStatus: number,
  ctx: UmeetingErrorContext,
  retryAfterSeconds?: number,
): ApiError {
  if (httpStatus === 429 || httpStatus >= 500 || httpStatus === 401 || httpStatus === 403) {
    return errorFromStatus(httpStatus, `HTTP ${httpStatus}`, ctx, retryAfterSeconds);
  }
  return new ProviderError(
    'PROVIDER_REJECTED',
    `${P} ${ctx.operation} failed (HTTP ${httpStatus})`,
    {
      provider: P,
      providerCode: httpStatus,
      operation: ctx.operation,
    },
  );
}

/**
 * A 2xx answer we cannot read (not JSON, or lacking required fields): for a create or cancel the
 * provider may have acted, so the outcome is unknown; for a read it is an invalid response.
 */
export function invalidResponse(ctx: UmeetingErrorContext, why: string): ProviderError {
  if (ctx.unsafe)
    return new OutcomeUnknownError({ provider: P, operation: ctx.operation, cause: why });
  return new ProviderError('PROVIDER_RESPONSE_INVALID', `${P} ${ctx.operation}: ${why}`, {
    provider: P,
    operation: ctx.operation,
  });
}

/** Retry-After (seconds or HTTP date) → seconds. */
export function parseRetryAfter(
  header: string | string[] | undefined,
  nowMs = Date.now(),
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}
