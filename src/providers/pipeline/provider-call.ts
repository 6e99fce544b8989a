import type { ApiError } from '../../errors/api-errors.js';

/**
 * Whether a call may change provider state. The one vocabulary of write safety (issue 10):
 * reads may be retried; a write is sent exactly once, and a write whose outcome cannot be learned
 * (timeout after sending, dropped connection, 5xx, "unavailable" answer, unreadable answer) is
 * OUTCOME_UNKNOWN. Declared per call, not per HTTP verb: WeCom and umeeting read with POST.
 */
export type CallKind = 'read' | 'write';

/** One provider call, as a data source describes it. */
export interface ProviderCall {
  /** Our name of the operation, for errors, logs and the journal (e.g. `scheduleMeeting`). */
  operation: string;
  kind: CallKind;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the base URL, without a leading slash. */
  path: string;
  searchParams?: Record<string, string>;
  /** A JSON body, serialised once (Tencent signs the exact bytes). */
  json?: unknown;
  /** A form body (umeeting). */
  form?: Record<string, string>;
  /** No credentials on this call (WeCom's `gettoken` carries its own). */
  unauthenticated?: boolean;
}

/** What the provider hook reads in an answer's body. */
export type Interpretation =
  /** A success answer; `value` is what the data source gets (the body, or its `data`). */
  | { kind: 'success'; value: unknown }
  /** The provider's own error answer, mapped through its error table. */
  | {
      kind: 'providerError';
      error: ApiError;
      /** The credential was refused (WeCom 40014/42001): refresh it once and send again once. */
      refreshCredentials?: boolean;
      /** Transient (busy, rate limited): a read may be sent again. */
      retryRead?: boolean;
    }
  /** Not an answer of this provider (a proxy page, an empty or malformed body). */
  | { kind: 'unreadable'; why: string };

/** The parts of an HTTP answer a provider hook sees: never the request (it holds secrets). */
export interface ProviderAnswer {
  status: number;
  /** The parsed JSON body, or undefined when it is not JSON. */
  body: unknown;
  /** From `Retry-After`, when the answer has one. */
  retryAfterSeconds?: number;
}
