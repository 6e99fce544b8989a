import { ProviderError, type ProviderErrorCode } from '../../errors/api-errors.js';
import { Provider } from '../../schema/enums/provider.enum.js';

/**
 * The one table of WeCom `errcode` → our error codes (docs/reference/providers.md §2.2; docs/providers/wecom.md).
 * WeCom answers HTTP 200 with `errcode`/`errmsg`; we never match on `errmsg` (WeCom may change it).
 */
interface ErrcodeRule {
  code: ProviderErrorCode;
  /** The access token is bad: refresh it once and retry the call once (§2.1). */
  refreshToken?: boolean;
  /** Transient: a read may be sent again (at most 3 attempts in all, §2.2); writes never are. */
  retryRead?: boolean;
  retryAfterSeconds?: number;
}

const RULES: Record<number, ErrcodeRule> = {
  [-1]: { code: 'PROVIDER_UNAVAILABLE', retryRead: true }, // system busy
  40001: { code: 'PROVIDER_AUTH_FAILED' }, // invalid secret
  40013: { code: 'PROVIDER_AUTH_FAILED' }, // invalid corpid
  41002: { code: 'PROVIDER_AUTH_FAILED' }, // corpid missing
  41004: { code: 'PROVIDER_AUTH_FAILED' }, // corpsecret missing
  40014: { code: 'PROVIDER_AUTH_FAILED', refreshToken: true }, // invalid access_token
  41001: { code: 'PROVIDER_AUTH_FAILED', refreshToken: true }, // access_token missing
  42001: { code: 'PROVIDER_AUTH_FAILED', refreshToken: true }, // access_token expired
  48002: { code: 'PROVIDER_AUTH_FAILED' }, // the app may not call this API
  60020: { code: 'PROVIDER_AUTH_FAILED' }, // calling IP not allowed for the app
  // The minute limit blocks for 60 s (§2.3); WeCom sends no Retry-After. Asking again within
  // milliseconds cannot help, so it is not retried: the caller gets retryAfterSeconds.
  45009: { code: 'PROVIDER_RATE_LIMITED', retryAfterSeconds: 60 },
  45033: { code: 'PROVIDER_RATE_LIMITED', retryRead: true }, // too many concurrent calls
};

/**
 * ASSUMPTION (docs/providers/wecom.md): WeCom's "no such meeting" code is not in our sources.
 * On a lookup or cancel by id/code the only parameter is that id, so "invalid parameter" (40058)
 * there means the id is unknown to this app (webinars are visible only to the app that created
 * them, §2.4). Elsewhere 40058 is PROVIDER_REJECTED.
 */
export const NOT_FOUND_ERRCODE = 40058;

const DEFAULT_RULE: ErrcodeRule = { code: 'PROVIDER_REJECTED' };

export function errcodeRule(errcode: number): ErrcodeRule {
  return RULES[errcode] ?? DEFAULT_RULE;
}

/** The ProviderError for a WeCom errcode; `errmsg` is kept in the message (redacted by ApiError). */
export function wecomError(
  errcode: number,
  errmsg: string | undefined,
  operation: string,
): ProviderError {
  const rule = errcodeRule(errcode);
  // WeCom appends "hint: [...], from ip: ..., more info at ..." to errmsg; the first part is the text.
  const text = (errmsg ?? '').split(', hint:')[0]!.slice(0, 200) || 'no errmsg';
  return new ProviderError(rule.code, `WECOM ${operation} failed: ${text} (errcode ${errcode})`, {
    provider: Provider.WECOM,
    providerCode: errcode,
    operation,
    ...(rule.retryAfterSeconds !== undefined ? { retryAfterSeconds: rule.retryAfterSeconds } : {}),
  });
}

/** A WeCom answer we cannot read (not JSON, wrong shape, required fields missing). */
export function responseInvalid(operation: string, what: string): ProviderError {
  return new ProviderError('PROVIDER_RESPONSE_INVALID', `WECOM ${operation}: ${what}`, {
    provider: Provider.WECOM,
    operation,
  });
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ProviderError && error.providerCode === NOT_FOUND_ERRCODE;
}
