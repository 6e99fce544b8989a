import type { WecomCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { ProviderModule } from '../meeting-provider.js';
import { WECOM_CAPABILITIES } from './wecom.capabilities.js';
import { assembleModule, type ProviderModuleOptions } from '../provider-module.types.js';
import { WecomClient } from './wecom.client.js';
import { WecomDataSource } from './wecom.data-source.js';

/**
 * The WeCom module, built once at start-up: one got instance (keep-alive) and one access-token
 * cache for this (corpid, secret), shared by every request's WecomDataSource (docs/reference/providers.md §2.1).
 * The secret is registered for redaction by buildApp, every fetched token by the token cache.
 */
export function createWecomModule(
  options: ProviderModuleOptions<WecomCredentials>,
): ProviderModule {
  const { config, log, timeoutMs } = options;
  const client = new WecomClient({
    baseUrl: config.baseUrl,
    credentials: config.credentials,
    timeoutMs,
    maxConcurrency: options.maxConcurrency,
    log,
    state: options.state,
  });
  return assembleModule({
    provider: Provider.WECOM,
    options,
    defaultCapabilities: WECOM_CAPABILITIES,
    client,
    createDataSource: (scope) => new WecomDataSource(client, scope),
  });
}

export { WECOM_CAPABILITIES };
