import { execFileSync } from 'node:child_process';
import os from 'node:os';

import type { LoadResult } from './load.js';

/** One measured run: the load result plus what /proc and the emulator's journal say. */
export interface Run extends LoadResult {
  /** CPU of the server process per request, ms (utime + stime delta / requests). */
  cpuMsPerRequest: number;
  /** Provider calls journalled per request. */
  callsPerRequest: number;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function commit(): string {
  try {
    const short = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', 'src'])
      .toString()
      .trim();
    return dirty ? `${short}+dirty` : short;
  } catch {
    return 'unknown';
  }
}

export function machineLines(): string[] {
  const cpus = os.cpus();
  return [
    `- machine: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
    `- node ${process.version}, commit ${commit()}`,
  ];
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A pair table: each pair's numbers for the server (A) and the baseline (B), and A/B. */
export function pairTable(pairs: Array<{ a: Run; b: Run }>): string[] {
  const lines = [
    '| pair | req/s this | req/s baseline | ratio | p50 / p99 ms this | p50 / p99 ms baseline | CPU ms/req this | CPU ms/req baseline | calls/req this | calls/req baseline | bad |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  pairs.forEach(({ a, b }, i) => {
    lines.push(
      `| ${i + 1} | ${a.rps} | ${b.rps} | ${round(a.rps / b.rps)} | ${a.p50} / ${a.p99} | ${b.p50} / ${b.p99} | ${round(a.cpuMsPerRequest, 3)} | ${round(b.cpuMsPerRequest, 3)} | ${round(a.callsPerRequest, 3)} | ${round(b.callsPerRequest, 3)} | ${a.bad + b.bad} |`,
    );
  });
  const ratios = pairs.map(({ a, b }) => a.rps / b.rps);
  const cpu = pairs.map(({ a, b }) => a.cpuMsPerRequest / b.cpuMsPerRequest);
  lines.push(
    '',
    `Median ratio (req/s this / baseline): **${round(median(ratios))}** (range ${round(Math.min(...ratios))}–${round(Math.max(...ratios))}); CPU per request this / baseline: ${round(median(cpu))}.`,
  );
  return lines;
}
