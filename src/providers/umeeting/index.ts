import type { UmeetingCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import type { ProviderCapabilities } from '../../schema/types/provider-info.type.js';
import type { ProviderModule } from '../meeting-provider.js';
import type { ProviderModuleOptions } from '../provider-module.types.js';
import { UmeetingClient } from './umeeting.client.js';
import { UmeetingDataSource } from './umeeting.data-source.js';
import { UMEETING_MEDIA_FIELDS } from './umeeting.mapper.js';

/** What umeeting can do through this API (providers.md §3.2, §3.3). */
export const UMEETING_CAPABILITIES: ProviderCapabilities = {
  meetings: true,
  webinars: false,
  instantMeetings: true,
  lookupByCode: true,
  cancel: true,
  cancelOccurrence: true,
  recurrenceFrequencies: [
    RecurrenceFrequency.DAILY,
    RecurrenceFrequency.WEEKDAYS,
    RecurrenceFrequency.WEEKLY,
    RecurrenceFrequency.MONTHLY,
  ],
  recurrenceFields: ['weekDays', 'monthDay', 'monthWeek', 'monthWeekDay', 'until', 'count'],
  liveStreaming: true,
  mediaSettings: [...UMEETING_MEDIA_FIELDS],
};

export type UmeetingModuleOptions = ProviderModuleOptions<UmeetingCredentials> & {
  timeZone: string;
};

/**
 * The umeeting provider, built once at start-up: one form-encoding got client (keep-alive), the
 * credentials registered for redaction, and a fresh data source per request.
 */
export function createUmeetingModule(options: UmeetingModuleOptions): ProviderModule {
  const client = new UmeetingClient({
    baseUrl: options.config.baseUrl,
    credentials: options.config.credentials,
    timeoutMs: options.timeoutMs,
  });
  const timeZone = options.timeZone;
  return {
    provider: Provider.UMEETING,
    mode: options.config.mode,
    capabilities: UMEETING_CAPABILITIES,
    baseUrl: options.config.baseUrl,
    createDataSource: (scope) =>
      new UmeetingDataSource({
        client,
        timeZone,
        log: scope.log.child({ source: 'umeeting', requestId: scope.requestId }),
      }),
    isReachable: () => client.ping(),
    close: () => {
      client.close();
      return Promise.resolve();
    },
  };
}
