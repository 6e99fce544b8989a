import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Summarises the `.cpuprofile` a `node --cpu-prof` server wrote: top frames by self time, top
 * frames by inclusive time (a frame counted once per sample however deep it recurses), and self
 * time per package (node_modules/<pkg>, this project's src/, node internals). Percentages are of
 * all samples, idle included, so they also say how busy the process was.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  /** µs since the previous sample (the first: since the profile started). */
  timeDeltas: number[];
}

const frameKey = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
};

function shortUrl(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const dist = clean.indexOf('/dist/');
  return dist >= 0 ? clean.slice(dist + 1) : clean;
}

function packageOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean);
  if (nm) return nm[1]!;
  if (clean.startsWith('node:')) return 'node internals';
  const src = /\/dist\/src\/([^/]+)/.exec(clean);
  if (src) return `src/${src[1]}`;
  return clean.includes('/bench/baseline/') ? 'bench/baseline' : clean;
}

/**
 * Every figure is in ms: each sample weighs the time to the next one (`timeDeltas`). Under load
 * the sampler falls behind its nominal interval (2–3× here), so counting samples × the interval
 * under-reports, and by a different factor per process: the first profiles of issue 14 showed
 * this server cheaper than the baseline while /proc said the opposite.
 */
export interface ProfileStats {
  /** ms in the window, and those not idle. */
  total: number;
  busy: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
  perPackage: Map<string, number>;
}

/**
 * Reads the one `.cpuprofile` in `dir`. `window`: the load's start and end, ms after the
 * process was spawned; samples outside it (start-up, module loading, shutdown) are left out.
 */
export function readProfile(
  dir: string,
  window: { fromMs: number; toMs: number },
): ProfileStats | undefined {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return undefined;
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const perPackage = new Map<string, number>();
  let ms = 0;
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + ms);
  let busy = 0;
  let total = 0;
  let atMs = 0;
  for (const [i, sample] of profile.samples.entries()) {
    atMs += (profile.timeDeltas[i] ?? 0) / 1000;
    if (atMs < window.fromMs || atMs > window.toMs) continue;
    ms = (profile.timeDeltas[i + 1] ?? 0) / 1000; // until the next sample
    total += ms;
    const leaf = byId.get(sample)!;
    add(self, frameKey(leaf));
    add(perPackage, packageOf(leaf));
    if (leaf.callFrame.functionName !== '(idle)') busy += ms;
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const key = frameKey(byId.get(id)!);
      if (!seen.has(key)) {
        seen.add(key);
        add(inclusive, key);
      }
    }
  }
  return { total, busy, self, inclusive, perPackage };
}

export function summariseProfile(
  stats: ProfileStats | undefined,
  run: { requests: number; rps: number },
  top = 25,
): string[] {
  if (!stats) return ['No .cpuprofile was written (the server did not exit cleanly).'];
  const { total, busy, self, inclusive, perPackage } = stats;
  const pct = (n: number) => `${((100 * n) / total).toFixed(1)} %`;
  const table = (title: string, map: Map<string, number>, rows: number) => [
    `### ${title}`,
    '',
    '| frame | ms/req | share |',
    '| --- | --- | --- |',
    ...[...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(
        ([key, n]) =>
          `| \`${key.replace(/\|/g, '\\|')}\` | ${(n / Math.max(run.requests, 1)).toFixed(4)} | ${pct(n)} |`,
      ),
    '',
  ];
  return [
    `${run.requests} requests (${run.rps} req/s): ${Math.round(total)} ms profiled during the load (start-up and shutdown left out), ${pct(busy)} busy; ${(busy / Math.max(run.requests, 1)).toFixed(3)} ms busy per request.`,
    '',
    ...table('Self time per package', perPackage, 20),
    ...table('Top frames by self time', self, top),
    ...table('Top frames by inclusive time', inclusive, top + 15),
  ];
}

/**
 * CPU ms per request by package (self time), this server against the baseline: where the
 * difference in CPU per request goes. Idle is left out.
 */
export function comparePackages(
  a: { stats: ProfileStats; requests: number },
  b: { stats: ProfileStats; requests: number },
  rows = 20,
): string[] {
  const msPerRequest = (ms: number | undefined, requests: number) =>
    (ms ?? 0) / Math.max(requests, 1);
  const keys = new Set([...a.stats.perPackage.keys(), ...b.stats.perPackage.keys()]);
  keys.delete('(idle)');
  const table = [...keys]
    .map((key) => {
      const ms = msPerRequest(a.stats.perPackage.get(key), a.requests);
      const base = msPerRequest(b.stats.perPackage.get(key), b.requests);
      return { key, ms, base, diff: ms - base };
    })
    .sort((x, y) => Math.abs(y.diff) - Math.abs(x.diff))
    .slice(0, rows);
  const f = (v: number) => v.toFixed(3);
  return [
    '| package (self time) | this ms/req | baseline ms/req | difference |',
    '| --- | --- | --- | --- |',
    ...table.map(
      (r) => `| \`${r.key}\` | ${f(r.ms)} | ${f(r.base)} | ${r.diff >= 0 ? '+' : ''}${f(r.diff)} |`,
    ),
    `| **busy, all** | ${f(msPerRequest(a.stats.busy, a.requests))} | ${f(msPerRequest(b.stats.busy, b.requests))} | ${f(msPerRequest(a.stats.busy, a.requests) - msPerRequest(b.stats.busy, b.requests))} |`,
    '',
  ];
}
