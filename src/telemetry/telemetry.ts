import { Metrics } from './metrics.js';
import { Tracing } from './tracing.js';

export { Metrics } from './metrics.js';
export { Tracing } from './tracing.js';

/** Metrics and tracing of one server, built once at start-up (app.ts). */
export interface Telemetry {
  metrics: Metrics;
  tracing: Tracing;
  /** Flushes buffered spans (app.close). */
  shutdown(): Promise<void>;
}

export function createTelemetry(options: { otlpEndpoint: string | null }): Telemetry {
  const metrics = new Metrics();
  const tracing = new Tracing(options);
  return { metrics, tracing, shutdown: () => tracing.shutdown() };
}
