import {
  NotFoundError,
  ProviderError,
  type ApiError,
  type ProviderErrorCode,
} from '../../errors/api-errors.js';
import { Provider } from '../../schema/enums/provider.enum.js';

/**
 * THE umeeting error table: body `status` (or HTTP status) → our code. umeeting publishes no
 * error-code table (docs/reference/providers.md §3.1, §4): any `status` other than 200 is a failure with the text
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

/**
 * A failed body `status` → our error. The provider's `message` text is kept (short, redacted by
 * ApiError); the body itself never is.
 */
export function errorFromStatus(
  status: number | string,
  message: unknown,
  operation: string,
  retryAfterSeconds?: number,
): ApiError {
  const numeric = typeof status === 'number' ? status : Number(status);
  const providerCode = Number.isFinite(numeric) ? numeric : String(status);
  const code = (Number.isFinite(numeric) && UMEETING_ERROR_TABLE[numeric]) || 'PROVIDER_REJECTED';
  const text =
    typeof message === 'string' && message.trim() !== ''
      ? `: ${message.trim().slice(0, MAX_MESSAGE)}`
      : '';
  const full = `${P} ${operation} failed (status ${String(providerCode)})${text}`;
  if (code === 'NOT_FOUND') {
    return new NotFoundError(full, { provider: P, providerCode, operation });
  }
  return new ProviderError(code, full, {
    provider: P,
    providerCode,
    operation,
    ...(code === 'PROVIDER_RATE_LIMITED' && retryAfterSeconds !== undefined
      ? { retryAfterSeconds }
      : {}),
  });
}

/** umeeting's own "unavailable" statuses: a read may be sent again. */
export const UMEETING_TRANSIENT_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** Thrown when an answer lacks what we need; the data source maps it to our error codes. */
export class UmeetingResponseShapeError extends Error {}
