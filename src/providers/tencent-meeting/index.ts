import type { TencentMeetingCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { ProviderModule } from '../meeting-provider.js';
import type { ProviderModuleOptions } from '../provider-module.types.js';
import { NO_CAPABILITIES, UnsupportedOperations } from '../unsupported.data-source.js';

// TODO(provider issue): placeholder until the TencentMeeting data source lands; everything is
// UNSUPPORTED_BY_PROVIDER and the capabilities say so.
export function createTencentMeetingModule(
  options: ProviderModuleOptions<TencentMeetingCredentials>,
): ProviderModule {
  return {
    provider: Provider.TENCENT_MEETING,
    mode: options.config.mode,
    capabilities: NO_CAPABILITIES,
    baseUrl: options.config.baseUrl,
    createDataSource: () => new UnsupportedOperations(Provider.TENCENT_MEETING),
    isReachable: () => Promise.resolve(true),
    close: () => Promise.resolve(),
  };
}
