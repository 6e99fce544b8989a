import 'reflect-metadata';

import { startTestServer } from '../helpers/start-test-server.js';

/**
 * The fuzzer's server, in its own process (spawned by `fuzz-server.ts`), so that a request that
 * crashes the server is observed as a crash instead of taking the fuzzer down with it. It is the
 * whole server plus the three sandbox emulators, as `startTestServer()` builds it for the tests.
 *
 * Protocol on stdout, one JSON object per line:
 *   {"ready": {"url": …, "graphqlUrl": …, "emulators": {"WECOM": "http://127.0.0.1:…", …}}}
 *   {"log": "<a server log line of level error or above>"}
 * The log lines carry the detail behind a masked INTERNAL_SERVER_ERROR; they are written
 * synchronously (stdout is a pipe), so they reach the fuzzer before the HTTP answer does.
 * A crash shows as the process exiting, with Node's report on stderr.
 */
const server = await startTestServer({ env: { LOG_LEVEL: 'error' } });

// startTestServer keeps every log line in memory; forward them instead, so a long run stays small.
server.logs.push = (...lines: string[]): number => {
  for (const line of lines) process.stdout.write(`${JSON.stringify({ log: line })}\n`);
  return 0;
};

const emulators = Object.fromEntries(
  Object.entries(server.emulators).map(([provider, handle]) => [provider, handle!.url]),
);
process.stdout.write(
  `${JSON.stringify({ ready: { url: server.url, graphqlUrl: server.graphqlUrl, emulators } })}\n`,
);

const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
// The fuzzer holds our stdin open; when it goes away (even killed), so do we.
process.stdin.on('end', stop);
process.stdin.resume();
