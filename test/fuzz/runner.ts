import fc from 'fast-check';

import type { FuzzCase } from './fuzz-case.js';
import { allErrors, codeOf, parseAnswer, wasRefused, type Goal, type Violation } from './goals.js';
import { rootFields } from './introspection.js';
import { FuzzSession, StopRun, type CaseOutcome } from './session.js';
import { shrinkFailure } from './shrink.js';

export interface FuzzOptions {
  /** How many cases to generate and send. */
  cases: number;
  /** fast-check seed: the same seed generates the same cases. */
  seed: number;
  /** Shrink each distinct failure (not crashes) to a smaller case that fails the same way. */
  shrink?: { maxKinds: number; runsPerKind: number; totalMs: number } | false;
  requestTimeoutMs?: number;
  /** `GET /healthz` every this many cases (and at the end). */
  healthEvery?: number;
  journalResetAbove?: number;
  maxRestarts?: number;
  onProgress?: (done: number, result: FuzzResult) => void;
  progressEvery?: number;
}

/** A case as a failure report shows it. */
export interface Reproduction {
  index: number;
  method: string;
  query: string;
  variables: unknown;
  operationName: string;
  twist: string;
  /** HTTP status, or `timeout` / `network`. */
  status: number | string;
  answer: string;
  upstreamCalls: number | undefined;
  /** The masked error's log line(s). */
  serverLogs: CaseOutcome['logs'];
  crash?: string;
}

/** All failures of one kind (same goal, same signature). */
export interface FailureKind {
  goal: Goal;
  signature: string;
  summary: string;
  count: number;
  example: Reproduction;
  /** The fast-check case behind `example`, to replay or shrink. */
  exampleCase: FuzzCase;
  shrunk?: Reproduction;
  shrinkRuns?: number;
  /** For goal c: whether the case, replayed alone on a fresh server, failed the same way. */
  reproduced?: boolean;
}

export interface RootFieldStats {
  cases: number;
  withData: number;
  refused: number;
  otherErrors: number;
  upstreamCalls: number;
  failing: number;
}

export interface FuzzResult {
  seed: number;
  /** Every Query and Mutation root field of the schema (to check that each was exercised). */
  schemaRootFields: string[];
  requested: number;
  ran: number;
  durationMs: number;
  stoppedEarly?: string;
  restarts: number;
  fixtures: Record<string, number>;
  fixtureNotes: string[];
  failingCases: Record<Goal, number>;
  byRootField: Record<string, RootFieldStats>;
  byCode: Record<string, number>;
  byStatus: Record<string, number>;
  byMode: Record<string, number>;
  byTwist: Record<string, number>;
  /** Cases that made at least one provider call. */
  reachedProvider: number;
  /** Goal-d suspects cleared by a replay (another request's calls, landing late). */
  unconfirmedRefusals: number;
  /** The root fields of the request before each of those (the likely late caller). */
  lateCallers: Record<string, number>;
  /** Bodies over 1 MiB whose 413 the client never saw (the server closed first). */
  lostOversizeAnswers: number;
  failures: FailureKind[];
}

const DEFAULT_SHRINK = { maxKinds: 10, runsPerKind: 150, totalMs: 120_000 };

/** A case as sent, with what came back. */
interface SentCase {
  index: number;
  fuzzCase: FuzzCase;
  outcome: CaseOutcome;
}

