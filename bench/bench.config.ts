/**
 * Knobs for `npm run bench`, from the environment of the bench process only (the product reads
 * configuration through loadConfig; this is tooling).
 */
function intKnob(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

export const benchConfig = {
  /** Seconds per scenario. */
  durationSeconds: intKnob('BENCH_DURATION', 10),
  connections: intKnob('BENCH_CONNECTIONS', 50),
  /** Latency the emulators add to every provider call, ms. */
  upstreamLatencyMs: intKnob('BENCH_LATENCY_MS', 0),
  /** Comma list of scenario names; empty = all. */
  only: (process.env.BENCH_SCENARIOS ?? '').split(',').filter(Boolean),
};
