import type { EmulatorRequest } from '../emulator-server.js';
import type { ProviderRateLimit } from '../rate-limiter.js';
import { umeetingFaultRenderer } from './errors.js';

/**
 * [I] umeeting documents no rate limit and no error for one (docs/reference/providers.md §3.1,
 * §4). The emulator assumes what the quota governor does (src/quota/rate-limits.ts): 120 calls a
 * minute per `api_key`, answered as its fault renderer answers `rateLimit`: HTTP 429 with
 * `{"status": 429, "message": "too many requests", "data": null}` and a `Retry-After`, in the
 * provider's `{status, message}` style.
 */
export const umeetingRateLimit: ProviderRateLimit = {
  documentedPerMinute: 120,
  bucketOf: (req: EmulatorRequest) => {
    const form = new URLSearchParams(req.rawBody.toString('utf8'));
    return `app:${form.get('api_key') ?? ''}`;
  },
  blockSeconds: 0,
  refuse: (retryAfterSeconds) => umeetingFaultRenderer.rateLimited(retryAfterSeconds),
};