/**
 * Runs `cases` generated requests, one at a time, against a fresh server (`FuzzSession`), checks
 * the four goals on each, then shrinks one example per distinct failure. Never throws for a
 * failing server; throws only when the harness itself breaks.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const session = await FuzzSession.start({
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    journalResetAbove: options.journalResetAbove ?? 400,
    maxRestarts: options.maxRestarts ?? 20,
  });
  const tally = new Tally(
    options,
    session.fixtureCounts(),
    rootFields(session.schema).map((r) => r.field.name),
  );
  const healthEvery = options.healthEvery ?? 25;
  const arbitrary = session.caseArbitrary();
  let index = 0;
  let previous: SentCase | undefined;
  // Errors are caught inside the property: fast-check would otherwise shrink the harness's bug.
  let harnessError: unknown;
  try {
    await fc.check(
      fc.asyncProperty(arbitrary, async (fuzzCase) => {
        const i = index++;
        if (tally.result.stoppedEarly || harnessError !== undefined) return true;
        try {
          const outcome = await session.execute(fuzzCase, i);
          const sent = { index: i, fuzzCase, outcome };
          if (outcome.lateCrash && previous) {
            const { violation, crash } = outcome.lateCrash;
            tally.fail(violation, { ...previous, outcome: { ...previous.outcome, crash } });
          }
          tally.count(sent);
          if ((i + 1) % healthEvery === 0) {
            const unhealthy = await session.checkHealth();
            if (unhealthy) tally.fail(unhealthy, sent);
          }
          previous = sent;
        } catch (error) {
          if (error instanceof StopRun)
            tally.result.stoppedEarly = `${error.message}, at case ${i}`;
          else harnessError = error;
        }
        if (options.onProgress && (i + 1) % (options.progressEvery ?? 500) === 0) {
          options.onProgress(i + 1, tally.finish(session, started));
        }
        return true;
      }),
      { seed: options.seed, numRuns: options.cases },
    );
    if (harnessError !== undefined) throw harnessError;
    if (!tally.result.stoppedEarly && previous) {
      // Goal c at the end: the process still answers after everything.
      await sleep(200);
      const unhealthy = await session.checkHealth();
      if (unhealthy) tally.fail(unhealthy, previous);
    }
    const shrink = options.shrink ?? DEFAULT_SHRINK;
    if (shrink && !tally.result.stoppedEarly) {
      await shrinkAll(session, arbitrary, options.seed, [...tally.kinds.values()], shrink);
    }
  } catch (error) {
    if (!(error instanceof StopRun)) throw error;
    tally.result.stoppedEarly ??= error.message;
  } finally {
    await session.stop();
  }
  return tally.finish(session, started);
}

/** The counters of a run and its failures, grouped by kind. */
class Tally {
  readonly result: FuzzResult;
  readonly kinds = new Map<string, FailureKind>();
  /** `index|goal` of every failing case, so a case counts once per goal. */
  private readonly failing = new Set<string>();

  constructor(options: FuzzOptions, fixtures: Record<string, number>, schemaRootFields: string[]) {
    this.result = {
      seed: options.seed,
      schemaRootFields,
      requested: options.cases,
      ran: 0,
      durationMs: 0,
      restarts: 0,
      fixtures,
      fixtureNotes: [],
      failingCases: { a: 0, b: 0, c: 0, d: 0 },
      byRootField: {},
      byCode: {},
      byStatus: {},
      byMode: {},
      byTwist: {},
      reachedProvider: 0,
      unconfirmedRefusals: 0,
      lateCallers: {},
      lostOversizeAnswers: 0,
      failures: [],
    };
  }

  /** Counts one case (and records its violations). */
  count(sent: SentCase): void {
    const result = this.result;
    const { fuzzCase, outcome } = sent;
    result.ran += 1;
    const bump = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
    for (const field of fuzzCase.fields) bump(result.byMode, field.mode);
    bump(result.byTwist, fuzzCase.twist);
    const answer = outcome.outcome;
    bump(result.byStatus, answer.kind === 'answer' ? String(answer.status) : answer.kind);
    const codes =
      answer.kind === 'answer'
        ? [...new Set(allErrors(answer.text).map(codeOf))]
        : [outcome.crash ? 'CRASH' : answer.kind.toUpperCase()];
    if (codes.length === 0) codes.push('(no errors)');
    for (const code of codes) bump(result.byCode, code);
    if ((outcome.upstreamCalls ?? 0) > 0) result.reachedProvider += 1;

    const body = answer.kind === 'answer' ? parseAnswer(answer.text) : undefined;
    const keysOf = new Map<string, string[]>();
    for (const [key, field] of Object.entries(outcome.rendered.rootKeys)) {
      keysOf.set(field, [...(keysOf.get(field) ?? []), key]);
    }
    for (const [field, keys] of keysOf) {
      const stats = (result.byRootField[field] ??= {
        cases: 0,
        withData: 0,
        refused: 0,
        otherErrors: 0,
        upstreamCalls: 0,
        failing: 0,
      });
      stats.cases += 1;
      stats.upstreamCalls += outcome.upstreamCalls ?? 0;
      if (outcome.violations.length > 0) stats.failing += 1;
      if (keys.some((key) => body?.data?.[key] != null)) stats.withData += 1;
      else if (wasRefused(body, []) || wasRefused(body, keys)) stats.refused += 1;
      else if (codes[0] !== '(no errors)') stats.otherErrors += 1;
    }
    for (const violation of outcome.violations) this.fail(violation, sent);
  }

