import { ApiError, type ErrorCode } from '../../errors/api-errors.js';

/** The codes Apollo Router answers for the same refusals, so clients handle both alike. */
export type OperationLimitCode = Extract<
  ErrorCode,
  'MAX_DEPTH_LIMIT' | 'MAX_ALIASES_LIMIT' | 'MAX_ROOT_FIELDS_LIMIT' | 'COST_ESTIMATED_TOO_EXPENSIVE'
>;

/**
 * An operation refused for its size, before (or, for the run-time upstream budget, instead of)
 * the provider call that would pass the limit. `limit` names which limit and `max` its value, so
 * a client can tell a cost refusal from an upstream-call refusal.
 */
export class OperationLimitError extends ApiError {
  constructor(
    code: OperationLimitCode,
    message: string,
    details: { limit: string; max: number; estimated?: number },
  ) {
    super(code, message, details);
  }
}
