import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { redactSecrets } from '../util/redact.js';
import { EmulatorClock } from './clock.js';
import { FaultPlan, type PendingFault } from './faults.js';
import { RateLimiter, type ProviderRateLimit } from './rate-limiter.js';

/**
 * The shared HTTP shell of every provider emulator (STYLE habit 7): a real server on
 * 127.0.0.1 (port 0 by default), a request journal, scripted faults, a movable clock, and the
 * `/__admin/` control plane, which never mixes with the provider's own paths.
 */

export interface EmulatorRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path plus `?` and the raw query string, exactly as received (Tencent signs this). */
  rawUrl: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The exact body bytes received (Tencent signs these). */
  rawBody: Buffer;
}

export interface EmulatorReply {
  status: number;
  /** Serialised as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface EmulatorRoute {
  method: string;
  /** Matched against the path; capture groups are passed to `handle`. */
  path: RegExp;
  /** Provider operation name, shown in the journal and matched by faults. */
  operation: string;
  handle(req: EmulatorRequest, params: string[]): EmulatorReply | Promise<EmulatorReply>;
}

/** How a provider spells the faults that are about its own protocol. */
export interface ProviderFaultRenderer {
  providerError(code: number | string, message?: string): EmulatorReply;
  rateLimited(retryAfterSeconds?: number): EmulatorReply;
  tokenExpired?(): EmulatorReply;
  notFound(): EmulatorReply;
}

/** One journal line. No secrets: no query strings, headers or bodies. */
export interface JournalEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  operation: string;
  status: number;
  fault?: string;
  /** Refused by the emulated per-minute limit (`rateLimitPerMinute`) with the provider's answer. */
  rateLimited?: true;
  /** The W3C `traceparent` header received (not a secret: ids only), null when absent. */
  traceparent: string | null;
}

export interface EmulatorHandle {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly clock: EmulatorClock;
  readonly faults: FaultPlan;
  /**
   * The journal, oldest first: the last `journalLimit` calls at least (`seq` numbers every call
   * since the start, so a reader sees what was dropped).
   */
  requests(): JournalEntry[];
  /** Journal entries of one operation. */
  calls(operation: string): JournalEntry[];
  /**
   * Enforces the provider's per-minute limit at `perMinute` calls per app (per app and API
   * where the provider counts so), answering its own rate-limit error; null: off.
   */
  setRateLimit(perMinute: number | null): void;
  /** Forget state, journal and faults, and put the clock back. */
  reset(): void;
  close(): Promise<void>;
}

export interface EmulatorServerOptions {
  name: string;
  host?: string;
  port?: number;
  routes: EmulatorRoute[];
  renderer: ProviderFaultRenderer;
  clock?: EmulatorClock;
  /** Forget provider state (called by reset). */
  resetState(): void;
  /** How the provider counts and refuses calls over its limit (`<provider>/rate-limit.ts`). */
  rateLimit?: ProviderRateLimit;
  /**
   * Calls per minute per bucket before the provider's rate-limit answer; undefined or null: no
   * limit (the default, so tests may burst). `POST /__admin/rate-limit` changes it at run time.
   */
  rateLimitPerMinute?: number | null;
  /** Calls the journal keeps at least (default JOURNAL_LIMIT); older ones are dropped. */
  journalLimit?: number;
}

/**
 * The journal keeps the last 10 000 calls at least (up to twice that, dropped in one step): a
 * SANDBOX server (`npm start`) runs its emulators for as long as it runs, and a journal kept
 * whole grew by ~200 bytes a provider call, for ever. A full bench left hundreds of thousands
 * of entries in the WeCom emulator, whose calls then cost it three times the CPU
 * (docs/performance.md "Round 6"). Tests read far fewer.
 */
export const JOURNAL_LIMIT = 10_000;

const MAX_BODY_BYTES = 1024 * 1024;
const ADMIN_PREFIX = '/__admin/';

