import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

import { ApiError } from '../errors/api-errors.js';
import { redactSecrets } from '../util/redact.js';

/** Request-level codes Apollo itself produces; they pass through unchanged (docs/errors.md). */
const APOLLO_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The one formatError (PRODUCT.md "Errors"): our ApiErrors keep their code and details (and
 * Apollo's wrappers around them, e.g. a validation rule's operation-limit error, are unwrapped);
 * anything unexpected is masked as INTERNAL_SERVER_ERROR (no stack, no detail) and logged.
 */
export function createFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof ApiError) {
      return { ...base, message: original.message, extensions: { ...original.extensions } };
    }
    const code = formatted.extensions?.code;
    // Variables are checked before execution (variables.ts), naming the argument. Should a
    // coercion error still come from graphql-js, it is the client's, but its text is not parsed
    // (it echoes the value): the code stands, with a message that says where to look.
    if (code === 'BAD_USER_INPUT') {
      return {
        ...base,
        message: 'a variable does not match its declared type',
        extensions: { code: 'BAD_USER_INPUT', field: 'variables', rule: 'type' },
      };
    }
    if (typeof code === 'string' && APOLLO_REQUEST_CODES.has(code)) {
      return { ...base, message: redactSecrets(formatted.message), extensions: { code } };
    }
    log.error(
      {
        err:
          original instanceof Error
            ? {
                name: original.name,
                message: redactSecrets(original.message),
                stack: original.stack,
              }
            : String(original),
        path: formatted.path,
      },
      'unexpected error (masked)',
    );
    return {
      ...base,
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** The error a resolver threw, below graphql-js's located-error wrappers. */
function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}
