/**
 * The Redis adapter of the shared-state port (./shared-state.ts; docs/scale-out.md "Shared
 * state"): what makes N instances behind a load balancer act as ONE client of each provider.
 *
 * Why ioredis (not node-redis): it is maintained, reconnects by itself with a retry strategy we
 * choose, defines Lua commands once (`defineCommand`: EVALSHA, reloading the script after a
 * restart of Redis), and its `enableOfflineQueue: false` + `commandTimeout` make a dead or stuck
 * Redis answer at once instead of queueing commands — which is what lets every call fall back
 * to in-process state without making a request wait.
 *
 * While Redis is unreachable every call is served by an internal MemoryState (the instance
 * goes on serving, only less coordinated): ONE warning per outage, `health()` not ok with a
 * reason (never the URL or its password), and when ioredis reconnects the adapter is healthy
 * again and its channels are subscribed again. What was written to the fallback is not copied
 * back (tokens are fetched again, idempotency records of the outage stay per instance).
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

import { MemoryState } from './memory-state.js';
import type { SharedState, StateHealth, TokenBucket, TokenGrant } from './shared-state.js';

/** Every key and channel gets this prefix: the Redis may be shared with other applications. */
export const DEFAULT_KEY_PREFIX = 'meeting-api:';

export interface RedisStateOptions {
  url: string;
  log: Logger;
  keyPrefix?: string;
  /** A command that takes longer fails (and is served by the fallback), ms. */
  commandTimeoutMs?: number;
  /** Longest pause between reconnection attempts, ms: bounds how long recovery takes. */
  maxReconnectDelayMs?: number;
}

const DEGRADED = 'unreachable; serving on in-process state';

/**
 * Token bucket, atomically across instances. Redis' `TIME` is the clock, so the instances'
 * own clocks do not matter. The bucket is a hash {tokens, at}; it expires when it would be full
 * again (a full bucket is the same as none). Returns {granted 0|1, retryAfterMs}; the same
 * arithmetic as memory-state.ts `grantFrom`.
 */
