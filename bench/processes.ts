import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The processes a bench run measures, each a separate OS process so that its CPU and memory are
 * its own (/proc/<pid>/stat and status): the server under test (`node dist/src/main.js`), the
 * baseline (`bench/baseline/server.mjs`) and one standalone emulator per provider
 * (`node dist/src/scripts/emulator-cli.js`). All plain `node` on built JavaScript: no
 * on-the-fly compiler in any measured process.
 */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Base URL (`http://127.0.0.1:port`). */
  url: string;
  /** Where its stdout and stderr go (a file: reading a pipe would cost the bench CPU). */
  logFile: string;
  /** `Date.now()` just before it was spawned. */
  startedAt: number;
}

/** Every process started here is killed when the bench exits, however it exits. */
const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

/** A free loopback port (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node <args>` with `env`, its output to `logFile`; resolves once `ready(url)` is true. */
export async function startProcess(options: {
  name: string;
  args: string[];
  env: Record<string, string>;
  port: number;
  logFile: string;
  /** Path answered 2xx once up (default `/healthz`). */
  readyPath?: string;
}): Promise<Proc> {
  const out = openSync(options.logFile, 'w');
  const startedAt = Date.now();
  const child = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', out, out],
  });
  started.add(child);
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${options.name} exited (${child.exitCode}); see ${options.logFile}`);
    }
    try {
      const response = await fetch(`${url}${options.readyPath ?? '/healthz'}`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${options.name} did not start; see ${options.logFile}`);
    await sleep(100);
  }
  return { name: options.name, child, pid: child.pid!, url, logFile: options.logFile, startedAt };
}

/** SIGTERM, then wait for the exit (a `--cpu-prof` profile is written on a clean exit). */
export async function stopProcess(proc: Proc): Promise<void> {
  if (proc.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.child.once('exit', () => resolve()));
  proc.child.kill('SIGTERM');
  const timeout = sleep(15_000).then(() => proc.child.kill('SIGKILL'));
  await Promise.race([exited, timeout]);
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU the process has used so far, ms (/proc/<pid>/stat utime + stime). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size now, MiB (/proc/<pid>/status VmRSS). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
