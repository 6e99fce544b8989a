import type { HTTPGraphQLResponse } from '@apollo/server';

/**
 * The HTTP status of a request refused with UNAUTHENTICATED. With `application/json` it stays
 * 200 (graphql-status.ts: a router or gateway passes the code through to its client, where a
 * 4xx would become an opaque error); with `application/graphql-response+json` the spec allows a
 * 4xx, and 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3) is the one that says what to do.
 * Returns null when the answer is not such a refusal.
 */
export function unauthenticatedStatus(
  response: HTTPGraphQLResponse,
  status: number,
): number | null {
  if (status === 200 || response.body.kind !== 'complete') return null;
  if (!response.headers.get('content-type')?.startsWith('application/graphql-response+json')) {
    return null;
  }
  try {
    const body = JSON.parse(response.body.string) as {
      errors?: Array<{ extensions?: { code?: unknown } }>;
    };
    const codes = (body.errors ?? []).map((e) => e.extensions?.code);
    return codes.length === 1 && codes[0] === 'UNAUTHENTICATED' ? 401 : null;
  } catch {
    return null;
  }
}
