import { createHash, randomUUID } from 'node:crypto';

import type { Logger } from 'pino';

import { ApiError } from '../errors/api-errors.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import { decodeGlobalId } from '../schema/ids.js';
import type { SharedState } from '../state/shared-state.js';
import { decodeCached, encodeCached } from './cache-codec.js';
import {
  INVALIDATION_CHANNEL,
  LOCK_POLL_MS,
  LOCK_TTL_MS,
  LOCK_WAIT_MS,
  STALE_FACTOR,
} from './read-cache-settings.js';

export type CachedKind = 'meeting' | 'webinar';

/** What a lookup answered from: `hit` (fresh entry), `miss` (provider read), `stale`, `coalesced`. */
export type CacheOutcome = 'hit' | 'miss' | 'stale' | 'coalesced';

export interface ReadCacheOptions {
  state: SharedState;
  /** READ_CACHE_TTL_SECONDS; 0: every lookup reads the provider, nothing is kept. */
  ttlSeconds: number;
  log: Logger;
  /** Counts lookups by outcome (metrics). */
  onOutcome?: (kind: CachedKind, outcome: CacheOutcome) => void;
}

/** One entry: the provider's answer (null: it said "no such") and when it stops being fresh. */
interface Entry<T> {
  freshUntil: number;
  value: T | null;
}

/** A read of one key in flight in this process; `invalidated` once a write overtook it. */
interface Flight<T> {
  promise: Promise<T | null | Error>;
  invalidated: boolean;
}

type Answer<T> = T | null | Error;

/**
 * The read cache (scale-out issue, docs/scale-out.md "Read cache"): meetings and webinars by id
 * and by code, as the provider answered them, in the shared state (so every instance sees the
 * same entries) for READ_CACHE_TTL_SECONDS, then kept STALE_FACTOR times longer for when the
 * quota governor says no.
 *
 * - Coalescing: one provider read per key at a time in this process (a map of flights), and
 *   across instances (a short lock in the shared state: the others wait up to LOCK_WAIT_MS for
 *   its entry, then read themselves rather than fail).
 * - Invalidation: every write through the API reports to `Loaders.written`, which calls
 *   `invalidate`: the entry is deleted before the mutation answers (so any instance reading
 *   after it reads the provider) and the key is announced on INVALIDATION_CHANNEL, so reads in
 *   flight on any instance do not store what they got from before the write.
 * - What is cached is the provider's answer; who may see which field is decided at resolve time
 *   (src/auth/field-guards.ts), for every caller, hit or miss.
 */
export class ReadCache {
  readonly ttlMs: number;
  private readonly flights = new Map<string, Flight<unknown>>();
  /** Bumped by every invalidation: a by-code read that spans one does not store its answer. */
  private epoch = 0;
  private readonly instance = randomUUID();
  /**
   * The whole-response cache's generation (server/plugins/response-cache.plugin.ts): part of its
   * key, so a change stops every earlier whole answer from being served. It is the id of the
   * last invalidation message, the same on every instance once each has received it (so instances
   * share whole answers); from a write's start or a message's arrival until its delete is done
   * it is a value of this instance alone (whole answers built then are never served). Starts as
   * one of this instance alone: writes made before it started are not counted in it.
   */
  private responseGeneration = localGeneration();
  /** Invalidations seen (own writes and messages): a late re-delete never sets an older one. */
  private messages = 0;
  /** This instance's invalidations waiting for their own message, by id. */
  private readonly awaitingOwn = new Map<string, () => void>();
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(private readonly options: ReadCacheOptions) {
    this.ttlMs = Math.max(0, options.ttlSeconds) * 1000;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** The whole-response cache's generation: changes with every write seen (own or another's). */
  get generation(): string {
    return this.responseGeneration;
  }

  /** Listens for other instances' invalidations. */
  async start(): Promise<void> {
    if (!this.enabled || this.unsubscribe) return;
    this.unsubscribe = await this.options.state.subscribe(INVALIDATION_CHANNEL, (message) =>
      this.onInvalidation(message),
    );
  }

  async close(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.().catch(() => undefined);
  }

