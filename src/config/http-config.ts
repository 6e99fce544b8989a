import type { HttpConfig } from './config.types.js';

/**
 * The HTTP front's settings, part of loadConfig (env.ts): kept in their own file so env.ts stays
 * a list of what is read. `read` gives the raw value (undefined when unset); as for every variable
 * loadConfig reads, a variable set to an empty string is a problem, not "use the default": an
 * empty `CORS_ORIGINS=` could mean "none" or "forgot to fill in", and we would rather ask.
 */
export const HTTP_DEFAULTS = Object.freeze({
  // Headers are a few hundred bytes: 10 s is generous for a slow mobile link, and short enough
  // that a slow-loris client sending one header line at a time is cut off soon.
  headersTimeoutMs: 10_000,
  // The whole request, body included (at most 1 MiB): a body that trickles in is answered 408
  // and closed. It does not limit how long a resolver may take once the request is read.
  requestTimeoutMs: 30_000,
  // Longer than the usual load balancer idle timeout (AWS ALB: 60 s), so the balancer, never us,
  // closes an idle connection: otherwise it may send a request on a socket we are closing (502).
  keepAliveTimeoutMs: 65_000,
  // Each connection holds a socket and parser state; the cap keeps a flood of idle connections
  // from exhausting memory and file descriptors. Far above what a balancer's pool needs.
  maxConnections: 1024,
});

const MAX_TIMEOUT_MS = 600_000;

export function readHttpConfig(
  read: (name: string) => string | undefined,
  problems: string[],
): HttpConfig {
  /** The variable as an integer in [min, max]; its default when unset; undefined when bad. */
  const integer = (name: string, fallback: number, min: number, max: number, unit: string) => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = raw.trim();
    if (value === '') {
      problems.push(`${name}: set but empty; give ${unit} from ${min} to ${max}, or unset it`);
      return undefined;
    }
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      problems.push(`${name}: expected ${unit} from ${min} to ${max}, got "${value}"`);
      return undefined;
    }
    return parsed;
  };
  const ms = (name: string, fallback: number) =>
    integer(name, fallback, 100, MAX_TIMEOUT_MS, 'milliseconds');

  const requestTimeoutMs = ms('HTTP_REQUEST_TIMEOUT_MS', HTTP_DEFAULTS.requestTimeoutMs);
  // Node refuses to start a server whose headers timeout is longer than its request timeout: the
  // default follows a shorter request timeout down; two explicit values that disagree are refused.
  const headersTimeoutMs = ms(
    'HTTP_HEADERS_TIMEOUT_MS',
    Math.min(HTTP_DEFAULTS.headersTimeoutMs, requestTimeoutMs ?? HTTP_DEFAULTS.requestTimeoutMs),
  );
  if (
    headersTimeoutMs !== undefined &&
    requestTimeoutMs !== undefined &&
    headersTimeoutMs > requestTimeoutMs
  ) {
    problems.push(
      `HTTP_HEADERS_TIMEOUT_MS: ${headersTimeoutMs} is longer than HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs}); the headers are part of the request`,
    );
  }
  const keepAliveTimeoutMs = ms('HTTP_KEEP_ALIVE_TIMEOUT_MS', HTTP_DEFAULTS.keepAliveTimeoutMs);
  const maxConnections = integer(
    'HTTP_MAX_CONNECTIONS',
    HTTP_DEFAULTS.maxConnections,
    1,
    1_000_000,
    'a connection count',
  );
  // With a problem recorded loadConfig throws; the defaults below only satisfy the type.
  return {
    headersTimeoutMs: headersTimeoutMs ?? HTTP_DEFAULTS.headersTimeoutMs,
    requestTimeoutMs: requestTimeoutMs ?? HTTP_DEFAULTS.requestTimeoutMs,
    keepAliveTimeoutMs: keepAliveTimeoutMs ?? HTTP_DEFAULTS.keepAliveTimeoutMs,
    maxConnections: maxConnections ?? HTTP_DEFAULTS.maxConnections,
    corsOrigins: readCorsOrigins(read('CORS_ORIGINS'), problems),
  };
}

/**
 * `CORS_ORIGINS`: comma-separated exact origins as a browser sends them in `Origin`
 * (`https://app.example.com`, `http://localhost:3000`), or `*` alone for any origin. `*` is
 * safe enough here because the API uses no cookies (credentials are never allowed, so a page
 * cannot act with a visitor's session); it suits a public API or local development. No
 * wildcards inside an origin: list each one.
 */
function readCorsOrigins(raw: string | undefined, problems: string[]): readonly string[] {
  if (raw === undefined) return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  if (raw.trim() === '') {
    problems.push(
      'CORS_ORIGINS: set but empty; list origins (https://app.example.com), or unset it',
    );
    return [];
  }
  if (entries.includes('*')) {
    if (entries.length > 1) {
      problems.push(`CORS_ORIGINS: "*" allows every origin and must stand alone, got "${raw}"`);
    }
    return ['*'];
  }
  const origins: string[] = [];
  for (const entry of entries) {
    const problem = originProblem(entry);
    if (problem) problems.push(`CORS_ORIGINS: ${problem}`);
    else if (!origins.includes(entry)) origins.push(entry);
  }
  return origins;
}

/** Why `entry` is not an origin a browser would send, or undefined when it is one. */
function originProblem(entry: string): string | undefined {
  const expected = 'expected scheme://host[:port] with no path, e.g. https://app.example.com';
  if (entry === '') return `empty entry in the list (a stray comma?); ${expected}`;
  if (entry.includes('*'))
    return `"${entry}": wildcards are not supported; list each origin, or give * alone`;
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `"${entry}" is not an origin; ${expected}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `"${entry}" is not an http(s) origin; ${expected}`;
  }
  // `origin` is what a browser sends: lower-case host, no default port, no path or slash.
  if (url.origin !== entry) {
    return `"${entry}" is not an origin as a browser sends it; ${expected} (did you mean "${url.origin}"?)`;
  }
  return undefined;
}