  /** Records a violation against the case it belongs to. */
  fail(violation: Violation, sent: SentCase): void {
    const key = `${sent.index}|${violation.goal}`;
    if (!this.failing.has(key)) {
      this.failing.add(key);
      this.result.failingCases[violation.goal] += 1;
    }
    const known = this.kinds.get(violation.signature);
    if (known) {
      known.count += 1;
      return;
    }
    this.kinds.set(violation.signature, {
      ...violation,
      count: 1,
      example: reproduction(sent.index, sent.fuzzCase, sent.outcome),
      exampleCase: sent.fuzzCase,
    });
  }

  finish(session: FuzzSession, started: number): FuzzResult {
    this.result.durationMs = Date.now() - started;
    this.result.restarts = session.restarts;
    this.result.unconfirmedRefusals = session.unconfirmedRefusals;
    this.result.lateCallers = { ...session.lateCallers };
    this.result.lostOversizeAnswers = session.lostOversizeAnswers;
    this.result.fixtureNotes = [...session.fixtureNotes];
    this.result.failures = [...this.kinds.values()].sort(
      (x, y) => x.goal.localeCompare(y.goal) || y.count - x.count,
    );
    return { ...this.result };
  }
}

export function reproduction(
  index: number,
  fuzzCase: FuzzCase,
  outcome: CaseOutcome,
): Reproduction {
  const { rendered, outcome: answer } = outcome;
  return {
    index,
    method: rendered.http.method,
    query: rendered.query,
    variables: rendered.variables,
    operationName: rendered.operationName,
    twist: fuzzCase.twist,
    status: answer.kind === 'answer' ? answer.status : answer.kind,
    answer:
      answer.kind === 'answer' ? answer.text : answer.kind === 'network' ? answer.error : 'timeout',
    upstreamCalls: outcome.upstreamCalls,
    serverLogs: outcome.logs,
    crash: outcome.crash,
  };
}

/**
 * Shrinks the first `maxKinds` kinds of goals a, b and d. A crash is not shrunk (every attempt
 * would cost a server restart); it is replayed once, alone, on a fresh server instead.
 */
async function shrinkAll(
  session: FuzzSession,
  arbitrary: fc.Arbitrary<FuzzCase>,
  seed: number,
  failures: FailureKind[],
  budget: { maxKinds: number; runsPerKind: number; totalMs: number },
) {
  const deadline = Date.now() + budget.totalMs;
  let shrunk = 0;
  for (const failure of failures) {
    if (Date.now() > deadline) break;
    if (failure.goal === 'c') {
      const replay = await session.replayAlone(failure.exampleCase);
      failure.reproduced = replay.some((v) => v.signature === failure.signature);
      continue;
    }
    if (shrunk >= budget.maxKinds) continue;
    shrunk += 1;
    const small = await shrinkFailure({
      session,
      arbitrary,
      seed,
      runIndex: failure.example.index,
      signature: failure.signature,
      maxRuns: budget.runsPerKind,
      deadline,
    });
    if (small) {
      failure.shrunk = reproduction(failure.example.index, small.fuzzCase, small.outcome);
      failure.shrinkRuns = small.runs;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
