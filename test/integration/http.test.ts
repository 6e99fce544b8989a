import { createServer } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { PROVIDERS } from '../../src/providers/providers.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { ProvidersDocument } from '../__generated__/operations.js';
import { openRaw, within } from '../helpers/raw-http.js';
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
      expect(body.providers).toEqual(
        PROVIDERS.map(({ provider }) =>
          provider === Provider.UMEETING
            ? { provider, mode: 'LIVE', reachable: false }
            : { provider, mode: 'SANDBOX', reachable: true },
        ),
      );
      expect(live.logs.join('\n')).not.toContain('live-secret-not-for-logs');
    } finally {
      await live.close();
    }
  });
});

const MiB = 1024 * 1024;
const TOO_LARGE = 'request body too large (limit 1 MiB)';

/** Headers of a POST /graphql, ending with the blank line. */
function postHead(extra: string[]): string {
  return ['POST /graphql HTTP/1.1', 'Host: test', 'Content-Type: application/json', ...extra]
    .concat('', '')
    .join('\r\n');
}

describe('the HTTP front: request bodies', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers a declared 64 MiB body 413 at once and closes, without waiting for the body', async () => {
    const conn = await openRaw(server.url);
    const started = Date.now();
    // The headers promise 64 MiB; only 1 KiB follows, and nothing more is ever sent.
    await conn.write(postHead([`Content-Length: ${64 * MiB}`]) + 'x'.repeat(1024));
    const text = await within(5000, conn.closed, 'the 413 and the close');
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual({
      errors: [{ message: TOO_LARGE, extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a declared 64 MiB body on any route and method, so it is never drained', async () => {
    for (const head of ['GET /graphql', 'GET /healthz', 'PUT /nope']) {
      const conn = await openRaw(server.url);
      await conn.write(`${head} HTTP/1.1\r\nHost: test\r\nContent-Length: ${64 * MiB}\r\n\r\n`);
      expect(await within(5000, conn.closed, `${head}: the 413 and the close`)).toMatch(
        /^HTTP\/1\.1 413 /,
      );
    }
  });

  it('withholds "100 Continue" from a client that asks before sending 64 MiB', async () => {
    const conn = await openRaw(server.url);
    await conn.write(postHead([`Content-Length: ${64 * MiB}`, 'Expect: 100-continue']));
    const text = await within(5000, conn.closed, 'the 413 and the close');
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).not.toContain('100 Continue');
    // Within the limit the client is told to go on, and the request is served.
    const query = JSON.stringify({ query: '{ providers { provider } }' });
    const small = await openRaw(server.url);
    await small.write(postHead([`Content-Length: ${query.length}`, 'Expect: 100-continue']));
    await small.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
    await small.write(query);
    expect(await small.waitFor(/"TENCENT_MEETING"/)).toContain('HTTP/1.1 200 OK');
    small.socket.destroy();
  });

  it('cuts a chunked upload off once it passes 1 MiB: 413, then the connection is closed', async () => {
    const conn = await openRaw(server.url);
    await conn.write(postHead(['Transfer-Encoding: chunked']));
    // A client that never stops: 64 KiB chunks, for as long as the server lets it write.
    const chunk = `${(64 * 1024).toString(16)}\r\n${'x'.repeat(64 * 1024)}\r\n`;
    let sent = 0;
    while (sent < 64 * MiB && (await conn.write(chunk))) sent += 64 * 1024;
    const text = await within(5000, conn.closed, 'the close');
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toContain(TOO_LARGE);
    // The server read a little over 1 MiB; the rest of what we managed to write (about 3.7 MiB
    // in all, here) sat in the two sockets' kernel buffers when it closed.
    expect(sent).toBeLessThan(16 * MiB);
  });

  it('answers a chunked body 413 as soon as it passes 1 MiB, without waiting for its end', async () => {
    const conn = await openRaw(server.url);
    await conn.write(postHead(['Transfer-Encoding: chunked']));
    const part = 'x'.repeat(MiB / 2);
    // 1.5 MiB, and no final chunk: the body has not ended.
    for (let i = 0; i < 3; i += 1) await conn.write(`${part.length.toString(16)}\r\n${part}\r\n`);
    const text = await within(5000, conn.closed, 'the 413 and the close');
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('still serves a body under the limit sent in chunks', async () => {
    const query = JSON.stringify({ query: `{ providers { provider } } #${'x'.repeat(500_000)}` });
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([query]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
  });
});

describe('the HTTP front: timeouts and the connection cap', () => {
  it('answers a body that trickles in 408 and closes, once HTTP_REQUEST_TIMEOUT_MS has passed', async () => {
    const server = await startTestServer({
      env: { HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_HEADERS_TIMEOUT_MS: '1000' },
    });
    try {
      const conn = await openRaw(server.url);
      const started = Date.now();
      await conn.write(postHead(['Content-Length: 100']));
      // One byte every 200 ms: 20 s for the whole body.
      const trickle = setInterval(() => void conn.write('x'), 200);
      const text = await within(10_000, conn.closed, 'the 408').finally(() =>
        clearInterval(trickle),
      );
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
      expect(Date.now() - started).toBeLessThan(10_000);

      // Headers that trickle in are cut off the same way.
      const slowHeaders = await openRaw(server.url);
      await slowHeaders.write('POST /graphql HTTP/1.1\r\nHost: test\r\n');
      const headerTrickle = setInterval(() => void slowHeaders.write('X-Slow: 1\r\n'), 200);
      const headersText = await within(10_000, slowHeaders.closed, 'the 408').finally(() =>
        clearInterval(headerTrickle),
      );
      expect(headersText).toMatch(/^HTTP\/1\.1 408 /);

      // A slow request that still arrives in time is served.
      const query = JSON.stringify({ query: '{ providers { provider } }' });
      const slow = await openRaw(server.url);
      await slow.write(postHead([`Content-Length: ${query.length}`]) + query.slice(0, 10));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await slow.write(query.slice(10));
      expect(await slow.waitFor(/"TENCENT_MEETING"/)).toContain('HTTP/1.1 200 OK');
      slow.socket.destroy();
    } finally {
      await server.close();
    }
  });

  it('closes connections past HTTP_MAX_CONNECTIONS as they are accepted, and logs it', async () => {
    const server = await startTestServer({ env: { HTTP_MAX_CONNECTIONS: '2' } });
    const health = 'GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n';
    try {
      // Two keep-alive connections, each proven accepted by an answer.
      const first = await openRaw(server.url);
      const second = await openRaw(server.url);
      for (const conn of [first, second]) {
        await conn.write(health);
        await conn.waitFor(/"status":"ok"/);
      }
      const third = await openRaw(server.url);
      await third.write(health);
      expect(await within(5000, third.closed, 'the refusal')).toBe('');
      expect(server.logs.join('\n')).toContain('HTTP_MAX_CONNECTIONS reached');

      // A freed slot is usable again.
      first.socket.destroy();
      await first.closed;
      const httpServer = server.app.server.httpServer;
      while ((await new Promise<number>((r) => httpServer.getConnections((_, n) => r(n)))) > 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const fourth = await openRaw(server.url);
      await fourth.write(health);
      expect(await fourth.waitFor(/"status":"ok"/)).toMatch(/^HTTP\/1\.1 200 /);
      second.socket.destroy();
      fourth.socket.destroy();
    } finally {
      await server.close();
    }
  });

  it('sets the configured timeouts on the node server (defaults: 10 s, 30 s, 65 s, 1024)', async () => {
    const server = await startTestServer();
    try {
      const { httpServer } = server.app.server;
      expect(httpServer.headersTimeout).toBe(10_000);
      expect(httpServer.requestTimeout).toBe(30_000);
      expect(httpServer.keepAliveTimeout).toBe(65_000);
      expect(httpServer.maxConnections).toBe(1024);
    } finally {
      await server.close();
    }
  });
});

describe('the HTTP front: CORS', () => {
  const allowed = 'https://app.example.com';
  const preflight = (origin: string, url: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization,x-request-id',
      },
    });
  const post = (origin: string, url: string) =>
    fetch(url, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ providers { provider } }' }),
    });
  const corsHeaders = (response: Response) =>
    [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { CORS_ORIGINS: `${allowed}, http://localhost:3000` },
    });
  });
  afterAll(() => server.close());

  it('answers a preflight from a listed origin 204 with that origin, methods, headers and max-age', async () => {
    const response = await preflight(allowed, server.graphqlUrl);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
    const allowHeaders = response.headers.get('access-control-allow-headers')!.split(',');
    expect(allowHeaders).toEqual(
      expect.arrayContaining([
        'content-type',
        'authorization',
        'x-request-id',
        'apollo-require-preflight',
        'x-apollo-operation-name',
      ]),
    );
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await preflight('http://localhost:3000', server.graphqlUrl);
    expect(other.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it('lets a listed origin read the answer and its x-request-id', async () => {
    const response = await post(allowed, server.graphqlUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    // Errors answered before Apollo carry them too, or the page would see a CORS failure.
    const tooLarge = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { origin: allowed, 'content-type': 'application/json' },
      body: 'x'.repeat(MiB + 1),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('access-control-allow-origin')).toBe(allowed);
  });

  it('sends an origin not listed no Access-Control-* header at all', async () => {
    const refused = await preflight('https://evil.example.com', server.graphqlUrl);
    expect(refused.status).toBe(204);
    expect(corsHeaders(refused)).toEqual([]);
    expect(refused.headers.get('vary')).toMatch(/\bOrigin\b/);
    // Same origin spelled differently (a browser never sends a path or a default port).
    expect(corsHeaders(await preflight(`${allowed}:443`, server.graphqlUrl))).toEqual([]);
    // The request is still served (CORS guards a browser user's reads, not the server);
    // without the header the browser does not let the page read it.
    const response = await post('https://evil.example.com', server.graphqlUrl);
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual([]);
  });

  it('leaves /healthz and the other routes out of CORS', async () => {
    const response = await preflight(allowed, `${server.url}/healthz`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(corsHeaders(response)).toEqual([]);
  });

  it('answers any origin with * when CORS_ORIGINS is *', async () => {
    const any = await startTestServer({ env: { CORS_ORIGINS: '*' } });
    try {
      const response = await preflight('https://anyone.example.org', any.graphqlUrl);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    } finally {
      await any.close();
    }
  });

  it('is off by default: OPTIONS is 405 with Allow, and no Access-Control-* header is sent', async () => {
    const plain = await startTestServer();
    try {
      const response = await preflight(allowed, plain.graphqlUrl);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
      expect(corsHeaders(response)).toEqual([]);
      expect(corsHeaders(await post(allowed, plain.graphqlUrl))).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});

describe('the HTTP front: HEAD and other methods', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers HEAD like GET without the body', async () => {
    const health = await fetch(`${server.url}/healthz`, { method: 'HEAD' });
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/application\/json/);
    expect(await health.text()).toBe('');
    expect((await fetch(`${server.url}/readyz`, { method: 'HEAD' })).status).toBe(200);

    const html = { accept: 'text/html' };
    for (const url of [`${server.url}/`, server.graphqlUrl]) {
      const page = await fetch(url, { method: 'HEAD', headers: html });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toBe('');
    }

    // A query over GET, and the same as HEAD: same status and headers, no body.
    const search = `?query=${encodeURIComponent('{ providers { provider } }')}`;
    const preflighted = { 'apollo-require-preflight': 'true' };
    const get = await fetch(server.graphqlUrl + search, { headers: preflighted });
    const head = await fetch(server.graphqlUrl + search, { method: 'HEAD', headers: preflighted });
    expect(get.status).toBe(200);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(head.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await head.text()).toBe('');

    // No query and no HTML wanted: GET's answer (400) is HEAD's answer too.
    const bareGet = await fetch(server.graphqlUrl);
    const bareHead = await fetch(server.graphqlUrl, { method: 'HEAD' });
    expect(bareHead.status).toBe(bareGet.status);
  });

  it('answers a method a path does not take 405 with Allow, and an unknown path 404', async () => {
    const put = await fetch(server.graphqlUrl, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await put.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const del = await fetch(`${server.url}/healthz`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD');
    const postRoot = await fetch(`${server.url}/`, { method: 'POST', body: '{}' });
    expect(postRoot.status).toBe(405);
    expect((await fetch(`${server.url}/nope`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${server.url}/nope`, { method: 'HEAD' })).status).toBe(404);
  });
});
