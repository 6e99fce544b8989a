import type { TencentMeetingCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { ProviderModule } from '../meeting-provider.js';
import { TENCENT_MEETING_CAPABILITIES } from './tencent-meeting.capabilities.js';
import { assembleModule, type ProviderModuleOptions } from '../provider-module.types.js';
import { TencentMeetingClient } from './tencent-meeting.client.js';
import { TencentMeetingDataSource } from './tencent-meeting.data-source.js';

/**
 * The Tencent Meeting provider, built once at start-up: one signing HTTP client (keep-alive,
 * timeouts) shared by every request's data source. Its credentials are registered as secrets
 * once, by buildApp, for every provider.
 */
export function createTencentMeetingModule(
  options: ProviderModuleOptions<TencentMeetingCredentials> & {
    /**
     * The enterprise admin userid (`TENCENT_MEETING_OPERATOR`) reads act as when a meeting's
     * creator is not known; without one the caller's `organizer` is used.
     */
    operator?: string | null;
  },
): ProviderModule {
  const operator = options.operator ?? null;
  const client = new TencentMeetingClient({
    baseUrl: options.config.baseUrl,
    credentials: options.config.credentials,
    timeoutMs: options.timeoutMs,
    maxConcurrency: options.maxConcurrency,
    log: options.log,
  });
  return assembleModule({
    provider: Provider.TENCENT_MEETING,
    options,
    defaultCapabilities: TENCENT_MEETING_CAPABILITIES,
    client,
    createDataSource: (scope) => new TencentMeetingDataSource(client, scope, undefined, operator),
  });
}

export { TENCENT_MEETING_CAPABILITIES };
