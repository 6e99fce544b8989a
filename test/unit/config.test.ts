import { describe, expect, it } from '@jest/globals';

import { ConfigError, loadConfig } from '../../src/config/env.js';
import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import { ProviderMode } from '../../src/schema/enums/provider-mode.enum.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs every provider in SANDBOX with the sandbox credentials when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.tencentMeeting.mode).toBe(ProviderMode.SANDBOX);
    expect(config.wecom.mode).toBe(ProviderMode.SANDBOX);
    expect(config.umeeting.mode).toBe(ProviderMode.SANDBOX);
    expect(config.wecom.credentials).toEqual(SANDBOX_CREDENTIALS.wecom);
    expect(config.umeeting.timeZone).toBe('Asia/Shanghai');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('runs a provider LIVE with its credentials, at the public host unless a base URL is given', () => {
    const config = loadConfig({
      WECOM_CORP_ID: 'corp',
      WECOM_CORP_SECRET: 'secret',
      TENCENT_MEETING_APP_ID: 'app',
      TENCENT_MEETING_SECRET_ID: 'id',
      TENCENT_MEETING_SECRET_KEY: 'key',
      TENCENT_MEETING_BASE_URL: 'http://127.0.0.1:9999',
      AUTH_MODE: 'none',
    });
    expect(config.wecom).toMatchObject({
      mode: ProviderMode.LIVE,
      baseUrl: 'https://qyapi.weixin.qq.com',
      credentials: { corpId: 'corp', corpSecret: 'secret' },
    });
    expect(config.tencentMeeting.baseUrl).toBe('http://127.0.0.1:9999');
    // No SdkId issued: the header is omitted rather than sending the sandbox value.
    expect(config.tencentMeeting.credentials.sdkId).toBe('');
    expect(config.umeeting.mode).toBe(ProviderMode.SANDBOX);
  });

  it('lists every bad variable in one error', () => {
    const list = problems({
      PORT: 'abc',
      WECOM_BASE_URL: 'ftp://example.com',
      WECOM_CORP_ID: 'corp',
      UMEETING_TIMEZONE: 'Mars/Olympus',
      TENCENT_MEETING_SECRET_KEY: 'k',
      AUTH_MODE: 'none',
    });
    expect(list.join('\n')).toMatch(/PORT: expected an integer/);
    expect(list.join('\n')).toMatch(/WECOM_BASE_URL: expected an http\(s\) URL/);
    expect(list.join('\n')).toMatch(/WECOM_CORP_SECRET: missing/);
    expect(list.join('\n')).toMatch(/UMEETING_TIMEZONE: expected an IANA time zone/);
    expect(list.join('\n')).toMatch(/TENCENT_MEETING_APP_ID, TENCENT_MEETING_SECRET_ID: missing/);
    expect(list).toHaveLength(5);
  });

  it('refuses a base URL without credentials rather than silently staying in SANDBOX', () => {
    expect(problems({ UMEETING_BASE_URL: 'http://127.0.0.1:1' })[0]).toMatch(
      /UMEETING_BASE_URL: set without credentials/,
    );
  });

  it('refuses an empty value for every variable it reads, rather than taking it as unset', () => {
    // WECOM_BASE_URL= used to be "unset": the provider went LIVE against the public host.
    expect(
      problems({
        WECOM_BASE_URL: '',
        WECOM_CORP_ID: 'corp',
        WECOM_CORP_SECRET: 'secret',
        AUTH_MODE: 'none',
      }),
    ).toEqual(['WECOM_BASE_URL: set but empty; give a value, or unset it']);
    const names = [
      'PORT',
      'HOST',
      'LOG_LEVEL',
      'PROVIDER_TIMEOUT_MS',
      'NODE_ENV',
      'GRAPHQL_MAX_DEPTH',
      'GRAPHQL_MAX_ALIASES',
      'GRAPHQL_MAX_ROOT_FIELDS',
      'GRAPHQL_MAX_COST',
      'MAX_UPSTREAM_CALLS_PER_REQUEST',
      'MAX_UPSTREAM_WRITES_PER_REQUEST',
      'GRAPHQL_INTROSPECTION',
      'GRAPHQL_PLAYGROUND',
      'SHUTDOWN_GRACE_MS',
      'TENCENT_MEETING_BASE_URL',
      'TENCENT_MEETING_APP_ID',
      'TENCENT_MEETING_SDK_ID',
      'TENCENT_MEETING_SECRET_ID',
      'TENCENT_MEETING_SECRET_KEY',
      'WECOM_BASE_URL',
      'WECOM_CORP_ID',
      'WECOM_CORP_SECRET',
      'UMEETING_BASE_URL',
      'UMEETING_API_KEY',
      'UMEETING_API_SECRET',
      'UMEETING_TIMEZONE',
      'HTTP_REQUEST_TIMEOUT_MS',
      'HTTP_HEADERS_TIMEOUT_MS',
      'HTTP_KEEP_ALIVE_TIMEOUT_MS',
      'HTTP_MAX_CONNECTIONS',
      'CORS_ORIGINS',
      'AUTH_MODE',
      'AUTH_JWT_SECRET',
      'AUTH_JWKS_URL',
      'AUTH_ISSUER',
      'AUTH_AUDIENCE',
      'AUTH_ORGANIZER_CLAIM',
    ];
    for (const value of ['', ' ', '\t']) {
      const list = problems(Object.fromEntries(names.map((name) => [name, value])));
      // One line per variable, each saying it is empty (nothing else: no "missing" on top).
      expect(list.map((line) => line.split(':')[0]).sort()).toEqual([...names].sort());
      for (const line of list) expect(line).toMatch(/^[A-Z_]+: set but empty/);
    }
  });

  it('names an empty credential once, not also as missing', () => {
    expect(problems({ WECOM_CORP_ID: 'corp', WECOM_CORP_SECRET: '', AUTH_MODE: 'none' })).toEqual([
      'WECOM_CORP_SECRET: set but empty; give a value, or unset it',
    ]);
  });

  it('never puts a secret value in its message', () => {
    try {
      loadConfig({ WECOM_CORP_SECRET: 'super-secret-value', PORT: '70000' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).not.toContain('super-secret-value');
      expect((error as Error).message).toMatch(/WECOM_CORP_ID: missing/);
    }
  });
});

