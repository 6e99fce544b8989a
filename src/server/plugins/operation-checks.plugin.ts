import { GraphQLError } from 'graphql';

import type { Context } from '../context.js';
import { estimateOperationMemo } from '../limits/estimate-memo.js';
import { OperationLimitError } from '../limits/operation-limit-error.js';
import type { OperationLimits } from '../limits/operation-limits.js';
import { checkVariables } from '../variables.js';
import type { RequestPlugin } from './compose-plugins.js';

/**
 * Checks that need the operation AND its variables, run once the operation is resolved and
 * before anything executes (so before any provider call): first the variables (a bad value is
 * BAD_USER_INPUT naming its argument; variables.ts), then the static estimates against the
 * limits (cost.ts). The shape limits that need no variables are validation rules
 * (limits/validation-rules.ts), cached with the document.
 */
export function operationChecksPlugin(limits: OperationLimits): RequestPlugin<Context> {
  return {
    requestDidStart() {
      return {
        didResolveOperation({ schema, document, operation, request, operationName }) {
          if (operation) checkVariables(schema, document, operation, request.variables);
          let estimate;
          try {
            estimate = estimateOperationMemo(
              schema,
              document,
              request.variables,
              operationName ?? undefined,
            );
          } catch (error) {
            // graphql-query-complexity gives up past 10 000 selection nodes (fragment fan-out).
            if (!(error instanceof GraphQLError)) throw error;
            throw new OperationLimitError(
              'COST_ESTIMATED_TOO_EXPENSIVE',
              'the operation is too large to estimate; make it smaller',
              { limit: 'cost', max: limits.maxCost },
            );
          }
          refuseAbove('cost', estimate.cost, limits.maxCost, 'cost');
          refuseAbove(
            'upstreamCalls',
            estimate.upstreamCalls,
            limits.maxUpstreamCalls,
            'provider calls',
          );
          refuseAbove(
            'upstreamWrites',
            estimate.upstreamWrites,
            limits.maxUpstreamWrites,
            'provider writes',
          );
        },
      };
    },
  };
}

function refuseAbove(limit: string, estimated: number, max: number, what: string): void {
  if (estimated <= max) return;
  throw new OperationLimitError(
    'COST_ESTIMATED_TOO_EXPENSIVE',
    `the operation would cause about ${estimated} ${what}, more than the limit of ${max}; split it into smaller requests`,
    { limit, max, estimated },
  );
}
