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
  /** Seconds per run (one side of one pair). */
  durationSeconds: intKnob('BENCH_DURATION', 10),
  /**
   * Seconds of the same load, not measured, right before each measured run (0: none). A server
   * that sat idle while the other ran spends up to +0.3 ms of CPU per read on V8's GC and compiler
   * threads in its next run (whichever server it is), so without it a pair's ratio depends on who
   * sat idle.
   */
  warmupSeconds: intKnob('BENCH_WARMUP', 2),
  connections: intKnob('BENCH_CONNECTIONS', 50),
  /** Alternating pairs per scenario (the ratio reported is their median). */
  pairs: intKnob('BENCH_PAIRS', 3),
  /** Ids the hot-read scenario draws from (Zipf). */
  hotIds: intKnob('BENCH_HOT_IDS', 300),
  /** The read cache TTL of the cache-on server in the hot scenario, s. */
  cacheTtlSeconds: intKnob('BENCH_CACHE_TTL_SECONDS', 30),
  /** Sequential requests per latency probe. */
  probeRequests: intKnob('BENCH_PROBE_REQUESTS', 400),
  /** Comma list of scenario names (bench/scenarios.ts); empty = all. */
  only: (process.env.BENCH_SCENARIOS ?? '').split(',').filter(Boolean),
  /** Set: profile the server (`--cpu-prof`) during one cold-read run instead of benching. */
  profile: (process.env.BENCH_PROFILE ?? '') !== '',
  /** Set: use dist/ as it is (no `npm run build` first). */
  skipBuild: (process.env.BENCH_SKIP_BUILD ?? '') !== '',
};
