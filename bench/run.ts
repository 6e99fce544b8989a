import 'reflect-metadata';

import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';

import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import autocannon from 'autocannon';

import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { createLogger } from '../src/server/logger.js';
import { benchConfig } from './bench.config.js';
import { scenarios } from './scenarios.js';

/**
 * `npm run bench`: each scenario against the real server and its sandbox emulators (loopback only),
 * plus a plain Apollo baseline. Every response is checked: a GraphQL `errors` entry or a non-200
 * fails the run (STYLE habit 12). Results go to bench/results/ with machine, Node and commit.
 */
const log = createLogger({ level: 'silent' });
const app = await buildApp(loadConfig({}), log);
const apiUrl = `${await app.server.listen(0, '127.0.0.1')}/graphql`;
if (benchConfig.upstreamLatencyMs > 0) {
  for (const emulator of Object.values(app.emulators)) {
    emulator.faults.add({ kind: 'latency', latencyMs: benchConfig.upstreamLatencyMs, times: 1e9 });
  }
}
const baseline = new ApolloServer({
  typeDefs: 'type Query { hello: String }',
  resolvers: { Query: { hello: () => 'world' } },
});
const { url: baselineUrl } = await startStandaloneServer(baseline, {
  listen: { port: 0, host: '127.0.0.1' },
});

const api = async (query: string, variables?: unknown) => {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<unknown>;
};

interface Row {
  name: string;
  description: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  bad: number;
}

const rows: Row[] = [];
let failed = false;
for (const scenario of scenarios) {
  if (benchConfig.only.length > 0 && !benchConfig.only.includes(scenario.name)) continue;
  const body = await scenario.body(api);
  let bad = 0;
  const result = await autocannon({
    url: scenario.target === 'baseline' ? baselineUrl : apiUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: benchConfig.connections,
    duration: benchConfig.durationSeconds,
    requests: [
      {
        onResponse: (status: number, responseBody: string) => {
          if (status !== 200 || responseBody.includes('"errors"')) bad += 1;
        },
      },
    ],
  });
  rows.push({
    name: scenario.name,
    description: scenario.description,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad: bad + result.non2xx + result.errors,
  });
  if (bad + result.non2xx + result.errors > 0) failed = true;
  process.stdout.write(
    `${scenario.name}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, bad ${bad}\n`,
  );
  for (const emulator of Object.values(app.emulators)) {
    const latency = emulator.faults.pending();
    emulator.reset();
    for (const fault of latency) emulator.faults.add(fault);
  }
}

await baseline.stop();
await app.close(1000);

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  } catch {
    return 'unknown';
  }
})();
const when = new Date().toISOString();
const report = [
  `# Bench ${when}`,
  '',
  `- machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  `- node ${process.version}, commit ${commit}`,
  `- ${benchConfig.connections} connections, ${benchConfig.durationSeconds} s per scenario, upstream latency ${benchConfig.upstreamLatencyMs} ms; server, emulators and load share the machine`,
  '',
  '| scenario | req/s | p50 ms | p99 ms | requests | bad answers | what |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.requests} | ${r.bad} | ${r.description} |`,
  ),
  '',
].join('\n');
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
const stamp = when.slice(0, 16).replace(/:/g, '');
const file = new URL(`./results/${stamp}-${commit}.md`, import.meta.url);
await writeFile(file, report);
process.stdout.write(`\n${report}\nwritten to ${file.pathname}\n`);
process.exit(failed ? 1 : 0);
