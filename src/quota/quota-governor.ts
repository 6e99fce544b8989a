import { createHash } from 'node:crypto';

import type { Logger } from 'pino';

import { ProviderError } from '../errors/api-errors.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { SharedState, TokenBucket, TokenGrant } from '../state/shared-state.js';
import { bucketsFor, type QuotaBuckets } from './buckets.js';
import { documentedLimit, type QuotaScope } from './rate-limits.js';

const MAX_REMEMBERED_PATHS = 256;

/** What the governor needs to know about a call. */
export interface GovernedCall {
  operation: string;
  kind: 'read' | 'write';
  /** The API path (WeCom's buckets are per API). */
  path: string;
  /**
   * The call serves a mutation (its read-back, the read before a cancel): it spends the writes'
   * reserve like the write itself, so a read storm cannot block scheduling (buckets.ts).
   */
  forMutation?: boolean;
}

export interface QuotaGovernorOptions {
  provider: Provider;
  state: SharedState;
  /** The budget: calls per minute per bucket. */
  perMinute: number;
  /** Who the quota belongs to (Tencent AppId, WeCom corp, umeeting api_key): hashed into the key. */
  app: string;
  scope?: QuotaScope;
  log: Logger;
}

/**
 * The quota governor of one provider app (scale-out issue, docs/scale-out.md "Quota governor"):
 * token buckets in the shared state, so every instance spends the same budget, taken BEFORE each
 * HTTP attempt (retries and token fetches included). Past the budget nothing is sent: the call
 * fails with PROVIDER_RATE_LIMITED, `providerCode` null (the provider never said it) and a
 * `retryAfterSeconds` computed from the bucket. The read cache serves a stale entry instead
 * when it has one (src/cache/read-cache.ts).
 */
export class QuotaGovernor {
  readonly perMinute: number;
  private readonly buckets: QuotaBuckets;
  private readonly prefix: string;
  private readonly scope: QuotaScope;
  /**
   * The two bucket keys per API path (one entry when the scope is the app): built once, not per
   * call. A freshly concatenated key is hashed again at every lookup (~5 µs of a cold read's
   * CPU, profiled; docs/performance.md "Round 4").
   */
  private readonly keys = new Map<string, { reads: string; all: string }>();
  private warned = false;

  constructor(private readonly options: QuotaGovernorOptions) {
    this.perMinute = options.perMinute;
    this.buckets = bucketsFor(options.perMinute);
    this.scope = options.scope ?? documentedLimit(options.provider).scope;
    // Hashed: credentials are registered secrets, and keys may show in Redis tooling.
    const app = createHash('sha256').update(options.app).digest('hex').slice(0, 16);
    this.prefix = `quota:${options.provider}:${app}`;
  }

  /** Takes a token for one attempt of `call`, or throws PROVIDER_RATE_LIMITED without sending. */
  async admit(call: GovernedCall): Promise<void> {
    await this.admitNow(call);
  }

  /**
   * `admit` without a promise where the buckets are in this process (`takeTokensNow`): answers
   * undefined or throws at once; else (Redis) a promise. The provider pipeline's hot path.
   */
  admitNow(call: GovernedCall): Promise<void> | undefined {
    const keys = this.keysOf(call.path);
    const priority = call.kind === 'write' || call.forMutation === true ? 'write' : 'read';
    const { state } = this.options;
    if (state.takeTokensNow) {
      if (priority === 'read') {
        const read = state.takeTokensNow(keys.reads, 1, this.buckets.reads);
        if (!read.granted) throw this.refusal(call, read.retryAfterMs, priority);
      }
      const any = state.takeTokensNow(keys.all, 1, this.buckets.all);
      if (!any.granted) throw this.refusal(call, any.retryAfterMs, priority);
      return undefined;
    }
    return this.admitShared(keys, call, priority);
  }

  private keysOf(path: string): { reads: string; all: string } {
    const scoped = this.scope === 'api' ? path : '';
    let keys = this.keys.get(scoped);
    if (!keys) {
      const key = this.scope === 'api' ? `${this.prefix}:${path}` : this.prefix;
      keys = { reads: `${key}:reads`, all: `${key}:all` };
      // Bounded: per-API buckets are WeCom's, whose paths are constants; a path with an id in it
      // (Tencent's, were its scope ever 'api') must not grow the map.
      if (this.keys.size < MAX_REMEMBERED_PATHS) this.keys.set(scoped, keys);
    }
    return keys;
  }

  private async admitShared(
    keys: { reads: string; all: string },
    call: GovernedCall,
    priority: string,
  ): Promise<void> {
    if (priority === 'read') {
      const read = await this.take(keys.reads, this.buckets.reads);
      if (!read.granted) throw this.refusal(call, read.retryAfterMs, priority);
    }
    const any = await this.take(keys.all, this.buckets.all);
    if (!any.granted) throw this.refusal(call, any.retryAfterMs, priority);
  }

  /** A state that cannot answer lets the call through: the provider still enforces its limit. */
  private async take(key: string, bucket: TokenBucket): Promise<TokenGrant> {
    try {
      return await this.options.state.takeTokens(key, 1, bucket);
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        this.options.log.warn(
          { err: String(error) },
          'quota governor: shared state unreachable; calls are not governed until it answers',
        );
      }
      return { granted: true, retryAfterMs: 0 };
    }
  }

  private refusal(call: GovernedCall, retryAfterMs: number, priority: string): ProviderError {
    const { provider } = this.options;
    return new QuotaRefusal(
      `${provider} ${call.operation}: this app's budget of ${this.perMinute} provider calls per minute${
        priority === 'read' ? ' (less the share kept for writes)' : ''
      } is spent; nothing was sent, retry later`,
      {
        provider,
        providerCode: null,
        operation: call.operation,
        // Whole seconds, at least 1: the bucket refills a token in under a minute.
        retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
      },
    );
  }
}

/** PROVIDER_RATE_LIMITED decided here, not by the provider (metrics tell the two apart). */
export class QuotaRefusal extends ProviderError {
  constructor(message: string, details: ConstructorParameters<typeof ProviderError>[2]) {
    super('PROVIDER_RATE_LIMITED', message, details);
  }
}
