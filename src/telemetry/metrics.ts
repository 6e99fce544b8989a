import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

import { TalliedCounter } from './tallied-counter.js';
import { TalliedHistogram } from './tallied-histogram.js';

/** GraphQL operation names kept as label values; past this many, new names count as `other`. */
export const MAX_OPERATION_NAMES = 100;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Our error codes (and Apollo's) are SCREAMING_SNAKE; anything else is not a label value. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
/** Seconds; provider calls and GraphQL requests both sit between ~1 ms and the 10 s timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type ProviderLabels = 'provider' | 'operation' | 'kind';

/**
 * A provider call's labels plus one more, written out: `{ ...where, outcome }` costs ~1 µs on
 * Node 20 (a spread followed by a property the source lacks leaves V8's fast path; measured,
 * docs/performance.md "Round 4"), and this runs two or three times per provider call.
 */
export function withLabel<K extends string>(
  where: Readonly<Record<ProviderLabels, string>>,
  name: K,
  value: string,
): Record<ProviderLabels | K, string> {
  const labels = { provider: where.provider, operation: where.operation, kind: where.kind };
  (labels as Record<string, string>)[name] = value;
  return labels as Record<ProviderLabels | K, string>;
}

/**
 * The Prometheus metrics of one server (docs/operations.md "Metrics and tracing"), in a registry
 * of its own, not prom-client's global one: tests run several servers in one process. Every
 * label value is bounded: provider and operation names come from code, outcomes are error
 * codes, and GraphQL operation names (client text) pass `operationLabel`.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly graphqlRequests = new TalliedCounter({
    name: 'meeting_api_graphql_requests_total',
    help: 'GraphQL requests, by operation name and outcome (ok, or the first error code).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly graphqlDuration = new TalliedHistogram({
    name: 'meeting_api_graphql_request_duration_seconds',
    help: 'GraphQL request latency, by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly operationLimitRefusals = new Counter({
    name: 'meeting_api_operation_limit_refusals_total',
    help: 'GraphQL requests refused by an operation limit, by code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly providerCalls = new TalliedCounter({
    name: 'meeting_api_provider_calls_total',
    help: 'Provider calls (retries and credential refreshes included in one call), by outcome.',
    labelNames: ['provider', 'operation', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly providerDuration = new TalliedHistogram({
    name: 'meeting_api_provider_call_duration_seconds',
    help: 'Provider call latency, all attempts and back-off included.',
    labelNames: ['provider', 'operation', 'kind', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly providerAttempts = new TalliedCounter({
    name: 'meeting_api_provider_attempts_total',
    help: 'HTTP attempts of provider calls, by outcome of the attempt.',
    labelNames: ['provider', 'operation', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly providerRetries = new Counter({
    name: 'meeting_api_provider_retries_total',
    help: 'Provider attempts sent again: reason transient (a read retried) or credentials (refreshed once).',
    labelNames: ['provider', 'operation', 'kind', 'reason'] as const,
    registers: [this.registry],
  });
  readonly outcomeUnknown = new Counter({
    name: 'meeting_api_provider_outcome_unknown_total',
    help: 'Provider writes whose outcome could not be learned (OUTCOME_UNKNOWN).',
    labelNames: ['provider', 'operation'] as const,
    registers: [this.registry],
  });
  readonly tokenFetches = new Counter({
    name: 'meeting_api_provider_token_fetches_total',
    help: 'Access-token fetches (WeCom gettoken), by outcome.',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly readCacheLookups = new Counter({
    name: 'meeting_api_read_cache_lookups_total',
    help: 'Read-cache lookups (src/cache/), by kind and outcome: hit, miss (a provider read), coalesced (joined another read), stale (served past its TTL: the quota said no).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly quotaRefusals = new Counter({
    name: 'meeting_api_quota_refusals_total',
    help: 'Provider calls not sent because the app quota (src/quota/) was spent, by provider and call kind.',
    labelNames: ['provider', 'operation', 'kind'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * A bounded label for a client-chosen operation name: the name when it is a plain GraphQL name
   * of at most 64 characters, else `anonymous`; past MAX_OPERATION_NAMES distinct names, `other`.
   */
  operationLabel(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** `ok`, or a bounded error code. */
  static outcome(code: unknown): string {
    if (code === undefined) return 'ok';
    return typeof code === 'string' && ERROR_CODE.test(code) ? code : 'UNKNOWN';
  }

  /** One finished provider call (pipeline/provider-client.ts). */
  recordProviderCall(
    where: Record<ProviderLabels, string>,
    outcome: string,
    seconds: number,
    tokenFetch: boolean,
  ): void {
    const labels = withLabel(where, 'outcome', outcome);
    this.providerCalls.inc(labels);
    this.providerDuration.observe(labels, seconds);
    if (outcome === 'OUTCOME_UNKNOWN') {
      this.outcomeUnknown.inc({ provider: where.provider, operation: where.operation });
    }
    if (tokenFetch) this.tokenFetches.inc({ provider: where.provider, outcome });
  }

  /** The text exposition for `GET /metrics`. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
