import type { ApolloServerPlugin } from '@apollo/server';

import type { Context } from '../context.js';

/** One structured line per GraphQL operation: name, duration, error codes. Never variables. */
export function requestLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          contextValue.log.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round(ms * 10) / 10,
              errorCodes: errors?.map((e) => e.extensions?.code ?? 'UNKNOWN') ?? [],
            },
            'graphql request',
          );
        },
      };
    },
  };
}
