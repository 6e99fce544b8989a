import type { IncomingMessage, ServerResponse } from 'node:http';

import cors from 'cors';

/**
 * Request headers a browser page may send cross-origin: JSON bodies, bearer tokens, our request
 * id, the two headers Apollo's CSRF prevention accepts as proof of a preflighted request, and
 * Apollo Client's client awareness headers.
 */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];

/** How long a browser may cache a preflight answer, s: Chrome's cap (2 h); Firefox allows 24 h. */
const CORS_MAX_AGE_SECONDS = 7200;

/** 'answered': the request was a preflight from an allowed origin, and has its 204. */
export type CorsOutcome = 'answered' | 'continue';

/**
 * CORS for `/graphql`, on the `cors` package (Express's; already in the tree through
 * @apollo/server) used as a connect-style middleware on node's req/res. An allowed origin gets
 * its own origin back (never `*` with a list, never credentials: the API uses no cookies), and
 * `x-request-id` exposed. An origin not listed gets no `Access-Control-*` header at all, so the
 * browser refuses to let the page read the answer; the request itself is still served, since
 * CORS protects browser users' reads, not the server (non-browser clients send any `Origin`).
 * Returns undefined when CORS is off (`CORS_ORIGINS` unset).
 */
export function createCors(
  origins: readonly string[],
): ((req: IncomingMessage, res: ServerResponse) => CorsOutcome) | undefined {
  if (origins.length === 0) return undefined;
  const anyOrigin = origins.includes('*');
  const allowed = new Set(origins);
  const middleware = cors({
    // `false` makes the package skip every CORS header; an origin string is echoed back.
    origin: (origin, callback) =>
      callback(null, anyOrigin ? '*' : origin !== undefined && allowed.has(origin) && origin),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: ['x-request-id'],
    maxAge: CORS_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
  return (req, res) => {
    // The answer depends on Origin whenever a list is configured, including when it is not
    // listed: a shared cache must not hand one origin's answer to another.
    if (!anyOrigin) appendVary(res, 'Origin');
    let passed = false;
    // With a synchronous origin callback the package is synchronous: it either answers a
    // preflight (ends the response) or calls next. Fail loudly (500) rather than hang otherwise.
    middleware(req, res, () => (passed = true));
    if (passed) return 'continue';
    if (res.writableEnded) return 'answered';
    throw new Error('cors middleware neither answered nor passed the request on');
  };
}

function appendVary(res: ServerResponse, field: string) {
  const current = res.getHeader('vary');
  const fields = (current === undefined ? '' : String(current)).split(',').map((f) => f.trim());
  if (fields.some((f) => f === '*' || f.toLowerCase() === field.toLowerCase())) return;
  res.setHeader('vary', [...fields.filter(Boolean), field].join(', '));
}
