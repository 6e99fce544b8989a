import { parse, print } from 'graphql';

import { GOALS, internalStack, type Goal } from './goals.js';
import { toJson } from './json-text.js';
import type { FailureKind, FuzzResult, Reproduction } from './runner.js';

/** Reports of a run: the markdown file of `npm run fuzz`, and the failures in the test's message. */

const MAX_STRING = 200;
const MAX_ITEMS = 12;
const MAX_DEPTH = 6;
const MAX_ANSWER = 1_500;

/**
 * A copy of `value` small enough to read: long strings, long lists and deep nesting are cut,
 * saying what was left out (`"xxxx… (+99800 chars)"`, `"… ×51, all like the first"`,
 * `"{… 2994 levels deeper}"`). Such a reproduction is marked as elided in reports.
 */
export function elide(value: unknown): { value: unknown; elided: boolean } {
  let elided = false;
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string' && v.length > MAX_STRING) {
      elided = true;
      return `${v.slice(0, 40)}… (+${v.length - 40} chars)`;
    }
    if (typeof v === 'object' && v !== null && depth >= MAX_DEPTH) {
      elided = true;
      const levels = nesting(v);
      return Array.isArray(v) ? `[… ${levels} levels deeper]` : `{… ${levels} levels deeper}`;
    }
    if (Array.isArray(v)) {
      const first = toJson(v[0]);
      if (v.length > MAX_ITEMS && v.every((item) => toJson(item) === first)) {
        elided = true;
        return [walk(v[0], depth + 1), `… ×${v.length}, all like the first`];
      }
      const head = v.slice(0, MAX_ITEMS).map((item) => walk(item, depth + 1));
      if (v.length > MAX_ITEMS) {
        elided = true;
        head.push(`… (+${v.length - MAX_ITEMS} more items)`);
      }
      return head;
    }
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) {
        Object.defineProperty(out, key, {
          value: walk(item, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return v;
  };
  const out = walk(value, 0);
  return { value: out, elided };
}

/** How many levels of objects and arrays `value` nests (following the first child), iteratively. */
function nesting(value: unknown): number {
  let levels = 0;
  let current = value;
  while (typeof current === 'object' && current !== null) {
    levels += 1;
    current = Array.isArray(current) ? current[0] : Object.values(current)[0];
  }
  return levels;
}

/** The document pretty-printed when it parses, else as sent (long literals cut). */
export function prettyQuery(query: string): string {
  const cut =
    query.length > 4_000 ? `${query.slice(0, 4_000)}… (+${query.length - 4_000} chars)` : query;
  if (query.length > 4_000) return cut;
  try {
    return print(parse(query));
  } catch {
    return cut;
  }
}

function reproductionText(r: Reproduction): string {
  const variables = elide(r.variables);
  const lines = [
    `${r.method} /graphql${r.twist !== 'none' ? ` (twist: ${r.twist})` : ''}, operationName ${JSON.stringify(r.operationName)}`,
    '```graphql',
    prettyQuery(r.query),
    '```',
    `variables${variables.elided ? ' (long values elided)' : ''}:`,
    '```json',
    r.variables === undefined ? '(none sent)' : JSON.stringify(variables.value, null, 2),
    '```',
    `answer: ${r.status}${r.upstreamCalls !== undefined ? `, ${r.upstreamCalls} upstream call(s)` : ''}`,
    '```json',
    r.answer.length > MAX_ANSWER
      ? `${r.answer.slice(0, MAX_ANSWER)}… (+${r.answer.length - MAX_ANSWER} chars)`
      : r.answer,
    '```',
  ];
  const stack = internalStack(r.serverLogs);
  if (stack) lines.push('server log (the masked error):', '```', unframe(stack), '```');
  if (r.crash) lines.push('process stderr (tail):', '```', unframe(r.crash.slice(-2_000)), '```');
  return lines.join('\n');
}

/**
 * Stack frames marked `· at …`: jest takes the first line that looks like a frame (`at f
 * (file:1:2)`) for the start of the stack, and would cut the report there.
 */
function unframe(text: string): string {
  return text.replace(/^(\s*)at /gm, '$1· at ');
}

export function failureText(failure: FailureKind, position: number): string {
  const header = `### ${position}. [${failure.goal}] ${failure.summary}`;
  const facts = [
    `${failure.count} case(s), first #${failure.example.index}; signature \`${failure.signature}\``,
  ];
  if (failure.reproduced !== undefined) {
    facts.push(
      failure.reproduced
        ? 'replayed alone on a fresh server: failed the same way again'
        : 'replayed alone on a fresh server: did not fail the same way (may need the cases before it)',
    );
  }
  const parts = [header, '', ...facts, ''];
  if (failure.shrunk) {
    parts.push(
      `Shrunk by fast-check (${failure.shrinkRuns} runs):`,
      '',
      reproductionText(failure.shrunk),
      '',
      '<details><summary>as generated</summary>',
      '',
      reproductionText(failure.example),
      '',
      '</details>',
    );
  } else {
    parts.push(reproductionText(failure.example));
  }
  return parts.join('\n');
}

const table = (header: string[], rows: (string | number)[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

const sortedCounts = (counts: Record<string, number>) =>
  Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));

/** The markdown result file of `npm run fuzz`. */
export function markdownReport(
  result: FuzzResult,
  env: { when: string; machine: string; node: string; commit: string },
): string {
  const kindsOf = (goal: Goal) => result.failures.filter((f) => f.goal === goal).length;
  return [
    `# Fuzz ${env.when}`,
    '',
    `- machine: ${env.machine}`,
    `- node ${env.node}, commit ${env.commit}`,
    `- seed ${result.seed}, ${result.ran} of ${result.requested} cases in ${(result.durationMs / 1000).toFixed(1)} s${
      result.stoppedEarly ? ` (**${result.stoppedEarly}**)` : ''
    }; server restarts: ${result.restarts}`,
    `- fixtures: ${Object.entries(result.fixtures)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ')}${result.fixtureNotes.length ? `; ${result.fixtureNotes.join('; ')}` : ''}`,
    `- replay: \`FUZZ_SEED=${result.seed} FUZZ_CASES=${result.requested} npm run fuzz\``,
    '',
    '## Goals',
    '',
    table(
      ['goal', 'what', 'failing cases', 'distinct kinds'],
      (Object.keys(GOALS) as Goal[]).map((g) => [g, GOALS[g], result.failingCases[g], kindsOf(g)]),
    ),
    '',
    `${result.reachedProvider} of ${result.ran} cases reached a provider (the rest were refused or needed none).`,
    ...(result.unconfirmedRefusals > 0
      ? [
          '',
          `${result.unconfirmedRefusals} refused case(s) saw provider calls that a replay alone did not make: calls of an earlier request that landed after its answer (not counted under d). The request before each: ${sortedCounts(
            result.lateCallers,
          )
            .map(([fields, n]) => `\`${fields}\` ${n}`)
            .join(', ')}.`,
        ]
      : []),
    ...(result.lostOversizeAnswers > 0
      ? [
          '',
          `${result.lostOversizeAnswers} request(s) with a body over 1 MiB got no answer: the server answers 413 before reading such a body and closes, and the close reached the client first (EPIPE/ECONNRESET; not counted under c).`,
        ]
      : []),
    '',
    '## Per root field',
    '',
    table(
      ['root field', 'cases', 'with data', 'refused', 'other errors', 'upstream calls', 'failing'],
      Object.entries(result.byRootField)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([field, s]) => [
          `\`${field}\``,
          s.cases,
          s.withData,
          s.refused,
          s.otherErrors,
          s.upstreamCalls,
          s.failing,
        ]),
    ),
    '',
    '## Per answer code',
    '',
    'Cases whose answer held the code (a case can count under several).',
    '',
    table(
      ['code', 'cases'],
      sortedCounts(result.byCode).map(([c, n]) => [`\`${c}\``, n]),
    ),
    '',
    '## Per HTTP status',
    '',
    table(['status', 'cases'], sortedCounts(result.byStatus)),
    '',
    '## Generated',
    '',
    table(
      ['root-field mode', 'count'],
      sortedCounts(result.byMode).map(([m, n]) => [m, n]),
    ),
    '',
    table(['twist', 'cases'], sortedCounts(result.byTwist)),
    '',
    '## Failures',
    '',
    result.failures.length === 0
      ? 'None.'
      : result.failures.map((f, i) => failureText(f, i + 1)).join('\n\n'),
    '',
  ].join('\n');
}
