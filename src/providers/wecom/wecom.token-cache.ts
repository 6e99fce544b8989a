import { createHash, randomUUID } from 'node:crypto';

import type { Logger } from 'pino';

import type { SharedState } from '../../state/shared-state.js';
import { registerSecret } from '../../util/redact.js';
import type { CallScope } from '../pipeline/provider-client.js';

export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

export interface WecomTokenCacheOptions {
  /**
   * Calls `gettoken` (docs/reference/providers.md §2.1); throws a ProviderError on failure.
   * `scope`: the request whose call needed the token (its budget pays for the fetch).
   */
  fetchToken(scope?: CallScope): Promise<FetchedToken>;
  log: Logger;
  /** Milliseconds since the epoch (injectable for tests). */
  now?: () => number;
  /** Refresh this long before expiry (default 300 s; at most half the token's lifetime). */
  refreshMarginSeconds?: number;
  /**
   * The instances' shared state and this app's credentials (they name the shared entry: the
   * corpid and a hash of the secret, never the secret). Absent: the token is per process.
   */
  shared?: { state: SharedState; corpId: string; corpSecret: string };
  /** How long one instance's `gettoken` holds the shared lock at most, ms (default 10 s). */
  lockTtlMs?: number;
}

interface CachedToken {
  token: string;
  refreshAt: number;
  expiresAt: number;
  /** The shared entry's exact text (what `invalidate` deletes only while it is still there). */
  raw: string;
}

/** How often an instance waiting on another's `gettoken` looks for the token, ms. */
const POLL_MS = 50;

/**
 * The WeCom access token of one app (one corpid + secret), built once at start-up and shared by
 * every request's data source (STYLE habit 4; docs/reference/providers.md §2.1):
 * - single-flight: concurrent callers share one in-flight `gettoken`, so a cold start with many
 *   requests makes exactly one (gettoken is rate-limited, and ~2000 failures/hour block the app);
 * - across instances (`shared`; docs/scale-out.md "WeCom access token"): the token is read from
 *   the shared state first; else one instance takes a short lock (`setIfAbsent`), fetches ONE
 *   `gettoken` and stores the token with its expiry, and the others poll the entry meanwhile
 *   (serving their still-valid token, if any, instead of waiting) — so N instances make one
 *   `gettoken`, not N. A lock whose holder died expires; the waiters then take it in turn;
 * - refreshed ahead of expiry (5 min before, or half-way for short lifetimes); if that early
 *   refresh fails, the still-valid token keeps serving;
 * - `invalidate(token)` after a 40014/41001/42001 forgets that token only if it is still the
 *   current one (the shared entry too, only while it still holds that token), so many requests
 *   failing with the same stale token cause one refresh, not many.
 * Every token is registered as a secret the moment it is fetched or read from the shared state.
 */
export class WecomTokenCache {
  private current?: CachedToken;
  private inflight?: Promise<string>;
  /** The token the provider last refused: never taken from the shared entry again. */
  private rejected?: string;
  /** The shared entry's removal after a refusal, awaited before reading the entry again. */
  private forgetting?: Promise<void>;
  private readonly now: () => number;
  private readonly marginMs: number;
  private readonly lockTtlMs: number;
  private readonly key?: string;

  constructor(private readonly options: WecomTokenCacheOptions) {
    this.now = options.now ?? Date.now;
    this.marginMs = (options.refreshMarginSeconds ?? 300) * 1000;
    this.lockTtlMs = options.lockTtlMs ?? 10_000;
    if (options.shared) this.key = wecomTokenKey(options.shared);
  }

  /** The cached token while it needs no refresh, without a promise (the hot path); else none. */
  peek(): string | undefined {
    return this.current && this.now() < this.current.refreshAt ? this.current.token : undefined;
  }

  /**
   * A valid token: the cached one, or one fetched (shared with concurrent callers). `scope`:
   * the request asking; a fetch it starts is made (and counted) for it.
   */
  get(scope?: CallScope): Promise<string> {
    const now = this.now();
    if (this.current && now < this.current.refreshAt) return Promise.resolve(this.current.token);
    if (this.inflight) return this.inflight;
    const stale = this.current;
    const flight: Promise<string> = this.refresh(scope)
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
    if (this.current?.token !== token) return;
    const { raw } = this.current;
    this.current = undefined;
    this.rejected = token;
    const shared = this.options.shared;
    if (shared && this.key) {
      this.forgetting = shared.state
        .deleteIfValue(this.key, raw)
        .then(() => undefined)
        .catch((error: unknown) => this.stateFailed(error));
    }
  }

