import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';

import { PROVIDERS } from '../../src/providers/providers.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { meetingGlobalId } from '../../src/schema/ids.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

// The server is tested as `npm start` runs it: the tsc build, `node dist/src/main.js`.
beforeAll(() => {
  execFileSync(
    process.execPath,
    [resolve(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
}, 120_000);

/**
 * Runs an entry point with exactly `env`: `dist/…js` with plain node, a TypeScript file as the
 * npm scripts do (swc, no build step).
 */
function startMain(env: Record<string, string>, entry = 'dist/src/main.js', args: string[] = []) {
  const loader = entry.endsWith('.ts') ? ['--import', '@swc-node/register/esm-register'] : [];
  const child = spawn(process.execPath, [...loader, entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const waitFor = async (pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = stdout.match(pattern);
      if (match) return match;
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`no ${pattern} in output:\n${stdout}\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('the process', () => {
  it('refuses a bad environment with one message listing every bad variable, and no stack', async () => {
    const main = startMain({
      PORT: 'abc',
      WECOM_CORP_ID: 'corp',
      UMEETING_TIMEZONE: 'Nowhere/Town',
      AUTH_MODE: 'none',
    });
    const code = await main.exited;
    const { stderr, stdout } = main.output();
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Invalid configuration \(3 problems; see \.env\.example\):/);
    expect(stderr).toMatch(/PORT: expected an integer/);
    expect(stderr).toMatch(/WECOM_CORP_SECRET: missing/);
    expect(stderr).toMatch(/UMEETING_TIMEZONE: expected an IANA time zone/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['SIGTERM', {}],
    ['SIGINT', {}],
    ['SIGTERM', { NODE_ENV: 'production' }],
    ['SIGINT', { NODE_ENV: 'production' }],
  ] as const)('exits 0 on %s when idle (env %j)', async (signal, env) => {
    // Before issue 9 Apollo's own signal handler raced ours and the process never exited.
    const main = startMain({ PORT: '0', HOST: '127.0.0.1', ...env });
    const url = (await main.waitFor(/"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/))[1]!;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    main.child.kill(signal);
    expect(await main.exited).toBe(0);
    expect(main.output().stdout).toMatch(/"msg":"stopped"/);
  });

  it('survives the _entities request that used to end it (a rejected load, then an unknown __typename)', async () => {
    const main = startMain({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' });
    const url = (await main.waitFor(/"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/))[1]!;
    const answer = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query($r:[_Any!]!){_entities(representations:$r){__typename}}',
        variables: { r: [{ __typename: 'Meeting', id: 'x' }, { __typename: 'Nope' }] },
      }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'representations[1].__typename' } }],
    });
    // Give a stray rejection the turn it would need to end the process, then check it is up.
    await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(main.child.exitCode).toBeNull();
    expect(main.output().stdout).not.toMatch(/unhandled|uncaught/);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
  });

  it.each([[{}], [{ NODE_ENV: 'production' }]])(
    'serves /healthz and /readyz, and drains an in-flight request on SIGTERM before exiting 0 (env %j)',
    async (env: Record<string, string>) => {
      const main = startMain({ PORT: '0', HOST: '127.0.0.1', ...env });
      const url = (await main.waitFor(/"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/))[1]!;
      const wecom = (
        await main.waitFor(
          /"provider":"WECOM","mode":"SANDBOX","baseUrl":"(http:\/\/127\.0\.0\.1:\d+)"/,
        )
      )[1]!;

      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });

      // Slow down every WeCom call so that a request is in flight when SIGTERM arrives.
      const fault = await fetch(`${wecom}/__admin/faults`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'latency', latencyMs: 1500, path: '/cgi-bin/', times: 5 }),
      });
      expect(fault.status).toBe(201);
      const inFlight = fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query($id: ID!) { meeting(id: $id) { id } }',
          variables: { id: meetingGlobalId(Provider.WECOM, '123456789') },
        }),
      });
      // Wait until the emulator has taken the first delayed call: the request is then in flight.
      for (let taken = false; !taken;) {
        const { faults } = (await (await fetch(`${wecom}/__admin/faults`)).json()) as {
          faults: Array<{ remaining: number }>;
        };
        taken = faults[0]!.remaining < 5;
        if (!taken) await new Promise((r) => setTimeout(r, 20));
      }
      main.child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { meeting: null } });
      expect(await main.exited).toBe(0);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    },
  );

  it('runs one emulator standalone with the configured credentials and prints its URL', async () => {
    const cli = startMain(
      { WECOM_CORP_ID: 'corp-x', WECOM_CORP_SECRET: 'secret-x' },
      'src/scripts/emulator-cli.ts',
      ['wecom', '--port', '0'],
    );
    const url = (await cli.waitFor(/wecom emulator listening at (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    const good = await fetch(`${url}/cgi-bin/gettoken?corpid=corp-x&corpsecret=secret-x`);
    expect(await good.json()).toMatchObject({ errcode: 0, expires_in: 7200 });
    const bad = await fetch(`${url}/cgi-bin/gettoken?corpid=corp-x&corpsecret=wrong`);
    expect(await bad.json()).toMatchObject({ errcode: 40001 });
    const journal = (await (await fetch(`${url}/__admin/requests`)).json()) as {
      requests: Array<{ path: string; operation: string }>;
    };
    expect(journal.requests.map((r) => r.path)).toEqual(['/cgi-bin/gettoken', '/cgi-bin/gettoken']);
    expect(JSON.stringify(journal)).not.toContain('secret-x');
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it.each([[['--help']], [['wecom', '--help']], [['-h', 'wecom', '--port', '0']]])(
    'prints the emulator usage and exits 0 without starting one (%j)',
    async (args) => {
      const cli = startMain({}, 'src/scripts/emulator-cli.ts', args);
      expect(await cli.exited).toBe(0);
      const { stdout, stderr } = cli.output();
      expect(stdout).toMatch(
        new RegExp(
          `^usage: npm run emulator -- <${PROVIDERS.map((d) => d.cliName).join('\\|')}> \\[--port N\\] \\[--rate-limit N\\]\n`,
        ),
      );
      expect(stdout).toContain('-h, --help');
      expect(stdout).not.toContain('listening');
      expect(stderr).toBe('');
    },
  );

  it('refuses an unknown emulator name with usage', async () => {
    const cli = startMain({}, 'src/scripts/emulator-cli.ts', ['not-a-provider']);
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toContain(
      `unknown provider "not-a-provider"\nusage: npm run emulator -- <${PROVIDERS.map((d) => d.cliName).join('|')}> [--port N] [--rate-limit N]\n`,
    );
  });
});