const TAKE_TOKENS_LUA = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local want = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local never = 2147483647
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(saved[1])
local at = tonumber(saved[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
local granted = 0
local retry = 0
if tokens >= want then
  tokens = tokens - want
  granted = 1
elseif rate > 0 then
  retry = math.min(never, math.ceil((want - tokens) * 1000 / rate))
else
  retry = never
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
local full = never
if rate > 0 then full = math.min(never, math.ceil((capacity - tokens) * 1000 / rate)) end
redis.call('PEXPIRE', KEYS[1], full + 1000)
return { granted, retry }
`;

/** Deletes KEYS[1] only while it holds ARGV[1] (releasing one's own lock). */
const DELETE_IF_VALUE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

interface ScriptCommands {
  takeTokens(key: string, want: number, capacity: number, rate: number): Promise<[number, number]>;
  deleteIfValue(key: string, value: string): Promise<number>;
}

/**
 * Reply errors that mean "Redis cannot serve right now" (loading after a restart, a replica
 * promoted, a script stuck): served by the fallback like a lost connection. Any other reply
 * error is a bug of ours (a wrong type, a bad script) and is thrown.
 */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN)\b/;

export class RedisState implements SharedState {
  readonly kind = 'redis' as const;
  private readonly cmd: Redis & ScriptCommands;
  private readonly sub: Redis;
  private readonly fallback = new MemoryState();
  private readonly prefix: string;
  private readonly log: Logger;
  /** Handlers by (prefixed) channel: subscribed on `sub`, and re-subscribed after a reconnect. */
  private readonly handlers = new Map<string, Set<(message: string) => void>>();
  /** Down since the last outage began (one warning per outage); undefined while connected. */
  private outage?: { reason: string };
  private everReady = false;
  private closed = false;

  constructor(options: RedisStateOptions) {
    this.log = options.log;
    this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    const maxDelay = options.maxReconnectDelayMs ?? 1000;
    const common: RedisOptions = {
      // A dead Redis must answer fast: no queueing while disconnected, a bounded command time,
      // one retry at most; the caller gets the in-process fallback instead.
      enableOfflineQueue: false,
      commandTimeout: options.commandTimeoutMs ?? 500,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      // Never give up: keep trying, at most `maxDelay` apart, so recovery is a few seconds.
      retryStrategy: (times: number) => Math.min(times * 100, maxDelay),
      // Our own re-subscription (below) covers channels subscribed while Redis was down.
      autoResubscribe: false,
      lazyConnect: false,
    };
    this.cmd = new Redis(options.url, common) as Redis & ScriptCommands;
    this.cmd.defineCommand('takeTokens', { numberOfKeys: 1, lua: TAKE_TOKENS_LUA });
    this.cmd.defineCommand('deleteIfValue', { numberOfKeys: 1, lua: DELETE_IF_VALUE_LUA });
    // Subscribed connections cannot run other commands: pub/sub has its own.
    this.sub = new Redis(options.url, common);

    this.cmd.on('ready', () => this.up());
    this.cmd.on('error', (error: Error) => this.down(error));
    this.cmd.on('close', () => this.down(new Error('connection closed')));
    this.sub.on('error', () => undefined); // reported through `cmd`: one warning per outage
    this.sub.on('ready', () => void this.resubscribe());
    this.sub.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  /**
   * Resolves true once connected; false on the first connection error or after `timeoutMs`
   * (the instance then starts degraded, and joins when ioredis gets through).
   */
  async connected(timeoutMs: number): Promise<boolean> {
    if (this.cmd.status === 'ready') return true;
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.cmd.off('ready', onReady);
        this.cmd.off('error', onError);
        resolve(ok);
      };
      const onReady = () => done(true);
      const onError = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.cmd.on('ready', onReady);
      this.cmd.on('error', onError);
    });
  }

  get(key: string): Promise<string | null> {
    return this.run(
      () => this.cmd.get(this.key(key)),
      () => this.fallback.get(key),
    );
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    return this.run(
      async () => {
        await this.cmd.set(this.key(key), value, 'PX', ttl(ttlMs));
      },
      () => this.fallback.set(key, value, ttlMs),
    );
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.run(
      async () => (await this.cmd.set(this.key(key), value, 'PX', ttl(ttlMs), 'NX')) === 'OK',
      () => this.fallback.setIfAbsent(key, value, ttlMs),
    );
  }

  deleteIfValue(key: string, value: string): Promise<boolean> {
    return this.run(
      async () => (await this.cmd.deleteIfValue(this.key(key), value)) === 1,
      () => this.fallback.deleteIfValue(key, value),
    );
  }

  delete(key: string): Promise<void> {
    return this.run(
      async () => {
        await this.cmd.del(this.key(key));
      },
      () => this.fallback.delete(key),
    );
  }

  takeTokens(key: string, tokens: number, bucket: TokenBucket): Promise<TokenGrant> {
    return this.run(
      async () => {
        const [granted, retryAfterMs] = await this.cmd.takeTokens(
          this.key(key),
          tokens,
          bucket.capacity,
          bucket.refillPerSecond,
        );
        return { granted: granted === 1, retryAfterMs: Number(retryAfterMs) };
      },
      () => this.fallback.takeTokens(key, tokens, bucket),
    );
  }

  async publish(channel: string, message: string): Promise<void> {
    const prefixed = this.key(channel);
    // Our own subscribers hear it through Redis, unless the subscriber connection is down.
    if (this.sub.status !== 'ready') this.deliver(prefixed, message);
    await this.run(
      async () => {
        await this.cmd.publish(prefixed, message);
      },
      () => Promise.resolve(), // delivered locally above: instances cannot be told now
    );
  }

  async subscribe(
    channel: string,
    handler: (message: string) => void,
  ): Promise<() => Promise<void>> {
    const prefixed = this.key(channel);
    const own = (message: string) => handler(message);
    let set = this.handlers.get(prefixed);
    if (!set) {
      this.handlers.set(prefixed, (set = new Set()));
      // While down, `resubscribe` on the next `ready` subscribes it.
      if (this.sub.status === 'ready') await this.sub.subscribe(prefixed).catch(() => undefined);
    }
    set.add(own);
    return async () => {
      const current = this.handlers.get(prefixed);
      current?.delete(own);
      if (current?.size === 0) {
        this.handlers.delete(prefixed);
        if (this.sub.status === 'ready') {
          await this.sub.unsubscribe(prefixed).catch(() => undefined);
        }
      }
    };
  }

  health(): StateHealth {
    if (this.outage) return { ok: false, detail: `${DEGRADED} (${this.outage.reason})` };
    if (!this.everReady) return { ok: false, detail: `connecting; ${DEGRADED}` };
    return { ok: true };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    await Promise.all(
      [this.cmd, this.sub].map(async (connection) => {
        if (connection.status === 'ready') {
          await connection.quit().catch(() => connection.disconnect());
        } else {
          connection.disconnect();
        }
      }),
    );
    await this.fallback.close();
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** Runs `remote` against Redis when connected, else (or when it fails) `local`. */
  private async run<T>(remote: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (this.cmd.status !== 'ready') return local();
    try {
      const result = await remote();
      // A Redis that stalled (commands timed out) without dropping the connection sends no
      // new `ready`: the first command answered again ends the outage.
      if (this.outage) this.up();
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Error && error.name === 'ReplyError' && !TRANSIENT_REPLY.test(message)) {
        throw error;
      }
      this.down(error instanceof Error ? error : new Error(message));
      return local();
    }
  }

  private up(): void {
    if (this.closed) return;
    this.everReady = true;
    if (this.outage) {
      this.log.info({ sharedState: 'redis' }, 'redis reachable again; shared state restored');
    }
    this.outage = undefined;
  }

  private down(error: Error): void {
    if (this.closed || this.outage) return;
    // The error's code or a short message: ioredis' messages name host and port, never the
    // password; the URL itself is never logged.
    const reason = (error as { code?: string }).code ?? error.message.slice(0, 120);
    this.outage = { reason };
    this.log.warn(
      { sharedState: 'redis', reason },
      'redis unreachable; serving on in-process state until it returns',
    );
  }

  private deliver(channel: string, message: string): void {
    for (const handler of [...(this.handlers.get(channel) ?? [])]) {
      try {
        handler(message);
      } catch (error) {
        this.log.error({ channel, err: String(error) }, 'shared-state subscriber failed');
      }
    }
  }

  private async resubscribe(): Promise<void> {
    const channels = [...this.handlers.keys()];
    if (channels.length === 0 || this.closed) return;
    await this.sub.subscribe(...channels).catch(() => undefined);
  }
}

/** A positive whole number of milliseconds (Redis refuses PX 0 and fractions). */
function ttl(ms: number): number {
  return Math.max(1, Math.ceil(ms));
}
