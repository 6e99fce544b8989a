import type { BeforeRequestHook } from 'got';
import type { Logger } from 'pino';

import type { TencentMeetingCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { Interpretation, ProviderAnswer, ProviderCall } from '../pipeline/provider-call.js';
import { ProviderClient, type Credentials } from '../pipeline/provider-client.js';
import {
  TENCENT_TRANSIENT_CODES,
  tencentError,
  tencentErrorInfo,
} from './tencent-meeting.errors.js';
import { sdkStyleNonce, signRequest } from './tencent-meeting.signature.js';

export interface TencentMeetingClientOptions {
  baseUrl: string;
  credentials: TencentMeetingCredentials;
  timeoutMs: number;
  /** Provider calls one batch may have in flight (the descriptor's). */
  maxConcurrency?: number;
  /** Clock for X-TC-Timestamp (tests may skew it). */
  now?: () => number;
  log?: Logger;
}

/**
 * Tencent Meeting on the provider pipeline (src/providers/pipeline/). Its hooks: credentials are
 * a signature over the exact bytes sent (docs/reference/providers.md §1.1), made in a got `beforeRequest` hook
 * for every attempt (fresh timestamp and nonce, so a retried read is never a replay, 190301);
 * an answer is Tencent's own error when it carries `error_info`, whatever its HTTP status.
 */
export class TencentMeetingClient extends ProviderClient {
  constructor(options: TencentMeetingClientOptions) {
    const { credentials } = options;
    const now = options.now ?? Date.now;
    super(
      Provider.TENCENT_MEETING,
      {
        baseUrl: options.baseUrl,
        timeoutMs: options.timeoutMs,
        maxConcurrency: options.maxConcurrency,
      },
      options.log ?? silentLogger,
      { hooks: { beforeRequest: [(request) => signHook(request, credentials, now)] } },
    );
  }

  /** The signature is added by the got hook, over the bytes got sends. */
  protected authenticate(): Credentials {
    return {};
  }

  protected interpret(answer: ProviderAnswer, call: ProviderCall): Interpretation {
    const info = tencentErrorInfo(answer.body);
    if (info) {
      return {
        kind: 'providerError',
        error: tencentError(info, call.operation, answer.retryAfterSeconds),
        retryRead: TENCENT_TRANSIENT_CODES.has(info.code),
      };
    }
    if (answer.body !== null && typeof answer.body === 'object') {
      return { kind: 'success', value: answer.body };
    }
    return { kind: 'unreadable', why: 'answer is not JSON' };
  }
}

/** For a client built without a logger (tests): the data sources pass the request's logger. */
const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
} as unknown as Logger;

/**
 * Signs the request got is about to send. Header names use the documented spelling (the docs
 * say custom header names are case-sensitive: docs/reference/providers.md §1.1); `SdkId` is omitted when none
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
