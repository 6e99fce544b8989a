import type { Got, OptionsInit, OptionsOfTextResponseBody, Response } from 'got';
import type { Logger } from 'pino';

import { ApiError } from '../../errors/api-errors.js';
import type { QuotaGovernor } from '../../quota/quota-governor.js';
import type { Provider } from '../../schema/enums/provider.enum.js';
import type { UpstreamScope } from '../../server/limits/upstream-budget.js';
import { Metrics, withLabel } from '../../telemetry/metrics.js';
import { Tracing } from '../../telemetry/tracing.js';
import {
  closeAgents,
  createProviderHttpClient,
  probeReachable,
  type ProviderHttpClientOptions,
} from '../http-client.js';
import {
  errorFromHttpStatus,
  providerErrorFor,
  transportFailure,
  unreadableAnswer,
} from './outcomes.js';
import type { Interpretation, ProviderAnswer, ProviderCall } from './provider-call.js';
import { parseRetryAfter } from './retry-after.js';

/** What `authenticate` adds to a request, and how to take it back when the provider refuses it. */
export interface Credentials {
  searchParams?: Record<string, string>;
  form?: Record<string, string>;
  /** The provider refused these credentials: forget them so the next call gets fresh ones. */
  invalidate?: () => void;
}

/**
 * Whom a call is made for: the request's logger (it carries the request id) and, inside a GraphQL
 * request, its upstream scope (budget, telemetry, mutation). A data source passes its own
 * `RequestScope`; calls outside a request (probes, tests) pass none.
 */
export interface CallScope {
  log: Logger;
  upstream?: UpstreamScope;
}

/** A read is sent at most this many times (WeCom §2.2 allows 3 attempts in all). */
const MAX_READ_ATTEMPTS = 3;
const BACKOFF_MS = 50;
/** Enough for a page of ids, gentle on Tencent's 300 calls/min app limit (docs/reference/providers.md §1.6). */
const DEFAULT_MAX_CONCURRENCY = 8;

/**
 * THE provider call pipeline (issue 10), after datasource-rest's RESTDataSource: one base owns
 * send → transport failure → parse → error detection → error table → write safety →
 * Retry-After → retries → logging. A provider supplies hooks only:
 *
 * - `authenticate(call)`: its credentials (a WeCom token, umeeting's form key/secret; Tencent
 *   signs in a got `beforeRequest` hook over the exact bytes sent, see its client);
 * - `interpret(answer, call)`: whether the body is its success answer, its own error answer
 *   (mapped through its error table, saying whether credentials should be refreshed or a read
 *   retried), or not an answer of it at all.
 *
 * The rules every provider then follows:
 * - a read is retried (at most 3 attempts, short back-off) on a retryable transport failure, a
 *   5xx that is not the provider's own error, and a provider error marked transient;
 * - a write is sent exactly once; when its outcome cannot be learned it is OUTCOME_UNKNOWN;
 * - refused credentials are refreshed once and the call sent once more (a refused call was not
 *   applied, so even a write may go again), never in a loop;
 * - every HTTP attempt counts against the request's upstream budget (`UpstreamScope`), and first
 *   takes a token from the provider app's quota governor when one is wired (src/quota/): past
 *   the budget it is not sent (PROVIDER_RATE_LIMITED, computed locally).
 */
export abstract class ProviderClient {
  protected readonly http: Got;
  /** Provider calls one batch may have in flight (its descriptor's limit). */
  readonly maxConcurrency: number;
  /** The app's quota (src/quota/), shared by every instance; none: calls are not governed. */
  private governor: QuotaGovernor | undefined;

  protected constructor(
    readonly provider: Provider,
    options: Omit<ProviderHttpClientOptions, 'provider'> & { maxConcurrency?: number },
    /**
     * The module's logger. Calls log on the request's logger instead; both already name the
     * provider (a data source's logger is a child with `provider`), so lines never repeat it.
     */
    protected readonly log: Logger,
    extend: OptionsInit = {},
  ) {
    this.http = createProviderHttpClient({ ...options, provider }).extend(extend);
    this.maxConcurrency = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  }

