import 'reflect-metadata';

import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { GOALS, type Goal } from '../test/fuzz/goals.js';
import { markdownReport } from '../test/fuzz/report.js';
import { runFuzz } from '../test/fuzz/runner.js';

/**
 * `npm run fuzz`: the schema-driven fuzzer of test/fuzz/ at length (the test runs a seeded slice
 * of 300). Knobs: FUZZ_CASES (default 10000), FUZZ_SEED (default: a new one, printed),
 * FUZZ_RESULTS_DIR (default bench/results). Writes a dated markdown report with machine, Node
 * and commit, like `npm run bench`; exits 1 when any goal failed or the run stopped early.
 */
const cases = Number(process.env.FUZZ_CASES ?? 10_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
if (!Number.isInteger(cases) || cases <= 0 || !Number.isInteger(seed)) {
  process.stderr.write('FUZZ_CASES must be a positive integer and FUZZ_SEED an integer\n');
  process.exit(2);
}
const resultsDir =
  process.env.FUZZ_RESULTS_DIR ?? fileURLToPath(new URL('./results/', import.meta.url));

process.stdout.write(`fuzzing ${cases} cases, seed ${seed}\n`);
const result = await runFuzz({
  cases,
  seed,
  onProgress: (done, partial) => {
    const failing = (Object.keys(GOALS) as Goal[])
      .map((g) => `${g} ${partial.failingCases[g]}`)
      .join(', ');
    const seconds = (partial.durationMs / 1000).toFixed(0);
    process.stdout.write(`${done}/${cases} in ${seconds} s; failing cases: ${failing}\n`);
  },
});

/** The commit, `-dirty` when tracked files differ from it (the report is then of uncommitted code). */
const commit = (() => {
  const git = (...args: string[]) =>
    execFileSync('git', args, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  try {
    const hash = git('rev-parse', '--short', 'HEAD');
    try {
      git('diff', '--quiet', 'HEAD', '--');
      return hash;
    } catch {
      return `${hash}-dirty`;
    }
  } catch {
    return 'unknown';
  }
})();
const when = new Date().toISOString();
const report = markdownReport(result, {
  when,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  node: process.version,
  commit,
});
await mkdir(resultsDir, { recursive: true });
const stamp = when.slice(0, 16).replace(/:/g, '');
const file = path.join(resultsDir, `${stamp}-${commit}-fuzz.md`);
await writeFile(file, report);

const failed = result.failures.length > 0 || result.stoppedEarly !== undefined;
process.stdout.write(
  `\n${result.ran} cases in ${(result.durationMs / 1000).toFixed(1)} s, ${result.failures.length} distinct failure(s)${
    result.stoppedEarly ? ` (${result.stoppedEarly})` : ''
  }\nwritten to ${file}\n`,
);
process.exit(failed ? 1 : 0);
