import {
  type Context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ProxyTracerProvider,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const TRACER_NAME = 'meeting-aggregation-api';
const SERVICE_NAME = 'meeting-aggregation-api';

/**
 * The tracing of one server (docs/operations.md "Metrics and tracing"). Nothing is registered
 * globally (no global tracer provider, context manager or propagator): several servers run in
 * one test process, and the parent of a provider call's span travels in the request scope
 * (server/limits/upstream-budget.ts) that the pipeline already reads. Without an OTLP endpoint
 * the tracer is the API's no-op one: spans cost next to nothing, and an incoming `traceparent`
 * still reaches the providers unchanged.
 */
export class Tracing {
  readonly tracer: Tracer;
  private readonly propagator = new W3CTraceContextPropagator();
  private readonly provider?: NodeTracerProvider;

  constructor(options: { otlpEndpoint: string | null }) {
    if (options.otlpEndpoint === null) {
      this.tracer = new ProxyTracerProvider().getTracer(TRACER_NAME);
      return;
    }
    // The OTLP/HTTP spec: the signal path is appended to the base endpoint.
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    this.provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': SERVICE_NAME }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
    });
    this.tracer = this.provider.getTracer(TRACER_NAME);
  }

  /** Whether spans are exported (an OTLP endpoint is configured). */
  get exporting(): boolean {
    return this.provider !== undefined;
  }

  /**
   * The span of one GraphQL request, child of the incoming W3C `traceparent` when there is one.
   * Answers the span and the context provider calls take as their parent.
   */
  startOperation(headers: { get(name: string): string | undefined }): {
    span: Span;
    context: Context;
  } {
    const parent = this.propagator.extract(
      ROOT_CONTEXT,
      { traceparent: headers.get('traceparent'), tracestate: headers.get('tracestate') },
      defaultTextMapGetter,
    );
    const span = this.tracer.startSpan('graphql.request', { kind: SpanKind.SERVER }, parent);
    return { span, context: trace.setSpan(parent, span) };
  }

  /**
   * The span of one provider HTTP attempt and the headers that carry it to the provider
   * (`traceparent`, `tracestate`). Attributes are labels only: never URLs, bodies or secrets.
   */
  startAttempt(
    parent: Context,
    attributes: { provider: string; operation: string; kind: string; attempt: number },
  ): { span: Span; headers: Record<string, string> } {
    const span = this.tracer.startSpan(
      `provider ${attributes.provider} ${attributes.operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'provider.name': attributes.provider,
          'provider.operation': attributes.operation,
          'provider.call.kind': attributes.kind,
          'provider.call.attempt': attributes.attempt,
        },
      },
      parent,
    );
    const headers: Record<string, string> = {};
    this.propagator.inject(trace.setSpan(parent, span), headers, defaultTextMapSetter);
    return { span, headers };
  }

  /** Ends a span with its outcome: `ok`, or our error code (the status is then ERROR). */
  static end(span: Span, attribute: string, outcome: string): void {
    span.setAttribute(attribute, outcome);
    if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
    span.end();
  }

  /** Exports what is buffered and stops (at shutdown). */
  async shutdown(): Promise<void> {
    await this.provider?.shutdown();
  }
}
