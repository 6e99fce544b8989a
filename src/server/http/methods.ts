import type { ServerResponse } from 'node:http';

import { sendGraphQLRequestError, sendJson } from './respond.js';

/**
 * The methods each path answers, or undefined for an unknown path (404). HEAD is answered
 * wherever GET is, as GET without the body (RFC 9110 §9.3.2; a load balancer's `HEAD /healthz`
 * health check). OPTIONS only on `/graphql` and only with CORS on: it exists for preflights.
 */
export function allowedMethods(
  pathname: string,
  graphqlPath: string,
  corsEnabled: boolean,
): readonly string[] | undefined {
  if (pathname === graphqlPath) {
    return corsEnabled ? ['GET', 'HEAD', 'POST', 'OPTIONS'] : ['GET', 'HEAD', 'POST'];
  }
  if (
    pathname === '/' ||
    pathname === '/healthz' ||
    pathname === '/readyz' ||
    pathname === '/metrics'
  ) {
    return ['GET', 'HEAD'];
  }
  return undefined;
}

/** 405 with `Allow`, in the GraphQL error shape on `/graphql` and the plain one elsewhere. */
export function sendMethodNotAllowed(
  res: ServerResponse,
  method: string,
  allow: readonly string[],
  graphql: boolean,
) {
  res.setHeader('allow', allow.join(', '));
  const message = `method ${method} not allowed here; use ${allow.join(', ')}`;
  if (graphql) sendGraphQLRequestError(res, 405, message);
  else sendJson(res, 405, { error: message });
}

/** An OPTIONS that is not a preflight from an allowed origin: the methods, no CORS headers. */
export function answerOptions(res: ServerResponse, allow: readonly string[]) {
  res.writeHead(204, { allow: allow.join(', '), 'content-length': '0' });
  res.end();
}
