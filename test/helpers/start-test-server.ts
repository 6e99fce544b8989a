import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';

import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/env.js';
import type { EmulatorHandle } from '../../src/emulators/emulator-server.js';
import type { ProviderDescriptor } from '../../src/providers/provider-descriptor.js';
import { PROVIDERS } from '../../src/providers/providers.js';
import { type Provider } from '../../src/schema/enums/provider.enum.js';
import { createLogger } from '../../src/server/logger.js';

export interface GraphQLResult<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
  /** The raw response text, for grepping secrets. */
  raw: string;
  /** The response headers (`cache-control`, `age`, …). */
  headers: Headers;
}

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:PORT */
  url: string;
  graphqlUrl: string;
  app: App;
  /** The sandbox emulators (absent for a provider configured LIVE through `env`). */
  emulators: Partial<Record<Provider, EmulatorHandle>>;
  /** Every log line the server wrote, as raw JSON text. */
  logs: string[];
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<TData>>;
  /** Raw GraphQL text, for operations outside codegen (federation `_entities`, `_service`). */
  executeText<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<TData>>;
  /** Resets every sandbox emulator (state, journal, faults, clock). */
  resetEmulators(): void;
  close(): Promise<void>;
}

/**
 * The whole server as a user runs it, on port 0: SANDBOX providers get their emulators on port 0
 * too (through the same wiring as `npm start`). `env` may configure providers LIVE, e.g. pointed
 * at a standalone emulator, to test the production path. `providers` replaces the descriptor
 * list (default: the production one), e.g. `[...PROVIDERS, skeletonProvider]`.
 */
export async function startTestServer(
  options: { env?: Record<string, string>; providers?: readonly ProviderDescriptor[] } = {},
): Promise<TestServer> {
  // AUTH_MODE=none (a trusted network) unless `env` says otherwise: most tests configure LIVE
  // providers, which need it set; test/integration/authentication.test.ts sets it itself.
  // The read cache off and the quota governor out of the way unless a test sets them: many tests
  // count upstream calls exactly, or make bursts a production budget would (rightly) throttle.
  // test/integration/quota-governor.test.ts and read-cache.test.ts set them.
  const quota = Object.fromEntries(
    (options.providers ?? PROVIDERS).map((d) => [
      `${d.env.prefix}_RATE_LIMIT_PER_MINUTE`,
      '1000000',
    ]),
  );
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      AUTH_MODE: 'none',
      READ_CACHE_TTL_SECONDS: '0',
      ...quota,
      ...options.env,
    },
    options.providers,
  );
  const logs: string[] = [];
  const log = createLogger({
    level: config.logLevel,
    destination: { write: (line: string) => void logs.push(line) },
  });
  const app = await buildApp(config, log, options.providers);
  const url = await app.server.listen(0, '127.0.0.1');
  const graphqlUrl = `${url}/graphql`;

  const post = async <TData>(body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const raw = await response.text();
    const parsed = JSON.parse(raw) as { data?: TData | null; errors?: GraphQLFormattedError[] };
    return {
      status: response.status,
      data: parsed.data,
      errors: parsed.errors,
      raw,
      headers: response.headers,
    };
  };

  return {
    url,
    graphqlUrl,
    app,
    emulators: app.emulators,
    logs,
    execute: (document, variables, headers) =>
      post({ query: print(document), variables: variables ?? {} }, headers),
    executeText: (query, variables, headers) =>
      post({ query, variables: variables ?? {} }, headers),
    resetEmulators: () => {
      for (const emulator of Object.values(app.emulators)) emulator.reset();
    },
    close: () => app.close(1000),
  };
}

/** The first error's `extensions.code`, or undefined. */
export function errorCode(result: GraphQLResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.code;
}

/** A time `minutes` from now, rounded to the minute, as an ISO string. */
export function minutesFromNow(minutes: number): string {
  const ms = Math.ceil(Date.now() / 60_000) * 60_000 + minutes * 60_000;
  return new Date(ms).toISOString();
}
