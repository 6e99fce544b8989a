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
