import type { BeforeRequestHook, Got, RetryOptions } from 'got';
import type { Logger } from 'pino';

import type { TencentMeetingCredentials } from '../../config/config.types.js';
import { OutcomeUnknownError, ProviderError } from '../../errors/api-errors.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { registerSecret } from '../../util/redact.js';
import {
  closeAgents,
  createProviderHttpClient,
  probeReachable,
  parseJsonBody,
  READ_RETRY,
  transportError,
  writeContext,
} from '../http-client.js';
import { tencentError, tencentErrorInfo } from './tencent-meeting.errors.js';
import { sdkStyleNonce, signRequest } from './tencent-meeting.signature.js';

export interface TencentMeetingClientOptions {
  baseUrl: string;
  credentials: TencentMeetingCredentials;
  timeoutMs: number;
  /** Clock for X-TC-Timestamp (tests may skew it). */
  now?: () => number;
}

export interface TencentCall {
  /** Domain operation, for errors and logs (e.g. `scheduleMeeting`). */
  operation: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path without a leading slash, e.g. `v1/meetings/123`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** A create or cancel: never retried; a lost answer is OUTCOME_UNKNOWN. */
  unsafe: boolean;
}

const PROVIDER = Provider.TENCENT_MEETING;

/**
 * Reads retry on 5xx and timeouts, but not on a 5xx that carries a Tencent `error_info`: the
 * docs answer service errors such as 9003 (not found) or 9007 with HTTP 500 (providers.md
 * §1.2/§1.4), and asking again changes nothing. Tencent's own "network error" 960000 is retried.
 */
const TENCENT_READ_RETRY: Partial<RetryOptions> = {
  ...READ_RETRY,
  calculateDelay: (retry) => {
    const info = tencentErrorInfo(parseJsonBody(String(retry.error.response?.body ?? '')));
    if (info && info.code !== 960000) return 0;
    return READ_RETRY.calculateDelay!(retry);
  },
};

/**
 * The Tencent HTTP client, built ONCE per process (STYLE habit 2): the shared got instance
 * (keep-alive, timeouts, no retries) extended with a `beforeRequest` hook that signs each
 * attempt over the exact bytes sent (providers.md §1.1): the URL got is about to request
 * (path + raw query) and the body string, serialised once by `call`. Every attempt gets a
 * fresh timestamp and nonce, so a retried read is never a replay (190301).
 */
export class TencentMeetingClient {
  private readonly http: Got;

  constructor(options: TencentMeetingClientOptions) {
    const { credentials } = options;
    registerSecret(credentials.secretKey);
    registerSecret(credentials.secretId);
    const now = options.now ?? Date.now;
    this.http = createProviderHttpClient({
      provider: PROVIDER,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
    }).extend({
      hooks: {
        beforeRequest: [(request) => signHook(request, credentials, now)],
      },
    });
  }

  /** Sends one call; returns the parsed 2xx body or throws our error family. */
  async call(call: TencentCall, log?: Logger): Promise<unknown> {
    const query = call.query ? new URLSearchParams(call.query).toString() : '';
    const url = query ? `${call.path}?${query}` : call.path;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    let response;
    try {
      response = await this.http(url, {
        method: call.method,
        ...(body !== undefined
          ? { body, headers: { 'content-type': 'application/json; charset=utf-8' } }
          : {}),
        retry: call.unsafe ? { limit: 0 } : TENCENT_READ_RETRY,
        ...writeContext(call.unsafe),
        responseType: 'text',
      });
    } catch (error) {
      log?.warn(
        { provider: PROVIDER, operation: call.operation, code: (error as { code?: string }).code },
        'provider call failed',
      );
      throw transportError(error, {
        provider: PROVIDER,
        operation: call.operation,
        unsafe: call.unsafe,
      });
    }
    const status = response.statusCode;
    log?.debug(
      { provider: PROVIDER, operation: call.operation, status, retries: response.retryCount },
      'provider call',
    );
    const parsed = parseJsonBody(response.body);
    if (status >= 200 && status < 300) {
      if (parsed === undefined) {
        if (call.unsafe) {
          throw new OutcomeUnknownError({
            provider: PROVIDER,
            operation: call.operation,
            cause: 'answer is not JSON',
          });
        }
        throw new ProviderError(
          'PROVIDER_RESPONSE_INVALID',
          `${PROVIDER} ${call.operation}: answer is not JSON`,
          {
            provider: PROVIDER,
            operation: call.operation,
          },
        );
      }
      return parsed;
    }
    const retryAfter = Number(response.headers['retry-after']);
    throw tencentError(status, parsed, {
      operation: call.operation,
      unsafe: call.unsafe,
      ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
    });
  }

  /** Any HTTP answer from the base URL within ~2 s, no auth (for /readyz). Never throws. */
  isReachable(): Promise<boolean> {
    return probeReachable(this.http);
  }

  /** Drops the keep-alive sockets (at shutdown). */
  close(): void {
    closeAgents(this.http);
  }
}

/**
 * Signs the request got is about to send. Header names use the documented spelling (the docs
 * say custom header names are case-sensitive: providers.md §1.1); `SdkId` is omitted when none
 * was issued (190303 otherwise) and `X-TC-Registered: 1` is sent as the SDKs do (webinars need it).
 */
function signHook(
  request: Parameters<BeforeRequestHook>[0],
  credentials: TencentMeetingCredentials,
  now: () => number,
): void {
  const url = request.url as URL;
  const body = typeof request.body === 'string' ? request.body : '';
  const ms = now();
  const timestamp = String(Math.floor(ms / 1000));
  const nonce = sdkStyleNonce(ms);
  const signature = signRequest(credentials.secretKey, {
    method: request.method,
    secretId: credentials.secretId,
    nonce,
    timestamp,
    uri: `${url.pathname}${url.search}`,
    body,
  });
  const headers = request.headers as Record<string, string | undefined>;
  headers['X-TC-Key'] = credentials.secretId;
  headers['X-TC-Timestamp'] = timestamp;
  headers['X-TC-Nonce'] = nonce;
  headers['X-TC-Signature'] = signature;
  headers['AppId'] = credentials.appId;
  if (credentials.sdkId) headers['SdkId'] = credentials.sdkId;
  headers['X-TC-Registered'] = '1';
}
