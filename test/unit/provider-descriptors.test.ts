import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';

import { loadConfig } from '../../src/config/env.js';
import { checkDescriptors, providerConfigOf } from '../../src/providers/provider-descriptor.js';
import { PROVIDERS } from '../../src/providers/providers.js';
import { ProviderRegistry } from '../../src/providers/registry.js';
import { ProviderMode } from '../../src/schema/enums/provider-mode.enum.js';
import { ALL_PROVIDERS } from '../../src/schema/enums/provider.enum.js';
import { DEFAULT_OPERATION_LIMITS } from '../../src/server/limits/operation-limits.js';

describe('the provider descriptor list', () => {
  it('has one descriptor per GraphQL Provider value, in the same order', () => {
    expect(PROVIDERS.map((d) => d.provider)).toEqual(ALL_PROVIDERS);
  });

  it('names each provider once: provider, config key, CLI name, environment prefix', () => {
    expect(() => checkDescriptors(PROVIDERS)).not.toThrow();
    expect(() =>
      checkDescriptors([...PROVIDERS, { ...PROVIDERS[1], provider: 'X' as never }]),
    ).toThrow('two provider descriptors share configKey wecom');
  });

  it('lets a batch read of as many ids as a request may read be one round trip', () => {
    // docs/performance.md: batch of 100 at 50 ms within 2x a single read; quotas are per minute.
    const { maxUpstreamCalls } = DEFAULT_OPERATION_LIMITS;
    for (const d of PROVIDERS) expect(d.maxConcurrency).toBe(maxUpstreamCalls);
  });

  it('gives loadConfig one section per descriptor, under its config key', () => {
    const config = loadConfig({});
    for (const d of PROVIDERS) {
      expect(providerConfigOf(config, d)).toMatchObject({
        mode: ProviderMode.SANDBOX,
        baseUrl: null,
        credentials: d.env.sandboxCredentials,
      });
    }
  });

  it('builds the registry from the descriptors: order, capabilities, base URLs', async () => {
    const baseUrls = Object.fromEntries(
      PROVIDERS.map((d, i) => [d.provider, `http://127.0.0.1:${i + 1}`]),
    );
    const registry = ProviderRegistry.build(loadConfig({}), baseUrls, pino({ level: 'silent' }));
    try {
      expect(registry.all().map((m) => m.provider)).toEqual(PROVIDERS.map((d) => d.provider));
      for (const d of PROVIDERS) {
        expect(registry.get(d.provider).capabilities).toBe(d.capabilities);
        expect(registry.get(d.provider).baseUrl).toBe(baseUrls[d.provider]);
      }
    } finally {
      await registry.close();
    }
  });
});
