import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { loggableUrl } from '../../src/app.js';
import { PROVIDERS } from '../../src/providers/providers.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { startTestServer, type TestServer } from '../helpers/start-test-server.js';

interface Line {
  msg?: string;
  provider?: string;
  mode?: string;
  baseUrl?: string;
}

/** Issue 15: the start-up log says, per provider, LIVE or SANDBOX and the base URL it calls. */
describe('the start-up log', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        // LIVE, at a base URL with a user:password in it: the password must not be logged.
        WECOM_BASE_URL: 'http://ops:url-password-1@127.0.0.1:9/wecom?key=query-secret-2',
        WECOM_CORP_ID: 'corp-id-3',
        WECOM_CORP_SECRET: 'corp-secret-4',
        // LIVE at the public host.
        UMEETING_API_KEY: 'api-key-5',
        UMEETING_API_SECRET: 'api-secret-6',
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has one line per provider with its mode and base URL, and no credential', () => {
    const lines = server.logs
      .map((line) => JSON.parse(line) as Line)
      .filter((line) => line.provider !== undefined && line.mode !== undefined);
    expect(lines.map((line) => line.provider)).toEqual(PROVIDERS.map((d) => d.provider));
    const byProvider = Object.fromEntries(lines.map((line) => [line.provider, line]));
    expect(byProvider[Provider.TENCENT_MEETING]).toMatchObject({
      mode: 'SANDBOX',
      baseUrl: server.emulators[Provider.TENCENT_MEETING]!.url,
      msg: 'provider SANDBOX: built-in emulator started',
    });
    expect(byProvider[Provider.WECOM]).toMatchObject({
      mode: 'LIVE',
      baseUrl: 'http://127.0.0.1:9/wecom',
      msg: 'provider LIVE',
    });
    expect(byProvider[Provider.UMEETING]).toMatchObject({
      mode: 'LIVE',
      baseUrl: PROVIDERS.find((d) => d.provider === Provider.UMEETING)!.env.publicBaseUrl,
    });
    const all = server.logs.join('\n');
    for (const secret of [
      'url-password-1',
      'query-secret-2',
      'corp-id-3',
      'corp-secret-4',
      'api-key-5',
      'api-secret-6',
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it('keeps a plain base URL as given', () => {
    expect(loggableUrl('https://api.meeting.qq.com')).toBe('https://api.meeting.qq.com');
    expect(loggableUrl('https://u:p@example.com/x?y=1#z')).toBe('https://example.com/x');
  });
});
