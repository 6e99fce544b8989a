import { createServer } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ProvidersDocument } from '../__generated__/operations.js';
import { startTestServer, type TestServer } from '../helpers/start-test-server.js';

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('the HTTP front', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('echoes a caller request id, or makes one, on every GraphQL answer', async () => {
    const given = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-123' },
      body: JSON.stringify({ query: '{ providers { provider } }' }),
    });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await server.execute(ProvidersDocument);
    expect(made.status).toBe(200);
    const again = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' },
      body: JSON.stringify({ query: '{ providers { provider } }' }),
    });
    expect(again.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.logs.some((line) => line.includes('"requestId":"trace-123"'))).toBe(true);
  });

  it('answers a body that is not JSON with 400, one over 1 MiB with 413, an unknown path with 404', async () => {
    const bad = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ "query": ',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const huge = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ providers { provider } } #${'x'.repeat(1024 * 1024)}` }),
    });
    expect(huge.status).toBe(413);
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
  });

  it('answers /readyz 503, naming the provider, while a LIVE provider cannot be reached', async () => {
    const port = await closedPort();
    const live = await startTestServer({
      env: {
        UMEETING_BASE_URL: `http://127.0.0.1:${port}`,
        UMEETING_API_KEY: 'k',
        UMEETING_API_SECRET: 'live-secret-not-for-logs',
      },
    });
    try {
      expect((await fetch(`${live.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${live.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as {
        providers: Array<{ provider: string; reachable: boolean }>;
      };
      expect(body.providers).toEqual([
        { provider: 'TENCENT_MEETING', mode: 'SANDBOX', reachable: true },
        { provider: 'WECOM', mode: 'SANDBOX', reachable: true },
        { provider: 'UMEETING', mode: 'LIVE', reachable: false },
      ]);
      expect(live.logs.join('\n')).not.toContain('live-secret-not-for-logs');
    } finally {
      await live.close();
    }
  });
});
