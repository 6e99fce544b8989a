import type { Logger } from 'pino';

import { registerSecret } from '../util/redact.js';
import { MemoryState } from './memory-state.js';
import type { SharedState } from './shared-state.js';

/** How long start-up waits for Redis (unless refused sooner) before serving degraded. */
const CONNECT_WAIT_MS = 3000;

/**
 * The process's shared state from config: in-process when `REDIS_URL` is unset (one instance;
 * `npm start` needs nothing), else Redis (docs/scale-out.md). An unreachable Redis does not stop
 * the start: the instance serves on in-process state, says so in `/readyz` and a warning, and
 * joins the others when Redis is reachable.
 */
export async function createSharedState(
  config: { redisUrl: string | null },
  log: Logger,
): Promise<SharedState> {
  if (config.redisUrl === null) return new MemoryState();
  // The URL's password (and user) are secrets: scrubbed should any message ever carry them.
  const url = new URL(config.redisUrl);
  if (url.password) registerSecret(decodeURIComponent(url.password));
  // Loaded only with REDIS_URL: a single instance does not carry ioredis (idle RSS).
  const { RedisState } = await import('./redis-state.js');
  const state = new RedisState({ url: config.redisUrl, log: log.child({ source: 'redis' }) });
  await state.connected(CONNECT_WAIT_MS);
  return state;
}
