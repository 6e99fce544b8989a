import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';

import { ConfigError, loadConfig } from '../../src/config/env.js';
import { providerConfigOf } from '../../src/providers/provider-descriptor.js';
import { PROVIDERS } from '../../src/providers/providers.js';
import { ProviderMode } from '../../src/schema/enums/provider-mode.enum.js';
import { SKELETON } from '../fixtures/skeleton-provider/module.js';
import { skeletonProvider } from '../fixtures/skeleton-provider/index.js';
import { startTestServer, type TestServer } from '../helpers/start-test-server.js';

/**
 * A fourth provider that exists only in the tests, registered the way the real ones are: one
 * descriptor (test/fixtures/skeleton-provider/index.ts) added to the list. Nothing else in
 * src/ knows about it, yet its variables are validated, its emulator starts in SANDBOX, the
 * registry serves it and /readyz reports it. (The GraphQL `Provider` enum is a static list of
 * the production providers, so GraphQL answers cannot name it; everything below GraphQL can.)
 */
const WITH_SKELETON = [...PROVIDERS, skeletonProvider] as const;

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, WITH_SKELETON);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

interface Readiness {
  status: string;
  providers: Array<{ provider: string; mode: string; reachable: boolean }>;
}

describe('a provider added by one descriptor: configuration', () => {
  it('runs in SANDBOX with its sandbox credentials when none of its variables is set', () => {
    const config = loadConfig({}, WITH_SKELETON);
    expect(providerConfigOf(config, skeletonProvider)).toEqual({
      mode: ProviderMode.SANDBOX,
      baseUrl: null,
      credentials: skeletonProvider.env.sandboxCredentials,
      rateLimitPerMinute: 108, // the quota governor's default for a provider it knows nothing of
    });
    // The production list knows nothing of it.
    expect(Object.keys(loadConfig({}))).not.toContain('skeleton');
  });

  it('runs LIVE at its public host, an unset optional credential being empty', () => {
    const config = loadConfig(
      { SKELETON_API_KEY: 'key', SKELETON_API_SECRET: 'secret', AUTH_MODE: 'none' },
      WITH_SKELETON,
    );
    expect(providerConfigOf(config, skeletonProvider)).toEqual({
      mode: ProviderMode.LIVE,
      baseUrl: 'https://api.skeleton.invalid',
      credentials: { apiKey: 'key', apiSecret: 'secret', tenant: '' },
      rateLimitPerMinute: 108,
    });
  });

  it('validates its variables with the same rules and messages as every provider', () => {
    expect(problems({ SKELETON_API_KEY: 'key', WECOM_CORP_ID: 'corp', AUTH_MODE: 'none' })).toEqual(
      [
        'WECOM_CORP_SECRET: missing; WECOM_CORP_ID is set, and a LIVE provider needs all of WECOM_CORP_ID, WECOM_CORP_SECRET',
        'SKELETON_API_SECRET: missing; SKELETON_API_KEY is set, and a LIVE provider needs all of SKELETON_API_KEY, SKELETON_API_SECRET',
      ],
    );
    expect(problems({ SKELETON_BASE_URL: 'ftp://example.com' })).toEqual([
      'SKELETON_BASE_URL: expected an http(s) URL, got "ftp://example.com"',
      'SKELETON_BASE_URL: set without credentials; give SKELETON_API_KEY, SKELETON_API_SECRET too (LIVE), or unset it (SANDBOX)',
    ]);
    expect(problems({ SKELETON_TENANT: 't' })).toEqual([
      'SKELETON_TENANT: set without credentials; give SKELETON_API_KEY, SKELETON_API_SECRET too (LIVE), or unset it (SANDBOX)',
    ]);
    // Without its descriptor the same variables mean nothing.
    expect(() => loadConfig({ SKELETON_API_KEY: 'key', AUTH_MODE: 'none' })).not.toThrow();
  });

  it('refuses a descriptor list where two entries collide', () => {
    expect(() => loadConfig({}, [...WITH_SKELETON, skeletonProvider])).toThrow(
      'two provider descriptors share provider SKELETON',
    );
    expect(() =>
      loadConfig({}, [...PROVIDERS, { ...skeletonProvider, configKey: 'http' }]),
    ).toThrow(`a provider descriptor's configKey "http" is taken`);
  });
});

