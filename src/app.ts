import type { Logger } from 'pino';

import { logAuthMode } from './auth/auth-log.js';
import { createAuthenticate } from './auth/authenticate.js';
import type { AppConfig } from './config/config.types.js';
import type { EmulatorHandle } from './emulators/emulator-server.js';
import { Idempotency } from './idempotency/idempotency.js';
import { SharedIdempotencyStore } from './idempotency/shared-store.js';
import { configureProviderHttp } from './providers/http-client.js';
import { startEmulator } from './providers/start-emulator.js';
import { providerConfigOf, type ProviderDescriptor } from './providers/provider-descriptor.js';
import { PROVIDERS } from './providers/providers.js';
import { ProviderRegistry } from './providers/registry.js';
import { ProviderMode } from './schema/enums/provider-mode.enum.js';
import type { Provider } from './schema/enums/provider.enum.js';
import { createServer, type AppServer } from './server/create-server.js';
import { createSharedState } from './state/create-shared-state.js';
import type { SharedState } from './state/shared-state.js';
import { createTelemetry, type Telemetry } from './telemetry/telemetry.js';
import { registerSecret } from './util/redact.js';

export interface App {
  server: AppServer;
  registry: ProviderRegistry;
  /** Metrics (`GET /metrics`) and tracing (OTLP/HTTP when configured). */
  telemetry: Telemetry;
  /** What instances share (src/state/): in-process, or Redis with `REDIS_URL`. */
  state: SharedState;
  /** The SANDBOX emulators this process started, by provider. */
  emulators: Partial<Record<Provider, EmulatorHandle>>;
  /** Drains the server, then closes providers, the shared state and emulators. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Assembles the process: a loopback emulator for every SANDBOX provider (so the server talks
 * real HTTP to it, exactly as to the provider), the provider registry, and the HTTP server.
 * Used by main.ts and by the tests, so both run the same wiring. `descriptors` defaults to the
 * production list (src/providers/providers.ts); `config` must come from `loadConfig` with the
 * same list.
 */
export async function buildApp(
  config: AppConfig,
  log: Logger,
  descriptors: readonly ProviderDescriptor[] = PROVIDERS,
): Promise<App> {
  const emulators: Partial<Record<Provider, EmulatorHandle>> = {};
  const baseUrls: Partial<Record<Provider, string>> = {};
  for (const descriptor of descriptors) {
    const { provider } = descriptor;
    const providerConfig = providerConfigOf(config, descriptor);
    // The one place credentials become secrets: scrubbed from every log line and error message.
    for (const secret of Object.values(providerConfig.credentials)) registerSecret(secret);
    if (providerConfig.mode === ProviderMode.SANDBOX) {
      const emulator = await startEmulator(descriptor, config, { host: '127.0.0.1', port: 0 });
      emulators[provider] = emulator;
      baseUrls[provider] = emulator.url;
    } else {
      baseUrls[provider] = providerConfig.baseUrl!;
    }
    // One line per provider, LIVE or SANDBOX, saying what it will call (never a credential).
    log.info(
      { provider, mode: providerConfig.mode, baseUrl: loggableUrl(baseUrls[provider]) },
      providerConfig.mode === ProviderMode.SANDBOX
        ? 'provider SANDBOX: built-in emulator started'
        : 'provider LIVE',
    );
  }
  // The HS256 secret is a secret like the provider credentials; one line says the auth mode.
  if (config.auth.mode === 'jwt') registerSecret(config.auth.secret);
  logAuthMode(config.auth, log);
  // One per process, shared by the providers (WeCom's token, quotas), idempotency and APQ.
  const state = await createSharedState(config, log);
  log.info(
    { sharedState: state.kind, ...state.health() },
    state.kind === 'redis' ? 'shared state: redis' : 'shared state: in-process (one instance)',
  );
  configureProviderHttp({ maxSockets: config.providerMaxSockets });
  const registry = ProviderRegistry.build(config, baseUrls, log, descriptors, state);
  const telemetry = createTelemetry({ otlpEndpoint: config.otlpEndpoint });
  await telemetry.tracing.ready; // the exporter, loaded only with OTEL_EXPORTER_OTLP_ENDPOINT
  const server = await createServer({
    registry,
    log,
    limits: config.limits,
    introspection: config.introspection,
    playground: config.playground,
    http: config.http,
    accessLog: { sampleRate: config.accessLogSampleRate },
    telemetry,
    authenticate: createAuthenticate(config.auth),
    idempotency: new Idempotency(new SharedIdempotencyStore(state), config.idempotencyTtlSeconds),
    state,
    readCache: {
      ttlSeconds: config.readCacheTtlSeconds,
      // With AUTH_MODE=jwt, field guards make answers depend on the caller.
      scope: config.auth.mode === 'jwt' ? 'PRIVATE' : 'PUBLIC',
    },
  });
  return {
    server,
    registry,
    telemetry,
    state,
    emulators,
    close: async (graceMs) => {
      await server.drain(graceMs);
      await registry.close();
      await state.close();
      await Promise.all(Object.values(emulators).map((e) => e.close()));
      await telemetry.shutdown(); // exports the spans still buffered
    },
  };
}

/**
 * A base URL as it may be logged: any user:password, query or fragment (a place some operators
 * put a key) removed. Credentials are also registered secrets, but this keeps any others out.
 */
export function loggableUrl(raw: string): string {
  const url = new URL(raw);
  if (!url.username && !url.password && !url.search && !url.hash) return raw;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.href;
}
