import type { Logger } from 'pino';

import type { AuthConfig } from './auth-config.js';

/** The one start-up line that says how callers are authenticated (never a secret). */
export function logAuthMode(auth: AuthConfig, log: Logger): void {
  if (auth.mode === 'jwt') {
    log.info(
      {
        authMode: 'jwt',
        keys: auth.jwksUrl ? 'jwks' : 'hs256-secret',
        jwksUrl: auth.jwksUrl,
        issuer: auth.issuer,
        audience: auth.audience,
        organizerClaim: auth.organizerClaim,
      },
      'authentication: bearer JWT required',
    );
  } else if (auth.defaulted) {
    log.warn(
      { authMode: 'none' },
      'authentication: AUTH_MODE unset and every provider SANDBOX, so none; every caller is trusted (set AUTH_MODE=jwt or AUTH_MODE=none)',
    );
  } else {
    log.info(
      { authMode: 'none' },
      'authentication: none (AUTH_MODE=none); the subgraph trusts its network, e.g. a router in front that authenticates',
    );
  }
}
