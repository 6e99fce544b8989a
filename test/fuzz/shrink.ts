import fc from 'fast-check';

import type { FuzzCase } from './fuzz-case.js';
import type { CaseOutcome, FuzzSession } from './session.js';

/**
 * Replays run `runIndex` of the seeded run (fast-check's `path`) and lets fast-check shrink it,
 * keeping only smaller cases that fail with the same `signature` (so shrinking cannot drift to
 * another bug). Every attempt is a real request. Returns the smallest such case, or undefined
 * when the replay does not fail that way again (a failure that depended on earlier cases).
 */
export async function shrinkFailure(input: {
  session: FuzzSession;
  arbitrary: fc.Arbitrary<FuzzCase>;
  seed: number;
  runIndex: number;
  signature: string;
  /** Requests to spend at most. */
  maxRuns: number;
  /** Stop trying smaller cases after this time (ms since epoch). */
  deadline: number;
}): Promise<{ fuzzCase: FuzzCase; outcome: CaseOutcome; runs: number } | undefined> {
  const { session, arbitrary, seed, runIndex, signature, maxRuns, deadline } = input;
  let runs = 0;
  let smallest: { fuzzCase: FuzzCase; outcome: CaseOutcome } | undefined;
  let replayFailed = false;
  let error: unknown;
  await fc.check(
    fc.asyncProperty(arbitrary, async (fuzzCase) => {
      // Out of budget, or the replay itself did not fail: every further candidate "passes".
      if (runs >= maxRuns || Date.now() > deadline || (runs > 0 && !replayFailed)) return true;
      if (error !== undefined) return true;
      runs += 1;
      let outcome: CaseOutcome;
      try {
        outcome = await session.execute(fuzzCase, -runs);
      } catch (caught) {
        error = caught;
        return true;
      }
      const same = outcome.violations.some((v) => v.signature === signature);
      if (runs === 1) replayFailed = same;
      if (same) smallest = { fuzzCase, outcome };
      return !same;
    }),
    { seed, path: String(runIndex), numRuns: runIndex + 1 },
  );
  if (error !== undefined) throw error;
  return smallest && { ...smallest, runs };
}