describe('loadConfig: the HTTP front', () => {
  it('defaults to 10 s headers, 30 s request, 65 s keep-alive, 1024 connections and no CORS', () => {
    expect(loadConfig({}).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
      maxConnections: 1024,
      corsOrigins: [],
    });
  });

  it('reads every variable, trimming and de-duplicating the origins', () => {
    const config = loadConfig({
      HTTP_HEADERS_TIMEOUT_MS: '5000',
      HTTP_REQUEST_TIMEOUT_MS: '5000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '120000',
      HTTP_MAX_CONNECTIONS: '50',
      CORS_ORIGINS: ' https://app.example.com ,http://localhost:3000,https://app.example.com',
    });
    expect(config.http).toEqual({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 5000,
      keepAliveTimeoutMs: 120_000,
      maxConnections: 50,
      corsOrigins: ['https://app.example.com', 'http://localhost:3000'],
    });
    expect(loadConfig({ CORS_ORIGINS: '*' }).http.corsOrigins).toEqual(['*']);
  });

  it('names every bad value at once', () => {
    const list = problems({
      HTTP_HEADERS_TIMEOUT_MS: 'ten seconds',
      HTTP_REQUEST_TIMEOUT_MS: '0',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '-1',
      HTTP_MAX_CONNECTIONS: '1.5',
    });
    expect(list).toEqual([
      'HTTP_REQUEST_TIMEOUT_MS: expected milliseconds from 100 to 600000, got "0"',
      'HTTP_HEADERS_TIMEOUT_MS: expected milliseconds from 100 to 600000, got "ten seconds"',
      'HTTP_KEEP_ALIVE_TIMEOUT_MS: expected milliseconds from 100 to 600000, got "-1"',
      'HTTP_MAX_CONNECTIONS: expected a connection count from 1 to 1000000, got "1.5"',
    ]);
  });

  it('refuses an empty value rather than guessing it means the default', () => {
    const names = [
      'HTTP_REQUEST_TIMEOUT_MS',
      'HTTP_HEADERS_TIMEOUT_MS',
      'HTTP_KEEP_ALIVE_TIMEOUT_MS',
      'HTTP_MAX_CONNECTIONS',
      'CORS_ORIGINS',
    ];
    const list = problems(Object.fromEntries(names.map((name) => [name, ' '])));
    expect(list).toHaveLength(names.length);
    names.forEach((name, i) => expect(list[i]).toMatch(new RegExp(`^${name}: set but empty`)));
  });

  it('refuses a headers timeout longer than the request timeout (node would not start)', () => {
    expect(
      problems({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }),
    ).toEqual([
      'HTTP_HEADERS_TIMEOUT_MS: 20000 is longer than HTTP_REQUEST_TIMEOUT_MS (10000); the headers are part of the request',
    ]);
    // Unset, the headers timeout follows a shorter request timeout down.
    expect(loadConfig({ HTTP_REQUEST_TIMEOUT_MS: '5000' }).http.headersTimeoutMs).toBe(5000);
  });

  it.each([
    ['https://app.example.com/', /did you mean "https:\/\/app\.example\.com"/],
    ['https://app.example.com/path', /not an origin as a browser sends it/],
    ['https://App.Example.com', /did you mean "https:\/\/app\.example\.com"/],
    ['https://app.example.com:443', /did you mean "https:\/\/app\.example\.com"/],
    ['app.example.com', /"app\.example\.com" is not an origin/],
    ['ftp://files.example.com', /not an http\(s\) origin/],
    ['https://*.example.com', /wildcards are not supported/],
    ['https://a.example.com,,https://b.example.com', /empty entry in the list/],
    ['https://a.example.com,', /empty entry in the list/],
    ['null', /"null" is not an origin/],
  ])('refuses CORS_ORIGINS=%s, naming the variable', (value, message) => {
    const list = problems({ CORS_ORIGINS: value });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/^CORS_ORIGINS: /);
    expect(list[0]).toMatch(message);
  });

  it('refuses * mixed with origins', () => {
    expect(problems({ CORS_ORIGINS: '*, https://app.example.com' })).toEqual([
      'CORS_ORIGINS: "*" allows every origin and must stand alone, got "*, https://app.example.com"',
    ]);
  });
});
