import type { HTTPGraphQLResponse } from '@apollo/server';

/** Codes of a request that is not a GraphQL request at all: those stay HTTP 400. */
const NOT_GRAPHQL = new Set(['BAD_REQUEST', 'INTERNAL_SERVER_ERROR']);

/**
 * The HTTP status for an answer, per the GraphQL-over-HTTP spec: with `application/json` a
 * well-formed request answered with GraphQL errors (parse, validation, a bad variable, an
 * operation limit) is 200, and the errors say what went wrong. Apollo answers 400 (and 500 for an
 * error thrown before execution) there, which gateways turn into an opaque
 * `INTERNAL_SERVER_ERROR "400: Bad Request"` and drop the error's code and field. With
 * `application/graphql-response+json` the spec's 4xx stay.
 */
export function graphqlHttpStatus(response: HTTPGraphQLResponse): number {
  const status = response.status ?? 200;
  if (status !== 400 && status !== 500) return status;
  if (!response.headers.get('content-type')?.startsWith('application/json')) return status;
  if (response.body.kind !== 'complete') return status;
  let codes: unknown[];
  try {
    const body = JSON.parse(response.body.string) as {
      errors?: Array<{ extensions?: { code?: unknown } }>;
    };
    codes = (body.errors ?? []).map((e) => e.extensions?.code);
  } catch {
    return status;
  }
  if (
    codes.length === 0 ||
    codes.some((code) => typeof code !== 'string' || NOT_GRAPHQL.has(code))
  ) {
    return status;
  }
  return 200;
}
