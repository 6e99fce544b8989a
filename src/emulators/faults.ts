/**
 * Scripted faults (WireMock's `/__admin` convention; STYLE habit 8). A fault matches the next
 * requests of an operation (or a path prefix) and is consumed as it fires.
 */
export type FaultKind =
  | 'latency' // delay, then answer normally
  | 'providerError' // the provider's own error body for `providerCode`
  | 'http' // a bare HTTP status (e.g. 503) with a non-provider body
  | 'malformed' // HTTP 200 with a body that is not JSON
  | 'drop' // destroy the connection without an answer
  | 'tokenExpired' // WeCom: the access token is reported expired (42001)
  | 'rateLimit'; // the provider's rate-limit error

export interface FaultSpec {
  kind: FaultKind;
  /** Provider operation name as shown in the journal, e.g. `createMeeting`. */
  operation?: string;
  /** Or a path prefix, e.g. `/v1/meetings`. */
  path?: string;
  /** How many matching requests it affects (default 1). */
  times?: number;
  latencyMs?: number;
  status?: number;
  providerCode?: number | string;
  message?: string;
  retryAfterSeconds?: number;
  /**
   * For `drop` and `malformed`: `after` (default) lets the provider act and loses the answer
   * (a create that happened but whose answer never arrived); `before` fails before acting.
   */
  phase?: 'before' | 'after';
}

export interface PendingFault extends FaultSpec {
  id: number;
  remaining: number;
}

const KINDS: readonly FaultKind[] = [
  'latency',
  'providerError',
  'http',
  'malformed',
  'drop',
  'tokenExpired',
  'rateLimit',
];

export class FaultPlan {
  private faults: PendingFault[] = [];
  private nextId = 1;

  /** @param operations the emulator's operation names: a fault naming another never fires. */
  constructor(private readonly operations: readonly string[] = []) {}

  /** Validates and adds a fault; returns it, or throws with a message for a bad spec. */
  add(spec: unknown): PendingFault {
    const s = spec as Partial<FaultSpec> | null;
    if (!s || typeof s !== 'object' || !KINDS.includes(s.kind as FaultKind)) {
      throw new Error(`fault.kind must be one of ${KINDS.join(', ')}`);
    }
    if (
      s.operation !== undefined &&
      this.operations.length > 0 &&
      !this.operations.includes(s.operation)
    ) {
      throw new Error(`fault.operation must be one of ${this.operations.join(', ')}`);
    }
    const times = s.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new Error('fault.times must be a positive integer');
    if (s.kind === 'providerError' && s.providerCode === undefined) {
      throw new Error('fault.providerCode is required for providerError');
    }
    if (
      s.kind === 'http' &&
      !(Number.isInteger(s.status) && s.status! >= 400 && s.status! <= 599)
    ) {
      throw new Error('fault.status must be an HTTP error status for http');
    }
    const fault: PendingFault = { ...(s as FaultSpec), id: this.nextId++, remaining: times };
    this.faults.push(fault);
    return fault;
  }

  /** Takes the first fault matching this request, consuming one use of it. */
  take(operation: string, path: string): PendingFault | undefined {
    const fault = this.faults.find(
      (f) =>
        (f.operation === undefined || f.operation === operation) &&
        (f.path === undefined || path.startsWith(f.path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  pending(): PendingFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
