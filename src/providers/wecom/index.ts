import type { WecomCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { ProviderCapabilities } from '../../schema/types/provider-info.type.js';
import { registerSecret } from '../../util/redact.js';
import { closeAgents, createProviderHttpClient, probeReachable } from '../http-client.js';
import type { ProviderModule } from '../meeting-provider.js';
import type { ProviderModuleOptions } from '../provider-module.types.js';
import { WecomClient } from './wecom.client.js';
import { WecomDataSource } from './wecom.data-source.js';
import { MEETING_MEDIA_FIELDS } from './wecom.mapper.js';

/** What WeCom can do through this API (docs/providers/wecom.md). */
export const WECOM_CAPABILITIES: ProviderCapabilities = {
  meetings: true,
  webinars: true,
  instantMeetings: false,
  lookupByCode: true,
  cancel: true,
  cancelOccurrence: false,
  recurrenceFrequencies: [],
  recurrenceFields: [],
  liveStreaming: false,
  // Meetings accept these; webinars all of them but `muteAll` and `waitingRoom`.
  mediaSettings: [...MEETING_MEDIA_FIELDS],
};

/**
 * The WeCom module, built once at start-up: one got instance (keep-alive) and one access-token
 * cache for this (corpid, secret), shared by every request's WecomDataSource (providers.md §2.1).
 * The secret and every fetched token are registered for redaction.
 */
export function createWecomModule(
  options: ProviderModuleOptions<WecomCredentials>,
): ProviderModule {
  const { config, log, timeoutMs } = options;
  registerSecret(config.credentials.corpSecret);
  const http = createProviderHttpClient({
    provider: Provider.WECOM,
    baseUrl: config.baseUrl,
    timeoutMs,
  });
  const client = new WecomClient(http, config.credentials, log.child({ source: 'wecom' }));
  return {
    provider: Provider.WECOM,
    mode: config.mode,
    capabilities: WECOM_CAPABILITIES,
    baseUrl: config.baseUrl,
    createDataSource: (scope) => new WecomDataSource(client, scope),
    isReachable: () => probeReachable(http),
    close: () => {
      closeAgents(http);
      return Promise.resolve();
    },
  };
}
