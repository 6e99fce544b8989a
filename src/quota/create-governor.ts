import type { Logger } from 'pino';

import { Provider } from '../schema/enums/provider.enum.js';
import type { SharedState } from '../state/shared-state.js';
import { QuotaGovernor } from './quota-governor.js';
import { defaultRateLimitPerMinute } from './rate-limits.js';

/**
 * The credential naming the party a provider's quota belongs to: Tencent counts per app (AppId,
 * §1.6), WeCom per corp (§2.3), umeeting [I] per api_key. Instances with the same credentials
 * share one budget; a provider without an entry is keyed by all its credentials.
 */
const QUOTA_OWNER: Readonly<Partial<Record<Provider, string>>> = {
  [Provider.TENCENT_MEETING]: 'appId',
  [Provider.WECOM]: 'corpId',
  [Provider.UMEETING]: 'apiKey',
};

/** The governor of one provider module (assembleModule wires it into the module's client). */
export function createQuotaGovernor(options: {
  provider: Provider;
  config: { credentials: unknown; rateLimitPerMinute?: number };
  state: SharedState;
  log: Logger;
}): QuotaGovernor {
  const { provider, config } = options;
  const credentials = (config.credentials ?? {}) as Record<string, unknown>;
  const field = QUOTA_OWNER[provider];
  const app =
    field !== undefined && typeof credentials[field] === 'string'
      ? credentials[field]
      : JSON.stringify(Object.entries(credentials).sort(([a], [b]) => a.localeCompare(b)));
  return new QuotaGovernor({
    provider,
    state: options.state,
    perMinute: config.rateLimitPerMinute ?? defaultRateLimitPerMinute(provider),
    app,
    log: options.log,
  });
}
