import type { UmeetingCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { ProviderModule } from '../meeting-provider.js';
import { UMEETING_CAPABILITIES } from './umeeting.capabilities.js';
import { assembleModule, type ProviderModuleOptions } from '../provider-module.types.js';
import { UmeetingClient } from './umeeting.client.js';
import { UmeetingDataSource } from './umeeting.data-source.js';

export type UmeetingModuleOptions = ProviderModuleOptions<UmeetingCredentials> & {
  timeZone: string;
};

/**
 * The umeeting provider, built once at start-up: one form-encoding got client (keep-alive), the
 * credentials registered for redaction (by buildApp), and a fresh data source per request.
 */
export function createUmeetingModule(options: UmeetingModuleOptions): ProviderModule {
  const client = new UmeetingClient({
    baseUrl: options.config.baseUrl,
    credentials: options.config.credentials,
    timeoutMs: options.timeoutMs,
    maxConcurrency: options.maxConcurrency,
    log: options.log,
  });
  const timeZone = options.timeZone;
  return assembleModule({
    provider: Provider.UMEETING,
    options,
    defaultCapabilities: UMEETING_CAPABILITIES,
    client,
    createDataSource: (scope) =>
      new UmeetingDataSource({ client, timeZone, log: scope.log, upstream: scope.upstream }),
  });
}

export { UMEETING_CAPABILITIES };
