import type { EmulatorRequest } from '../emulator-server.js';
import type { ProviderRateLimit } from '../rate-limiter.js';
import { WECOM_ERRORS, wecomError } from './errors.js';
import type { WecomEmulatorState } from './state.js';

/**
 * WeCom's per-minute limit (docs/reference/providers.md §2.3, path/90454): 10 000 calls a minute
 * per corp PER API, and an API over it is blocked for 60 s; the answer is errcode 45009 "api freq
 * out of limit" with HTTP 200, as every WeCom error (§2.2). The corp is the one of the
 * `access_token` (or, for `gettoken`, its `corpid`); an unknown token counts as its own corp.
 */
export function wecomRateLimit(state: WecomEmulatorState): ProviderRateLimit {
  const corpOf = (req: EmulatorRequest): string => {
    const corpId = req.query.get('corpid');
    if (corpId !== null) return corpId;
    const checked = state.tokens.check(req.query.get('access_token') ?? '');
    if (typeof checked === 'string') return 'unknown';
    return state.tokens.apps.find((a) => a.name === checked.app)?.corpId ?? 'unknown';
  };
  return {
    documentedPerMinute: 10_000,
    bucketOf: (req) => `corp:${corpOf(req)}:${req.path}`,
    blockSeconds: 60,
    refuse: () => wecomError(WECOM_ERRORS.freqOutOfLimit),
  };
}
