import { ApiError } from '../errors/api-errors.js';

/**
 * The request carries no valid bearer token (missing, malformed, bad signature, expired, wrong
 * issuer or audience). The whole request is refused with it before anything executes; the
 * message says which check failed, never the token.
 */
export class UnauthenticatedError extends ApiError {
  constructor(reason: string) {
    super('UNAUTHENTICATED', `authentication required: ${reason}`);
  }
}
