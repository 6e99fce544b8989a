import { readAuthConfig } from '../auth/auth-config.js';
import { ProviderMode } from '../schema/enums/provider-mode.enum.js';
import {
  DEFAULT_OPERATION_LIMITS,
  type OperationLimits,
} from '../server/limits/operation-limits.js';
import { checkDescriptors, type ProviderDescriptor } from '../providers/provider-descriptor.js';
import { PROVIDERS } from '../providers/providers.js';
import type { AppConfig, ProviderConfig } from './config.types.js';
import { readHttpConfig } from './http-config.js';
import { DEFAULT_PROVIDER_MAX_SOCKETS } from '../providers/http-client.js';
import { DEFAULT_READ_CACHE_TTL_SECONDS } from '../cache/read-cache-settings.js';
import {
  defaultRateLimitPerMinute,
  MAX_RATE_LIMIT_PER_MINUTE,
  MIN_RATE_LIMIT_PER_MINUTE,
} from '../quota/rate-limits.js';

export { isTimeZone } from './time-zone.js';

/** Thrown by loadConfig with every problem at once; main prints `message` alone, no stack. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}; see .env.example):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads and validates the whole configuration once (STYLE habit 10). Pure: the only reader of
 * environment variables in the project is the caller that passes `process.env` in.
 * A provider with none of its credential variables runs in SANDBOX mode; with all of them, LIVE.
 * Each provider's variables are read from its descriptor (src/providers/providers.ts), under its
 * `configKey`; `descriptors` defaults to the production list (tests add one of their own).
 */
