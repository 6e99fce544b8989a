import type { HttpOutcome, ServerLogLine } from './fuzz-server.js';

/**
 * The four goals of issue 9 ("survive every request"), checked for every case:
 *   a. no error coded INTERNAL_SERVER_ERROR;
 *   b. no HTTP 5xx;
 *   c. the process keeps answering (a crash, a hang, a closed connection, a failed /healthz);
 *   d. a refused request reaches no provider: 0 new entries in the emulators' journals — except
 *      that a change to an existing meeting or webinar (update*, cancel*, end*) may read it first
 *      to check the change against it (issue 12: a cancelled webinar cannot change, a new end must
 *      follow the current start): at most STATE_CHECK_READS reads, never a write (a write that
 *      happened is never answered as a refusal: docs/errors.md `writeApplied`).
 */
export type Goal = 'a' | 'b' | 'c' | 'd';

export const GOALS: Record<Goal, string> = {
  a: 'no INTERNAL_SERVER_ERROR',
  b: 'no HTTP 5xx',
  c: 'the process keeps answering',
  d: 'refused requests make 0 upstream calls (a change to an existing resource: only its reads)',
};

/**
 * Codes that mean "refused before doing anything": the request (or that root field) was turned
 * down on its input. Besides the four named in the issue: the request-level codes Apollo answers
 * before executing anything, and the operation limits, which docs/errors.md says are checked
 * before any call ("Nothing was sent").
 */
export const REFUSAL_CODES = new Set([
  'BAD_USER_INPUT',
  'UNSUPPORTED_BY_PROVIDER',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'MAX_DEPTH_LIMIT',
  'MAX_ALIASES_LIMIT',
  'MAX_ROOT_FIELDS_LIMIT',
]);

/**
 * Refusals only when they refuse the whole request (no path, no data): the cost limit is checked
 * before any call, but its run-time form stops a request part way, after some calls were made.
 */
/** Reads a change may make to check itself against the current resource (Tencent: + its creator). */
const STATE_CHECK_READS = 2;
const CHANGES_EXISTING = /^(update|cancel|end)[A-Z]/;

const REQUEST_REFUSAL_CODES = new Set([...REFUSAL_CODES, 'COST_ESTIMATED_TOO_EXPENSIVE']);

export interface GraphQLErrorShape {
  message?: string;
  path?: (string | number)[];
  extensions?: { code?: unknown; field?: unknown; rule?: unknown; [key: string]: unknown };
}

export interface AnswerBody {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorShape[];
}

/** The answer text parsed as a GraphQL response, or undefined (not JSON, or a batch array). */
export function parseAnswer(text: string): AnswerBody | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return parsed as AnswerBody;
  } catch {
    return undefined;
  }
}

/** Every error of the answer, including those inside a batch answer (an array of answers). */
export function allErrors(text: string): GraphQLErrorShape[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    const answers = Array.isArray(parsed) ? parsed : [parsed];
    return answers.flatMap((a) => ((a as AnswerBody | null)?.errors ?? []) as GraphQLErrorShape[]);
  } catch {
    return [];
  }
}

export const codeOf = (error: GraphQLErrorShape): string =>
  typeof error.extensions?.code === 'string' ? error.extensions.code : 'NO_CODE';

/**
 * Whether the request as a whole was refused, so that it must not have reached any provider.
 * Either the request itself was refused (errors without a path: parse, validation, variable
 * coercion; no data), or every root field was: each has an error at its own path (the field, or
 * an item of its list) with a refusal code, and carries no data. One root field that ran is
 * enough for upstream calls to be legitimate, even when null propagation hides its data.
 */
export function wasRefused(body: AnswerBody | undefined, rootKeys: string[]): boolean {
  const errors = body?.errors ?? [];
  if (!body || errors.length === 0) return false;
  const data = body.data;
  if (
    (data === undefined || data === null) &&
    errors.some((e) => !e.path) &&
    errors.every((e) => REQUEST_REFUSAL_CODES.has(codeOf(e)))
  ) {
    return true;
  }
  if (!errors.every((e) => REFUSAL_CODES.has(codeOf(e)))) return false;
  if (rootKeys.length === 0) return false;
  return rootKeys.every((key) => {
    const own = errors.filter((e) => e.path?.[0] === key);
    if (own.length === 0) return false;
    // An error below an item (a nested field) means the item was read: not a refusal.
    if (own.some((e) => (e.path?.length ?? 0) > 2)) return false;
    const value = data?.[key];
    // Null: refused only if the field itself was (its own error at its own path). With errors on
    // items only, the null may come from another field's error propagating to `data`, and the
    // items without an error may well have been read.
    if (value === null || value === undefined) return own.some((e) => e.path?.length === 1);
    return (
      Array.isArray(value) &&
      value.every((item, i) => item === null && own.some((e) => e.path?.[1] === i))
    );
  });
}

/** One broken goal, with what is needed to recognise it again (`signature`). */
export interface Violation {
  goal: Goal;
  /** Groups violations of one kind: the goal, where, and the normalised reason. */
  signature: string;
  /** One line for people. */
  summary: string;
}

