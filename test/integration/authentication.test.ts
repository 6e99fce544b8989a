import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/env.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';
import { createLogger } from '../../src/server/logger.js';
import { upstreamCallCount } from '../helpers/emulator-assertions.js';
import { startTestServer, type TestServer } from '../helpers/start-test-server.js';

const SECRET = 'integration-test-hs256-secret-0123456789';
const ISSUER = 'https://idp.test/';
const AUDIENCE = 'meetings-api';
// A read that reaches a provider (umeeting answers "not found": data { meeting: null }).
const READ = {
  query: 'query($id: ID!) { meeting(id: $id) { id } }',
  variables: { id: meetingGlobalId(Provider.UMEETING, '900000001') },
};

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: unknown } }> };
  raw: string;
}

async function post(
  server: TestServer,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const raw = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(raw), raw };
}

const hs256 = (secret = SECRET) => new TextEncoder().encode(secret);

function token(
  key: Uint8Array | CryptoKey,
  options: { alg?: string; kid?: string; iss?: string; aud?: string; exp?: number | string } = {},
  claims: Record<string, unknown> = { sub: 'organizer-1', scope: 'meetings:read meetings:write' },
) {
  return new SignJWT(claims)
    .setProtectedHeader({
      alg: options.alg ?? 'HS256',
      ...(options.kid ? { kid: options.kid } : {}),
    })
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '5m')
    .sign(key);
}

function expectUnauthenticated(answer: Answer, secrets: string[]) {
  expect(answer.status).toBe(200);
  expect(answer.body.data ?? null).toBeNull();
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
  for (const secret of secrets) expect(answer.raw).not.toContain(secret);
}