  private async refresh(scope: CallScope | undefined): Promise<string> {
    const shared = this.options.shared;
    const key = this.key;
    if (!shared || !key) return this.fetch(undefined, scope);
    await this.forgetting;
    const lockKey = `${key}:lock`;
    // Real time, not the injectable clock: this bounds a wait, it says nothing of the token.
    const deadline = Date.now() + this.lockTtlMs + 1000;
    for (;;) {
      const entry = await this.readShared(key);
      if (entry && this.now() < entry.refreshAt) return this.keep(entry);
      const owner = randomUUID();
      const locked = await shared.state
        .setIfAbsent(lockKey, owner, this.lockTtlMs)
        .catch((error: unknown) => this.stateFailed(error));
      if (locked === undefined) return this.fetch(undefined, scope); // the state failed: per process
      if (locked) {
        try {
          // Stored by another instance between our read and our lock?
          const stored = await this.readShared(key);
          if (stored && this.now() < stored.refreshAt) return this.keep(stored);
          return await this.fetch(key, scope);
        } finally {
          await shared.state
            .deleteIfValue(lockKey, owner)
            .catch((error: unknown) => this.stateFailed(error));
        }
      }
      // Another instance is fetching: a token still valid (in its refresh margin) serves now.
      const valid = [entry, this.current].find((t) => t && this.now() < t.expiresAt);
      if (valid) return this.keep(valid);
      if (Date.now() >= deadline) return this.fetch(key, scope);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** One `gettoken`; the token is kept here and, with `key`, stored for the other instances. */
  private async fetch(key: string | undefined, scope: CallScope | undefined): Promise<string> {
    const started = this.now();
    const { token, expiresInSeconds } = await this.options.fetchToken(scope);
    registerSecret(token);
    const lifetimeMs = Math.max(0, expiresInSeconds) * 1000;
    const margin = Math.min(this.marginMs, lifetimeMs / 2);
    const refreshAt = started + lifetimeMs - margin;
    const expiresAt = started + lifetimeMs;
    const raw = JSON.stringify({ token, refreshAt, expiresAt });
    this.current = { token, refreshAt, expiresAt, raw };
    this.options.log.debug({ expiresInSeconds }, 'wecom access token fetched');
    if (key && lifetimeMs > 0) {
      await this.options.shared?.state
        .set(key, raw, lifetimeMs)
        .catch((error: unknown) => this.stateFailed(error));
    }
    return token;
  }

  private keep(entry: CachedToken): string {
    registerSecret(entry.token);
    this.current = entry;
    return entry.token;
  }

  /** The shared entry, unless absent, unreadable, expired or the token refused here. */
  private async readShared(key: string): Promise<CachedToken | undefined> {
    const raw = await this.options.shared?.state
      .get(key)
      .catch((error: unknown) => this.stateFailed(error));
    if (!raw) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const { token, refreshAt, expiresAt } = (parsed ?? {}) as Partial<CachedToken>;
    if (typeof token !== 'string' || typeof refreshAt !== 'number') return undefined;
    if (typeof expiresAt !== 'number' || this.now() >= expiresAt) return undefined;
    if (token === this.rejected) return undefined;
    registerSecret(token);
    return { token, refreshAt, expiresAt, raw };
  }

  /** The shared state refused a call (it falls back by itself; this is a bug): per process. */
  private stateFailed(error: unknown): undefined {
    this.options.log.warn({ err: String(error) }, 'wecom token: shared state failed; per process');
    return undefined;
  }
}

/**
 * The shared entry's key: per corpid, and per secret through a hash (an app whose secret was
 * rotated gets a new entry; the secret itself never reaches the store).
 */
export function wecomTokenKey(credentials: { corpId: string; corpSecret: string }): string {
  const secretHash = createHash('sha256').update(credentials.corpSecret).digest('hex').slice(0, 16);
  return `wecom:token:${credentials.corpId}:${secretHash}`;
}