  /**
   * Answers for `ids` (global ids), one per id, in order: from fresh entries, else through `read`
   * (the provider, batched), which is called once with every id no other request is reading.
   */
  async loadMany<T>(
    kind: CachedKind,
    ids: readonly string[],
    read: (ids: readonly string[]) => Promise<Array<Answer<T>>>,
  ): Promise<Array<Answer<T>>> {
    if (!this.enabled) return read(ids);
    const results: Array<Answer<T>> = new Array<Answer<T>>(ids.length).fill(null);
    const joined: Array<Promise<void>> = [];
    const own: Array<{ index: number; id: string; key: string; settle: Settle<T> }> = [];
    const direct: Array<{ index: number; id: string }> = [];
    ids.forEach((id, index) => {
      const key = entityKey(kind, id);
      if (key === undefined) return void direct.push({ index, id });
      const flight = this.flights.get(key) as Flight<T> | undefined;
      if (flight && !flight.invalidated) {
        this.count(kind, 'coalesced');
        joined.push(flight.promise.then((answer) => void (results[index] = answer)));
        return;
      }
      own.push({ index, id, key, settle: this.fly<T>(key) });
    });
    const readDirect = async () => {
      if (direct.length === 0) return;
      const answers = await readSafely(
        read,
        direct.map((d) => d.id),
      );
      direct.forEach((d, i) => (results[d.index] = answers[i] ?? null));
    };
    const readOwn = async () => {
      if (own.length === 0) return;
      let answers: Array<Answer<T>>;
      try {
        answers = await this.resolveKeys(
          kind,
          own.map((o) => ({ id: o.id, key: o.key, flight: o.settle.flight })),
          read,
        );
      } catch (error) {
        // Never leave the requests that joined these flights hanging.
        answers = own.map(() => (error instanceof Error ? error : new Error(String(error))));
      }
      own.forEach((o, i) => {
        results[o.index] = answers[i];
        o.settle.done(answers[i]);
      });
    };
    await Promise.all([readDirect(), readOwn(), ...joined]);
    return results;
  }

  /**
   * A meeting or webinar by code: a pointer entry (code → entity key) to the same entry `loadMany`
   * uses, so a write's invalidation by id also reaches reads by code. "None" is not kept.
   */
  async byCode<T extends { id: string }>(
    kind: CachedKind,
    lookup: { provider: Provider; code: string; organizer?: string },
    read: () => Promise<T | null>,
  ): Promise<T | null> {
    if (!this.enabled) return read();
    // Hashed: the code and organizer are client text; keys stay short and printable.
    const digest = createHash('sha256')
      .update(JSON.stringify([kind, lookup.provider, lookup.organizer ?? null, lookup.code]))
      .digest('hex')
      .slice(0, 32);
    const pointer = `read:code:${digest}`;
    const flight = this.flights.get(pointer) as Flight<T> | undefined;
    if (flight && !flight.invalidated) {
      this.count(kind, 'coalesced');
      const answer = await flight.promise;
      if (answer instanceof Error) throw answer;
      return answer;
    }
    const settle = this.fly<T>(pointer);
    const answer = await this.resolveByCode(kind, pointer, read, settle.flight);
    settle.done(answer);
    if (answer instanceof Error) throw answer;
    return answer;
  }

