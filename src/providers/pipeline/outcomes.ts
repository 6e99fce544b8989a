import { RequestError, TimeoutError } from 'got';

import {
  ApiError,
  OutcomeUnknownError,
  ProviderError,
  type ProviderErrorCode,
} from '../../errors/api-errors.js';
import type { Provider } from '../../schema/enums/provider.enum.js';
import type { CallKind } from './provider-call.js';

/**
 * The errors the pipeline itself decides, one rule for every provider (docs/errors.md). Provider
 * tables decide what their own error answers mean; these decide everything else.
 */
interface Where {
  provider: Provider;
  operation: string;
  kind: CallKind;
}

/** got error codes meaning the request never left this process, so nothing was applied. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const NOT_SENT_TIMEOUT_EVENTS = new Set(['lookup', 'connect', 'secureConnect']);

/** Transport failures worth another attempt for a read. */
const RETRYABLE_CODES = new Set([
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

export function requestWasNotSent(error: RequestError): boolean {
  if (error instanceof TimeoutError) return NOT_SENT_TIMEOUT_EVENTS.has(error.event);
  return NOT_SENT_CODES.has(error.code);
}

/**
 * No HTTP answer (timeout, reset, refused). A write that may have reached the provider has an
 * unknown outcome; anything else is PROVIDER_UNAVAILABLE. Our own refusal from a got hook (the
 * upstream budget) stands as it is: nothing was sent. Messages never carry URLs (tokens).
 */
export function transportFailure(
  error: unknown,
  where: Where,
): { error: ApiError; retry: boolean } {
  if (error instanceof RequestError && error.cause instanceof ApiError) {
    return { error: error.cause, retry: false };
  }
  if (error instanceof ApiError) return { error, retry: false };
  const code = error instanceof RequestError ? error.code : 'UNKNOWN';
  const notSent = error instanceof RequestError && requestWasNotSent(error);
  if (where.kind === 'write' && !notSent) {
    return { error: outcomeUnknown(where, code), retry: false };
  }
  return {
    error: new ProviderError(
      'PROVIDER_UNAVAILABLE',
      `${where.provider} ${where.operation}: provider unreachable (${code})`,
      { provider: where.provider, operation: where.operation },
    ),
    retry: where.kind === 'read' && RETRYABLE_CODES.has(code),
  };
}

/**
 * An HTTP answer that is not the provider's own (no provider error in the body): what its status
 * says. A 5xx on a write may have been applied behind the gateway that answered it.
 */
export function errorFromHttpStatus(
  status: number,
  where: Where,
  retryAfterSeconds?: number,
): ApiError {
  if (status >= 500 && where.kind === 'write') return outcomeUnknown(where, `HTTP ${status}`);
  const code: ProviderErrorCode =
    status >= 500
      ? 'PROVIDER_UNAVAILABLE'
      : status === 429
        ? 'PROVIDER_RATE_LIMITED'
        : status === 401 || status === 403
          ? 'PROVIDER_AUTH_FAILED'
          : 'PROVIDER_REJECTED';
  return new ProviderError(code, `${where.provider} ${where.operation}: HTTP ${status}`, {
    provider: where.provider,
    providerCode: null,
    operation: where.operation,
    ...(code === 'PROVIDER_RATE_LIMITED' && retryAfterSeconds !== undefined
      ? { retryAfterSeconds }
      : {}),
  });
}

/**
 * A success answer that cannot be read (not JSON, or lacking what the mapping needs): a write
 * may have been applied, so its outcome is unknown; a read's answer is invalid. Data sources use
 * it too, when an answer parses but lacks the fields they need.
 */
export function unreadableAnswer(where: Where, why: string): ApiError {
  if (where.kind === 'write') return outcomeUnknown(where, why);
  return new ProviderError(
    'PROVIDER_RESPONSE_INVALID',
    `${where.provider} ${where.operation}: ${why}`,
    { provider: where.provider, operation: where.operation },
  );
}

/**
 * A provider's own "unavailable" answer (Tencent 960000, WeCom -1, umeeting body status 5xx) to a
 * write: the provider may have acted before failing, so, as for a 5xx, the outcome is unknown.
 * Other provider errors (rate limits, rejections) mean the write was not applied.
 */
export function providerErrorFor(error: ApiError, where: Where): ApiError {
  if (where.kind === 'write' && error.code === 'PROVIDER_UNAVAILABLE') {
    const providerCode = error instanceof ProviderError ? error.providerCode : null;
    return new OutcomeUnknownError({
      provider: where.provider,
      operation: where.operation,
      providerCode,
      cause: `the provider said it is unavailable (${String(providerCode)})`,
    });
  }
  return error;
}

function outcomeUnknown(where: Where, cause: string): OutcomeUnknownError {
  return new OutcomeUnknownError({ provider: where.provider, operation: where.operation, cause });
}
