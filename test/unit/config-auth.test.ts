import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';

import { createAuthenticate, scopesOf } from '../../src/auth/authenticate.js';
import { UnauthenticatedError } from '../../src/auth/unauthenticated-error.js';
import { ConfigError, loadConfig } from '../../src/config/env.js';

const SECRET = 'unit-test-hs256-secret-0123456789abcdef';
const LIVE_WECOM = { WECOM_CORP_ID: 'corp', WECOM_CORP_SECRET: 'secret' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: authentication (issue 11)', () => {
  it('defaults to none, flagged as defaulted, when every provider is SANDBOX', () => {
    expect(loadConfig({}).auth).toEqual({ mode: 'none', defaulted: true });
    expect(loadConfig({ AUTH_MODE: 'none' }).auth).toEqual({ mode: 'none', defaulted: false });
  });

  it('refuses to start with a LIVE provider and no AUTH_MODE, naming the provider', () => {
    expect(problems(LIVE_WECOM)).toEqual([
      expect.stringMatching(/^AUTH_MODE must be set when a provider is LIVE \(WECOM\)/),
    ]);
  });

  it('allows AUTH_MODE=none explicitly with LIVE providers (a router in front authenticates)', () => {
    expect(loadConfig({ ...LIVE_WECOM, AUTH_MODE: 'none' }).auth).toEqual({
      mode: 'none',
      defaulted: false,
    });
  });

  it('reads jwt with an HS256 secret, the organizer claim defaulting to sub', () => {
    expect(loadConfig({ ...LIVE_WECOM, AUTH_MODE: 'jwt', AUTH_JWT_SECRET: SECRET }).auth).toEqual({
      mode: 'jwt',
      secret: SECRET,
      jwksUrl: null,
      issuer: null,
      audience: null,
      organizerClaim: 'sub',
    });
  });

  it('reads jwt with a JWKS, issuer and audience', () => {
    const config = loadConfig({
      AUTH_MODE: 'jwt',
      AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
      AUTH_ISSUER: 'https://idp.example.com/',
      AUTH_AUDIENCE: 'meetings-api',
      AUTH_ORGANIZER_CLAIM: 'tencent_userid',
    });
    expect(config.auth).toMatchObject({
      mode: 'jwt',
      secret: null,
      jwksUrl: 'https://idp.example.com/.well-known/jwks.json',
      organizerClaim: 'tencent_userid',
    });
  });

  it('refuses every bad combination at once', () => {
    expect(problems({ AUTH_MODE: 'oauth' })).toEqual([
      'AUTH_MODE: expected one of none, jwt, got "oauth"',
    ]);
    expect(problems({ AUTH_MODE: 'jwt' })).toEqual([
      expect.stringMatching(/^AUTH_JWT_SECRET, AUTH_JWKS_URL: AUTH_MODE=jwt needs exactly one/),
    ]);
    expect(
      problems({ AUTH_MODE: 'jwt', AUTH_JWT_SECRET: SECRET, AUTH_JWKS_URL: 'https://x.test/j' }),
    ).toContainEqual(expect.stringMatching(/^AUTH_JWT_SECRET, AUTH_JWKS_URL: both set/));
    expect(problems({ AUTH_MODE: 'jwt', AUTH_JWKS_URL: 'ftp://x.test/jwks' })).toEqual([
      'AUTH_JWKS_URL: expected an http(s) URL, got "ftp://x.test/jwks"',
      expect.stringMatching(/^AUTH_ISSUER, AUTH_AUDIENCE: required with AUTH_JWKS_URL/),
    ]);
    expect(problems({ AUTH_JWT_SECRET: SECRET })).toEqual([
      expect.stringMatching(/^AUTH_JWT_SECRET: only used with AUTH_MODE=jwt/),
    ]);
    expect(problems({ ...LIVE_WECOM, AUTH_MODE: '', AUTH_JWT_SECRET: ' ' })).toEqual([
      'AUTH_MODE: set but empty; give a value, or unset it',
      'AUTH_JWT_SECRET: set but empty; give a value, or unset it',
      expect.stringMatching(/^AUTH_MODE must be set when a provider is LIVE/),
    ]);
  });

  it('refuses a short secret without printing it', () => {
    const short = 'short-secret-value';
    const list = problems({ AUTH_MODE: 'jwt', AUTH_JWT_SECRET: short });
    expect(list).toEqual(['AUTH_JWT_SECRET: expected at least 32 bytes']);
    expect(list.join('\n')).not.toContain(short);
  });
});

describe('createAuthenticate', () => {
  const authenticate = createAuthenticate({
    mode: 'jwt',
    secret: SECRET,
    jwksUrl: null,
    issuer: null,
    audience: null,
    organizerClaim: 'tencent_userid',
  });
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));

  it('makes the Caller from the organizer claim and the known scopes', async () => {
    const token = await sign({
      sub: 'someone-else',
      tencent_userid: 'user-42',
      scope: 'meetings:read  meetings:host openid meetings:everything',
    });
    const caller = await authenticate(`Bearer ${token}`);
    expect(caller).toEqual({
      trusted: false,
      userId: 'user-42',
      scopes: new Set(['meetings:read', 'meetings:host']),
    });
  });

  it('refuses a token without the organizer claim, and odd headers', async () => {
    expect(await authenticate(`Bearer ${await sign({ sub: 'x' })}`)).toBeInstanceOf(
      UnauthenticatedError,
    );
    for (const header of [undefined, '', 'Bearer', 'Basic dXNlcjpwdw==', 'Bearer a b']) {
      expect(await authenticate(header)).toBeInstanceOf(UnauthenticatedError);
    }
  });

  it('trusts everyone with mode none', async () => {
    expect(await createAuthenticate({ mode: 'none', defaulted: false })(undefined)).toMatchObject({
      trusted: true,
    });
  });

  it('reads no scope from a missing or non-string claim', () => {
    expect(scopesOf(undefined).size).toBe(0);
    expect(scopesOf(['meetings:read']).size).toBe(0);
    expect([...scopesOf('meetings:admin meetings:write')]).toEqual([
      'meetings:admin',
      'meetings:write',
    ]);
  });
});
