import {
  NotFoundError,
  OutcomeUnknownError,
  ProviderError,
  type ProviderErrorCode,
} from '../../errors/api-errors.js';
import { Provider } from '../../schema/enums/provider.enum.js';

/**
 * Tencent error codes → our codes (providers.md §1.2 → PRODUCT.md "Errors"). The one table of
 * this provider; docs/providers/tencent-meeting.md repeats it for readers.
 */
export const TENCENT_ERROR_TABLE: Readonly<Record<number, ProviderErrorCode | 'NOT_FOUND'>> = {
  // Signing and app credentials (§1.1): our configuration or clock is wrong.
  190300: 'PROVIDER_AUTH_FAILED', // timestamp more than 5 min off
  190301: 'PROVIDER_AUTH_FAILED', // timestamp+nonce replayed
  190303: 'PROVIDER_AUTH_FAILED', // AppId / X-TC-Key / SdkId
  200003: 'PROVIDER_AUTH_FAILED', // signature check failed
  9042: 'PROVIDER_AUTH_FAILED', // no permission on this resource (not the creator)
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
  // Everything else (190004, 190001, 10001, 9002, 9007, 9093, 13602, 13603, …) is
  // PROVIDER_REJECTED: the provider understood and refused.
};

interface TencentErrorInfo {
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

export interface ErrorContext {
  operation: string;
  /** A create or cancel: a lost answer means the outcome is unknown. */
  unsafe: boolean;
  retryAfterSeconds?: number;
}

/**
 * Translates a non-2xx answer. A body without `error_info` came from something in front of
 * Tencent (a proxy or load balancer): 5xx → PROVIDER_UNAVAILABLE, except 502/504 on a create or
 * cancel, which may have been applied behind the gateway → OUTCOME_UNKNOWN.
 */
export function tencentError(
  status: number,
  body: unknown,
  ctx: ErrorContext,
): ProviderError | NotFoundError {
  const provider = Provider.TENCENT_MEETING;
  const info = tencentErrorInfo(body);
  if (!info) {
    if (ctx.unsafe && (status === 502 || status === 504)) {
      return new OutcomeUnknownError({
        provider,
        operation: ctx.operation,
        cause: `HTTP ${status}`,
      });
    }
    const code: ProviderErrorCode =
      status >= 500
        ? 'PROVIDER_UNAVAILABLE'
        : status === 429
          ? 'PROVIDER_RATE_LIMITED'
          : status === 401 || status === 403
            ? 'PROVIDER_AUTH_FAILED'
            : 'PROVIDER_REJECTED';
    return new ProviderError(
      code,
      `${provider} ${ctx.operation}: HTTP ${status} without a Tencent error body`,
      {
        provider,
        providerCode: null,
        operation: ctx.operation,
        ...(ctx.retryAfterSeconds !== undefined
          ? { retryAfterSeconds: ctx.retryAfterSeconds }
          : {}),
      },
    );
  }
  const mapped = TENCENT_ERROR_TABLE[info.code] ?? 'PROVIDER_REJECTED';
  const message = `${provider} ${ctx.operation}: ${info.message || 'error'} (error_code ${info.code})`;
  if (mapped === 'NOT_FOUND') {
    return new NotFoundError(message, {
      provider,
      providerCode: info.code,
      operation: ctx.operation,
    });
  }
  return new ProviderError(mapped, message, {
    provider,
    providerCode: info.code,
    operation: ctx.operation,
    ...(ctx.retryAfterSeconds !== undefined ? { retryAfterSeconds: ctx.retryAfterSeconds } : {}),
  });
}
