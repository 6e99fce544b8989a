import {
  type Context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  INVALID_SPAN_CONTEXT,
  ProxyTracerProvider,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
// The propagator's own module, not the package's entry point: that loads all of
// @opentelemetry/core and its semantic conventions (~4.5 MiB of resident memory, measured; docs/
// performance.md "Round 3") for the one class a process without an OTLP endpoint needs. The
// package has no `exports` map: a public file of the pinned version.
import { W3CTraceContextPropagator } from '@opentelemetry/core/build/src/trace/W3CTraceContextPropagator.js';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const TRACER_NAME = 'meeting-aggregation-api';
/** The span and context of a request nobody traces (no exporter, no incoming `traceparent`). */
const UNTRACED: { span: Span; context: Context } = Object.freeze({
  span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
  context: ROOT_CONTEXT,
});
const SERVICE_NAME = 'meeting-aggregation-api';

/**
 * The tracing of one server (docs/operations.md "Metrics and tracing"). Nothing is registered
 * globally (no global tracer provider, context manager or propagator): several servers run in
 * one test process, and the parent of a provider call's span travels in the upstream scope
 * (server/limits/upstream-budget.ts) handed to every provider call. Without an OTLP endpoint
 * the tracer is the API's no-op one: spans cost next to nothing, and an incoming `traceparent`
 * still reaches the providers unchanged.
 */
export class Tracing {
  readonly tracer: Tracer;
  /**
   * Settles once spans are exported, when an endpoint is configured (app.ts awaits it before
   * serving): the SDK and its exporter are loaded only then, so a process without an OTLP
   * endpoint never carries them (idle RSS, docs/performance.md).
   */
  readonly ready: Promise<void>;
  private readonly propagator = new W3CTraceContextPropagator();
  private provider?: NodeTracerProvider;
  private readonly exports: boolean;

  constructor(options: { otlpEndpoint: string | null }) {
    // The API's proxy: a no-op tracer until (and unless) the SDK's provider is its delegate.
    const proxy = new ProxyTracerProvider();
    this.tracer = proxy.getTracer(TRACER_NAME);
    this.exports = options.otlpEndpoint !== null;
    if (options.otlpEndpoint === null) {
      this.ready = Promise.resolve();
      return;
    }
    // The OTLP/HTTP spec: the signal path is appended to the base endpoint.
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    this.ready = (async () => {
      const [{ OTLPTraceExporter }, { resourceFromAttributes }, { BatchSpanProcessor }, node] =
        await Promise.all([
          import('@opentelemetry/exporter-trace-otlp-http'),
          import('@opentelemetry/resources'),
          import('@opentelemetry/sdk-trace-base'),
          import('@opentelemetry/sdk-trace-node'),
        ]);
      this.provider = new node.NodeTracerProvider({
        resource: resourceFromAttributes({ 'service.name': SERVICE_NAME }),
        spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
      });
      proxy.setDelegate(this.provider);
    })();
  }

  /** Whether spans are exported (an OTLP endpoint is configured). */
  get exporting(): boolean {
    return this.exports;
  }

  /**
   * The span of one GraphQL request, child of the incoming W3C `traceparent` when there is one.
   * Answers the span and the context provider calls take as their parent.
   */
  startOperation(headers: { get(name: string): string | undefined }): {
    span: Span;
    context: Context;
  } {
    // Not exporting and no caller's trace to pass on: nothing to do per request.
    if (!this.exports && headers.get('traceparent') === undefined) return UNTRACED;
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
   * (`traceparent`, `tracestate`); undefined when nothing traces (no exporter, no caller's trace),
   * so an untraced call builds nothing. Attributes are labels only: never URLs, bodies or secrets.
   */
  startAttempt(
    parent: Context,
    where: { provider: string; operation: string; kind: string },
    attempt: number,
  ): { span: Span; headers: Record<string, string> } | undefined {
    // Not exporting: only a caller's trace is passed on (its `traceparent`, unchanged).
    if (!this.exports && !trace.getSpanContext(parent)) return undefined;
    const attributes = { ...where, attempt };
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
    await this.ready.catch(() => undefined);
    await this.provider?.shutdown();
  }
}
