import { NotFoundError, ProviderError, type ProviderErrorCode } from '../../errors/api-errors.js';
import { Provider } from '../../schema/enums/provider.enum.js';

/**
 * Tencent error codes → our codes (docs/reference/providers.md §1.2 → PRODUCT.md "Errors"). The one table of
 * this provider; docs/providers/tencent-meeting.md repeats it for readers.
 */
export const TENCENT_ERROR_TABLE: Readonly<Record<number, ProviderErrorCode | 'NOT_FOUND'>> = {
  // Signing and app credentials (§1.1): our configuration or clock is wrong.
  190300: 'PROVIDER_AUTH_FAILED', // timestamp more than 5 min off
  190301: 'PROVIDER_AUTH_FAILED', // timestamp+nonce replayed
  190303: 'PROVIDER_AUTH_FAILED', // AppId / X-TC-Key / SdkId
  200003: 'PROVIDER_AUTH_FAILED', // signature check failed
  // Rate limits (§1.6).
  190310: 'PROVIDER_RATE_LIMITED', // per-minute app limit
  190311: 'PROVIDER_RATE_LIMITED', // per-day app limit
  190313: 'PROVIDER_RATE_LIMITED', // per-minute single-API limit
  500029: 'PROVIDER_RATE_LIMITED', // create-meeting per-user hourly limit
  500168: 'PROVIDER_RATE_LIMITED', // monthly account create limit
  9008: 'PROVIDER_RATE_LIMITED', // creation count limit (older doc)
  9061: 'PROVIDER_RATE_LIMITED', // querying too frequently
  // The resource does not exist: reads answer null, cancels NOT_FOUND.
  9003: 'NOT_FOUND',
  // Tencent's own "network error, retry later".
  960000: 'PROVIDER_UNAVAILABLE',
  // The end call's own list (结束会议, cloud.tencent.com/document/product/1095/57955): 41 is its
  // "network error, retry later" too, and 13001 "failed to store the meeting in the cache": a
  // failure inside Tencent, so a dismiss answered with either may or may not have ended it
  // (OUTCOME_UNKNOWN on a write, as 960000).
  41: 'PROVIDER_UNAVAILABLE',
  13001: 'PROVIDER_UNAVAILABLE',
  // Everything else (190004, 190001, 10001, 9002, 9007, 9093, 13602, 13603, …) is
  // PROVIDER_REJECTED: the provider understood and refused. That includes 9042 (only the
  // creator may act on this resource): the caller's request, not our credentials, is at fault,
  // so it is not PROVIDER_AUTH_FAILED, whose advice is "fix the configured credentials".
};

export interface TencentErrorInfo {
  code: number;
  message: string;
}

/** The `error_info` of a Tencent error body, when the body is one. */
export function tencentErrorInfo(body: unknown): TencentErrorInfo | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const info = (body as { error_info?: unknown }).error_info;
  if (!info || typeof info !== 'object') return undefined;
  const { error_code: code, message } = info as { error_code?: unknown; message?: unknown };
  const numeric = typeof code === 'number' ? code : typeof code === 'string' ? Number(code) : NaN;
  if (!Number.isInteger(numeric)) return undefined;
  return { code: numeric, message: typeof message === 'string' ? message.slice(0, 300) : '' };
}

/**
 * A Tencent error answer (`error_info`, whatever the HTTP status: Tencent answers service errors
 * such as 9003 with HTTP 500) → our error, through the table. Whether an answer is one, and what
 * a non-Tencent answer means, is the pipeline's (src/providers/pipeline/).
 */
export function tencentError(
  info: TencentErrorInfo,
  operation: string,
  retryAfterSeconds?: number,
): ProviderError | NotFoundError {
  const provider = Provider.TENCENT_MEETING;
  const mapped = TENCENT_ERROR_TABLE[info.code] ?? 'PROVIDER_REJECTED';
  const message = `${provider} ${operation}: ${info.message || 'error'} (error_code ${info.code})`;
  if (mapped === 'NOT_FOUND') {
    return new NotFoundError(message, { provider, providerCode: info.code, operation });
  }
  return new ProviderError(mapped, message, {
    provider,
    providerCode: info.code,
    operation,
    ...(mapped === 'PROVIDER_RATE_LIMITED' && retryAfterSeconds !== undefined
      ? { retryAfterSeconds }
      : {}),
  });
}

/** Tencent's own "network error, retry later": a read may be sent again. */
export const TENCENT_TRANSIENT_CODES: ReadonlySet<number> = new Set([960000, 41]);

/** An answer we cannot read (a missing or rounded id, a missing time): PROVIDER_RESPONSE_INVALID. */
export class InvalidAnswer extends ProviderError {
  constructor(operation: string, what: string) {
    super('PROVIDER_RESPONSE_INVALID', `${Provider.TENCENT_MEETING} ${operation}: ${what}`, {
      provider: Provider.TENCENT_MEETING,
      operation,
    });
  }
}
