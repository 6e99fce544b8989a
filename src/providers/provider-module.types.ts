import type { Logger } from 'pino';

import type { ProviderConfig } from '../config/config.types.js';

/** What every `create<Provider>Module` receives at start-up. */
export interface ProviderModuleOptions<C> {
  config: ProviderConfig<C> & { baseUrl: string };
  timeoutMs: number;
  log: Logger;
}
