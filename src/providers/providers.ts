import { isTimeZone } from '../config/time-zone.js';
import {
  DEFAULT_UMEETING_TIMEZONE,
  PUBLIC_BASE_URLS,
  SANDBOX_CREDENTIALS,
  SANDBOX_TENCENT_MEETING_OPERATOR,
} from '../config/sandbox-credentials.js';
import { ProviderMode } from '../schema/enums/provider-mode.enum.js';
import { Provider } from '../schema/enums/provider.enum.js';
import { defineProvider, type ProviderDescriptor } from './provider-descriptor.js';
import {
  TENCENT_MEETING_CAPABILITIES,
  createTencentMeetingModule,
} from './tencent-meeting/index.js';
import { UMEETING_CAPABILITIES, createUmeetingModule } from './umeeting/index.js';
import { WECOM_CAPABILITIES, createWecomModule } from './wecom/index.js';

/**
 * Every provider behind this API, one descriptor each (src/providers/provider-descriptor.ts).
 * This is the list: the registry, `buildApp`, the emulator CLI, `loadConfig`, `AppConfig` and
 * the tests' provider lists are all derived from it, in this order. Adding a provider is its
 * folders plus one entry here (docs/adding-a-provider.md).
 *
 * The GraphQL `Provider` enum (src/schema/enums/provider.enum.ts) stays a plain list of names:
 * every provider file reads `Provider.X` at module load, so an enum built from this list (which
 * imports those files) would be read before it exists. The compiler keeps the two in step
 * (`EveryProviderDescribed` below; a descriptor's `provider` must be a `Provider`).
 */
/**
 * Batch reads' calls in flight per request: 100, the default `MAX_UPSTREAM_CALLS_PER_REQUEST`,
 * so a `meetings(ids:)` of up to 100 ids is one round trip (the goal: within 2× a single read at
 * 50 ms a call; docs/performance.md). The process-wide bound is the socket pool
 * (`PROVIDER_MAX_SOCKETS`), the per-minute one the quota governor.
 */
const BATCH_READ_CONCURRENCY = 100;

export const PROVIDERS = [
  defineProvider({
    provider: Provider.TENCENT_MEETING,
    configKey: 'tencentMeeting',
    cliName: 'tencent-meeting',
    env: {
      prefix: 'TENCENT_MEETING',
      required: {
        TENCENT_MEETING_APP_ID: 'appId',
        TENCENT_MEETING_SECRET_ID: 'secretId',
        TENCENT_MEETING_SECRET_KEY: 'secretKey',
      },
      // In LIVE mode an unset SdkId means "none issued" (docs/reference/providers.md §1.1): the header is omitted.
      optional: { TENCENT_MEETING_SDK_ID: 'sdkId' },
      publicBaseUrl: PUBLIC_BASE_URLS.tencentMeeting,
      sandboxCredentials: SANDBOX_CREDENTIALS.tencentMeeting,
      // The enterprise admin userid reads act as when a meeting's creator is not known
      // (docs/providers/tencent-meeting.md "Global ids"); SANDBOX defaults to the sandbox admin.
      extra: ({ get }) => ({ operator: get('TENCENT_MEETING_OPERATOR') ?? null }),
    },
    capabilities: TENCENT_MEETING_CAPABILITIES,
    // 300 calls/min/app (§1.6) is a count, not a concurrency: a 100-id batch spends 100 calls
    // whether 8 or 100 are in flight, and the quota governor refuses what the minute cannot pay
    // before it is sent. With 8 in flight it just took 13 round trips (735 ms at 50 ms a call,
    // bench/results/); no concurrency limit is documented. So as many as a request may make.
    maxConcurrency: BATCH_READ_CONCURRENCY,
    createModule: (options) =>
      createTencentMeetingModule({ ...options, operator: tencentOperator(options.config) }),
    // The emulators' code is loaded only when one is started (SANDBOX, the emulator CLI, tests):
    // a LIVE process does not carry it (idle RSS, docs/performance.md).
    startEmulator: async ({ config, ...listen }) => {
      const operator = tencentOperator(config);
      const { startTencentMeetingEmulator } = await import('../emulators/tencent-meeting/index.js');
      return startTencentMeetingEmulator({
        ...listen,
        credentials: config.credentials,
        ...(operator ? { adminOperators: [operator] } : {}),
      });
    },
  }),
  defineProvider({
    provider: Provider.WECOM,
    configKey: 'wecom',
    cliName: 'wecom',
    env: {
      prefix: 'WECOM',
      required: { WECOM_CORP_ID: 'corpId', WECOM_CORP_SECRET: 'corpSecret' },
      publicBaseUrl: PUBLIC_BASE_URLS.wecom,
      sandboxCredentials: SANDBOX_CREDENTIALS.wecom,
    },
    capabilities: WECOM_CAPABILITIES,
    // 10 000 calls/min per API (§2.3): a 100-id batch in one round trip. WeCom answers 45033
    // ("too many concurrent calls") past an undocumented level; reads are sent again on it.
    maxConcurrency: BATCH_READ_CONCURRENCY,
    createModule: (options) => createWecomModule(options),
    startEmulator: async ({ config, ...listen }) => {
      const { startWecomEmulator } = await import('../emulators/wecom/index.js');
      return startWecomEmulator({ ...listen, credentials: config.credentials });
    },
  }),
  defineProvider({
    provider: Provider.UMEETING,
    configKey: 'umeeting',
    cliName: 'umeeting',
    env: {
      prefix: 'UMEETING',
      required: { UMEETING_API_KEY: 'apiKey', UMEETING_API_SECRET: 'apiSecret' },
      publicBaseUrl: PUBLIC_BASE_URLS.umeeting,
      sandboxCredentials: SANDBOX_CREDENTIALS.umeeting,
      // The zone of umeeting's local `yyyy-MM-dd HH:mm:ss` times, in both modes.
      extra: ({ get, problem }) => {
        const timeZone = get('UMEETING_TIMEZONE') ?? DEFAULT_UMEETING_TIMEZONE;
        if (!isTimeZone(timeZone)) {
          problem(
            `UMEETING_TIMEZONE: expected an IANA time zone such as Asia/Shanghai, got "${timeZone}"`,
          );
        }
        return { timeZone };
      },
    },
    capabilities: UMEETING_CAPABILITIES,
    // No documented rate limit; 429 is PROVIDER_RATE_LIMITED (docs/providers/umeeting.md).
    maxConcurrency: BATCH_READ_CONCURRENCY,
    createModule: (options) =>
      createUmeetingModule({ ...options, timeZone: options.config.timeZone }),
    startEmulator: async ({ config, ...listen }) => {
      const { startUmeetingEmulator } = await import('../emulators/umeeting/index.js');
      return startUmeetingEmulator({
        ...listen,
        credentials: config.credentials,
        timeZone: config.timeZone,
      });
    },
  }),
] as const satisfies readonly ProviderDescriptor[];

/** `TENCENT_MEETING_OPERATOR`, else in SANDBOX the admin the emulator knows; LIVE: none. */
function tencentOperator(config: { mode: ProviderMode; operator: string | null }): string | null {
  if (config.operator) return config.operator;
  return config.mode === ProviderMode.SANDBOX ? SANDBOX_TENCENT_MEETING_OPERATOR : null;
}

// Compiles only while every `Provider` value has a descriptor above.
type EveryProviderDescribed<
  Missing extends Provider = Exclude<Provider, (typeof PROVIDERS)[number]['provider']>,
> = [Missing] extends [never] ? true : { missingDescriptorFor: Missing };
const _everyProviderDescribed: EveryProviderDescribed = true;
