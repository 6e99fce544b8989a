import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';

import { authenticationPlugin, refusedCaller } from '../auth/authentication.plugin.js';
import type { Authenticate } from '../auth/authenticate.js';
import { TRUSTED_CALLER } from '../auth/caller.js';
import { UnauthenticatedError } from '../auth/unauthenticated-error.js';
import { unauthenticatedStatus } from '../auth/unauthenticated-status.js';
import type { HttpConfig } from '../config/config.types.js';
import { Idempotency } from '../idempotency/idempotency.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { sharedKeyValueCache } from '../state/apollo-cache.js';
import type { SharedState } from '../state/shared-state.js';
import { ReadCache } from '../cache/read-cache.js';
import { createContext, type Context } from './context.js';
import { buildSubgraph } from './federation.js';
import { createFormatError } from './format-error.js';
import { graphqlHttpStatus } from './graphql-status.js';
import {
  readJsonBody,
  refuseOversizedBody,
  withholdContinueForOversizedBodies,
} from './http/body.js';
import { createCors } from './http/cors.js';
import { allowedMethods, answerOptions, sendMethodNotAllowed } from './http/methods.js';
import { sendJson } from './http/respond.js';
import { capConnections, httpServerOptions } from './http/server-options.js';
import type { OperationLimits } from './limits/operation-limits.js';
import { UpstreamBudget } from './limits/upstream-budget.js';
import { operationLimitRules } from './limits/validation-rules.js';
import { cacheControlPlugins } from './plugins/cache-control.plugin.js';
import { composePlugins } from './plugins/compose-plugins.js';
import { offlineGraphiQLPlugin } from './plugins/landing-page.plugin.js';
import { operationChecksPlugin } from './plugins/operation-checks.plugin.js';
import { quotaPriorityPlugin } from './plugins/quota-priority.plugin.js';
import { requestLogPlugin, type RequestLogOptions } from './plugins/request-log.plugin.js';
import { responseCachePlugin } from './plugins/response-cache.plugin.js';
import { telemetryPlugin } from './plugins/telemetry.plugin.js';
import { createTelemetry, Tracing, type Telemetry } from '../telemetry/telemetry.js';