export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorHandle> {
  const clock = options.clock ?? new EmulatorClock();
  const faults = new FaultPlan([...new Set(options.routes.map((r) => r.operation))]);
  const limiter = new RateLimiter(options.rateLimit, options.rateLimitPerMinute ?? null);
  let journal: JournalEntry[] = [];
  let seq = 0;
  const journalLimit = options.journalLimit ?? JOURNAL_LIMIT;
  const sockets = new Set<Socket>();

  const record = (
    req: EmulatorRequest,
    operation: string,
    status: number,
    fault?: PendingFault,
    rateLimited?: boolean,
  ) => {
    journal.push({
      seq: ++seq,
      time: new Date(clock.now()).toISOString(),
      method: req.method,
      path: req.path,
      operation,
      status,
      ...(fault ? { fault: fault.kind } : {}),
      ...(rateLimited ? { rateLimited: true as const } : {}),
      traceparent: traceparentOf(req),
    });
    // Dropped in one step at twice the limit: a copy per `journalLimit` calls, not per call.
    if (journal.length >= 2 * journalLimit) journal = journal.slice(-journalLimit);
  };

  const reset = () => {
    journal = [];
    faults.clear();
    limiter.forget();
    clock.reset();
    options.resetState();
  };

  const server = http.createServer((incoming, res) => {
    readBody(incoming)
      .then(async (rawBody) => {
        const rawUrl = incoming.url ?? '/';
        const parsed = new URL(rawUrl, 'http://emulator.local');
        const req: EmulatorRequest = {
          method: (incoming.method ?? 'GET').toUpperCase(),
          path: parsed.pathname,
          rawUrl,
          query: parsed.searchParams,
          headers: incoming.headers,
          rawBody,
        };
        if (req.path.startsWith(ADMIN_PREFIX)) {
          send(res, handleAdmin(req, { journal: () => journal, faults, clock, reset, limiter }));
          return;
        }
        await handleProvider(req, res);
      })
      .catch((error: unknown) => {
        if (error instanceof BodyTooLargeError) {
          send(res, { status: 413, body: { message: 'request body too large' } });
          return;
        }
        process.stderr.write(`[${options.name} emulator] ${redactSecrets(String(error))}\n`);
        if (!res.headersSent)
          send(res, { status: 500, body: { message: 'emulator internal error' } });
      });
  });

  async function handleProvider(req: EmulatorRequest, res: ServerResponse) {
    let route: EmulatorRoute | undefined;
    let params: string[] = [];
    for (const candidate of options.routes) {
      if (candidate.method !== req.method) continue;
      const match = candidate.path.exec(req.path);
      if (match) {
        route = candidate;
        params = match.slice(1);
        break;
      }
    }
    if (!route) {
      const reply = options.renderer.notFound();
      record(req, 'unknown', reply.status);
      send(res, reply);
      return;
    }
    // The provider's limit first: a refused call never reaches its handler (nor a fault).
    const limited = limiter.check(req);
    if (limited) {
      record(req, route.operation, limited.status, undefined, true);
      send(res, limited);
      return;
    }
    const fault = faults.take(route.operation, req.path);
    if (fault?.kind === 'latency') await delay(fault.latencyMs ?? 1000);
    const early = fault ? earlyFaultReply(fault, options.renderer) : undefined;
    if (early) {
      record(req, route.operation, early.status, fault);
      send(res, early);
      return;
    }
    if (
      fault &&
      fault.phase === 'before' &&
      (fault.kind === 'drop' || fault.kind === 'malformed')
    ) {
      record(req, route.operation, 0, fault);
      finishFault(fault, res);
      return;
    }
    const reply = await route.handle(req, params);
    if (fault && (fault.kind === 'drop' || fault.kind === 'malformed')) {
      record(req, route.operation, fault.kind === 'drop' ? 0 : 200, fault);
      finishFault(fault, res);
      return;
    }
    record(req, route.operation, reply.status, fault);
    send(res, reply);
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    name: options.name,
    url: `http://${host}:${address.port}`,
    port: address.port,
    clock,
    faults,
    requests: () => journal.map((e) => ({ ...e })),
    calls: (operation) => journal.filter((e) => e.operation === operation),
    setRateLimit: (perMinute) => limiter.setPerMinute(perMinute),
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function earlyFaultReply(
  fault: PendingFault,
  renderer: ProviderFaultRenderer,
): EmulatorReply | undefined {
  switch (fault.kind) {
    case 'providerError':
      return renderer.providerError(fault.providerCode!, fault.message);
    case 'rateLimit':
      return renderer.rateLimited(fault.retryAfterSeconds);
    case 'tokenExpired':
      return renderer.tokenExpired
        ? renderer.tokenExpired()
        : renderer.providerError('tokenExpired', 'token expiry is not a fault of this provider');
    case 'http':
      return {
        status: fault.status!,
        rawBody: fault.message ?? `<html><body>${fault.status} Service Unavailable</body></html>`,
        headers: { 'content-type': 'text/html' },
      };
    default:
      return undefined;
  }
}

function finishFault(fault: PendingFault, res: ServerResponse) {
  if (fault.kind === 'drop') {
    res.socket?.destroy();
    return;
  }
  send(res, {
    status: 200,
    rawBody: '{"broken": tru',
    headers: { 'content-type': 'application/json' },
  });
}

function handleAdmin(
  req: EmulatorRequest,
  ctx: {
    journal: () => JournalEntry[];
    faults: FaultPlan;
    clock: EmulatorClock;
    reset: () => void;
    limiter: RateLimiter;
  },
): EmulatorReply {
  const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
  let body: Record<string, unknown> = {};
  if (req.rawBody.length > 0) {
    try {
      body = JSON.parse(req.rawBody.toString('utf8')) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { error: 'admin bodies are JSON' } };
    }
  }
  switch (route) {
    case 'GET /__admin/requests':
      return { status: 200, body: { requests: ctx.journal() } };
    case 'GET /__admin/faults':
      return { status: 200, body: { faults: ctx.faults.pending() } };
    case 'POST /__admin/faults': {
      const specs = Array.isArray(body.faults) ? (body.faults as unknown[]) : [body];
      try {
        const added = specs.map((s) => ctx.faults.add(s));
        return { status: 201, body: { faults: added } };
      } catch (error) {
        return { status: 400, body: { error: (error as Error).message } };
      }
    }
    case 'DELETE /__admin/faults':
      ctx.faults.clear();
      return { status: 200, body: { faults: [] } };
    case 'GET /__admin/clock':
      return { status: 200, body: { now: new Date(ctx.clock.now()).toISOString() } };
    case 'POST /__admin/clock': {
      if (typeof body.advanceSeconds === 'number' && Number.isFinite(body.advanceSeconds)) {
        ctx.clock.advance(body.advanceSeconds);
      } else if (typeof body.now === 'string' && !Number.isNaN(Date.parse(body.now))) {
        ctx.clock.set(Date.parse(body.now));
      } else {
        return {
          status: 400,
          body: { error: 'give advanceSeconds (number) or now (ISO date-time)' },
        };
      }
      return { status: 200, body: { now: new Date(ctx.clock.now()).toISOString() } };
    }
    case 'GET /__admin/rate-limit':
      return { status: 200, body: ctx.limiter.describe() };
    case 'POST /__admin/rate-limit': {
      const perMinute = body.perMinute;
      if (
        perMinute !== null &&
        !(typeof perMinute === 'number' && Number.isInteger(perMinute) && perMinute > 0)
      ) {
        return {
          status: 400,
          body: { error: 'give perMinute: a positive integer, or null (off)' },
        };
      }
      try {
        ctx.limiter.setPerMinute(perMinute);
      } catch (error) {
        return { status: 400, body: { error: (error as Error).message } };
      }
      return { status: 200, body: ctx.limiter.describe() };
    }
    case 'POST /__admin/reset':
      ctx.reset();
      return { status: 200, body: { reset: true } };
    default:
      return { status: 404, body: { error: `no admin route ${route}` } };
  }
}

class BodyTooLargeError extends Error {}

/** Reads the body; one over 1 MiB is read to its end (so a 413 can be answered) but not kept. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      size > MAX_BODY_BYTES ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: EmulatorReply) {
  const payload = reply.rawBody ?? JSON.stringify(reply.body ?? {});
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    ...reply.headers,
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A well-formed W3C `traceparent` as received, else null (never free text into the journal). */
function traceparentOf(req: EmulatorRequest): string | null {
  const value = req.headers.traceparent;
  return typeof value === 'string' && /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/.test(value)
    ? value
    : null;
}