describe('a provider added by one descriptor: the app', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ providers: WITH_SKELETON });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('starts its emulator in SANDBOX, like every provider without credentials', () => {
    expect(Object.keys(server.emulators)).toEqual(WITH_SKELETON.map((d) => d.provider));
    const emulator = server.emulators[SKELETON]!;
    expect(emulator.name).toBe('skeleton');
    const started = server.logs
      .map((line) => JSON.parse(line) as { provider?: string; baseUrl?: string; msg?: string })
      .filter((line) => line.msg === 'provider SANDBOX: built-in emulator started');
    expect(started.map((line) => line.provider)).toEqual(WITH_SKELETON.map((d) => d.provider));
    expect(started.at(-1)?.baseUrl).toBe(emulator.url);
  });

  it('is served by the registry, against its emulator, with the sandbox credentials', async () => {
    const module = server.app.registry.get(SKELETON);
    expect(module).toMatchObject({
      provider: SKELETON,
      mode: ProviderMode.SANDBOX,
      baseUrl: server.emulators[SKELETON]!.url,
      capabilities: skeletonProvider.capabilities,
    });
    expect(server.app.registry.all().map((m) => m.provider)).toEqual(
      WITH_SKELETON.map((d) => d.provider),
    );
    const source = module.createDataSource({ requestId: 'r1', log: pino({ level: 'silent' }) });
    // The emulator checks the credentials: a 401 would be a PROVIDER_REJECTED error, not null.
    await expect(source.getMeetingByCode('123456')).resolves.toBeNull();
    await expect(source.getWebinars([{ providerId: '1' }])).rejects.toMatchObject({
      extensions: { code: 'UNSUPPORTED_BY_PROVIDER' },
    });
    expect(server.emulators[SKELETON]!.calls('getMeetingByCode')).toEqual([
      expect.objectContaining({ path: '/v1/meetings/123456', status: 404 }),
    ]);
  });

  it('is listed by /readyz, reachable', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as Readiness;
    expect(body.providers).toEqual(
      WITH_SKELETON.map((d) => ({ provider: d.provider, mode: 'SANDBOX', reachable: true })),
    );
    expect(server.emulators[SKELETON]!.calls('ping').at(-1)).toMatchObject({ status: 200 });
  });
});

describe('a provider added by one descriptor: LIVE', () => {
  it('starts no emulator and calls the configured base URL with the configured credentials', async () => {
    const standalone = await skeletonProvider.startEmulator({
      host: '127.0.0.1',
      port: 0,
      config: {
        mode: ProviderMode.LIVE,
        baseUrl: null,
        credentials: { apiKey: 'live-key', apiSecret: 'live-secret-xyz', tenant: '' },
      },
    });
    const live = await startTestServer({
      providers: WITH_SKELETON,
      env: {
        SKELETON_BASE_URL: standalone.url,
        SKELETON_API_KEY: 'live-key',
        SKELETON_API_SECRET: 'live-secret-xyz',
      },
    });
    try {
      expect(live.emulators[SKELETON]).toBeUndefined();
      expect(live.app.registry.get(SKELETON)).toMatchObject({
        mode: ProviderMode.LIVE,
        baseUrl: standalone.url,
      });
      const body = (await (await fetch(`${live.url}/readyz`)).json()) as Readiness;
      expect(body.providers.at(-1)).toEqual({
        provider: 'SKELETON',
        mode: 'LIVE',
        reachable: true,
      });
      expect(standalone.calls('ping').at(-1)).toMatchObject({ status: 200 });
      expect(live.logs.join('\n')).not.toContain('live-secret-xyz');
    } finally {
      await live.close();
      await standalone.close();
    }
  });
});
