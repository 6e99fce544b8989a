import type { EmulatorRequest } from '../emulator-server.js';
import type { ProviderRateLimit } from '../rate-limiter.js';
import { tencentFaultRenderer } from './errors.js';

/**
 * Tencent Meeting's per-minute limit (docs/reference/providers.md §1.6, 1095/105276): 300 calls
 * a minute per app, all APIs together, answered 190310 (HTTP 429 here: errors.ts) with a
 * `Retry-After` [I]. The app is the `AppId` header every signed call carries (§1.1).
 */
export const tencentRateLimit: ProviderRateLimit = {
  documentedPerMinute: 300,
  bucketOf: (req: EmulatorRequest) => {
    const appId = req.headers['appid'];
    return `app:${typeof appId === 'string' ? appId : ''}`;
  },
  blockSeconds: 0,
  refuse: (retryAfterSeconds) => tencentFaultRenderer.rateLimited(retryAfterSeconds),
};
