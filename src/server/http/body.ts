import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { sendGraphQLRequestError } from './respond.js';

/**
 * The largest request body read, in bytes. A constant, not a setting: the biggest legitimate
 * request (a create with its recurrence, or 100 ids in `meetings(ids:)`) is a few KiB, and the
 * operation limits refuse anything larger that could fit.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
const LIMIT_TEXT = '1 MiB';

/**
 * Reads and parses a JSON request body, refusing one over the limit without reading the rest:
 * a declared `content-length` over it is answered 413 before any byte is read; a streamed
 * (chunked) body is cut off as soon as it passes the limit. Either way the connection is closed
 * after the 413, so the unread rest is never read (Node would otherwise drain it to reuse the
 * connection). Resolves `{ value }` (undefined for an empty body, which Apollo answers), or
 * undefined when the request is already answered (413, 400) or the client went away.
 */
export async function readJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit = MAX_BODY_BYTES,
): Promise<{ value: unknown } | undefined> {
  if (declaredLength(req) > limit) {
    refuseTooLarge(res);
    return undefined;
  }
  const body = await collect(req, limit);
  if (body === 'too large') {
    refuseTooLarge(res);
    return undefined;
  }
  // Gone: the client closed, or the request timeout cut a trickling body off (Node answered 408).
  if (body === 'gone') return undefined;
  const text = body.toString('utf8');
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    sendGraphQLRequestError(res, 400, 'request body is not valid JSON');
    return undefined;
  }
}

/**
 * Answers 413 (and closes) when a request of any method declares a body over the limit, and
 * says whether it did. Without it a GET or a 404 with a 64 MiB body would be answered quickly,
 * and then Node would read the whole body to reuse the connection.
 */
export function refuseOversizedBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit = MAX_BODY_BYTES,
): boolean {
  if (declaredLength(req) <= limit) return false;
  refuseTooLarge(res);
  return true;
}

/**
 * `Expect: 100-continue` (curl's habit for bodies over 1 MiB): Node would answer "100 Continue"
 * to every such request, and the client would then send its whole body. Refusing to continue
 * when the declared length is over the limit means a 64 MiB upload is never sent; the request
 * still goes through the normal handler, which answers 413. `connection: close` because the
 * client will not send the body this connection's parser would otherwise wait for.
 */
export function withholdContinueForOversizedBodies(server: Server, limit = MAX_BODY_BYTES) {
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (declaredLength(req) > limit) res.setHeader('connection', 'close');
    else res.writeContinue();
    server.emit('request', req, res);
  });
}

/** The declared `content-length`, or 0 (chunked, or none). Node has already refused a malformed one. */
function declaredLength(req: IncomingMessage): number {
  const header = req.headers['content-length'];
  return header === undefined ? 0 : Number(header);
}

function refuseTooLarge(res: ServerResponse) {
  if (res.headersSent || res.destroyed) return;
  res.setHeader('connection', 'close');
  sendGraphQLRequestError(res, 413, `request body too large (limit ${LIMIT_TEXT})`);
}

/** The body's bytes; 'too large' as soon as they pass `limit` (reading stops there); 'gone'. */
function collect(req: IncomingMessage, limit: number): Promise<Buffer | 'too large' | 'gone'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | 'too large' | 'gone') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop pulling from the socket; the 413 then closes the connection.
        req.pause();
        done('too large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks, size));
    const onGone = () => done('gone');
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}
