// `npm run bench:got`: what one provider call costs the calling process, by how it is made
// (docs/performance.md "Round 7"). A got call spends most of its CPU before the request leaves:
// on Node 20, got 14's builder of node's request options is one object literal that adds 33
// properties after two spreads, which V8 11.3 makes slow (~70 µs). This prices, against a local
// HTTP server in its own process (its CPU is not counted), at CONCURRENCY calls in flight:
// - this server's provider client (src/providers/http-client.ts), which builds those options
//   without that literal (src/providers/got-native-options.ts);
// - the same client with got's own builder;
// - got as the bench's baseline uses it (`got.extend({ prefixUrl, agent, … }).post(path, …)`);
// - node's `http.request` alone: the floor under any client.
// And the builders alone, and literals that add properties after a spread.
import 'reflect-metadata';

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import got, { Options } from 'got';

import type * as NativeOptionsModule from '../src/providers/got-native-options.js';
import type * as HttpClientModule from '../src/providers/http-client.js';
import { freePort, ROOT } from './processes.js';
import { commit, loadAverage, machineLines, median } from './report.js';

const ROUNDS = Number(process.env.GOT_ROUNDS ?? 5);
const CALLS = Number(process.env.GOT_CALLS ?? 10_000);
const CONCURRENCY = Number(process.env.GOT_CONCURRENCY ?? 50);

// This server's built client, as `npm start` runs it (`npm run build` first).
const dist = (module: string) => import(pathToFileURL(path.join(ROOT, 'dist/src', module)).href);
const { createProviderHttpClient, closeAgents } = (await dist(
  'providers/http-client.js',
)) as typeof HttpClientModule;
const { leanNativeRequestOptions } = (await dist(
  'providers/got-native-options.js',
)) as typeof NativeOptionsModule;

// A WeCom `get_info` answer of the bench's size, from a server in its own process.
const port = await freePort();
const server = spawn(
  process.execPath,
  [
    '-e',
    `const body = JSON.stringify({ errcode: 0, errmsg: 'ok', meetingid: 'm1', title: 'Bench meeting', meeting_start: 1767225600, meeting_duration: 3600, status: 1, admin_userid: 'bench', attendees: { member: [] }, settings: {} });
     require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); }); })
       .listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve) => server.stdout.once('data', () => resolve()));
const baseUrl = `http://127.0.0.1:${port}`;

const PATH = 'cgi-bin/meeting/get_info';
const BODY = JSON.stringify({ meetingid: 'm1' });
const ours = createProviderHttpClient({ provider: 'WECOM' as never, baseUrl });
const gotBuilder = ours.extend({
  handlers: [
    (options, next) => {
      // After ours: got's own builder again, on the same shape of Options.
      (options as unknown as { createNativeRequestOptions: unknown }).createNativeRequestOptions =
        Options.prototype.createNativeRequestOptions;
      return next(options);
    },
  ],
});
const asOurs = (client: typeof ours) => () =>
  client(PATH, {
    method: 'POST',
    searchParams: { access_token: 'token' },
    body: BODY,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  }).then((answer) => JSON.parse(answer.body) as unknown);
const baselineGot = got.extend({
  prefixUrl: baseUrl,
  agent: { http: new http.Agent({ keepAlive: true, timeout: 30_000 }) },
  timeout: { request: 10_000 },
  retry: { limit: 0 },
  responseType: 'json',
});
const nodeAgent = new http.Agent({ keepAlive: true, timeout: 30_000 });
const nodeCall = () =>
  new Promise<unknown>((resolve, reject) => {
    const request = http.request(
      `${baseUrl}/${PATH}?access_token=token`,
      {
        method: 'POST',
        agent: nodeAgent,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(JSON.parse(text)));
      },
    );
    request.on('error', reject);
    request.end(BODY);
  });

const ways: Array<{ way: string; call: () => Promise<unknown> }> = [
  { way: "this server's provider client (lean builder)", call: asOurs(ours) },
  { way: "the same client, got's own builder", call: asOurs(gotBuilder) },
  {
    way: "got as the bench's baseline calls it",
    call: () =>
      baselineGot.post(PATH, {
        searchParams: { access_token: 'token' },
        json: { meetingid: 'm1' },
      }),
  },
  { way: "node's http.request alone", call: nodeCall },
];

/** CPU µs of this process per call, CONCURRENCY in flight. */
async function cpuPerCall(call: () => Promise<unknown>, count: number): Promise<number> {
  let started = 0;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started++ < count) await call();
    }),
  );
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

