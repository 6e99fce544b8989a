import type { TencentMeetingCredentials } from '../../config/config.types.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import type { ProviderCapabilities } from '../../schema/types/provider-info.type.js';
import type { ProviderModule } from '../meeting-provider.js';
import type { ProviderModuleOptions } from '../provider-module.types.js';
import { TencentMeetingClient } from './tencent-meeting.client.js';
import { TencentMeetingDataSource } from './tencent-meeting.data-source.js';
import { MEETING_MEDIA_FIELDS } from './tencent-meeting.mapper.js';

/** What Tencent Meeting can do through this API (providers.md §1.3–§1.4). */
export const TENCENT_MEETING_CAPABILITIES: ProviderCapabilities = {
  meetings: true,
  webinars: true,
  instantMeetings: true,
  lookupByCode: true,
  cancel: true,
  cancelOccurrence: true,
  recurrenceFrequencies: [
    RecurrenceFrequency.DAILY,
    RecurrenceFrequency.WEEKDAYS,
    RecurrenceFrequency.WEEKLY,
    RecurrenceFrequency.BIWEEKLY,
    RecurrenceFrequency.MONTHLY,
  ],
  // weekDays / monthDay only when they repeat the start's own weekday / day of month.
  recurrenceFields: ['until', 'count'],
  liveStreaming: true,
  mediaSettings: [...MEETING_MEDIA_FIELDS],
};

/**
 * The Tencent Meeting provider, built once at start-up: one signing HTTP client (keep-alive,
 * timeouts) shared by every request's data source. The credentials are registered as secrets
 * by the client, so they are scrubbed from any message or log line.
 */
export function createTencentMeetingModule(
  options: ProviderModuleOptions<TencentMeetingCredentials>,
): ProviderModule {
  const client = new TencentMeetingClient({
    baseUrl: options.config.baseUrl,
    credentials: options.config.credentials,
    timeoutMs: options.timeoutMs,
  });
  return {
    provider: Provider.TENCENT_MEETING,
    mode: options.config.mode,
    capabilities: TENCENT_MEETING_CAPABILITIES,
    baseUrl: options.config.baseUrl,
    createDataSource: (scope) =>
      new TencentMeetingDataSource(client, {
        ...scope,
        log: scope.log.child({ provider: Provider.TENCENT_MEETING }),
      }),
    isReachable: () => client.isReachable(),
    close: () => {
      client.close();
      return Promise.resolve();
    },
  };
}
