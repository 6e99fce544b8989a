// `npm run bench:layers`: where a cold read's CPU goes, layer by layer, against the baseline's
// same layers (docs/performance.md "Round 5"). One process runs this server's built code
// (`dist/`, as `npm start` does) and the baseline's module (bench/baseline/wecom-meetings.mjs)
// side by side, against one WeCom emulator in its own process; each layer is timed with
// `process.cpuUsage` over the same number of operations, at the bench's concurrency, the layers
// taking turns round after round. Being one process, it prices code, not machines: no HTTP
// front, no load generator, no scheduling between processes.
//
// The layers, for one `meeting(id)` of the bench's five fields:
// - provider read: this server's data source `getMeetings([ref])` (the provider pipeline:
//   quota, token, budget, got, error detection, mapping) against the baseline's got call and
//   mapping;
// - GraphQL, nothing to fetch: Apollo's `executeOperation` of the read with the answer already
//   at hand (this server: the request's loader primed; the baseline: a resolver that answers a
//   fixed meeting), plugins, validation cache, type-graphql and field resolution included;
// - GraphQL, empty operation: `{ __typename }`, what every request pays before any field;
// - whole read: `executeOperation` of the read, provider call included.
import 'reflect-metadata';

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

import { ApolloServer } from '@apollo/server';
import { ROOT_CONTEXT } from '@opentelemetry/api';

import type * as AppModule from '../src/app.js';
import type * as CallerModule from '../src/auth/caller.js';
import type * as EnvModule from '../src/config/env.js';
import { SANDBOX_CREDENTIALS } from '../src/config/sandbox-credentials.js';
import type * as ContextModule from '../src/server/context.js';
import type * as BudgetModule from '../src/server/limits/upstream-budget.js';
import type * as LoggerModule from '../src/server/logger.js';
import { freePort, ROOT, startProcess, stopProcess } from './processes.js';
import { commit, loadAverage, machineLines, median } from './report.js';
import { CREATE, READ, createInput } from './scenarios.js';
import { workDir } from './setup.js';
// @ts-expect-error -- plain JavaScript, as the baseline server runs it
import { createWecomMeetings, typeDefs } from './baseline/wecom-meetings.mjs';

const ROUNDS = Number(process.env.LAYERS_ROUNDS ?? 5);
const OPERATIONS = Number(process.env.LAYERS_OPERATIONS ?? 4000);
const CONCURRENCY = Number(process.env.LAYERS_CONCURRENCY ?? 50);

// This server's built code, as `npm start` runs it (`npm run build` first).
const dist = (module: string) => import(pathToFileURL(path.join(ROOT, 'dist/src', module)).href);
const { loadConfig } = (await dist('config/env.js')) as typeof EnvModule;
const { buildApp } = (await dist('app.js')) as typeof AppModule;
const { createLogger } = (await dist('server/logger.js')) as typeof LoggerModule;
const { createContext } = (await dist('server/context.js')) as typeof ContextModule;
const { UpstreamBudget } = (await dist('server/limits/upstream-budget.js')) as typeof BudgetModule;
const { TRUSTED_CALLER } = (await dist('auth/caller.js')) as typeof CallerModule;

const W = SANDBOX_CREDENTIALS.wecom;
const T = SANDBOX_CREDENTIALS.tencentMeeting;
const U = SANDBOX_CREDENTIALS.umeeting;
const port = await freePort();
const emulator = await startProcess({
  name: 'emulator wecom',
  args: ['dist/src/scripts/emulator-cli.js', 'wecom', '--port', String(port)],
  env: {},
  port,
  logFile: path.join(workDir, 'layers-emulator.log'),
  readyPath: '/__admin/requests',
});
// The emulator on one core, this process on the other, where taskset exists.
const pinned = pin(emulator.pid, '0') && pin(process.pid, '1');

