import { ApiError } from '../errors/api-errors.js';
import type { Scope } from './caller.js';
import type { Right } from './rules.js';

/**
 * The caller is known but may not do this (Apollo's conventional `FORBIDDEN`). `extensions`
 * names what is missing: `scope` (an OAuth scope the operation needs) or `right` (a relation to
 * the meeting, e.g. `cancel`, `hostSecrets`); `operation` or `field` says where.
 */
export class ForbiddenError extends ApiError {
  constructor(
    message: string,
    missing: { scope: Scope } | { right: Right; scopes: readonly Scope[] },
    where: { operation?: string; field?: string } = {},
  ) {
    super('FORBIDDEN', message, {
      ...missing,
      ...(where.operation ? { operation: where.operation } : {}),
      ...(where.field ? { field: where.field } : {}),
    });
  }
}
