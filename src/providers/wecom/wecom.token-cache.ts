import type { Logger } from 'pino';

import { registerSecret } from '../../util/redact.js';

export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

export interface WecomTokenCacheOptions {
  /** Calls `gettoken` (docs/reference/providers.md §2.1); throws a ProviderError on failure. */
  fetchToken(): Promise<FetchedToken>;
  log: Logger;
  /** Milliseconds since the epoch (injectable for tests). */
  now?: () => number;
  /** Refresh this long before expiry (default 300 s; at most half the token's lifetime). */
  refreshMarginSeconds?: number;
}

interface CachedToken {
  token: string;
  refreshAt: number;
  expiresAt: number;
}

/**
 * The process-wide WeCom access token of one app (one corpid + secret), built once at start-up
 * and shared by every request's data source (STYLE habit 4; docs/reference/providers.md §2.1):
 * - single-flight: concurrent callers share one in-flight `gettoken`, so a cold start with many
 *   requests makes exactly one (gettoken is rate-limited, and ~2000 failures/hour block the app);
 * - refreshed ahead of expiry (5 min before, or half-way for short lifetimes); if that early
 *   refresh fails, the still-valid token keeps serving;
 * - `invalidate(token)` after a 40014/41001/42001 forgets that token only if it is still the
 *   current one, so many requests failing with the same stale token cause one refresh, not many.
 * Every token is registered as a secret the moment it is fetched.
 */
export class WecomTokenCache {
  private current?: CachedToken;
  private inflight?: Promise<string>;
  private readonly now: () => number;
  private readonly marginMs: number;

  constructor(private readonly options: WecomTokenCacheOptions) {
    this.now = options.now ?? Date.now;
    this.marginMs = (options.refreshMarginSeconds ?? 300) * 1000;
  }

  /** A valid token: the cached one, or one fetched (shared with concurrent callers). */
  get(): Promise<string> {
    const now = this.now();
    if (this.current && now < this.current.refreshAt) return Promise.resolve(this.current.token);
    if (this.inflight) return this.inflight;
    const stale = this.current;
    const flight: Promise<string> = this.refresh()
      .catch((error: unknown) => {
        // An early refresh that failed: the old token is still good until it expires.
        if (stale && this.now() < stale.expiresAt) return stale.token;
        throw error;
      })
      .finally(() => {
        if (this.inflight === flight) this.inflight = undefined;
      });
    this.inflight = flight;
    return flight;
  }

  /** Forgets `token` if it is the cached one (the provider said it is invalid or expired). */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async refresh(): Promise<string> {
    const started = this.now();
    const { token, expiresInSeconds } = await this.options.fetchToken();
    registerSecret(token);
    const lifetimeMs = Math.max(0, expiresInSeconds) * 1000;
    const margin = Math.min(this.marginMs, lifetimeMs / 2);
    this.current = {
      token,
      refreshAt: started + lifetimeMs - margin,
      expiresAt: started + lifetimeMs,
    };
    this.options.log.debug({ expiresInSeconds }, 'wecom access token fetched');
    return token;
  }
}