const UNLIMITED = '1000000';
const config = loadConfig({
  NODE_ENV: 'production',
  AUTH_MODE: 'none',
  READ_CACHE_TTL_SECONDS: '0',
  WECOM_BASE_URL: emulator.url,
  WECOM_CORP_ID: W.corpId,
  WECOM_CORP_SECRET: W.corpSecret,
  WECOM_RATE_LIMIT_PER_MINUTE: UNLIMITED,
  // Not called: LIVE so that no emulator of theirs starts in this process.
  TENCENT_MEETING_BASE_URL: 'http://127.0.0.1:9',
  TENCENT_MEETING_APP_ID: T.appId,
  TENCENT_MEETING_SECRET_ID: T.secretId,
  TENCENT_MEETING_SECRET_KEY: T.secretKey,
  TENCENT_MEETING_OPERATOR: 'bench',
  UMEETING_BASE_URL: 'http://127.0.0.1:9',
  UMEETING_API_KEY: U.apiKey,
  UMEETING_API_SECRET: U.apiSecret,
});
// The access line is built and scrubbed as in production; only the write is dropped.
const log = createLogger({ level: 'info', destination: { write: () => undefined } });
const app = await buildApp(config, log);
const apollo = app.server.apollo;
const context = () =>
  createContext(app.registry, log, undefined, TRUSTED_CALLER, undefined, undefined, {
    budget: new UpstreamBudget(config.limits),
    telemetry: { telemetry: app.telemetry, traceContext: ROOT_CONTEXT },
  });
type Answer = { body: { kind: string; singleResult?: { data?: unknown; errors?: unknown } } };
const answered = (answer: Answer) => {
  const errors = answer.body.singleResult?.errors;
  if (errors) throw new Error(`GraphQL errors: ${JSON.stringify(errors)}`);
  return answer.body.singleResult?.data as Record<string, { id: string }>;
};

const created = answered(
  await apollo.executeOperation(
    { query: CREATE, variables: createInput('WECOM', 'layers') },
    { contextValue: context() },
  ),
);
const id = created.scheduleMeeting!.id;
const ref = { providerId: JSON.parse(Buffer.from(id, 'base64url').toString('utf8'))[3] as string };
const meeting = (
  await context()
    .dataSource('WECOM' as never)
    .getMeetings([ref])
)[0];

const baseline = createWecomMeetings({
  baseUrl: emulator.url,
  corpId: W.corpId,
  corpSecret: W.corpSecret,
});
const baselineApollo = new ApolloServer({ typeDefs, resolvers: baseline.resolvers });
const fixed = await baseline.getMeeting(ref.providerId);
const baselineAtHand = new ApolloServer({
  typeDefs,
  resolvers: { Query: { meeting: async () => fixed } },
});
await baselineApollo.start();
await baselineAtHand.start();

const primed = () => {
  const c = context();
  c.loaders.meeting.prime(id, meeting as never);
  return c;
};
const read = { query: READ, variables: { id } };
const empty = { query: 'query Empty { __typename }' };
const layers: Array<{ layer: string; ours: () => Promise<unknown>; base: () => Promise<unknown> }> =
  [
    {
      layer: 'provider read',
      ours: () =>
        context()
          .dataSource('WECOM' as never)
          .getMeetings([ref]),
      base: () => baseline.getMeeting(ref.providerId),
    },
    {
      layer: 'GraphQL, nothing to fetch',
      ours: async () => answered(await apollo.executeOperation(read, { contextValue: primed() })),
      base: async () => answered(await baselineAtHand.executeOperation(read)),
    },
    {
      layer: 'GraphQL, empty operation',
      ours: async () => answered(await apollo.executeOperation(empty, { contextValue: context() })),
      base: async () => answered(await baselineApollo.executeOperation(empty)),
    },
    {
      layer: 'whole read',
      ours: async () => answered(await apollo.executeOperation(read, { contextValue: context() })),
      base: async () => answered(await baselineApollo.executeOperation(read)),
    },
  ];