export interface AppServer {
  readonly apollo: ApolloServer<Context>;
  readonly httpServer: http.Server;
  /** Starts listening; resolves with the base URL (`http://host:port`). */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then stops Apollo. */
  drain(graceMs?: number): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';
const GRAPHQL_URL: Pick<URL, 'pathname' | 'search'> = { pathname: GRAPHQL_PATH, search: '' };

/**
 * The HTTP front: `/graphql` (and the playground at `/`) through Apollo's
 * executeHTTPGraphQLRequest, plus `/healthz` and `/readyz`. A plain node server keeps the drain
 * on SIGTERM in our hands.
 */
export async function createServer(options: {
  registry: ProviderRegistry;
  log: Logger;
  limits: OperationLimits;
  /** `__schema`/`__type` answered; `_service { sdl }` is answered either way. */
  introspection: boolean;
  /** The offline GraphiQL page at `/`. */
  playground: boolean;
  /** Timeouts, connection cap and CORS of the HTTP front (src/server/http/). */
  http: HttpConfig;
  /** Metrics (`/metrics`) and tracing; default: metrics, no span export. */
  telemetry?: Telemetry;
  /** Bearer-token check (src/auth/authenticate.ts); default: every caller trusted (`AUTH_MODE=none`). */
  authenticate?: Authenticate;
  /** Idempotency keys of the creates; default: in-process, kept 24 h. */
  idempotency?: Idempotency;
  /** The access log's options (sampling); default: every request. */
  accessLog?: RequestLogOptions;
  /** What instances share (src/state/): Apollo's persisted queries, `/readyz`'s report. */
  state?: SharedState;
  /**
   * The read cache (src/cache/, in `state`) and the `Cache-Control` it implies: `ttlSeconds`
   * (READ_CACHE_TTL_SECONDS, 0: off), `scope` PRIVATE when answers depend on the caller.
   */
  readCache?: { ttlSeconds: number; scope: 'PUBLIC' | 'PRIVATE' };
}): Promise<AppServer> {
  const { registry, log, limits } = options;
  const telemetry = options.telemetry ?? createTelemetry({ otlpEndpoint: null });
  const idempotency = options.idempotency ?? new Idempotency();
  const schema = await buildSubgraph();
  const readCache =
    options.state && options.readCache && options.readCache.ttlSeconds > 0
      ? new ReadCache({
          state: options.state,
          ttlSeconds: options.readCache.ttlSeconds,
          log,
          onOutcome: (kind, outcome) => telemetry.metrics.readCacheLookups.inc({ kind, outcome }),
        })
      : undefined;
  await readCache?.start();
  // One KeyValueCache over the shared state: persisted queries and whole answers.
  const sharedCache = options.state && sharedKeyValueCache(options.state);
  const cacheControl = cacheControlPlugins({
    maxAgeSeconds: readCache ? readCache.ttlMs / 1000 : 0,
    scope: options.readCache?.scope ?? 'PUBLIC',
  });
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createFormatError(log),
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection,
    validationRules: operationLimitRules(limits),
    // One owner drains: Apollo's own SIGTERM handler would race `drain()` below, and a second
    // concurrent `stop()` waits on a promise Apollo settles only on failure (the process never
    // exited when idle; issue 9).
    stopOnTerminationSignals: false,
    // Persisted queries (APQ) in the shared state: a hash registered through one instance is
    // known to all (docs/scale-out.md). Without a state: Apollo's in-process default.
    ...(sharedCache && { persistedQueries: { cache: sharedCache } }),
    plugins: [
      // Ours with request hooks only, as one Apollo plugin (plugins/compose-plugins.ts: Apollo
      // pays per plugin per request), in this order.
      composePlugins([
        // First: a request without a valid token is refused before any other check or execution.
        authenticationPlugin(),
        operationChecksPlugin(limits),
        requestLogPlugin(log, options.accessLog),
        telemetryPlugin(telemetry),
        quotaPriorityPlugin(),
        ...cacheControl.composable,
      ]),
      options.playground
        ? offlineGraphiQLPlugin(GRAPHQL_PATH)
        : ApolloServerPluginLandingPageDisabled(),
      ...cacheControl.separate,
      // Whole answers of repeated queries, while the read cache is on (docs/scale-out.md).
      ...(sharedCache && readCache
        ? [
            responseCachePlugin({
              cache: sharedCache,
              readCache,
              scope: options.readCache?.scope ?? 'PUBLIC',
            }),
          ]
        : []),
    ],
    logger: log.child({ source: 'apollo' }),
  });
  await apollo.start();

  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  const cors = createCors(options.http.corsOrigins);
  const httpServer = http.createServer(httpServerOptions(options.http), (req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (draining && inFlight === 0) idle?.();
    });
    if (draining) res.setHeader('connection', 'close');
    handle(req, res).catch((error: unknown) => {
      log.error({ err: String(error) }, 'http handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  capConnections(httpServer, options.http.maxConnections, log);
  withholdContinueForOversizedBodies(httpServer);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // A POST to /graphql (every request of a client without GET) needs no URL parse (~1 µs).
    const url =
      req.url === GRAPHQL_PATH ? GRAPHQL_URL : new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    // First: a preflight is answered here, and an allowed origin's Access-Control-* headers go
    // on every answer, errors included (else the page sees a CORS failure, not the error).
    if (url.pathname === GRAPHQL_PATH && cors?.(req, res) === 'answered') return;
    if (refuseOversizedBody(req, res)) return;
    const allow = allowedMethods(url.pathname, GRAPHQL_PATH, cors !== undefined);
    if (!allow) {
      sendJson(res, 404, { error: `no route ${url.pathname}; GraphQL is at ${GRAPHQL_PATH}` });
      return;
    }
    if (!allow.includes(method)) {
      sendMethodNotAllowed(res, method, allow, url.pathname === GRAPHQL_PATH);
      return;
    }
    if (method === 'OPTIONS') {
      answerOptions(res, allow);
      return;
    }
    // From here HEAD is served as GET: node drops the body of a HEAD answer, and Apollo is
    // asked for the GET (it knows no HEAD).
    if (url.pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (url.pathname === '/metrics') {
      const { contentType, body } = await telemetry.metrics.render();
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      res.end(body);
      return;
    }
    if (url.pathname === '/readyz') {
      const checks = await Promise.all(
        registry.all().map(async (m) => ({
          provider: m.provider,
          mode: m.mode,
          reachable: await m.isReachable(),
        })),
      );
      const ready = !draining && checks.every((c) => c.reachable);
      // A degraded shared state (Redis unreachable) does not make the instance unready: it
      // serves correctly on in-process state, only less coordinated with the others, and
      // taking every instance out of the balancer at once would be an outage of its own
      // (docs/scale-out.md "When Redis is unreachable"). Reported, with a 200.
      const sharedState = options.state && { kind: options.state.kind, ...options.state.health() };
      sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ready' : 'not ready',
        providers: checks,
        ...(sharedState && { sharedState }),
      });
      return;
    }
    // Answered already (413, 400) or the client went away when undefined.
    const body = method === 'POST' ? await readJsonBody(req, res) : { value: undefined };
    if (!body) return;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const authenticated = options.authenticate
      ? await options.authenticate(headers.get('authorization'))
      : TRUSTED_CALLER;
    // The request's span: a child of the caller's `traceparent`, the parent of provider calls.
    const operation = telemetry.tracing.startOperation(headers);
    const context = createContext(
      registry,
      log,
      headers.get('x-request-id'),
      authenticated instanceof UnauthenticatedError ? refusedCaller(authenticated) : authenticated,
      idempotency,
      readCache,
      {
        budget: new UpstreamBudget(limits),
        telemetry: { telemetry, traceContext: operation.context },
      },
    );
    if (authenticated instanceof UnauthenticatedError) {
      // The reason only: the header and the token are never logged.
      context.log.info({ reason: authenticated.message }, 'request not authenticated');
    }
    res.setHeader('x-request-id', context.requestId);
    let response;
    try {
      response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: method === 'HEAD' ? 'GET' : method,
          headers,
          search: url.search,
          body: body.value,
        },
        context: async () => context,
      });
    } catch (error) {
      Tracing.end(operation.span, 'graphql.outcome', 'INTERNAL_SERVER_ERROR');
      throw error;
    }
    let status = graphqlHttpStatus(response);
    const refusedStatus =
      authenticated instanceof UnauthenticatedError
        ? unauthenticatedStatus(response, status)
        : null;
    if (refusedStatus !== null) {
      status = refusedStatus;
      res.setHeader('www-authenticate', 'Bearer');
    }
    operation.span.setAttribute('http.response.status_code', status);
    operation.span.end();
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = status;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    apollo,
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const h = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${h}:${address.port}`);
        });
      }),
    drain: async (graceMs = 10_000) => {
      draining = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (idle = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);
      }
      httpServer.closeAllConnections();
      await closed;
      await apollo.stop();
      await readCache?.close();
    },
  };
}