export function loadConfig(
  env: Env,
  descriptors: readonly ProviderDescriptor[] = PROVIDERS,
): Readonly<AppConfig> {
  checkDescriptors(descriptors);
  const problems: string[] = [];
  // An empty value is an error, not "unset" (as for the HTTP variables, http-config.ts):
  // `WECOM_BASE_URL=` may mean "forgot to fill in", and taking it as unset would silently call
  // the public host. Reported once per variable, however often it is read; then read as unset.
  const empty = new Set<string>();
  const get = (name: string): string | undefined => {
    const value = env[name];
    if (value === undefined) return undefined;
    if (value.trim() === '') {
      if (!empty.has(name)) {
        empty.add(name);
        problems.push(`${name}: set but empty; give a value, or unset it`);
      }
      return undefined;
    }
    return value.trim();
  };

  const port = parsePort(get('PORT'), problems);
  const host = get('HOST') ?? '127.0.0.1';
  if (/\s/.test(host)) problems.push(`HOST: expected a host name or IP address, got "${host}"`);

  const logLevelRaw = get('LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelRaw)) {
    problems.push(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${logLevelRaw}"`);
  }
  const timeoutRaw = get('PROVIDER_TIMEOUT_MS') ?? '10000';
  const providerTimeoutMs = Number(timeoutRaw);
  if (!/^\d+$/.test(timeoutRaw) || providerTimeoutMs < 100 || providerTimeoutMs > 120_000) {
    problems.push(
      `PROVIDER_TIMEOUT_MS: expected milliseconds from 100 to 120000, got "${timeoutRaw}"`,
    );
  }

  // NODE_ENV is read for its one conventional meaning: production turns the developer aids off.
  const production = get('NODE_ENV') === 'production';
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    problems.push(`${name}: expected true or false, got "${raw}"`);
    return fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name}: expected an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const d = DEFAULT_OPERATION_LIMITS;
  const limits: OperationLimits = {
    maxDepth: int('GRAPHQL_MAX_DEPTH', d.maxDepth, 1, 100),
    maxAliases: int('GRAPHQL_MAX_ALIASES', d.maxAliases, 0, 10_000),
    maxRootFields: int('GRAPHQL_MAX_ROOT_FIELDS', d.maxRootFields, 1, 10_000),
    maxCost: int('GRAPHQL_MAX_COST', d.maxCost, 1, 10_000_000),
    maxUpstreamCalls: int('MAX_UPSTREAM_CALLS_PER_REQUEST', d.maxUpstreamCalls, 1, 100_000),
    maxUpstreamWrites: int('MAX_UPSTREAM_WRITES_PER_REQUEST', d.maxUpstreamWrites, 0, 10_000),
  };
  const introspection = flag('GRAPHQL_INTROSPECTION', !production);
  const playground = flag('GRAPHQL_PLAYGROUND', !production);
  const shutdownGraceMs = int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000);
  // Keep-alive sockets per provider per process (src/providers/http-client.ts, docs/performance.md).
  const providerMaxSockets = int('PROVIDER_MAX_SOCKETS', DEFAULT_PROVIDER_MAX_SOCKETS, 1, 65_535);
  // Share of successful requests the access log writes (request-log.plugin.ts): 0 to 1.
  const accessLogSampleRateRaw = get('ACCESS_LOG_SAMPLE_RATE') ?? '1';
  const accessLogSampleRate = Number(accessLogSampleRateRaw);
  if (!/^(0|1|0?\.\d+|1\.0*)$/.test(accessLogSampleRateRaw)) {
    problems.push(
      `ACCESS_LOG_SAMPLE_RATE: expected a number from 0 to 1, got "${accessLogSampleRateRaw}"`,
    );
  }
  // Idempotency keys of the creates (src/idempotency/): remembered 24 h by default, 1 s to 7 days.
  const idempotencyTtlSeconds = int('IDEMPOTENCY_TTL_SECONDS', 86_400, 1, 604_800);
  // The read cache (src/cache/, docs/scale-out.md "Read cache"): 30 s by default, 0 turns it off.
  const readCacheTtlSeconds = int(
    'READ_CACHE_TTL_SECONDS',
    DEFAULT_READ_CACHE_TTL_SECONDS,
    0,
    3600,
  );
  // Tracing (docs/operations.md "Metrics and tracing"): spans are exported over OTLP/HTTP only
  // when this is set; empty is a problem (through `get`), like every other variable.
  const otlpEndpoint = get('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (otlpEndpoint !== undefined && !isHttpUrl(otlpEndpoint)) {
    problems.push(`OTEL_EXPORTER_OTLP_ENDPOINT: expected an http(s) URL, got "${otlpEndpoint}"`);
  }

  // Shared state (docs/scale-out.md): Redis when set, in-process when unset. The value may carry
  // a password, so a problem never repeats it.
  const redisUrl = get('REDIS_URL');
  if (redisUrl !== undefined && !isRedisUrl(redisUrl)) {
    problems.push('REDIS_URL: expected a redis:// or rediss:// URL with a host (value not shown)');
  }

  // Each provider's variables, in descriptor order, with the same rules and messages for all.
  const readProvider = (descriptor: ProviderDescriptor): ProviderConfig<Record<string, string>> => {
    const { prefix, required, optional = {}, sandboxCredentials, publicBaseUrl } = descriptor.env;
    const requiredNames = Object.keys(required);
    const urlName = `${prefix}_BASE_URL`;
    const baseUrl = get(urlName);
    if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
      problems.push(`${urlName}: expected an http(s) URL, got "${baseUrl}"`);
    }
    const given = requiredNames.filter((name) => get(name) !== undefined);
    const givenOptional = Object.keys(optional).filter((name) => get(name) !== undefined);
    if (given.length === 0) {
      if (baseUrl !== undefined || givenOptional.length > 0) {
        const set = [...(baseUrl ? [urlName] : []), ...givenOptional].join(', ');
        problems.push(
          `${set}: set without credentials; give ${requiredNames.join(', ')} too (LIVE), or unset it (SANDBOX)`,
        );
      }
      return { mode: ProviderMode.SANDBOX, baseUrl: null, credentials: { ...sandboxCredentials } };
    }
    // An empty one is already reported as empty.
    const missing = requiredNames.filter((name) => get(name) === undefined && !empty.has(name));
    if (missing.length > 0) {
      problems.push(
        `${missing.join(', ')}: missing; ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set, and a LIVE provider needs all of ${requiredNames.join(', ')}`,
      );
    }
    // LIVE never falls back to a sandbox value: an unset optional credential is "none issued"
    // (Tencent's SdkId, docs/reference/providers.md §1.1: the header is then omitted).
    const credentials: Record<string, string> = {};
    const variables: Readonly<Record<string, string>> = { ...required, ...optional };
    for (const [name, key] of Object.entries(variables)) {
      credentials[key] = get(name) ?? '';
    }
    return { mode: ProviderMode.LIVE, baseUrl: baseUrl ?? publicBaseUrl, credentials };
  };
  const providers: Record<string, unknown> = {};
  const reader = { get, problem: (message: string) => void problems.push(message) };
  const live: string[] = [];
  for (const descriptor of descriptors) {
    const settings = readProvider(descriptor);
    if (settings.mode === ProviderMode.LIVE) live.push(descriptor.provider);
    // The quota governor's budget for this provider's app (src/quota/, docs/scale-out.md).
    const rateLimitPerMinute = int(
      `${descriptor.env.prefix}_RATE_LIMIT_PER_MINUTE`,
      defaultRateLimitPerMinute(descriptor.provider),
      MIN_RATE_LIMIT_PER_MINUTE,
      MAX_RATE_LIMIT_PER_MINUTE,
    );
    providers[descriptor.configKey] = {
      ...settings,
      rateLimitPerMinute,
      ...descriptor.env.extra?.(reader),
    };
  }
  // Authentication (src/auth/auth-config.ts): a LIVE provider makes AUTH_MODE required.
  const auth = readAuthConfig(get, reader.problem, live);

  // The HTTP front (timeouts, connection cap, CORS): empty values are problems there.
  const http = readHttpConfig((name) => env[name], problems);

  const base = {
    port,
    host,
    logLevel: logLevelRaw as AppConfig['logLevel'],
    providerTimeoutMs,
    limits: Object.freeze(limits),
    introspection,
    playground,
    shutdownGraceMs,
    http,
    otlpEndpoint: otlpEndpoint ?? null,
    auth,
    idempotencyTtlSeconds,
    readCacheTtlSeconds,
    providerMaxSockets,
    accessLogSampleRate,
    redisUrl: redisUrl ?? null,
  };
  for (const key of Object.keys(providers)) {
    if (key in base) throw new Error(`a provider descriptor's configKey "${key}" is taken`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ ...base, ...providers } as AppConfig);
}

function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return 4000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    problems.push(`PORT: expected an integer from 0 to 65535, got "${raw}"`);
    return 4000;
  }
  return port;
}

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