// The main thread's GC pauses (V8's helper threads not included), to price what a layer's garbage
// and the state it keeps alive while waiting cost apart from the code that runs.
let gcMicros = 0;
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMicros += entry.duration * 1000;
});
gcObserver.observe({ entryTypes: ['gc'] });
/** Counts the GC entries of what ran so far: Node emits them from an immediate, after the fact. */
async function settleGc(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  for (const entry of gcObserver.takeRecords()) gcMicros += entry.duration * 1000;
}

/** CPU µs of this process per operation, and GC pause µs per operation, `CONCURRENCY` in flight. */
async function cpuPerOperation(
  operation: () => Promise<unknown>,
  count: number,
): Promise<{ cpu: number; gc: number }> {
  let started = 0;
  await settleGc();
  const gcBefore = gcMicros;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started++ < count) await operation();
    }),
  );
  const used = process.cpuUsage(before);
  await settleGc();
  return { cpu: (used.user + used.system) / count, gc: (gcMicros - gcBefore) / count };
}

const runs = new Map<string, number[]>();
const gcRuns = new Map<string, number[]>();
for (const { layer, ours, base } of layers) {
  await cpuPerOperation(ours, OPERATIONS / 2); // warm-up, not measured
  await cpuPerOperation(base, OPERATIONS / 2);
  for (const side of ['ours', 'base']) {
    runs.set(`${layer}|${side}`, []);
    gcRuns.set(`${layer}|${side}`, []);
  }
}
for (let round = 0; round < ROUNDS; round++) {
  for (const { layer, ours, base } of layers) {
    // Alternating which side goes first, round by round.
    const order =
      round % 2
        ? ([
            ['base', base],
            ['ours', ours],
          ] as const)
        : ([
            ['ours', ours],
            ['base', base],
          ] as const);
    for (const [side, operation] of order) {
      const { cpu, gc } = await cpuPerOperation(operation, OPERATIONS);
      runs.get(`${layer}|${side}`)!.push(cpu);
      gcRuns.get(`${layer}|${side}`)!.push(gc);
    }
  }
  process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
}

const lines = [
  `# Layers of a cold read ${new Date().toISOString()}`,
  '',
  ...machineLines(),
  `- load average ${loadAverage()}; ${pinned ? 'emulator and this process pinned to one core each' : 'not pinned (no taskset)'}`,
  `- V8 flags of this process: ${process.env.NODE_OPTIONS?.trim() || 'none'} (both sides run in it)`,
  `- WeCom \`meeting(id)\` of the bench's five fields; ${ROUNDS} rounds of ${OPERATIONS} operations per layer and side, ${CONCURRENCY} in flight, sides alternating; CPU µs of the process per operation (\`process.cpuUsage\`), median of the rounds; GC pauses: the main thread's (\`perf_hooks\` \`gc\` entries) per operation, median of the rounds`,
  '',
  '| layer | this server µs | baseline µs | difference µs | ratio | this server, each round | baseline, each round | GC pauses µs, this server | GC pauses µs, baseline |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const { layer } of layers) {
  const ours = runs.get(`${layer}|ours`)!;
  const base = runs.get(`${layer}|base`)!;
  const a = median(ours);
  const b = median(base);
  const each = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  lines.push(
    `| ${layer} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(a - b).toFixed(1)} | ${(a / b).toFixed(2)} | ${each(ours)} | ${each(base)} | ${median(gcRuns.get(`${layer}|ours`)!).toFixed(1)} | ${median(gcRuns.get(`${layer}|base`)!).toFixed(1)} |`,
  );
}
const stamp = new Date().toISOString().slice(0, 16).replace(':', '');
const file = path.join(ROOT, 'bench/results', `${stamp}-${commit()}-layers.md`);
writeFileSync(file, `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n\nwritten to ${file}\n`);

await baselineApollo.stop();
await baselineAtHand.stop();
await app.close(100);
await stopProcess(emulator);
process.exit(0);

function pin(pid: number, cpu: string): boolean {
  try {
    execFileSync('taskset', ['-acp', cpu, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
