import type { Logger } from 'pino';

import type { AppConfig } from '../config/config.types.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { SharedState } from '../state/shared-state.js';
import type { ProviderModule } from './meeting-provider.js';
import { providerConfigOf, type ProviderDescriptor } from './provider-descriptor.js';
import { PROVIDERS } from './providers.js';

/** Base URLs resolved at start-up: the configured one (LIVE) or the emulator's (SANDBOX). */
export type ResolvedBaseUrls = Readonly<Partial<Record<Provider, string>>>;

/** The provider modules of this process, built once at start-up from the descriptor list. */
export class ProviderRegistry {
  private constructor(
    private readonly modules: ReadonlyMap<Provider, ProviderModule>,
    /** The descriptors the modules were built from, in their order. */
    readonly descriptors: readonly ProviderDescriptor[],
  ) {}

  /**
   * One module per descriptor, each from its descriptor's factory with its own settings,
   * capabilities and concurrency, and the process's shared `state`. `descriptors` defaults to
   * the production list; tests pass `[...PROVIDERS, extra]` (and the same list to `loadConfig`).
   */
  static build(
    config: AppConfig,
    baseUrls: ResolvedBaseUrls,
    log: Logger,
    descriptors: readonly ProviderDescriptor[] = PROVIDERS,
    state?: SharedState,
  ): ProviderRegistry {
    const modules = new Map<Provider, ProviderModule>();
    for (const descriptor of descriptors) {
      const { provider } = descriptor;
      const baseUrl = baseUrls[provider];
      if (baseUrl === undefined) throw new Error(`no base URL for provider ${provider}`);
      const module = descriptor.createModule({
        config: { ...providerConfigOf(config, descriptor), baseUrl },
        timeoutMs: config.providerTimeoutMs,
        log: log.child({ provider }),
        capabilities: descriptor.capabilities,
        maxConcurrency: descriptor.maxConcurrency,
        state,
      });
      if (module.provider !== provider) {
        throw new Error(`the module built for ${provider} says it is ${module.provider}`);
      }
      modules.set(provider, module);
    }
    return new ProviderRegistry(modules, descriptors);
  }

  get(provider: Provider): ProviderModule {
    const module = this.modules.get(provider);
    if (!module) throw new Error(`no module for provider ${provider}`);
    return module;
  }

  /** Every module, in descriptor order. */
  all(): ProviderModule[] {
    return [...this.modules.values()];
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((m) => m.close()));
  }
}