  /** After a write on `id` (a global id): forget it here and on every instance. */
  async invalidate(kind: CachedKind, id: string): Promise<void> {
    if (!this.enabled) return;
    const key = entityKey(kind, id);
    if (key === undefined) return;
    this.forgetLocally(key);
    const message = randomUUID();
    let arrived!: () => void;
    const ownMessage = new Promise<void>((resolve) => (arrived = resolve));
    this.awaitingOwn.set(message, arrived);
    try {
      await this.options.state.delete(key);
      // Its id becomes every instance's generation, this one's included, as the message arrives
      // (until then this one's is its own: whole answers built meanwhile are never served). The
      // write answers once it has arrived here, so this instance serves no earlier whole answer.
      await this.options.state.publish(
        INVALIDATION_CHANNEL,
        JSON.stringify({ from: this.instance, key, id: message }),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        ownMessage,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, LOCK_WAIT_MS).unref())),
      ]);
      clearTimeout(timer);
    } catch (error) {
      this.options.log.warn({ err: String(error) }, 'read cache: invalidation not shared');
    } finally {
      this.awaitingOwn.delete(message);
    }
  }

  /** Fresh entries, else the provider (under the cross-instance lock), for keys of this process. */
  private async resolveKeys<T>(
    kind: CachedKind,
    keys: Array<{ id: string; key: string; flight: Flight<T> }>,
    read: (ids: readonly string[]) => Promise<Array<Answer<T>>>,
  ): Promise<Array<Answer<T>>> {
    const answers: Array<Answer<T>> = new Array<Answer<T>>(keys.length).fill(null);
    const stale = new Map<number, Entry<T>>();
    const owners: number[] = [];
    const waiters: number[] = [];
    const tokens = new Map<number, string>();
    await Promise.all(
      keys.map(async ({ key }, i) => {
        const entry = await this.getEntry<T>(key);
        if (entry && entry.freshUntil > Date.now()) {
          this.count(kind, 'hit');
          answers[i] = entry.value;
          return;
        }
        if (entry) stale.set(i, entry);
        const token = randomUUID();
        if (!(await this.lock(key, token))) return void waiters.push(i);
        // Another instance may have stored its read and let go between our look and our lock.
        const again = await this.getEntry<T>(key);
        if (again && again.freshUntil > Date.now()) {
          await this.unlock(key, token);
          this.count(kind, 'coalesced');
          answers[i] = again.value;
          return;
        }
        tokens.set(i, token);
        owners.push(i);
      }),
    );
    const readAndStore = async (indexes: number[]) => {
      if (indexes.length === 0) return;
      const got = await readSafely(
        read,
        indexes.map((i) => keys[i]!.id),
      );
      await Promise.all(
        indexes.map(async (i, n) => {
          const { key, flight } = keys[i]!;
          const answer = got[n] ?? null;
          answers[i] = this.afterRead(kind, answer, stale.get(i));
          if (!(answer instanceof Error) && !flight.invalidated) await this.setEntry(key, answer);
          const token = tokens.get(i);
          if (token) await this.unlock(key, token);
        }),
      );
    };
    const waitThenRead = async () => {
      const leftovers: number[] = [];
      await Promise.all(
        waiters.map(async (i) => {
          const entry = await this.waitForOther<T>(keys[i]!.key);
          if (entry) {
            this.count(kind, 'coalesced');
            answers[i] = entry.value;
          } else {
            leftovers.push(i);
          }
        }),
      );
      await readAndStore(leftovers);
    };
    await Promise.all([readAndStore(owners), waitThenRead()]);
    return answers;
  }

  private async resolveByCode<T extends { id: string }>(
    kind: CachedKind,
    pointer: string,
    read: () => Promise<T | null>,
    flight: Flight<T>,
  ): Promise<Answer<T>> {
    const startEpoch = this.epoch;
    const cached = async (): Promise<{ fresh?: Entry<T>; stale?: Entry<T> }> => {
      const target = await this.safeGet(pointer);
      if (target === null) return {};
      const entry = await this.getEntry<T>(target);
      if (!entry || entry.value === null) return {};
      return entry.freshUntil > Date.now() ? { fresh: entry } : { stale: entry };
    };
    const first = await cached();
    if (first.fresh) {
      this.count(kind, 'hit');
      return first.fresh.value;
    }
    const token = randomUUID();
    const owner = await this.lock(pointer, token);
    if (owner) {
      // Another instance may have stored its read and let go between our look and our lock.
      const again = await cached();
      if (again.fresh) {
        await this.unlock(pointer, token);
        this.count(kind, 'coalesced');
        return again.fresh.value;
      }
    } else {
      const deadline = Date.now() + LOCK_WAIT_MS;
      while (Date.now() < deadline) {
        await delay(LOCK_POLL_MS);
        // The lock first: a reader stores before it lets go, so a lock seen gone means its entry
        // (if it stored one) is there for the look after.
        const held = (await this.safeGet(lockKey(pointer))) !== null;
        const now = await cached();
        if (now.fresh) {
          this.count(kind, 'coalesced');
          return now.fresh.value;
        }
        if (!held) break;
      }
    }
    let answer: Answer<T>;
    try {
      answer = await read();
    } catch (error) {
      answer = error instanceof Error ? error : new Error(String(error));
    }
    const result = this.afterRead(kind, answer, first.stale);
    if (answer && !(answer instanceof Error) && !flight.invalidated && this.epoch === startEpoch) {
      const key = entityKey(kind, answer.id);
      if (key !== undefined) {
        await this.setEntry(key, answer);
        await this.safeSet(pointer, key, this.ttlMs * STALE_FACTOR);
      }
    }
    if (owner) await this.unlock(pointer, token);
    return result;
  }

  /** A provider answer, or the stale entry when the provider (or our governor) said "later". */
  private afterRead<T>(kind: CachedKind, answer: Answer<T>, stale: Entry<T> | undefined) {
    if (answer instanceof Error && stale && isRateLimited(answer)) {
      this.count(kind, 'stale');
      return stale.value;
    }
    this.count(kind, 'miss');
    return answer;
  }

  /** Registers this process's read of `key`; `done` settles it for the requests that joined. */
  private fly<T>(key: string): Settle<T> {
    let done!: (answer: Answer<T>) => void;
    const promise = new Promise<Answer<T>>((resolve) => (done = resolve));
    const flight: Flight<T> = { promise, invalidated: false };
    this.flights.set(key, flight as Flight<unknown>);
    return {
      flight,
      done: (answer) => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
        done(answer);
      },
    };
  }

  private onInvalidation(message: string): void {
    let parsed: { from?: unknown; key?: unknown; id?: unknown };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      return;
    }
    if (typeof parsed.key !== 'string') return;
    // Every message, ours included, in the order the state delivers them (the same on every
    // instance): the whole-response generation becomes the message's id, so all instances stop
    // serving earlier whole answers at once and then share the later ones.
    const id = typeof parsed.id === 'string' ? parsed.id : localGeneration();
    if (parsed.from === this.instance) {
      this.messages += 1;
      this.responseGeneration = id;
      this.awaitingOwn.get(id)?.();
      return;
    }
    this.forgetLocally(parsed.key);
    const seen = this.messages;
    // Again here: a read on this instance that began before the write may have stored its answer
    // between the writer's delete and this message.
    void this.options.state
      .delete(parsed.key)
      .catch(() => undefined)
      .then(() => {
        // Unless a later message or write came meanwhile.
        if (this.messages === seen) this.responseGeneration = id;
      });
  }

  private forgetLocally(key: string): void {
    this.epoch += 1;
    this.messages += 1;
    this.responseGeneration = localGeneration();
    const flight = this.flights.get(key);
    if (flight) {
      flight.invalidated = true;
      this.flights.delete(key);
    }
  }

  /** Waits for another instance's read of `key`: its entry, or undefined (then read yourself). */
  private async waitForOther<T>(key: string): Promise<Entry<T> | undefined> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    while (Date.now() < deadline) {
      await delay(LOCK_POLL_MS);
      // The lock first: its holder stores before it lets go, so a lock seen gone means its entry
      // (if it stored one) is there for the look after. The other order could miss both.
      const held = (await this.safeGet(lockKey(key))) !== null;
      const entry = await this.getEntry<T>(key);
      if (entry && entry.freshUntil > Date.now()) return entry;
      if (!held) return undefined;
    }
    return undefined;
  }

  private async getEntry<T>(key: string): Promise<Entry<T> | undefined> {
    const text = await this.safeGet(key);
    if (text === null) return undefined;
    try {
      const entry = decodeCached<{ f: number; v: T | null }>(text);
      return { freshUntil: entry.f, value: entry.v };
    } catch {
      return undefined; // not ours (a format change across a deploy): read it again
    }
  }

  private setEntry<T>(key: string, value: T | null): Promise<void> {
    const text = encodeCached({ f: Date.now() + this.ttlMs, v: value });
    return this.safeSet(key, text, this.ttlMs * STALE_FACTOR);
  }

  /** The lock of `key`; a state that cannot answer is as good as a lock (read yourself). */
  private async lock(key: string, token: string): Promise<boolean> {
    try {
      return await this.options.state.setIfAbsent(lockKey(key), token, LOCK_TTL_MS);
    } catch {
      return true;
    }
  }

  private async unlock(key: string, token: string): Promise<void> {
    await this.options.state.deleteIfValue(lockKey(key), token).catch(() => false);
  }

  /** The cache is an optimisation: a state that cannot answer is a miss, never an error. */
  private async safeGet(key: string): Promise<string | null> {
    try {
      return await this.options.state.get(key);
    } catch {
      return null;
    }
  }

  private async safeSet(key: string, value: string, ttlMs: number): Promise<void> {
    try {
      await this.options.state.set(key, value, ttlMs);
    } catch {
      // not kept: the next read reads the provider
    }
  }

  private count(kind: CachedKind, outcome: CacheOutcome): void {
    this.options.onOutcome?.(kind, outcome);
  }
}

interface Settle<T> {
  flight: Flight<T>;
  done(answer: Answer<T>): void;
}

/**
 * The key of what a global id names: kind, provider, provider id. A legacy Tencent id and the
 * creator id of the same meeting share it (they resolve to the same entity, src/schema/ids.ts).
 */
function entityKey(kind: CachedKind, id: string): string | undefined {
  try {
    const parts = decodeGlobalId(id, 'id');
    return `read:${kind}:${parts.provider}:${parts.providerId}`;
  } catch {
    return undefined;
  }
}

/** A generation no other instance has: whole answers kept under it are never served again. */
function localGeneration(): string {
  return `local:${randomUUID()}`;
}

function lockKey(key: string): string {
  return `lock:${key}`;
}

function isRateLimited(error: Error): boolean {
  return error instanceof ApiError && error.code === 'PROVIDER_RATE_LIMITED';
}

/** `read`'s answers; a batch that throws is that error for each id. */
async function readSafely<T>(
  read: (ids: readonly string[]) => Promise<Array<Answer<T>>>,
  ids: readonly string[],
): Promise<Array<Answer<T>>> {
  try {
    return await read(ids);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return ids.map(() => failure);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
