import { Provider } from '../schema/enums/provider.enum.js';

/**
 * The providers' documented call limits and the budgets the quota governor keeps by default
 * (docs/scale-out.md "Quota governor"). A budget is calls per minute per bucket; each provider's
 * `<PREFIX>_RATE_LIMIT_PER_MINUTE` overrides it (src/config/env.ts).
 */

/** We plan to use this share of a documented limit: the rest absorbs other callers of the same app. */
export const SAFETY_MARGIN = 0.9;

/** What a bucket is per: one per provider app, or one per (app, API path). */
export type QuotaScope = 'app' | 'api';

export interface DocumentedLimit {
  perMinute: number;
  scope: QuotaScope;
  /** Where the number comes from (docs/reference/providers.md) or why it is assumed. */
  source: string;
}

export const DOCUMENTED_LIMITS: Readonly<Partial<Record<Provider, DocumentedLimit>>> = {
  // 300 calls/min per app in total, answered 190310 past it (docs/reference/providers.md §1.6,
  // 1095/105276). One bucket per app: the limit is the app's, whatever the API.
  [Provider.TENCENT_MEETING]: { perMinute: 300, scope: 'app', source: '§1.6 (190310)' },
  // 10 000/min per corp PER API, blocked 60 s past it (§2.3, path/90454). One bucket per
  // (corp, API path): a storm of `meeting/get_info` must not spend `meeting/create`'s quota, and
  // one shared bucket would throttle us at 1/N of what WeCom allows over N APIs.
  [Provider.WECOM]: { perMinute: 10_000, scope: 'api', source: '§2.3 (45009)' },
  // [I] umeeting documents no limit (§3.1, §4). Assumed 120/min per api_key: Tencent's per-API
  // figure (100/min, 190313) rounded up, a rate a small white-labelled service is likely to take.
  [Provider.UMEETING]: { perMinute: 120, scope: 'app', source: '[I] none documented' },
};

/** For a provider with no entry (a test's extra descriptor): umeeting's conservative guess. */
const FALLBACK: DocumentedLimit = { perMinute: 120, scope: 'app', source: '[I] none documented' };

export function documentedLimit(provider: Provider): DocumentedLimit {
  return DOCUMENTED_LIMITS[provider] ?? FALLBACK;
}

/** The default budget: the documented limit less the safety margin (Tencent 270, WeCom 9000, umeeting 108). */
export function defaultRateLimitPerMinute(provider: Provider): number {
  return Math.floor(documentedLimit(provider).perMinute * SAFETY_MARGIN);
}

/** Budgets below this leave the read bucket no refill (see buckets.ts); refused at start-up. */
export const MIN_RATE_LIMIT_PER_MINUTE = 10;
export const MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;