/** `text` cut to `max` characters, saying so. */
export const clip = (text: string, max = 160): string =>
  text.length > max ? `${text.slice(0, max)}… (+${text.length - max} chars)` : text;

/** Digits, quoted text and long runs made generic, so one kind of failure has one signature. */
export function normalise(text: string): string {
  return text
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .replace(/\s+/g, ' ')
    .slice(0, 160);
}

/**
 * Goals a, b and d for an answered request (c is the runner's: it needs the process).
 * `upstreamCalls` is the growth of the emulators' journals during the request.
 */
export function judgeAnswer(input: {
  outcome: Extract<HttpOutcome, { kind: 'answer' }>;
  rootKeys: Record<string, string>;
  upstreamCalls: number;
  logs: ServerLogLine[];
}): Violation[] {
  const { outcome, rootKeys, upstreamCalls, logs } = input;
  const violations: Violation[] = [];
  const fieldOf = (e: GraphQLErrorShape) => {
    const key = e.path?.[0];
    return typeof key === 'string' ? (rootKeys[key] ?? key) : '(request)';
  };
  const errors = allErrors(outcome.text);
  const internal = errors.filter((e) => codeOf(e) === 'INTERNAL_SERVER_ERROR');
  // What the server masked, from its log: where it was thrown identifies the bug.
  const cause = internal.length > 0 ? internalCause(logs) : undefined;
  const causeSignature =
    internal.length > 0
      ? `${fieldOf(internal[0]!)}|${errorSignature(cause ?? 'no server log line', internalStack(logs, 12))}`
      : undefined;
  if (internal.length > 0) {
    const where = fieldOf(internal[0]!);
    violations.push({
      goal: 'a',
      signature: `a|${causeSignature}`,
      summary: `INTERNAL_SERVER_ERROR at ${where}${cause ? `: ${clip(cause)}` : ''}`,
    });
  }
  if (outcome.status >= 500) {
    const first = errors[0];
    const reason = first ? `${codeOf(first)} ${first.message ?? ''}` : outcome.text.slice(0, 80);
    violations.push({
      goal: 'b',
      // One kind per cause (when the server logged one), not per combination of root fields.
      signature: `b|${outcome.status}|${causeSignature ?? `${sortedFields(rootKeys)}|${normalise(reason)}`}`,
      summary: `HTTP ${outcome.status} for ${sortedFields(rootKeys)}: ${clip(
        cause ? `${reason} (${cause})` : reason,
        120,
      )}`,
    });
  }
  const body = parseAnswer(outcome.text);
  const checksAgainstCurrent =
    Object.values(rootKeys).length > 0 &&
    Object.values(rootKeys).every((field) => CHANGES_EXISTING.test(field)) &&
    upstreamCalls <= STATE_CHECK_READS * Object.values(rootKeys).length;
  if (upstreamCalls > 0 && !checksAgainstCurrent && wasRefused(body, Object.keys(rootKeys))) {
    const reasons = [
      ...new Set(
        (body?.errors ?? []).map(
          (e) =>
            `${codeOf(e)}${e.extensions?.field ? ` ${normalise(String(e.extensions.field))}` : ''}${
              e.extensions?.rule ? ` (${String(e.extensions.rule)})` : ''
            }`,
        ),
      ),
    ].sort();
    violations.push({
      goal: 'd',
      signature: `d|${sortedFields(rootKeys)}|${reasons.join(',')}`,
      summary: `${upstreamCalls} upstream call(s) for a refused ${sortedFields(rootKeys)}: ${reasons.join(', ')}`,
    });
  }
  return violations;
}

function sortedFields(rootKeys: Record<string, string>): string {
  const names = [...new Set(Object.values(rootKeys))].sort();
  return names.length ? names.join('+') : '(no field)';
}

/**
 * What identifies an error across inputs: its first line (name and message) normalised and cut
 * short (messages quote the input), and where it was thrown (the first stack frame).
 */
export function errorSignature(firstLine: string, stack: string | undefined): string {
  // The file of the first frame with one (built-ins such as JSON.stringify have none); not the
  // line, which varies along a recursion that overflows the stack.
  const file = stack
    ?.split('\n')
    .map((l) => /([^/\\(]+):\d+:\d+\)?$/.exec(l.trim())?.[1])
    .find((f) => f !== undefined);
  return `${normalise(firstLine).slice(0, 48)}${file ? ` @ ${file}` : ''}`;
}

/** The message of the error the server masked, from its log line ("unexpected error (masked)"). */
export function internalCause(logs: ServerLogLine[]): string | undefined {
  for (const line of logs) {
    const err = line.err as { message?: unknown; type?: unknown } | string | undefined;
    if (typeof err === 'string') return err;
    if (err && typeof err.message === 'string') return err.message;
  }
  return logs[0]?.msg;
}

/** The first lines of the stack behind a masked error, for reports. */
export function internalStack(logs: ServerLogLine[], frames = 6): string | undefined {
  for (const line of logs) {
    const stack = (line.err as { stack?: unknown } | undefined)?.stack;
    if (typeof stack === 'string')
      return stack
        .split('\n')
        .slice(0, frames + 1)
        .join('\n');
  }
  return undefined;
}
