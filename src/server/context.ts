import { randomUUID } from 'node:crypto';

import type { Logger } from 'pino';

import { TRUSTED_CALLER, type Caller } from '../auth/caller.js';
import type { ReadCache } from '../cache/read-cache.js';
import { Idempotency } from '../idempotency/idempotency.js';
import { createLoaders, type Loaders } from '../loaders/create-loaders.js';
import type { MeetingProvider } from '../providers/meeting-provider.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { UpstreamScope } from './limits/upstream-budget.js';
import { lazyChild } from './logger.js';

/** What every resolver gets: built fresh for each request, never shared across requests. */
export interface Context {
  requestId: string;
  log: Logger;
  registry: ProviderRegistry;
  /** The request's data source for a provider (created on first use). */
  dataSource(provider: Provider): MeetingProvider;
  loaders: Loaders;
  /** Who is calling (src/auth/): `TRUSTED_CALLER` with `AUTH_MODE=none`. */
  caller: Caller;
  /** Idempotency keys of the create mutations: one per process, shared by every request. */
  idempotency: Idempotency;
  /**
   * The request's upstream budget, telemetry and kind, handed to every data source and through
   * it to every provider call (limits/upstream-budget.ts); none when built outside the server.
   */
  upstream?: UpstreamScope;
}

export function createContext(
  registry: ProviderRegistry,
  baseLog: Logger,
  requestId?: string,
  caller: Caller = TRUSTED_CALLER,
  idempotency: Idempotency = processIdempotency(),
  /** The process's read cache (src/cache/); none: every read goes to the provider. */
  readCache?: ReadCache,
  /** The request's upstream budget and telemetry (create-server.ts); none outside the server. */
  limits?: Pick<UpstreamScope, 'budget' | 'telemetry'>,
): Context {
  const id = requestId && /^[\w.-]{1,64}$/.test(requestId) ? requestId : randomUUID();
  // Made only if the request writes a line (most write none: the access line has its own logger).
  const log = lazyChild(baseLog, { requestId: id });
  // Every field named, not `{ ...limits, requestId, mutation }`: on Node 20 a spread followed by
  // a property the source lacks costs ~1 µs (docs/performance.md "Round 4").
  const upstream: UpstreamScope | undefined = limits && {
    requestId: id,
    budget: limits.budget,
    telemetry: limits.telemetry,
    mutation: false,
  };
  const sources = new Map<Provider, MeetingProvider>();
  const dataSource = (provider: Provider): MeetingProvider => {
    let source = sources.get(provider);
    if (!source) {
      source = registry.get(provider).createDataSource({ requestId: id, log, upstream });
      sources.set(provider, source);
    }
    return source;
  };
  return {
    requestId: id,
    log,
    registry,
    dataSource,
    loaders: createLoaders(dataSource, readCache),
    caller,
    idempotency,
    upstream,
  };
}

let standalone: Idempotency | undefined;
/**
 * The idempotency of contexts built without one (tests, tools such as `npm run bench:layers`):
 * one per process, as the server's is. One per context kept each context's in-process store
 * alive for ever (its sweep timer holds it): ~0.8 KB a request, found by bench:layers.
 */
function processIdempotency(): Idempotency {
  return (standalone ??= new Idempotency());
}
