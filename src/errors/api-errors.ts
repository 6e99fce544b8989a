import { GraphQLError } from 'graphql';

import type { Provider } from '../schema/enums/provider.enum.js';
import { redactSecrets } from '../util/redact.js';

/**
 * The one error family of the API (PRODUCT.md "Errors"). Every error a resolver can throw on
 * purpose is one of these; anything else is masked as INTERNAL_SERVER_ERROR by formatError.
 * Codes are string literals in `extensions.code`; see docs/errors.md.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNSUPPORTED_BY_PROVIDER'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'PROVIDER_AUTH_FAILED'
  | 'PROVIDER_RATE_LIMITED'
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_RESPONSE_INVALID'
  | 'PROVIDER_REJECTED'
  | 'OUTCOME_UNKNOWN'
  | 'MAX_DEPTH_LIMIT'
  | 'MAX_ALIASES_LIMIT'
  | 'MAX_ROOT_FIELDS_LIMIT'
  | 'COST_ESTIMATED_TOO_EXPENSIVE'
  | 'UNAUTHENTICATED'
  | 'INTERNAL_SERVER_ERROR';

export type ProviderErrorCode = Extract<
  ErrorCode,
  | 'PROVIDER_AUTH_FAILED'
  | 'PROVIDER_RATE_LIMITED'
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_RESPONSE_INVALID'
  | 'PROVIDER_REJECTED'
  | 'OUTCOME_UNKNOWN'
>;

export abstract class ApiError extends GraphQLError {
  readonly code: ErrorCode;

  protected constructor(
    code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(redactSecrets(message), { extensions: { code, ...extensions } });
    this.code = code;
  }
}

/** Input that breaks a rule. `field` is the argument path, e.g. `input.recurrence.count`. */
export class BadUserInputError extends ApiError {
  constructor(message: string, details: { field: string; rule: string; [k: string]: unknown }) {
    super('BAD_USER_INPUT', message, details);
  }
}

/** The chosen provider cannot do or express what was asked; nothing is sent upstream. */
export class UnsupportedByProviderError extends ApiError {
  /** `fields`: every refused field when there are several (`field` is the first). */
  constructor(provider: Provider, field: string, message: string, fields?: readonly string[]) {
    super('UNSUPPORTED_BY_PROVIDER', `${provider}: ${message}`, {
      provider,
      field,
      ...(fields && fields.length > 1 ? { fields: [...fields] } : {}),
    });
  }
}

export class NotFoundError extends ApiError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, details);
  }
}

export interface ProviderErrorDetails {
  provider: Provider;
  /** The provider's own error code (Tencent `error_code`, WeCom `errcode`, umeeting `status`). */
  providerCode?: string | number | null;
  /** The domain operation, e.g. `scheduleMeeting`. */
  operation?: string;
  retryAfterSeconds?: number;
}

/**
 * A failure at or from a provider. The message is ours plus the provider's own (redacted) text;
 * the upstream body is never copied into extensions.
 */
export class ProviderError extends ApiError {
  readonly provider: Provider;
  readonly providerCode: string | number | null;

  constructor(code: ProviderErrorCode, message: string, details: ProviderErrorDetails) {
    const { provider, providerCode = null, operation, retryAfterSeconds } = details;
    super(code, message, {
      provider,
      providerCode,
      ...(operation ? { operation } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
    this.provider = provider;
    this.providerCode = providerCode;
  }
}

/** A create or cancel whose result could not be learned: the caller must look before retrying. */
export class OutcomeUnknownError extends ProviderError {
  constructor(details: ProviderErrorDetails & { cause?: string }) {
    super(
      'OUTCOME_UNKNOWN',
      `${details.provider} ${details.operation ?? 'call'}: the outcome is unknown (${details.cause ?? 'no answer'}); look it up before retrying`,
      details,
    );
  }
}
