/**
 * The authentication settings (docs/operations.md "Authentication"), read by loadConfig
 * (src/config/env.ts) through `readAuthConfig`, with the same rules as every other variable: an
 * empty value is a problem, and every problem is reported at once.
 */
export type AuthConfig =
  | {
      readonly mode: 'none';
      /** True when AUTH_MODE was not set (every provider SANDBOX): start-up warns once. */
      readonly defaulted: boolean;
    }
  | {
      readonly mode: 'jwt';
      /** HS256 shared secret (`AUTH_JWT_SECRET`), or null with a JWKS. */
      readonly secret: string | null;
      /** Remote JWKS (`AUTH_JWKS_URL`), or null with a secret. */
      readonly jwksUrl: string | null;
      /** Required `iss` (`AUTH_ISSUER`); required with a JWKS. */
      readonly issuer: string | null;
      /** Required `aud` (`AUTH_AUDIENCE`); required with a JWKS. */
      readonly audience: string | null;
      /** The claim holding the caller's provider user id (`AUTH_ORGANIZER_CLAIM`, default `sub`). */
      readonly organizerClaim: string;
    };

export const AUTH_MODES = ['none', 'jwt'] as const;
/** HS256 keys shorter than the hash output are weak (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

export function readAuthConfig(
  get: (name: string) => string | undefined,
  problem: (message: string) => void,
  liveProviders: readonly string[],
): AuthConfig {
  const mode = get('AUTH_MODE');
  const jwtVariables = [
    'AUTH_JWT_SECRET',
    'AUTH_JWKS_URL',
    'AUTH_ISSUER',
    'AUTH_AUDIENCE',
    'AUTH_ORGANIZER_CLAIM',
  ] as const;
  const values = Object.fromEntries(jwtVariables.map((name) => [name, get(name)])) as Record<
    (typeof jwtVariables)[number],
    string | undefined
  >;

  if (mode === undefined || mode === 'none') {
    if (mode === undefined && liveProviders.length > 0) {
      problem(
        `AUTH_MODE must be set when a provider is LIVE (${liveProviders.join(', ')}): AUTH_MODE=jwt to verify bearer tokens, or AUTH_MODE=none when a router in front authenticates`,
      );
    }
    const stray = jwtVariables.filter((name) => values[name] !== undefined);
    if (stray.length > 0) {
      problem(
        `${stray.join(', ')}: only used with AUTH_MODE=jwt; set AUTH_MODE=jwt, or unset them`,
      );
    }
    return { mode: 'none', defaulted: mode === undefined };
  }
  if (mode !== 'jwt') {
    problem(`AUTH_MODE: expected one of ${AUTH_MODES.join(', ')}, got "${mode}"`);
    return { mode: 'none', defaulted: false };
  }

  const secret = values.AUTH_JWT_SECRET ?? null;
  const jwksUrl = values.AUTH_JWKS_URL ?? null;
  const issuer = values.AUTH_ISSUER ?? null;
  const audience = values.AUTH_AUDIENCE ?? null;
  if (secret !== null && jwksUrl !== null) {
    problem('AUTH_JWT_SECRET, AUTH_JWKS_URL: both set; AUTH_MODE=jwt takes exactly one of them');
  } else if (secret === null && jwksUrl === null) {
    problem(
      'AUTH_JWT_SECRET, AUTH_JWKS_URL: AUTH_MODE=jwt needs exactly one (an HS256 secret, or the URL of a JWKS)',
    );
  }
  if (secret !== null && Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    // The length only, never the value.
    problem(`AUTH_JWT_SECRET: expected at least ${MIN_SECRET_BYTES} bytes`);
  }
  if (jwksUrl !== null) {
    if (!isHttpUrl(jwksUrl)) problem(`AUTH_JWKS_URL: expected an http(s) URL, got "${jwksUrl}"`);
    const missing = [
      ...(issuer === null ? ['AUTH_ISSUER'] : []),
      ...(audience === null ? ['AUTH_AUDIENCE'] : []),
    ];
    if (missing.length > 0) {
      problem(
        `${missing.join(', ')}: required with AUTH_JWKS_URL (a JWKS usually signs tokens for many services)`,
      );
    }
  }
  const organizerClaim = values.AUTH_ORGANIZER_CLAIM ?? 'sub';
  if (/\s/.test(organizerClaim)) {
    problem(`AUTH_ORGANIZER_CLAIM: expected a claim name, got "${organizerClaim}"`);
  }
  return { mode: 'jwt', secret, jwksUrl, issuer, audience, organizerClaim };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
