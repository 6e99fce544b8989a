import type { Logger } from 'pino';

import type { ProviderConfig } from '../config/config.types.js';
import type { Capabilities } from './capabilities.js';

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
}
