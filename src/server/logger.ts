import {
  destination as fileDestination,
  pino,
  symbols,
  type Bindings,
  type ChildLoggerOptions,
  type DestinationStream,
  type Logger,
} from 'pino';

import { redactSecrets } from '../util/redact.js';

/**
 * Structured JSON logs. Two layers keep secrets out (PRODUCT.md non-negotiables): known secret
 * keys are censored by path, and every serialised line passes through `redactSecrets`, which
 * scrubs registered credentials and tokens wherever they appear.
 */
export function createLogger(options: {
  level: string;
  /** Default: standard output, in batches (`batchedDestination`). */
  destination?: DestinationStream;
}): Logger {
  const destination: FlushableDestination = options.destination ?? batchedDestination(1);
  const scrubbing: FlushableDestination = {
    write: (line: string) => {
      destination.write(redactSecrets(line));
      // A warning or worse is written at once, not with the next batch.
      if (isUrgent(line)) destination.flush?.();
    },
    // What `log.flush(cb)` calls (the exits of main.ts): the batch written, then `cb`.
    flush: (cb?: (error?: Error) => void) => (destination.flush ? destination.flush(cb) : cb?.()),
  };
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: {
        paths: [
          '*.secret',
          '*.secretKey',
          '*.apiSecret',
          '*.corpSecret',
          '*.accessToken',
          '*.access_token',
          '*.hostKey',
          '*.host_key',
          '*.startUrl',
          '*.start_url',
          '*.token',
          '*.password',
          'req.headers.authorization',
        ],
        censor: '[REDACTED]',
      },
    },
    scrubbing,
  );
}

/** A destination pino can also flush (`log.flush(cb)`). */
type FlushableDestination = DestinationStream & { flush?(cb?: (error?: Error) => void): void };

/** Bytes gathered before a write, and the longest a line waits (ms) when fewer come. */
export const LOG_BATCH_BYTES = 4096;
export const LOG_FLUSH_MS = 1000;

/**
 * The log destination (`dest`: a file descriptor or path): written asynchronously in batches of
 * LOG_BATCH_BYTES, or after LOG_FLUSH_MS when fewer lines come, as a buffered access log does
 * (nginx `access_log … buffer= flush=`). One `write` per line made the access line, every
 * request's one line, cost an asynchronous file write each: 11–14 µs a line against 4–7 µs
 * batched, measured, or ~0.5–1 % of a cold read's CPU (docs/performance.md "Round 5"). What is
 * held: at most LOG_FLUSH_MS of `info` and lower
 * lines. A warning or worse is written at once (createLogger), every exit of main.ts flushes
 * first (`log.flush`), and pino's destination writes what is left at `process.exit` (its exit
 * handler's `flushSync`); only a process killed outright (SIGKILL, out of memory) loses the
 * batch.
 */
export function batchedDestination(dest: number | string): FlushableDestination {
  return fileDestination({
    dest,
    sync: false,
    minLength: LOG_BATCH_BYTES,
    periodicFlush: LOG_FLUSH_MS,
  });
}

/**
 * pino writes the level first (`{"level":40,…`; no `base`, default formatters): 40 and up are
 * warn, error and fatal.
 */
function isUrgent(line: string): boolean {
  return line.startsWith(LEVEL_PREFIX) && line.charCodeAt(LEVEL_PREFIX.length) >= 52; // '4'
}
const LEVEL_PREFIX = '{"level":';

/** What the access log writes through (request-log.plugin.ts). */
export interface AccessLogger {
  isLevelEnabled(level: string): boolean;
  /** One `info` line: `{"level":30,"time":…,…fields,"msg":…}`, as pino writes it. */
  info(
    fields: Record<string, string | number | null | readonly string[]> & {
      level?: never;
      time?: never;
      msg?: never;
    },
    msg: string,
  ): void;
}

/**
 * The access log's writer (src/server/plugins/request-log.plugin.ts): the base logger's
 * destination, so the same `redactSecrets` scrubbing of every line, and its level (read at each
 * line), but the line is one `JSON.stringify`: its fields are known to be safe and flat (request
 * id, operation name, duration, error codes), so pino's path censoring would find nothing and
 * its serialisation is the one cost left; together they were ~1.5 % of a cold read's CPU
 * (bench profile; docs/performance.md "Round 3"). One per base logger.
 */
export function accessLogger(log: Logger): AccessLogger {
  let access = accessLoggers.get(log);
  if (!access) {
    const stream = (log as unknown as Record<symbol, DestinationStream>)[symbols.streamSym]!;
    access = {
      isLevelEnabled: (level) => log.isLevelEnabled(level),
      info: (fields, msg) => {
        if (!log.isLevelEnabled('info')) return;
        // The line `{ level, time, ...fields, msg }` would serialise to, without building that
        // object: a spread followed by new keys leaves V8's fast path (~1 µs on Node 20,
        // docs/performance.md "Round 4"). `fields` never holds those three keys (its type).
        const inner = JSON.stringify(fields).slice(1, -1);
        stream.write(
          `{"level":${INFO},"time":${Date.now()}${inner && ','}${inner},"msg":${JSON.stringify(msg)}}\n`,
        );
      },
    };
    accessLoggers.set(log, access);
  }
  return access;
}
const INFO = 30; // pino's number for `info`
const accessLoggers = new WeakMap<Logger, AccessLogger>();

const LEVEL_METHODS: ReadonlySet<string> = new Set([
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
]);
const noop = () => undefined;

/**
 * `parent.child(bindings)`, made only when a line is actually written at an enabled level. A
 * request's logger (requestId) and its data sources' (provider) were children made for every
 * request, whether it logged or not: pino's `child` re-derives the level methods, ~1.5 % of a cold
 * read's CPU. Lines are the same as with `child`; `child()` of a lazy child is lazy too.
 */
export function lazyChild(parent: Logger, bindings: Bindings): Logger {
  let real: Logger | undefined;
  const materialise = () => (real ??= parent.child(bindings));
  return new Proxy(parent, {
    get(_target, prop) {
      if (prop === 'child') {
        return (more: Bindings, options?: ChildLoggerOptions) =>
          options
            ? materialise().child(more, options)
            : // Not `{ ...bindings, ...more }`: a spread adding keys the first lacks costs ~1 µs
              // on Node 20, and every request's data source asks for one (docs/performance.md).
              lazyChild(parent, Object.assign({}, bindings, more));
      }
      if (typeof prop === 'string' && LEVEL_METHODS.has(prop) && !parent.isLevelEnabled(prop)) {
        return noop;
      }
      // A child has its parent's level until one is set on it: asking makes none.
      if (!real && prop === 'isLevelEnabled') return parent.isLevelEnabled.bind(parent);
      if (!real && prop === 'level') return parent.level;
      const logger = materialise();
      const value: unknown = Reflect.get(logger, prop, logger);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(logger)
        : value;
    },
    set(_target, prop, value) {
      return Reflect.set(materialise(), prop, value);
    },
  });
}
