import type { Server, ServerOptions } from 'node:http';

import type { Logger } from 'pino';

import type { HttpConfig } from '../../config/config.types.js';

/**
 * How often Node looks for requests past their headers or request timeout, ms: the precision of
 * both (Node's default, 30 s, would let a 1 s request timeout run for 31 s). Cheap: one walk
 * over the connections still receiving a request.
 */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * The timeouts for `http.createServer` (docs/operating-http.md). A request whose headers or
 * whole message (body included) are not in by then is answered 408 by Node and closed; this is
 * what ends a slow-loris client. Neither limits a slow resolver: the clock stops once the
 * request is read.
 */
export function httpServerOptions(config: HttpConfig): ServerOptions {
  return {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  };
}

/** Interval between two "connection refused" warnings, ms: a flood must not flood the logs. */
const DROP_LOG_INTERVAL_MS = 10_000;

/**
 * Caps open connections: past `max` Node closes a new connection as soon as it is accepted (the
 * client sees a reset). Logged at most every 10 s, with the count since the last line.
 */
export function capConnections(server: Server, max: number, log: Logger) {
  server.maxConnections = max;
  let dropped = 0;
  let lastLogged = 0;
  server.on('drop', () => {
    dropped += 1;
    if (Date.now() - lastLogged < DROP_LOG_INTERVAL_MS) return;
    log.warn({ dropped, maxConnections: max }, 'connections refused: HTTP_MAX_CONNECTIONS reached');
    lastLogged = Date.now();
    dropped = 0;
  });
}