  /**
   * Governs every later attempt by `governor` (assembleModule wires it, from the module's shared
   * state and its `<PREFIX>_RATE_LIMIT_PER_MINUTE`): one place for every provider.
   */
  useQuota(governor: QuotaGovernor): void {
    this.governor = governor;
  }

  /** `scope`: whom the call is for (a WeCom token fetch it causes is counted against it). */
  protected abstract authenticate(
    call: ProviderCall,
    scope: CallScope,
  ): Promise<Credentials> | Credentials;

  protected abstract interpret(answer: ProviderAnswer, call: ProviderCall): Interpretation;

  /**
   * Sends one call and answers what `interpret` calls its value, or throws our error family.
   * `scope`: whom it is made for (the request's logger and upstream scope).
   */
  async call<T = unknown>(call: ProviderCall, scope?: CallScope): Promise<T> {
    const where = { provider: this.provider, operation: call.operation, kind: call.kind };
    const started = performance.now();
    // Metrics and spans, once here for every provider (docs/operations.md "Metrics and tracing"):
    // the server's telemetry rides the request's upstream scope, as the budget does.
    const upstream = scope?.upstream;
    const telemetry = upstream?.telemetry;
    let outcome = 'ok';
    try {
      return await this.send<T>(call, scope?.log ?? this.log, where, started, upstream);
    } catch (error) {
      outcome = error instanceof ApiError ? Metrics.outcome(error.code) : 'INTERNAL';
      throw error;
    } finally {
      telemetry?.telemetry.metrics.recordProviderCall(
        where,
        outcome,
        (performance.now() - started) / 1000,
        call.unauthenticated === true,
      );
    }
  }

  /** The attempt loop of `call`: credentials, retries, refreshes, logging. */
  private async send<T>(
    call: ProviderCall,
    log: Logger,
    where: { provider: Provider; operation: string; kind: ProviderCall['kind'] },
    started: number,
    upstream: UpstreamScope | undefined,
  ): Promise<T> {
    const telemetry = upstream?.telemetry;
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      // Before credentials: a WeCom token fetch is a call of its own, governed on its own.
      try {
        // No promise when the buckets are in this process (the quota governor's admitNow).
        const admitting = this.governor?.admitNow(
          upstream?.mutation ? { ...call, forMutation: true } : call,
        );
        if (admitting) await admitting;
      } catch (refusal) {
        telemetry?.telemetry.metrics.quotaRefusals.inc(where);
        log.debug({ operation: call.operation, attempt }, 'provider call not sent: quota spent');
        throw refusal;
      }
      // Awaited only when it is a promise (a WeCom token being fetched): the cached case is sync.
      const authenticating = call.unauthenticated ? {} : this.authenticate(call, { log, upstream });
      const credentials = authenticating instanceof Promise ? await authenticating : authenticating;
      // Every HTTP attempt counts against the request's upstream budget, token fetches and
      // retries included; the one that would pass it is refused here, before it is sent.
      upstream?.budget.spend(call.kind);
      const traced = telemetry?.telemetry.tracing.startAttempt(
        telemetry.traceContext,
        where,
        attempt,
      );
      const outcome = await this.attempt(call, credentials, where, traced?.headers ?? {});
      const attemptOutcome = outcome.ok ? 'ok' : Metrics.outcome(outcome.error.code);
      if (traced) Tracing.end(traced.span, 'provider.call.outcome', attemptOutcome);
      telemetry?.telemetry.metrics.providerAttempts.inc(
        withLabel(where, 'outcome', attemptOutcome),
      );
      const canRetryRead = call.kind === 'read' && attempt < MAX_READ_ATTEMPTS;
      if (outcome.ok) {
        log.debug(
          {
            operation: call.operation,
            kind: call.kind,
            attempts: attempt,
            ms: elapsed(started),
          },
          'provider call',
        );
        return outcome.value as T;
      }
      if (outcome.refreshCredentials && !refreshed && credentials.invalidate) {
        refreshed = true;
        credentials.invalidate();
        telemetry?.telemetry.metrics.providerRetries.inc(withLabel(where, 'reason', 'credentials'));
        log.info({ operation: call.operation }, 'credentials refused; refreshing them once');
        continue;
      }
      if (outcome.retry && canRetryRead) {
        telemetry?.telemetry.metrics.providerRetries.inc(withLabel(where, 'reason', 'transient'));
        await delay(BACKOFF_MS * 2 ** (attempt - 1));
        continue;
      }
      log.warn(
        {
          operation: call.operation,
          kind: call.kind,
          attempts: attempt,
          ms: elapsed(started),
          code: outcome.error.code,
          providerCode: outcome.error.extensions.providerCode ?? null,
        },
        'provider call failed',
      );
      throw outcome.error;
    }
  }

  /** One HTTP exchange and what it means. */
  private async attempt(
    call: ProviderCall,
    credentials: Credentials,
    where: { provider: Provider; operation: string; kind: ProviderCall['kind'] },
    /** `traceparent` (and `tracestate`) of this attempt's span; never a secret. */
    traceHeaders: Record<string, string>,
  ): Promise<
    | { ok: true; value: unknown }
    | { ok: false; error: ApiError; retry: boolean; refreshCredentials?: boolean }
  > {
    let response: Response<string>;
    try {
      response = await this.http(call.path, requestOptions(call, credentials, traceHeaders));
    } catch (error) {
      const failure = transportFailure(error, where);
      return { ok: false, error: failure.error, retry: failure.retry };
    }
    const status = response.statusCode;
    const answer: ProviderAnswer = {
      status,
      body: parseJson(response.body),
      retryAfterSeconds: parseRetryAfter(response.headers['retry-after']),
    };
    const meaning = this.interpret(answer, call);
    if (meaning.kind === 'providerError') {
      return {
        ok: false,
        error: providerErrorFor(meaning.error, where),
        retry: meaning.retryRead === true,
        refreshCredentials: meaning.refreshCredentials,
      };
    }
    if (status < 200 || status >= 300) {
      return {
        ok: false,
        error: errorFromHttpStatus(status, where, answer.retryAfterSeconds),
        retry: status >= 500,
      };
    }
    if (meaning.kind === 'unreadable') {
      return { ok: false, error: unreadableAnswer(where, meaning.why), retry: false };
    }
    return { ok: true, value: meaning.value };
  }

  /** Whether anything answers at the base URL (any HTTP status) within ~2 s; for /readyz. */
  isReachable(): Promise<boolean> {
    return probeReachable(this.http);
  }

  /** Drops the keep-alive sockets (at shutdown). */
  close(): void {
    closeAgents(this.http);
  }
}

