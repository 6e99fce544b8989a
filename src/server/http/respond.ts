import type { ServerResponse } from 'node:http';

/** A JSON answer for the routes Apollo does not serve (health, 404, 405, body errors). */
export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/**
 * An error on `/graphql` that never reached Apollo, in the GraphQL error shape clients already
 * parse; `BAD_REQUEST` is Apollo's code for "not a GraphQL request" (docs/errors.md).
 */
export function sendGraphQLRequestError(res: ServerResponse, status: number, message: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}
