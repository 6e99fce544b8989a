import type { errors as JoseErrors, JWTPayload, JWTVerifyGetKey } from 'jose';

import type { AuthConfig } from './auth-config.js';
import { ALL_SCOPES, TRUSTED_CALLER, type Caller, type Scope } from './caller.js';
import { UnauthenticatedError } from './unauthenticated-error.js';

/**
 * Turns a request's `Authorization` header into its Caller, or the reason it has none
 * (`UnauthenticatedError`, returned rather than thrown: the request is refused later, once its
 * operation is known, because `_service { sdl }` is answered without a token). Never rejects.
 */
export type Authenticate = (
  authorization: string | undefined,
) => Promise<Caller | UnauthenticatedError>;

/** Asymmetric algorithms accepted from a JWKS (never HS*: no alg confusion with a public key). */
const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
/** Clock skew allowed on `exp`/`nbf`/`iat`. */
const CLOCK_TOLERANCE_SECONDS = 5;

export function createAuthenticate(config: AuthConfig): Authenticate {
  if (config.mode === 'none') return () => Promise.resolve(TRUSTED_CALLER);
  const { issuer, audience, organizerClaim } = config;
  // jose is loaded only with AUTH_MODE=jwt (idle RSS, docs/performance.md), from here on.
  const verifier = import('jose').then((jose) => {
    const key: Uint8Array | JWTVerifyGetKey = config.jwksUrl
      ? jose.createRemoteJWKSet(new URL(config.jwksUrl))
      : new TextEncoder().encode(config.secret ?? '');
    return { jose, key };
  });
  const algorithms = config.jwksUrl ? JWKS_ALGORITHMS : ['HS256'];

  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') {
      return new UnauthenticatedError('no bearer token; send Authorization: Bearer <token>');
    }
    const match = /^Bearer +([A-Za-z0-9_.~+/-]+=*)$/i.exec(authorization.trim());
    if (!match) {
      return new UnauthenticatedError(
        'malformed Authorization header; expected Authorization: Bearer <token>',
      );
    }
    const { jose, key } = await verifier;
    let payload: JWTPayload;
    try {
      ({ payload } = await jose.jwtVerify(match[1]!, key as Uint8Array, {
        algorithms,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...(issuer !== null ? { issuer } : {}),
        ...(audience !== null ? { audience } : {}),
      }));
    } catch (error) {
      return new UnauthenticatedError(describe(error, jose.errors));
    }
    const user = payload[organizerClaim];
    const userId = typeof user === 'string' || typeof user === 'number' ? String(user) : '';
    if (userId.trim() === '') {
      return new UnauthenticatedError(`the token has no "${organizerClaim}" claim`);
    }
    return { trusted: false, userId, scopes: scopesOf(payload.scope) };
  };
}

/** The space-separated `scope` claim (RFC 8693 §4.2); scopes this API does not know are ignored. */
export function scopesOf(claim: unknown): ReadonlySet<Scope> {
  if (typeof claim !== 'string') return new Set();
  const known = new Set<string>(ALL_SCOPES);
  return new Set(claim.split(/\s+/).filter((s): s is Scope => known.has(s)));
}

/** Which check failed, in words that never repeat the token or a claim's value. */
function describe(error: unknown, errors: typeof JoseErrors): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `the token's "${error.claim}" claim is not accepted`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'the token signature does not verify';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token algorithm is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the JWKS matches the token';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return 'the signing keys (JWKS) could not be fetched';
  }
  if (error instanceof errors.JOSEError) return 'the token is not a valid JWT';
  return 'the token could not be verified';
}
