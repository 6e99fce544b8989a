import { SpanStatusCode, trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';

import { Metrics } from '../../telemetry/metrics.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import type { Context } from '../context.js';
import type { RequestPlugin } from './compose-plugins.js';

/** The codes of the operation limits (limits/operation-limit-error.ts), counted as refusals. */
const LIMIT_CODES = new Set([
  'MAX_DEPTH_LIMIT',
  'MAX_ALIASES_LIMIT',
  'MAX_ROOT_FIELDS_LIMIT',
  'COST_ESTIMATED_TOO_EXPENSIVE',
]);

/**
 * Per GraphQL request: the request counter and latency histogram by (bounded) operation name and
 * outcome, operation-limit refusals by code, and the name and outcome on the request's span
 * (started in create-server.ts before the context, found in `context.upstream`).
 */
export function telemetryPlugin(telemetry: Telemetry): RequestPlugin<Context> {
  const { metrics } = telemetry;
  return {
    requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        willSendResponse({ operationName, request, response, errors, document }) {
          const bodyErrors =
            response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const all = bodyErrors ?? errors ?? [];
          const outcome = Metrics.outcome(all[0]?.extensions?.code);
          // Refused in validation, the operation is not resolved yet: its name from the document.
          const name =
            operationName ??
            (document ? getOperationAST(document, request.operationName)?.name?.value : null) ??
            request.operationName;
          const operation = metrics.operationLabel(name);
          metrics.graphqlRequests.inc({ operation, outcome });
          metrics.graphqlDuration.observe(
            { operation, outcome },
            (performance.now() - started) / 1000,
          );
          if (all.length > 0) {
            const refused = new Set(
              all.map((e) => e.extensions?.code).filter((c) => LIMIT_CODES.has(String(c))),
            );
            for (const code of refused) metrics.operationLimitRefusals.inc({ code: String(code) });
          }
          const scope = contextValue.upstream?.telemetry;
          const span = scope ? trace.getSpan(scope.traceContext) : undefined;
          if (span?.isRecording()) {
            span.updateName(`graphql ${operation}`);
            span.setAttribute('graphql.operation.name', operation);
            span.setAttribute('graphql.outcome', outcome);
            if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
          }
        },
      };
    },
  };
}
