import type { Logger } from 'pino';

import type { ProviderConfig } from '../config/config.types.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { Capabilities } from './capabilities.js';
import type { MeetingProvider, ProviderModule, RequestScope } from './meeting-provider.js';
import type { ProviderClient } from './pipeline/provider-client.js';
import { createQuotaGovernor } from '../quota/create-governor.js';
import type { SharedState } from '../state/shared-state.js';

/** Upstream calls in flight at once, per request, unless the descriptor says otherwise. */
export const DEFAULT_MAX_CONCURRENCY = 8;

/**
 * What every `create<Provider>Module` receives at start-up (from its descriptor, through the
 * registry). `X` is the provider's extra settings (`env.extra` of its descriptor).
 */
export interface ProviderModuleOptions<C, X extends object = object> {
  config: ProviderConfig<C> & X & { baseUrl: string };
  timeoutMs: number;
  log: Logger;
  /**
   * The descriptor's `capabilities`. Absent when a test builds a module directly: the module
   * then answers its own constant (the same value the descriptor points at).
   */
  capabilities?: Capabilities;
  /**
   * The descriptor's `maxConcurrency`: upstream calls in flight at once, per request. Absent
   * when a test builds a module directly: DEFAULT_MAX_CONCURRENCY.
   */
  maxConcurrency?: number;
  /**
   * The process's shared state (src/state/shared-state.ts): what instances agree on (WeCom's
   * token, quota buckets, the read cache). Absent when a test builds a module directly: the
   * module then keeps such state in process.
   */
  state?: SharedState;
}

/**
 * The module every provider answers, from its long-lived client and a data-source factory: the
 * one assembly (mode, capabilities, reachability, shutdown) shared by all providers. The data
 * source gets the request's logger with `provider` on it, so its lines name the provider once.
 */
export function assembleModule<C>(parts: {
  provider: Provider;
  options: ProviderModuleOptions<C>;
  defaultCapabilities: Capabilities;
  client: ProviderClient;
  createDataSource: (scope: RequestScope) => MeetingProvider;
}): ProviderModule {
  const { provider, options, client } = parts;
  // The app's quota governor (src/quota/), in the shared state so all instances share one budget.
  if (options.state) {
    const { config, state, log } = options;
    client.useQuota(createQuotaGovernor({ provider, config, state, log }));
  }
  return {
    provider,
    mode: options.config.mode,
    capabilities: options.capabilities ?? parts.defaultCapabilities,
    baseUrl: options.config.baseUrl,
    createDataSource: (scope) =>
      parts.createDataSource({ ...scope, log: scope.log.child({ provider }) }),
    isReachable: () => client.isReachable(),
    close: () => {
      client.close();
      return Promise.resolve();
    },
  };
}
