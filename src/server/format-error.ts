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
 * The one formatError (PRODUCT.md "Errors"): our ApiErrors keep their code and details; variable
 * coercion failures become BAD_USER_INPUT naming the field, without echoing the value; anything
 * unexpected is masked as INTERNAL_SERVER_ERROR (no stack, no detail) and logged.
 */
export function createFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof ApiError) {
      return { ...base, message: original.message, extensions: { ...original.extensions } };
    }
    const code = formatted.extensions?.code;
    if (code === 'BAD_USER_INPUT') return { ...base, ...coercionError(formatted.message) };
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

/**
 * graphql-js reports a bad variable as `Variable "$input" got invalid value <the value> at
 * "input.startTime"; <reason>`. The value may be the whole input object, so it is dropped.
 */
function coercionError(message: string): Pick<GraphQLFormattedError, 'message' | 'extensions'> {
  const variable = /^Variable "\$(\w+)"/.exec(message)?.[1];
  const at = /got invalid value .* at "([^"]+)"; /.exec(message)?.[1];
  const reason = message.includes('; ') ? message.slice(message.lastIndexOf('; ') + 2) : message;
  const missing = /^Field "(\w+)" of required type "[^"]+" was not provided\.$/.exec(reason)?.[1];
  const unknown = /^Field "(\w+)" is not defined by type/.exec(reason)?.[1];
  let field = at ?? variable ?? 'input';
  if (missing || unknown) field = `${field}.${missing ?? unknown}`;
  const rule = missing ? 'required' : unknown ? 'unknownField' : 'type';
  const text = variable && !message.includes('got invalid value') ? message : `${field}: ${reason}`;
  return { message: redactSecrets(text), extensions: { code: 'BAD_USER_INPUT', field, rule } };
}

/** The error a resolver threw, below graphql-js's located-error wrappers. */
function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}