for (const { call } of ways) await cpuPerCall(call, CALLS / 4); // warm-up, not measured
const runs = new Map<string, number[]>(ways.map(({ way }) => [way, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Each round in a different order, so no way always follows the same one.
  const order = ways.map((_, i) => ways[(i + round) % ways.length]!);
  for (const { way, call } of order) runs.get(way)!.push(await cpuPerCall(call, CALLS));
  process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
}

// The builders alone, and the V8 cost behind them: properties added after a spread.
const probe = new Options(`${baseUrl}/${PATH}?access_token=token`, {
  method: 'POST',
  headers: { 'content-type': 'application/json; charset=utf-8' },
  agent: { http: nodeAgent },
});
const source = { a: 1, b: 2, c: 3, d: 4 };
const objects: Array<{ what: string; make: () => object }> = [
  {
    what: "got's `createNativeRequestOptions` (2 spreads, then 33 properties)",
    make: () => probe.createNativeRequestOptions(),
  },
  {
    what: 'the lean builder (`leanNativeRequestOptions`, the same object written out)',
    make: () => leanNativeRequestOptions.call(probe),
  },
  { what: '`{ ...source, p0 }`', make: () => ({ ...source, p0: 0 }) },
  {
    what: '`{ ...source, p0, …, p4 }`',
    make: () => ({ ...source, p0: 0, p1: 1, p2: 2, p3: 3, p4: 4 }),
  },
  {
    what: '`{ a, b, c, d, p0, …, p4 }` (written out)',
    make: () => ({
      a: source.a,
      b: source.b,
      c: source.c,
      d: source.d,
      p0: 0,
      p1: 1,
      p2: 2,
      p3: 3,
      p4: 4,
    }),
  },
  {
    what: '`{ ...source, a, b, c, d }` (properties the source has)',
    make: () => ({ ...source, a: 5, b: 6, c: 7, d: 8 }),
  },
];
const nsPer = (make: () => object, count = 100_000) => {
  for (let i = 0; i < 1000; i++) make();
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) make();
  return Number(process.hrtime.bigint() - started) / count;
};

const lines = [
  `# A provider call's CPU, by how it is made ${new Date().toISOString()}`,
  '',
  ...machineLines(),
  `- load average ${loadAverage()}`,
  `- a WeCom \`get_info\` (POST, query, JSON body and answer) to a local HTTP server in its own process; ${ROUNDS} rounds of ${CALLS} calls per way, ${CONCURRENCY} in flight, the order rotating round by round; CPU µs of this process per call (\`process.cpuUsage\`), median of the rounds`,
  '',
  '| way | CPU µs per call | each round |',
  '| --- | --- | --- |',
  ...ways.map(({ way }) => {
    const values = runs.get(way)!;
    return `| ${way} | ${median(values).toFixed(1)} | ${values.map((v) => v.toFixed(0)).join(', ')} |`;
  }),
  '',
  'The objects alone, ns each, 100 000 in a row (`source` has 4 properties):',
  '',
  '| object | ns |',
  '| --- | --- |',
  ...objects.map(({ what, make }) => `| ${what} | ${nsPer(make).toFixed(0)} |`),
];
const stamp = new Date().toISOString().slice(0, 16).replace(':', '');
const file = path.join(ROOT, 'bench/results', `${stamp}-${commit()}-got-call.md`);
writeFileSync(file, `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n\nwritten to ${file}\n`);

closeAgents(ours);
nodeAgent.destroy();
server.kill();
process.exit(0);
