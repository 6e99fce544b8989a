import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer, HeaderMap } from '@apollo/server';
import type { Logger } from 'pino';

import type { ProviderRegistry } from '../providers/registry.js';
import { createContext, type Context } from './context.js';
import { buildSubgraph } from './federation.js';
import { createFormatError } from './format-error.js';
import { offlineGraphiQLPlugin } from './plugins/landing-page.plugin.js';
import { requestLogPlugin } from './plugins/request-log.plugin.js';

export interface AppServer {
  readonly apollo: ApolloServer<Context>;
  readonly httpServer: http.Server;
  /** Starts listening; resolves with the base URL (`http://host:port`). */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then stops Apollo. */
  drain(graceMs?: number): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const GRAPHQL_PATH = '/graphql';

/**
 * The HTTP front: `/graphql` (and the playground at `/`) through Apollo's
 * executeHTTPGraphQLRequest, plus `/healthz` and `/readyz`. A plain node server keeps the drain
 * on SIGTERM in our hands.
 */
export async function createServer(options: {
  registry: ProviderRegistry;
  log: Logger;
}): Promise<AppServer> {
  const { registry, log } = options;
  const schema = await buildSubgraph();
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createFormatError(log),
    includeStacktraceInErrorResponses: false,
    plugins: [offlineGraphiQLPlugin(GRAPHQL_PATH), requestLogPlugin()],
    logger: log.child({ source: 'apollo' }),
  });
  await apollo.start();

  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  const httpServer = http.createServer((req, res) => {
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

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz' && req.method === 'GET') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (url.pathname === '/readyz' && req.method === 'GET') {
      const checks = await Promise.all(
        registry.all().map(async (m) => ({
          provider: m.provider,
          mode: m.mode,
          reachable: await m.isReachable(),
        })),
      );
      const ready = !draining && checks.every((c) => c.reachable);
      sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ready' : 'not ready',
        providers: checks,
      });
      return;
    }
    if (url.pathname !== GRAPHQL_PATH && !(url.pathname === '/' && req.method === 'GET')) {
      sendJson(res, 404, { error: `no route ${url.pathname}; GraphQL is at ${GRAPHQL_PATH}` });
      return;
    }
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    if (body instanceof BodyError) {
      sendJson(res, body.status, {
        errors: [{ message: body.message, extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const context = createContext(registry, log, headers.get('x-request-id'));
    res.setHeader('x-request-id', context.requestId);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => context,
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
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
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(payload);
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a JSON body. One over 1 MiB is read to its end (not kept) so the 413 reaches the caller. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) return new BodyError(413, 'request body too large (limit 1 MiB)');
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new BodyError(400, 'request body is not valid JSON');
  }
}
