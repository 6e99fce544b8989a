import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from '@jest/globals';

import { batchedDestination, createLogger, LOG_FLUSH_MS } from '../../src/server/logger.js';

/**
 * The log goes out in batches (docs/performance.md "Round 5"): what is held, for how long, and
 * what is never held. Against a real file, as standard output is in production.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function fileLogger() {
  const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'out.log');
  const log = createLogger({ level: 'info', destination: batchedDestination(file) });
  const lines = () =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
  return { log, lines };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return check();
}

describe('the batched log destination', () => {
  it('holds info lines for at most LOG_FLUSH_MS, then writes them in order', async () => {
    const { log, lines } = fileLogger();
    await new Promise((r) => setTimeout(r, 50)); // the file is open
    log.info('one');
    log.info('two');
    await new Promise((r) => setTimeout(r, 100));
    expect(lines()).toEqual([]);
    expect(await until(() => lines().length === 2, LOG_FLUSH_MS + 1000)).toBe(true);
    expect(lines()).toEqual(['one', 'two']);
  });

  it('writes a warning at once, with the lines held before it', async () => {
    const { log, lines } = fileLogger();
    await new Promise((r) => setTimeout(r, 50));
    log.info('before');
    log.warn('careful');
    expect(await until(() => lines().length === 2, LOG_FLUSH_MS / 2)).toBe(true);
    expect(lines()).toEqual(['before', 'careful']);
  });

  it('writes what it holds when flushed, before the callback', async () => {
    const { log, lines } = fileLogger();
    await new Promise((r) => setTimeout(r, 50));
    log.info('held');
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    expect(lines()).toEqual(['held']);
  });

  it('loses no line when the process exits at once after writing it', async () => {
    const script = [
      "const { createLogger } = await import('./src/server/logger.ts');",
      "const log = createLogger({ level: 'info' });",
      "for (let i = 0; i < 3; i += 1) log.info({ i }, 'line');",
      'process.exit(0);',
    ].join('\n');
    const child = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', '--input-type=module', '-e', script],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(3);
  }, 30_000);
});