/**
 * got's options for one attempt: the call's query and body with the credentials merged in, and
 * the trace headers. No per-call `retry`/`responseType`: the instance's defaults (no got retries,
 * text) hold, and each option given here is merged again on every call. Built with
 * `Object.assign`, not spreads: on Node 20 a spread followed by keys its source lacks costs
 * ~1 µs, and this ran four of them per attempt (docs/performance.md "Round 4").
 */
export function requestOptions(
  call: ProviderCall,
  credentials: Credentials,
  /** `traceparent` (and `tracestate`) of this attempt's span; never a secret. */
  traceHeaders: Record<string, string>,
): OptionsOfTextResponseBody {
  const options: OptionsOfTextResponseBody = { method: call.method };
  if (call.searchParams !== undefined || credentials.searchParams !== undefined) {
    const params = Object.assign({}, call.searchParams, credentials.searchParams);
    if (Object.keys(params).length > 0) options.searchParams = params;
  }
  let headers: Record<string, string> | undefined =
    Object.keys(traceHeaders).length > 0 ? Object.assign({}, traceHeaders) : undefined;
  if (call.form !== undefined) {
    options.form = Object.assign({}, call.form, credentials.form);
  } else if (call.json !== undefined) {
    options.body = JSON.stringify(call.json);
    (headers ??= {})['content-type'] = 'application/json; charset=utf-8';
  }
  if (headers) options.headers = headers;
  return options;
}

/** A JSON body, or undefined when it is not JSON. Provider ids that exceed 2^53 come quoted. */
function parseJson(body: string): unknown {
  // An empty success answer (Tencent's cancel) is not an error. A test, not `trim()`: that would
  // copy every answer.
  if (!/\S/.test(body)) return {};
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
