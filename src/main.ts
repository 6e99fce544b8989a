import 'reflect-metadata';

import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/env.js';
import { createLogger } from './server/logger.js';

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
  log.info({ url: `${url}/graphql`, playground: `${url}/` }, 'meeting aggregation API listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining');
    app
      .close()
      .then(() => {
        log.info('stopped');
        // The log destination is asynchronous: exit once the last lines are written.
        log.flush(() => process.exit(0));
      })
      .catch((error: unknown) => {
        log.error({ err: String(error) }, 'failed to stop cleanly');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
