import type { Logger } from 'pino';

import type { WecomCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { unreadableAnswer } from '../pipeline/outcomes.js';
import type { Interpretation, ProviderAnswer, ProviderCall } from '../pipeline/provider-call.js';
import { ProviderClient, type CallScope, type Credentials } from '../pipeline/provider-client.js';
import { errcodeRule, wecomError } from './wecom.errors.js';
import { WecomTokenCache, type FetchedToken } from './wecom.token-cache.js';
import type { SharedState } from '../../state/shared-state.js';
import type { WecomGettokenResponse } from './wecom.wire.js';

export interface WecomClientOptions {
  baseUrl: string;
  credentials: WecomCredentials;
  timeoutMs: number;
  /** Provider calls one batch may have in flight (the descriptor's). */
  maxConcurrency?: number;
  log: Logger;
  /** Clock of the token cache (tests). */
  now?: () => number;
  /** The instances' shared state: one token for all of them (docs/scale-out.md). */
  state?: SharedState;
}

/**
 * WeCom on the provider pipeline (src/providers/pipeline/). Its hooks: credentials are
 * `?access_token=` from the process-wide token cache (docs/reference/providers.md §2.1), invalidated when WeCom
 * refuses the token (40014/41001/42001), after which the pipeline refreshes once and sends once
 * more; an answer is WeCom's own error when `errcode` is not 0 — WeCom answers HTTP 200 with
 * `errcode`/`errmsg` (§2.2), and a missing `errcode` means success (seed 003, W-6).
 */
export class WecomClient extends ProviderClient {
  readonly tokens: WecomTokenCache;

  constructor(options: WecomClientOptions) {
    super(
      Provider.WECOM,
      {
        baseUrl: options.baseUrl,
        timeoutMs: options.timeoutMs,
        maxConcurrency: options.maxConcurrency,
      },
      options.log,
    );
    this.tokens = new WecomTokenCache({
      fetchToken: (scope) => this.gettoken(options.credentials, scope),
      log: options.log,
      now: options.now,
      shared: options.state && { state: options.state, ...options.credentials },
    });
  }

  protected authenticate(
    _call: ProviderCall,
    scope: CallScope,
  ): Credentials | Promise<Credentials> {
    const cached = this.tokens.peek();
    if (cached !== undefined) return this.credentials(cached);
    // A fetch it causes is that request's call (its budget, its logger).
    return this.tokens.get(scope).then((token) => this.credentials(token));
  }

  private credentials(token: string): Credentials {
    return {
      searchParams: { access_token: token },
      invalidate: () => this.tokens.invalidate(token),
    };
  }

  protected interpret(answer: ProviderAnswer, call: ProviderCall): Interpretation {
    const body = answer.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return { kind: 'unreadable', why: 'answer is not a JSON object' };
    }
    const { errcode: raw, errmsg } = body as { errcode?: unknown; errmsg?: unknown };
    if (raw === undefined || raw === null) return { kind: 'success', value: body };
    const errcode = Number(raw);
    if (!Number.isInteger(errcode)) return { kind: 'unreadable', why: 'errcode is not a number' };
    if (errcode === 0) return { kind: 'success', value: body };
    const rule = errcodeRule(errcode);
    return {
      kind: 'providerError',
      error: wecomError(errcode, typeof errmsg === 'string' ? errmsg : undefined, call.operation),
      refreshCredentials: rule.refreshToken === true,
      retryRead: rule.retryRead === true,
    };
  }

  /** `GET /cgi-bin/gettoken` (docs/reference/providers.md §2.1); the URL carries the secret: never logged. */
  private async gettoken(
    credentials: WecomCredentials,
    scope: CallScope | undefined,
  ): Promise<FetchedToken> {
    const call: ProviderCall = {
      operation: 'gettoken',
      kind: 'read',
      method: 'GET',
      path: 'cgi-bin/gettoken',
      searchParams: { corpid: credentials.corpId, corpsecret: credentials.corpSecret },
      unauthenticated: true,
    };
    const answer = await this.call<WecomGettokenResponse>(call, scope);
    if (typeof answer.access_token !== 'string' || answer.access_token === '') {
      throw unreadableAnswer(
        { provider: Provider.WECOM, operation: call.operation, kind: call.kind },
        'answer has no access_token',
      );
    }
    const expires = Number(answer.expires_in);
    return {
      token: answer.access_token,
      expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 7200,
    };
  }
}
