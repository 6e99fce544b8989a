import { ProviderMode } from '../schema/enums/provider-mode.enum.js';
import {
  DEFAULT_OPERATION_LIMITS,
  type OperationLimits,
} from '../server/limits/operation-limits.js';
import type { AppConfig, ProviderConfig } from './config.types.js';
import { readHttpConfig } from './http-config.js';
import {
  DEFAULT_UMEETING_TIMEZONE,
  PUBLIC_BASE_URLS,
  SANDBOX_CREDENTIALS,
} from './sandbox-credentials.js';

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
 */
export function loadConfig(env: Env): Readonly<AppConfig> {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
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

  const provider = <C>(
    prefix: string,
    required: Record<string, keyof C>,
    optional: Record<string, keyof C>,
    sandbox: C,
    publicUrl: string,
  ): ProviderConfig<C> => {
    const urlName = `${prefix}_BASE_URL`;
    const baseUrl = get(urlName);
    if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
      problems.push(`${urlName}: expected an http(s) URL, got "${baseUrl}"`);
    }
    const given = Object.keys(required).filter((name) => get(name) !== undefined);
    const givenOptional = Object.keys(optional).filter((name) => get(name) !== undefined);
    if (given.length === 0) {
      if (baseUrl !== undefined || givenOptional.length > 0) {
        const set = [...(baseUrl ? [urlName] : []), ...givenOptional].join(', ');
        problems.push(
          `${set}: set without credentials; give ${Object.keys(required).join(', ')} too (LIVE), or unset it (SANDBOX)`,
        );
      }
      return { mode: ProviderMode.SANDBOX, baseUrl: null, credentials: { ...sandbox } };
    }
    const missing = Object.keys(required).filter((name) => get(name) === undefined);
    if (missing.length > 0) {
      problems.push(
        `${missing.join(', ')}: missing; ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set, and a LIVE provider needs all of ${Object.keys(required).join(', ')}`,
      );
    }
    const credentials = { ...sandbox };
    for (const [name, key] of Object.entries({ ...required, ...optional })) {
      const value = get(name);
      if (value !== undefined) (credentials as Record<keyof C, string>)[key] = value;
    }
    return { mode: ProviderMode.LIVE, baseUrl: baseUrl ?? publicUrl, credentials };
  };

  const tencentMeeting = provider(
    'TENCENT_MEETING',
    {
      TENCENT_MEETING_APP_ID: 'appId',
      TENCENT_MEETING_SECRET_ID: 'secretId',
      TENCENT_MEETING_SECRET_KEY: 'secretKey',
    },
    { TENCENT_MEETING_SDK_ID: 'sdkId' },
    SANDBOX_CREDENTIALS.tencentMeeting,
    PUBLIC_BASE_URLS.tencentMeeting,
  );
  // In LIVE mode an unset SdkId means "none issued" (providers.md §1.1), not the sandbox value.
  if (tencentMeeting.mode === ProviderMode.LIVE && get('TENCENT_MEETING_SDK_ID') === undefined) {
    tencentMeeting.credentials.sdkId = '';
  }
  const wecom = provider(
    'WECOM',
    { WECOM_CORP_ID: 'corpId', WECOM_CORP_SECRET: 'corpSecret' },
    {},
    SANDBOX_CREDENTIALS.wecom,
    PUBLIC_BASE_URLS.wecom,
  );
  const umeeting = provider(
    'UMEETING',
    { UMEETING_API_KEY: 'apiKey', UMEETING_API_SECRET: 'apiSecret' },
    {},
    SANDBOX_CREDENTIALS.umeeting,
    PUBLIC_BASE_URLS.umeeting,
  );
  const timeZone = get('UMEETING_TIMEZONE') ?? DEFAULT_UMEETING_TIMEZONE;
  if (!isTimeZone(timeZone)) {
    problems.push(
      `UMEETING_TIMEZONE: expected an IANA time zone such as Asia/Shanghai, got "${timeZone}"`,
    );
  }

  // The HTTP front (timeouts, connection cap, CORS): empty values are problems there.
  const http = readHttpConfig((name) => env[name], problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    logLevel: logLevelRaw as AppConfig['logLevel'],
    providerTimeoutMs,
    limits: Object.freeze(limits),
    introspection,
    playground,
    shutdownGraceMs,
    tencentMeeting,
    wecom,
    umeeting: { ...umeeting, timeZone },
    http,
  });
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

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
