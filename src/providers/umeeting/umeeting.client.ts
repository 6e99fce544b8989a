import type { Got } from 'got';

import type { UmeetingCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { registerSecret } from '../../util/redact.js';
import {
  READ_RETRY,
  closeAgents,
  createProviderHttpClient,
  probeReachable,
  parseJsonBody,
  transportError,
  writeContext,
} from '../http-client.js';
import {
  errorFromHttp,
  errorFromStatus,
  invalidResponse,
  parseRetryAfter,
  type UmeetingErrorContext,
} from './umeeting.errors.js';
import type { UmeetingEnvelope, UmeetingForm } from './umeeting.wire.js';

export interface UmeetingClientOptions {
  baseUrl: string;
  credentials: UmeetingCredentials;
  timeoutMs: number;
}

export interface UmeetingCall {
  /** Domain operation name, for errors and logs (e.g. `scheduleMeeting`). */
  operation: string;
  /** Path under the base URL, e.g. `umeeting/share/get`. */
  path: string;
  form: UmeetingForm;
  /** Creates and cancels: never retried, and an unreadable answer is OUTCOME_UNKNOWN. */
  unsafe: boolean;
}

export interface UmeetingCallResult {
  data: unknown;
  httpStatus: number;
}

/**
 * The umeeting HTTP client, built once per module (STYLE habit 2). Every call is a form POST with
 * `api_key` + `api_secret` in the body (providers.md §3.1); the body `status` decides success.
 * Reads retry (they are POSTs, so the retry policy is per call, not per verb); creates and
 * cancels never do. The form is never logged and never copied into an error: it holds the
 * secret (§3.4 U-15).
 */
export class UmeetingClient {
  private readonly http: Got;
  private readonly credentials: UmeetingCredentials;

  constructor(options: UmeetingClientOptions) {
    this.credentials = { ...options.credentials };
    registerSecret(this.credentials.apiSecret);
    registerSecret(this.credentials.apiKey);
    this.http = createProviderHttpClient({
      provider: Provider.UMEETING,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
    });
  }

  /** Sends one call; returns `data` of a `status: 200` answer or throws one of our errors. */
  async call(call: UmeetingCall): Promise<UmeetingCallResult> {
    const ctx: UmeetingErrorContext = { operation: call.operation, unsafe: call.unsafe };
    let response;
    try {
      response = await this.http.post(call.path, {
        form: {
          ...call.form,
          api_key: this.credentials.apiKey,
          api_secret: this.credentials.apiSecret,
        },
        responseType: 'text',
        retry: call.unsafe ? { limit: 0 } : READ_RETRY,
        ...writeContext(call.unsafe),
      });
    } catch (error) {
      throw transportError(error, {
        provider: Provider.UMEETING,
        operation: call.operation,
        unsafe: call.unsafe,
      });
    }
    const httpStatus = response.statusCode;
    const retryAfter = parseRetryAfter(response.headers['retry-after']);
    const parsed = parseJsonBody(response.body) as UmeetingEnvelope | undefined;
    const envelope =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
    const hasStatus =
      envelope !== undefined && envelope.status !== undefined && envelope.status !== null;

    if (httpStatus === 429 || httpStatus >= 500) throw errorFromHttp(httpStatus, ctx, retryAfter);
    // umeeting answers its own errors with a body `status` (providers.md §3.1); any other non-2xx
    // HTTP status is not an umeeting answer (a wrong base URL, a proxy), so a 404 there must not
    // read as "no such meeting".
    if (httpStatus < 200 || httpStatus >= 300) throw errorFromHttp(httpStatus, ctx, retryAfter);
    if (!hasStatus) {
      throw invalidResponse(ctx, envelope ? 'the answer has no status' : 'the answer is not JSON');
    }
    const status = envelope.status!;
    if (Number(status) !== 200) throw errorFromStatus(status, envelope.message, ctx, retryAfter);
    return { data: envelope.data, httpStatus };
  }

  /** Whether anything answers at the base URL (any HTTP status), within ~2 s; never throws. */
  ping(): Promise<boolean> {
    return probeReachable(this.http);
  }

  /** Drops the keep-alive sockets. */
  close(): void {
    closeAgents(this.http);
  }
}
