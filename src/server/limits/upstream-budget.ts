import type { Context as TraceContext } from '@opentelemetry/api';

import type { Telemetry } from '../../telemetry/telemetry.js';

import { OperationLimitError } from './operation-limit-error.js';

/**
 * The run-time half of the upstream limits: counts the provider calls (every HTTP attempt,
 * retries and token fetches included) and writes one GraphQL request causes, and refuses the
 * call that would pass either limit, before it is sent. The static estimate (cost.ts) refuses
 * what it can see in the document; this catches the rest (reads a write's answer triggers,
 * fan-out the estimate cannot know), with the same code.
 */
export class UpstreamBudget {
  private calls = 0;
  private writes = 0;

  constructor(private readonly limits: { maxUpstreamCalls: number; maxUpstreamWrites: number }) {}

  /** Called once per HTTP attempt, before it is sent. Throws when a limit would be passed. */
  spend(kind: 'read' | 'write'): void {
    if (this.calls >= this.limits.maxUpstreamCalls) {
      throw new OperationLimitError(
        'COST_ESTIMATED_TOO_EXPENSIVE',
        `this request reached its limit of ${this.limits.maxUpstreamCalls} provider calls; split it into smaller requests`,
        { limit: 'upstreamCalls', max: this.limits.maxUpstreamCalls },
      );
    }
    if (kind === 'write' && this.writes >= this.limits.maxUpstreamWrites) {
      throw new OperationLimitError(
        'COST_ESTIMATED_TOO_EXPENSIVE',
        `this request reached its limit of ${this.limits.maxUpstreamWrites} provider writes; split it into smaller requests`,
        { limit: 'upstreamWrites', max: this.limits.maxUpstreamWrites },
      );
    }
    this.calls += 1;
    if (kind === 'write') this.writes += 1;
  }

  get spent(): { calls: number; writes: number } {
    return { calls: this.calls, writes: this.writes };
  }
}

/**
 * What the provider pipeline needs to know about the GraphQL request it is serving: its budget,
 * its telemetry and whether it is a mutation. Handed down explicitly (context → data source →
 * `ProviderClient.call`), not carried in AsyncLocalStorage: on Node 20 an active
 * AsyncLocalStorage installs a promise hook that runs for every promise of the process, got's and
 * Apollo's included; measured, it cost ~85 µs per provider call (docs/performance.md, round 3).
 */
export interface UpstreamScope {
  requestId: string;
  budget: UpstreamBudget;
  /**
   * The server's metrics and tracing, and the GraphQL operation span's context (the parent of
   * provider call spans). The pipeline (providers/pipeline/provider-client.ts) reads them here,
   * as it reads the budget: per server, with no global registry or tracer provider.
   */
  telemetry?: { telemetry: Telemetry; traceContext: TraceContext };
  /**
   * Set once Apollo knows the operation is a mutation (request-pipeline.plugin.ts): ALL its
   * provider calls, read-backs included, then spend the writes' reserve of the quota
   * (src/quota/buckets.ts), so a read storm cannot block scheduling.
   */
  mutation: boolean;
}
