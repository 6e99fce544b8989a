import type { Logger } from 'pino';

import type { UmeetingCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { Interpretation, ProviderAnswer, ProviderCall } from '../pipeline/provider-call.js';
import { ProviderClient, type Credentials } from '../pipeline/provider-client.js';
import { errorFromStatus, UMEETING_TRANSIENT_STATUSES } from './umeeting.errors.js';
import type { UmeetingEnvelope } from './umeeting.wire.js';

export interface UmeetingClientOptions {
  baseUrl: string;
  credentials: UmeetingCredentials;
  timeoutMs: number;
  /** Provider calls one batch may have in flight (the descriptor's). */
  maxConcurrency?: number;
  log?: Logger;
}

/**
 * umeeting on the provider pipeline (src/providers/pipeline/). Its hooks: credentials are
 * `api_key` + `api_secret` in every form (docs/reference/providers.md §3.1; the form is never logged, it holds
 * the secret, §3.4 U-15); an answer is umeeting's when it is a 2xx `{status, message, data}`, a
 * success when `status` is 200, and its value is `data`. A non-2xx HTTP answer is not umeeting's
 * own (a wrong base URL, a proxy): a 404 there must not read as "no such meeting".
 */
export class UmeetingClient extends ProviderClient {
  private readonly credentials: UmeetingCredentials;

  constructor(options: UmeetingClientOptions) {
    super(
      Provider.UMEETING,
      {
        baseUrl: options.baseUrl,
        timeoutMs: options.timeoutMs,
        maxConcurrency: options.maxConcurrency,
      },
      options.log ?? silentLogger,
    );
    this.credentials = { ...options.credentials };
  }

  protected authenticate(): Credentials {
    return { form: { api_key: this.credentials.apiKey, api_secret: this.credentials.apiSecret } };
  }

  protected interpret(answer: ProviderAnswer, call: ProviderCall): Interpretation {
    const envelope = answer.body as UmeetingEnvelope | undefined;
    // umeeting's statuses are HTTP-like (its own table, umeeting.errors.ts); a 429 or 5xx is
    // read through that table whatever the body. Any other non-2xx is not umeeting's answer.
    if (answer.status === 429 || answer.status >= 500) {
      return {
        kind: 'providerError',
        error: errorFromStatus(
          answer.status,
          envelope?.message,
          call.operation,
          answer.retryAfterSeconds,
        ),
        retryRead: UMEETING_TRANSIENT_STATUSES.has(answer.status),
      };
    }
    if (answer.status < 200 || answer.status >= 300) {
      return { kind: 'unreadable', why: `HTTP ${answer.status}` };
    }
    if (!envelope || typeof envelope !== 'object' || Array.isArray(envelope)) {
      return { kind: 'unreadable', why: 'the answer is not JSON' };
    }
    if (envelope.status === undefined || envelope.status === null) {
      return { kind: 'unreadable', why: 'the answer has no status' };
    }
    const status = Number(envelope.status);
    if (status === 200) return { kind: 'success', value: envelope.data };
    return {
      kind: 'providerError',
      error: errorFromStatus(
        envelope.status,
        envelope.message,
        call.operation,
        answer.retryAfterSeconds,
      ),
      retryRead: UMEETING_TRANSIENT_STATUSES.has(status),
    };
  }
}

const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
} as unknown as Logger;
