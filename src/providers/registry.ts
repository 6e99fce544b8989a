import type { Logger } from 'pino';

import type { AppConfig } from '../config/config.types.js';
import { UnreachableCaseError } from '../util/unreachable-case-error.js';
import { ALL_PROVIDERS, Provider } from '../schema/enums/provider.enum.js';
import type { ProviderModule } from './meeting-provider.js';
import { createTencentMeetingModule } from './tencent-meeting/index.js';
import { createUmeetingModule } from './umeeting/index.js';
import { createWecomModule } from './wecom/index.js';

/** Base URLs resolved at start-up: the configured one (LIVE) or the emulator's (SANDBOX). */
export type ResolvedBaseUrls = Record<Provider, string>;

/** The provider modules of this process, built once at start-up. */
export class ProviderRegistry {
  private constructor(private readonly modules: ReadonlyMap<Provider, ProviderModule>) {}

  static build(config: AppConfig, baseUrls: ResolvedBaseUrls, log: Logger): ProviderRegistry {
    const modules = new Map<Provider, ProviderModule>();
    for (const provider of ALL_PROVIDERS) {
      modules.set(provider, createModule(provider, config, baseUrls[provider], log));
    }
    return new ProviderRegistry(modules);
  }

  get(provider: Provider): ProviderModule {
    const module = this.modules.get(provider);
    if (!module) throw new Error(`no module for provider ${provider}`);
    return module;
  }

  all(): ProviderModule[] {
    return ALL_PROVIDERS.map((p) => this.get(p));
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((m) => m.close()));
  }
}

function createModule(
  provider: Provider,
  config: AppConfig,
  baseUrl: string,
  log: Logger,
): ProviderModule {
  const common = { timeoutMs: config.providerTimeoutMs, log: log.child({ provider }) };
  switch (provider) {
    case Provider.TENCENT_MEETING:
      return createTencentMeetingModule({
        ...common,
        config: { ...config.tencentMeeting, baseUrl },
      });
    case Provider.WECOM:
      return createWecomModule({ ...common, config: { ...config.wecom, baseUrl } });
    case Provider.UMEETING:
      return createUmeetingModule({
        ...common,
        config: { ...config.umeeting, baseUrl },
        timeZone: config.umeeting.timeZone,
      });
    default:
      throw new UnreachableCaseError(provider);
  }
}
