import type { Logger } from 'pino';

import type { Context } from '../context.js';
import { accessLogger } from '../logger.js';
import type { RequestPlugin } from './compose-plugins.js';

export interface RequestLogOptions {
  /**
   * Share of successful requests logged, 0 to 1 (`ACCESS_LOG_SAMPLE_RATE`; default 1: all). A
   * request with errors is always logged.
   */
  sampleRate?: number;
}

/**
 * One structured line per GraphQL operation: request id, operation name, duration, error codes.
 * Never variables. It is the one line every request writes, so it is cheap by construction
 * (bench/results/ profiles): known-safe fields only, written through the access logger (no
 * wildcard path redaction to walk; the secret scrubbing of every line still runs) with the
 * request id as a field, not through a child logger made per request.
 */
export function requestLogPlugin(
  log: Logger,
  options: RequestLogOptions = {},
): RequestPlugin<Context> {
  const access = accessLogger(log);
  const sampleRate = options.sampleRate ?? 1;
  return {
    requestDidStart({ contextValue }) {
      if (!access.isLevelEnabled('info')) return;
      const started = process.hrtime.bigint();
      return {
        willSendResponse({ operationName, errors }) {
          if (!errors && sampleRate < 1 && Math.random() >= sampleRate) return;
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          access.info(
            {
              requestId: contextValue.requestId,
              operationName: operationName ?? null,
              durationMs: Math.round(ms * 10) / 10,
              errorCodes: errors?.map((e) => String(e.extensions?.code ?? 'UNKNOWN')) ?? [],
            },
            'graphql request',
          );
        },
      };
    },
  };
}
