import type { Got, Response } from 'got';
import type { Logger } from 'pino';

import type { WecomCredentials } from '../../config/config.types.js';
import { OutcomeUnknownError, ProviderError } from '../../errors/api-errors.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { parseJsonBody, READ_RETRY, transportError, writeContext } from '../http-client.js';
import { errcodeRule, responseInvalid, wecomError } from './wecom.errors.js';
import { WecomTokenCache, type FetchedToken } from './wecom.token-cache.js';
import type { WecomEnvelope, WecomGettokenResponse } from './wecom.wire.js';

/** Extra attempts for a read that WeCom calls busy (-1) or rate-limited (§2.2: at most 3 in all). */
const MAX_TRANSIENT_RETRIES = 2;
const TRANSIENT_BACKOFF_MS = 100;

export interface WecomCallOptions {
  /** Our name of the call, for errors and logs (never the URL: it carries the token). */
  operation: string;
  /** Path under the base URL, e.g. `cgi-bin/meeting/webinar/get`. */
  path: string;
  body: object;
  /** A read: may be retried. Creates, updates and cancels are not (no idempotency key). */
  safe: boolean;
  log: Logger;
}

/**
 * WeCom's RPC over HTTP, built once per module (STYLE habit 2): every business call is a POST with
 * `?access_token=` from the shared token cache. The answer is HTTP 200 with `errcode` (0 or
 * missing = success, W-6). On 40014/41001/42001 the token is refreshed once and the call retried
 * once — never a loop (got's docs warn about refresh loops). Busy/rate-limit answers are retried
 * on reads only.
 */
export class WecomClient {
  readonly tokens: WecomTokenCache;

  constructor(
    private readonly http: Got,
    credentials: WecomCredentials,
    log: Logger,
    options: { now?: () => number } = {},
  ) {
    this.tokens = new WecomTokenCache({
      fetchToken: () => this.gettoken(credentials, log),
      log,
      now: options.now,
    });
  }

  async call<T extends WecomEnvelope>(options: WecomCallOptions): Promise<T> {
    const { operation, path, body, safe, log } = options;
    let refreshed = false;
    let transientRetries = 0;
    for (;;) {
      const token = await this.tokens.get();
      const started = Date.now();
      const answer = await this.exchange(operation, safe, () =>
        this.http.post(path, {
          searchParams: { access_token: token },
          json: body,
          retry: safe ? READ_RETRY : { limit: 0 },
          ...writeContext(!safe),
        }),
      );
      const errcode = readErrcode(answer, operation, safe);
      log.debug({ operation, errcode, ms: Date.now() - started }, 'wecom call');
      if (errcode === 0) return answer as T;
      const rule = errcodeRule(errcode);
      if (rule.refreshToken && !refreshed) {
        // A call refused for its token was not applied, so even a create may go again, once.
        refreshed = true;
        this.tokens.invalidate(token);
        log.info({ operation, errcode }, 'wecom access token refused; refreshing it once');
        continue;
      }
      if (rule.retryRead && safe && transientRetries < MAX_TRANSIENT_RETRIES) {
        transientRetries += 1;
        await delay(TRANSIENT_BACKOFF_MS * 2 ** (transientRetries - 1));
        continue;
      }
      throw wecomError(errcode, answer.errmsg, operation);
    }
  }

  /** `GET /cgi-bin/gettoken` (providers.md §2.1); the URL carries the secret: never logged. */
  private async gettoken(credentials: WecomCredentials, log: Logger): Promise<FetchedToken> {
    const operation = 'gettoken';
    for (let transientRetries = 0; ; transientRetries += 1) {
      const answer: WecomGettokenResponse = await this.exchange(operation, true, () =>
        this.http.get('cgi-bin/gettoken', {
          searchParams: { corpid: credentials.corpId, corpsecret: credentials.corpSecret },
          retry: READ_RETRY,
        }),
      );
      const errcode = readErrcode(answer, operation, true);
      if (errcode === 0) {
        if (typeof answer.access_token !== 'string' || answer.access_token === '') {
          throw responseInvalid(operation, 'answer has no access_token');
        }
        const expires = Number(answer.expires_in);
        return {
          token: answer.access_token,
          expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 7200,
        };
      }
      if (errcodeRule(errcode).retryRead && transientRetries < MAX_TRANSIENT_RETRIES) {
        await delay(TRANSIENT_BACKOFF_MS * 2 ** transientRetries);
        continue;
      }
      log.warn({ operation, errcode }, 'wecom gettoken refused');
      throw wecomError(errcode, answer.errmsg, operation);
    }
  }

  /** One HTTP exchange → the parsed JSON object, or our error for anything that is not one. */
  private async exchange(
    operation: string,
    safe: boolean,
    send: () => Promise<Response<string>>,
  ): Promise<WecomEnvelope & Record<string, unknown>> {
    let response: Response<string>;
    try {
      response = await send();
    } catch (error) {
      throw transportError(error, { provider: Provider.WECOM, operation, unsafe: !safe });
    }
    const status = response.statusCode;
    if (status >= 500) {
      // WeCom itself always answers 200 (§2.2): a 5xx is a gateway in front of it. For a create
      // or cancel we cannot know whether it got through.
      if (!safe) {
        throw new OutcomeUnknownError({
          provider: Provider.WECOM,
          operation,
          cause: `HTTP ${status}`,
        });
      }
      throw new ProviderError('PROVIDER_UNAVAILABLE', `WECOM ${operation}: HTTP ${status}`, {
        provider: Provider.WECOM,
        operation,
      });
    }
    if (status === 429) {
      throw new ProviderError('PROVIDER_RATE_LIMITED', `WECOM ${operation}: HTTP 429`, {
        provider: Provider.WECOM,
        operation,
      });
    }
    if (status < 200 || status >= 300) {
      throw new ProviderError('PROVIDER_REJECTED', `WECOM ${operation}: HTTP ${status}`, {
        provider: Provider.WECOM,
        operation,
      });
    }
    const parsed = parseJsonBody(response.body);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      if (!safe) {
        throw new OutcomeUnknownError({
          provider: Provider.WECOM,
          operation,
          cause: 'unreadable answer',
        });
      }
      throw responseInvalid(operation, 'answer is not a JSON object');
    }
    return parsed as WecomEnvelope & Record<string, unknown>;
  }
}

/** `errcode` as a number; missing means success (seed 003 omits it, W-6). */
function readErrcode(answer: WecomEnvelope, operation: string, safe: boolean): number {
  if (answer.errcode === undefined || answer.errcode === null) return 0;
  const errcode = Number(answer.errcode);
  if (!Number.isInteger(errcode)) {
    if (!safe) {
      throw new OutcomeUnknownError({
        provider: Provider.WECOM,
        operation,
        cause: 'unreadable errcode',
      });
    }
    throw responseInvalid(operation, 'errcode is not a number');
  }
  return errcode;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