describe('authentication: AUTH_MODE=jwt with an HS256 secret (issue 11)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        AUTH_MODE: 'jwt',
        AUTH_JWT_SECRET: SECRET,
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
      },
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.resetEmulators());

  it('answers a request with a valid token, which reaches the provider', async () => {
    const answer = await post(server, READ, {
      authorization: `Bearer ${await token(hs256())}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { meeting: null } });
    expect(upstreamCallCount(server.emulators)).toBeGreaterThan(0);
  });

  it.each([
    ['missing', async () => ({})],
    ['malformed header', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    ['empty bearer', async () => ({ authorization: 'Bearer ' })],
    ['not a JWT', async () => ({ authorization: 'Bearer not.a.jwt' })],
    [
      'expired',
      async () => ({
        authorization: `Bearer ${await token(hs256(), { exp: Math.floor(Date.now() / 1000) - 3600 })}`,
      }),
    ],
    [
      'wrong issuer',
      async () => ({
        authorization: `Bearer ${await token(hs256(), { iss: 'https://evil.test/' })}`,
      }),
    ],
    [
      'wrong audience',
      async () => ({ authorization: `Bearer ${await token(hs256(), { aud: 'another-api' })}` }),
    ],
    [
      'bad signature',
      async () => ({
        authorization: `Bearer ${await token(hs256('another-secret-of-enough-length-0123456789'))}`,
      }),
    ],
    [
      'no sub claim',
      async () => ({
        authorization: `Bearer ${await token(hs256(), {}, { scope: 'meetings:read' })}`,
      }),
    ],
  ])('refuses the whole request with UNAUTHENTICATED (%s), no provider call', async (_, make) => {
    const headers: Record<string, string> = await make();
    const sent = headers.authorization?.replace(/^\S+\s*/, '') ?? '';
    const before = server.logs.length;
    // Two root fields: one error for the whole request, not one per field.
    const answer = await post(
      server,
      { ...READ, query: 'query($id: ID!) { meeting(id: $id) { id } providers { provider } }' },
      headers,
    );
    expectUnauthenticated(answer, [SECRET, ...(sent.length > 4 ? [sent] : [])]);
    expect(upstreamCallCount(server.emulators)).toBe(0);
    const logs = server.logs.slice(before).join('\n');
    expect(logs).toContain('request not authenticated');
    expect(logs).not.toContain(SECRET);
    if (sent.length > 4) expect(logs).not.toContain(sent);
  });

  it('refuses a mutation without a token before any provider call', async () => {
    const answer = await post(server, {
      query: 'mutation($id: ID!) { cancelMeeting(id: $id) { id } }',
      variables: { id: meetingGlobalId(Provider.UMEETING, '900000001') },
    });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(upstreamCallCount(server.emulators)).toBe(0);
  });

  it('answers 401 with WWW-Authenticate: Bearer for application/graphql-response+json', async () => {
    const answer = await post(server, READ, { accept: 'application/graphql-response+json' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers _service { sdl } (routers fetch it), health, readiness and metrics without a token', async () => {
    const sdl = await post(server, { query: 'query { _service { sdl } __typename }' });
    expect(sdl.status).toBe(200);
    expect(sdl.body.errors).toBeUndefined();
    expect(sdl.body.data).toMatchObject({
      _service: { sdl: expect.stringContaining('type Meeting') },
    });
    const fragment = await post(server, {
      query: 'query Sdl { ...S } fragment S on Query { _service { sdl } }',
    });
    expect(fragment.body.errors).toBeUndefined();
    // Anything more than the SDL needs the token.
    const more = await post(server, { query: '{ _service { sdl } providers { provider } }' });
    expect(more.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      expect((await fetch(`${server.url}${path}`)).status).toBe(200);
    }
  });
});

describe('authentication: AUTH_MODE=jwt with a remote JWKS (RS256)', () => {
  let server: TestServer;
  let jwks: http.Server;
  let privateKey: CryptoKey;
  let otherKey: CryptoKey;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    server = await startTestServer({
      env: {
        AUTH_MODE: 'jwt',
        AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });
  beforeEach(() => server.resetEmulators());

  it('answers a request with a token signed by a key of the JWKS', async () => {
    const answer = await post(server, READ, {
      authorization: `Bearer ${await token(privateKey, { alg: 'RS256', kid: 'k1' })}`,
    });
    expect(answer.body).toEqual({ data: { meeting: null } });
    expect(upstreamCallCount(server.emulators)).toBeGreaterThan(0);
  });

  it.each([
    ['a key not in the JWKS', () => token(otherKey, { alg: 'RS256', kid: 'k1' })],
    ['wrong audience', () => token(privateKey, { alg: 'RS256', kid: 'k1', aud: 'x' })],
    ['wrong issuer', () => token(privateKey, { alg: 'RS256', kid: 'k1', iss: 'https://x.test/' })],
    [
      'expired',
      () => token(privateKey, { alg: 'RS256', kid: 'k1', exp: Math.floor(Date.now() / 1000) - 60 }),
    ],
    ['HS256 (no shared secret with a JWKS)', () => token(hs256(), { kid: 'k1' })],
  ])('refuses %s with UNAUTHENTICATED and no provider call', async (_, make) => {
    const jwt = await make();
    const answer = await post(server, READ, { authorization: `Bearer ${jwt}` });
    expectUnauthenticated(answer, [jwt]);
    expect(upstreamCallCount(server.emulators)).toBe(0);
    expect(server.logs.join('\n')).not.toContain(jwt);
  });
});

describe('authentication: start-up defaults', () => {
  it('with every provider SANDBOX and no AUTH_MODE, runs as none with one warning line', async () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      destination: { write: (l: string) => void lines.push(l) },
    });
    const app = await buildApp(loadConfig({ PORT: '0' }), log);
    try {
      const auth = lines
        .map((l) => JSON.parse(l) as { level: number; msg: string; authMode?: string })
        .filter((l) => l.authMode !== undefined);
      expect(auth).toHaveLength(1);
      expect(auth[0]).toMatchObject({ level: 40, authMode: 'none' });
      expect(auth[0]!.msg).toMatch(/AUTH_MODE unset/);
    } finally {
      await app.close(100);
    }
  });

  it('with a LIVE provider and no AUTH_MODE, refuses to start', () => {
    expect(() => loadConfig({ UMEETING_API_KEY: 'k', UMEETING_API_SECRET: 's' })).toThrow(
      /AUTH_MODE must be set when a provider is LIVE \(UMEETING\)/,
    );
  });

  it('never logs the HS256 secret', async () => {
    const server = await startTestServer({
      env: { AUTH_MODE: 'jwt', AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'trace' },
    });
    try {
      await post(server, READ, { authorization: `Bearer ${await token(hs256(), {}, {})}` });
      const logs = server.logs.join('\n');
      expect(logs).toContain('authentication: bearer JWT required');
      expect(logs).not.toContain(SECRET);
    } finally {
      await server.close();
    }
  });
});
