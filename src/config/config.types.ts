import type { ProviderMode } from '../schema/enums/provider-mode.enum.js';

export interface TencentMeetingCredentials {
  appId: string;
  /** Empty when no SdkId was issued: the header is then omitted (providers.md §1.1). */
  sdkId: string;
  secretId: string;
  secretKey: string;
}

export interface WecomCredentials {
  corpId: string;
  corpSecret: string;
}

export interface UmeetingCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface ProviderConfig<C> {
  mode: ProviderMode;
  /** LIVE: the configured (or public) base URL. SANDBOX: null until the emulator is listening. */
  baseUrl: string | null;
  credentials: C;
}

export interface AppConfig {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Upstream request timeout, ms. */
  providerTimeoutMs: number;
  tencentMeeting: ProviderConfig<TencentMeetingCredentials>;
  wecom: ProviderConfig<WecomCredentials>;
  umeeting: ProviderConfig<UmeetingCredentials> & { timeZone: string };
}
