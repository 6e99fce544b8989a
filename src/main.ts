import 'reflect-metadata';

import type { Logger } from 'pino';

import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/env.js';
import { createLogger } from './server/logger.js';
import { redactSecrets } from './util/redact.js';

/**
 * The process entry: config once (the only reader of process.env), sandbox emulators for
 * providers without credentials, the server, and a graceful drain on SIGTERM/SIGINT.
 */
async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger({ level: config.logLevel });
  const app = await buildApp(config, log);
  const url = await app.server.listen(config.port, config.host);
  log.info(
    { url: `${url}/graphql`, playground: `${url}/`, sharedState: app.state.kind },
    'meeting aggregation API listening',
  );
  // Lines go out in batches (server/logger.ts): this one, which people wait for, goes now.
  log.flush();

  let stopping = false;
  const stop = (reason: string, exitCode: number) => {
    if (stopping) {
      // A second signal while draining: the operator wants out now.
      log.warn({ reason }, 'second stop request while draining; exiting now');
      log.flush(() => process.exit(exitCode || 1));
      return;
    }
    stopping = true;
    log.info({ reason, graceMs: config.shutdownGraceMs }, 'draining');
    log.flush();
    // A last resort should closing itself hang (a provider socket that never ends).
    setTimeout(() => {
      log.error('drain did not finish in time; exiting');
      log.flush(() => process.exit(1));
    }, config.shutdownGraceMs + 5000).unref();
    app
      .close(config.shutdownGraceMs)
      .then(() => {
        log.info('stopped');
        // The log destination is asynchronous: exit once the last lines are written.
        log.flush(() => process.exit(exitCode));
      })
      .catch((error: unknown) => {
        log.error({ err: String(error) }, 'failed to stop cleanly');
        log.flush(() => process.exit(1));
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('SIGINT', () => stop('SIGINT', 0));
  installProcessGuards(log, (reason) => stop(reason, 1));
}

/**
 * The last line of defence (issue 9): nothing a request does may end the process. A stray
 * rejection is logged and the server goes on; every path we know of settles its promises, so
 * such a line is a bug to fix. The line does not name the request it came from: knowing it would
 * take an AsyncLocalStorage, which taxes every promise (limits/upstream-budget.ts). An uncaught
 * exception leaves the process in an unknown state (Node's docs): it is logged and the server
 * drains and exits 1 so that the orchestrator restarts it.
 */
function installProcessGuards(log: Logger, fail: (reason: string) => void) {
  const describe = (error: unknown) =>
    error instanceof Error
      ? { name: error.name, message: redactSecrets(error.message), stack: error.stack }
      : { value: redactSecrets(String(error)) };
  process.on('unhandledRejection', (reason) => {
    log.error({ err: describe(reason) }, 'unhandled promise rejection; the server keeps running');
  });
  process.on('uncaughtException', (error) => {
    log.fatal({ err: describe(error) }, 'uncaught exception; draining and exiting');
    fail('uncaughtException');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
