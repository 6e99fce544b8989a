import type { AuthConfig } from '../auth/auth-config.js';
import type { ProviderConfigsOf } from '../providers/provider-descriptor.js';
import type { PROVIDERS } from '../providers/providers.js';
import type { OperationLimits } from '../server/limits/operation-limits.js';
import type { ProviderMode } from '../schema/enums/provider-mode.enum.js';

export interface TencentMeetingCredentials {
  appId: string;
  /** Empty when no SdkId was issued: the header is then omitted (docs/reference/providers.md §1.1). */
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
  /**
   * `<PREFIX>_RATE_LIMIT_PER_MINUTE`: the quota governor's budget for this provider's app
   * (src/quota/rate-limits.ts has the defaults). Absent when a test builds a config by hand.
   */
  rateLimitPerMinute?: number;
}

/**
 * Each provider's settings under its descriptor's `configKey` (`tencentMeeting`, `wecom`,
 * `umeeting`: mode, base URL, credentials, and extras such as umeeting's `timeZone`), derived
 * from the descriptor list (src/providers/providers.ts).
 */
export type ProviderConfigs = ProviderConfigsOf<typeof PROVIDERS>;

export interface AppConfig extends ProviderConfigs {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Upstream request timeout, ms. */
  providerTimeoutMs: number;
  /** Operation limits, enforced before any upstream call (README "Operating it"). */
  limits: Readonly<OperationLimits>;
  /** `__schema`/`__type` answered (`_service { sdl }` always is: routers need it). */
  introspection: boolean;
  /** The offline GraphiQL page at `/`. */
  playground: boolean;
  /** How long a SIGTERM/SIGINT drain waits for in-flight requests before closing them, ms. */
  shutdownGraceMs: number;
  /** The HTTP front's timeouts, connection cap and CORS (docs/operating-http.md). */
  http: HttpConfig;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: where spans go over OTLP/HTTP; null: tracing off. */
  otlpEndpoint: string | null;
  /** `AUTH_MODE` and its variables (src/auth/auth-config.ts; docs/operations.md "Authentication"). */
  auth: AuthConfig;
  /** `IDEMPOTENCY_TTL_SECONDS`: how long an idempotency key is remembered (src/idempotency/). */
  idempotencyTtlSeconds: number;
  /** `PROVIDER_MAX_SOCKETS`: concurrent connections per provider per process (http-client.ts). */
  providerMaxSockets: number;
  /** `ACCESS_LOG_SAMPLE_RATE`: share of successful requests the access log writes, 0 to 1. */
  accessLogSampleRate: number;
  /** `READ_CACHE_TTL_SECONDS`: how long a provider read is served from the read cache; 0: off. */
  readCacheTtlSeconds: number;
  /**
   * `REDIS_URL`: the shared state of a scaled-out deployment (src/state/, docs/scale-out.md);
   * null: in-process state (one instance). Holds a password: never logged.
   */
  redisUrl: string | null;
}

export interface HttpConfig {
  /** Time a client has to send the request headers, ms (`server.headersTimeout`). */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request, body included, ms (`server.requestTimeout`). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept open, ms (`server.keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** Open connections at most (`server.maxConnections`); more are closed on accept. */
  maxConnections: number;
  /** Exact origins allowed cross-origin; `[]`: CORS off (default); `['*']`: any origin. */
  corsOrigins: readonly string[];
}
