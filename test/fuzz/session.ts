import type { GraphQLSchema } from 'graphql';

import { caseArbitrary, type CaseWorld } from './case-arbitrary.js';
import { emptyPools, type FixturePools } from './fixture-ref.js';
import { createFixtures } from './fixtures.js';
import type { FuzzCase } from './fuzz-case.js';
import { FuzzServer, type HttpOutcome, type ServerLogLine } from './fuzz-server.js';
import { clip, judgeAnswer, normalise, type Violation } from './goals.js';
import {
  entityTypeNames,
  fetchCapabilities,
  introspectSchema,
  type CapabilityMap,
} from './introspection.js';
import { renderRequest, type RenderedRequest } from './render-request.js';
import { Selections } from './selection.js';

export interface SessionOptions {
  /** A request without an answer after this long is a hang (goal c). */
  requestTimeoutMs: number;
  /** Reset the emulators (and re-create fixtures) once their journals hold this many calls. */
  journalResetAbove: number;
  /** Give up after this many server restarts (each crash costs one). */
  maxRestarts: number;
}

/** Everything one sent case produced. */
export interface CaseOutcome {
  rendered: RenderedRequest;
  outcome: HttpOutcome;
  /** Provider calls the emulators journaled during the request; undefined when unknown (crash). */
  upstreamCalls: number | undefined;
  /** Server error log lines written during the request. */
  logs: ServerLogLine[];
  violations: Violation[];
  /** The process died: its stderr tail. */
  crash?: string;
  /**
   * Found before this case was sent: the process had died after the previous case answered.
   * The violation belongs to the previous case.
   */
  lateCrash?: { violation: Violation; crash: string };
}

/** Thrown when the run cannot go on (too many restarts). */
export class StopRun extends Error {}

/**
 * The server under test with what the generator needs from it: schema, capabilities, fixtures,
 * and the journal baseline. `execute` sends one case and judges it; a crash is recorded and the
 * server replaced, so the run goes on. Cases run one at a time, so journal growth during a
 * request is that request's.
 */
export class FuzzSession {
  restarts = 0;
  /**
   * Refused requests that looked like they reached a provider but made no call when replayed
   * alone: the calls were an earlier request's, landing after its answer.
   */
  unconfirmedRefusals = 0;
  /** For those: the root fields of the request just before, by count (the likely late caller). */
  lateCallers: Record<string, number> = {};
  /** Requests with bodies over 1 MiB whose 413 was lost to the server closing the connection. */
  lostOversizeAnswers = 0;
  fixtureNotes: string[] = [];
  private pools: FixturePools = emptyPools();
  private journal = 0;
  /** How many bytes of the process's stderr have been looked at (more means trouble). */
  private stderrSeen = 0;
  private previousFields = '';

  private constructor(
    private server: FuzzServer,
    readonly schema: GraphQLSchema,
    readonly world: CaseWorld,
    private readonly selections: Selections,
    private readonly options: SessionOptions,
  ) {}

  static async start(options: SessionOptions): Promise<FuzzSession> {
    const server = await FuzzServer.start();
    try {
      const schema = await introspectSchema(server);
      const capabilities: CapabilityMap = await fetchCapabilities(server);
      const world: CaseWorld = {
        schema,
        capabilities,
        providers: Object.keys(capabilities),
        entityTypes: entityTypeNames(schema),
        now: Date.now(),
      };
      const session = new FuzzSession(server, schema, world, new Selections(schema), options);
      await session.refreshFixtures();
      return session;
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  /** The arbitrary of cases for this server's schema and capabilities. */
  caseArbitrary() {
    return caseArbitrary(this.world);
  }

  fixtureCounts(): Record<string, number> {
    return Object.fromEntries(
      Object.entries(this.pools).map(([kind, list]) => [kind, list.length]),
    );
  }

  /** Writes a case out against the current fixtures (for reports). */
  render(fuzzCase: FuzzCase): RenderedRequest {
    return renderRequest(fuzzCase, this.schema, this.selections, this.pools);
  }

  async execute(fuzzCase: FuzzCase, index: number): Promise<CaseOutcome> {
    // The previous request may have ended the process just after its answer (an unhandled
    // rejection): Node reports on stderr within milliseconds and exits a little later.
    let lateCrash: CaseOutcome['lateCrash'];
    if (!this.server.alive || this.server.stderrBytes() > this.stderrSeen) {
      if (await this.diedWithin(300)) {
        const crash = this.server.stderrTail();
        lateCrash = { violation: this.crashViolation(crash, this.previousFields), crash };
        await this.restart();
      }
    }
    const rendered = this.render(fuzzCase);
    rendered.http.headers['x-request-id'] = `fuzz-${index}`;
    const fields = [...new Set(Object.values(rendered.rootKeys))].sort().join('+');
    const before = this.previousFields;
    this.previousFields = fields;
    const logs = this.server.captureLogs();
    const stderrBefore = this.server.stderrBytes();
    const outcome = await this.server.send(rendered.http, this.options.requestTimeoutMs);
    const violations: Violation[] = [];
    const result = (extra: Partial<CaseOutcome> = {}): CaseOutcome => {
      this.stderrSeen = this.server.stderrBytes();
      return { rendered, outcome, upstreamCalls: undefined, logs, violations, lateCrash, ...extra };
    };

    if (outcome.kind === 'answer') {
      const internal = outcome.text.includes('INTERNAL_SERVER_ERROR');
      // The masked error's log line is written before the answer; let its pipe catch up.
      if (internal) await until(() => logs.length > 0, 250);
      const after = await this.server.journalTotal();
      const stderrGrew = this.server.stderrBytes() > stderrBefore;
      const died =
        after === undefined ||
        ((internal || stderrGrew) && (await this.diedWithin(stderrGrew ? 300 : 60)));
      if (!died) {
        let upstreamCalls = after - this.journal;
        this.journal = after;
        const judged = judgeAnswer({ outcome, rootKeys: rendered.rootKeys, upstreamCalls, logs });
        if (judged.some((v) => v.goal === 'd')) {
          // Calls of an earlier request can land late (the server answered before all of its
          // provider calls finished): only a replay on quiet emulators proves these are ours.
          const replayed = await this.upstreamCallsAlone(rendered);
          if (replayed === 0) {
            this.unconfirmedRefusals += 1;
            this.lateCallers[before] = (this.lateCallers[before] ?? 0) + 1;
            judged.splice(0, judged.length, ...judged.filter((v) => v.goal !== 'd'));
          } else {
            upstreamCalls = replayed;
          }
        }
        violations.push(...judged);
        if (this.journal > this.options.journalResetAbove) await this.resetEmulators();
        return result({ upstreamCalls });
      }
      // Goals a and b still hold for the answer; the journal went with the process.
      violations.push(
        ...judgeAnswer({ outcome, rootKeys: rendered.rootKeys, upstreamCalls: 0, logs }),
      );
    }
    // No answer, or the process went away right after answering.
    if (await this.diedWithin(300)) {
      const crash = this.server.stderrTail();
      violations.push(this.crashViolation(crash, fields));
      await this.restart();
      return result({ crash });
    }
    if (outcome.kind === 'timeout') {
      violations.push({
        goal: 'c',
        signature: `c|timeout|${fields}`,
        summary: `no answer within ${this.options.requestTimeoutMs} ms for ${fields}`,
      });
    } else if (
      outcome.kind === 'network' &&
      overLimit(rendered) &&
      /EPIPE|ECONNRESET/.test(outcome.error)
    ) {
      // The server answers a body over its limit with 413 before reading it, and closes; when
      // the close beats the answer to the client, the client sees only a broken pipe. By design
      // (src/server/http/body.ts), so counted, not failed.
      this.lostOversizeAnswers += 1;
    } else if (outcome.kind === 'network') {
      violations.push({
        goal: 'c',
        signature: `c|no-answer|${fields}|${normalise(outcome.error)}`,
        summary: `connection closed without an answer for ${fields}: ${outcome.error}`,
      });
    }
    this.journal = (await this.server.journalTotal()) ?? this.journal;
    return result();
  }

  /** Provider calls `rendered` makes when sent alone, once the emulators' journals are still. */
  private async upstreamCallsAlone(rendered: RenderedRequest): Promise<number> {
    const before = await this.quietJournal();
    await this.server.send(rendered.http, this.options.requestTimeoutMs);
    const after = await this.quietJournal();
    this.journal = after;
    return after - before;
  }

  /** The journal total once two reads 25 ms apart agree (at most ~1 s). */
  private async quietJournal(): Promise<number> {
    let last = (await this.server.journalTotal()) ?? 0;
    for (let i = 0; i < 40; i++) {
      await sleep(25);
      const now = (await this.server.journalTotal()) ?? last;
      if (now === last) return now;
      last = now;
    }
    return last;
  }

  /** Whether the process is gone, or goes within `ms` (or stops answering /healthz). */
  private async diedWithin(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (this.server.alive && Date.now() < deadline) await sleep(5);
    return !this.server.alive || !(await this.server.healthy(1_000));
  }

  private crashViolation(stderr: string, fields: string): Violation {
    const cause = crashCause(stderr);
    // One kind per root field and error class: the message quotes the input.
    const errorClass = cause.split(':')[0]!.trim();
    return {
      goal: 'c',
      signature: `c|crash|${fields}|${normalise(errorClass)}`,
      summary: `the process died (${clip(cause)}) after ${fields || 'a request'}`,
    };
  }

  /** `GET /healthz`; a failure is goal c, and the server is replaced. */
  async checkHealth(): Promise<Violation | undefined> {
    if (await this.server.healthy()) return undefined;
    const cause = crashCause(this.server.stderrTail());
    await this.restart();
    return {
      goal: 'c',
      signature: `c|healthz|${normalise(cause)}`,
      summary: `GET /healthz failed (${cause})`,
    };
  }

  /**
   * Sends `fuzzCase` alone on a fresh server, then waits a little: its violations, including a
   * crash that comes after the answer.
   */
  async replayAlone(fuzzCase: FuzzCase): Promise<Violation[]> {
    await this.restart();
    const outcome = await this.execute(fuzzCase, -1);
    const violations = [...outcome.violations];
    await sleep(300);
    if (!violations.some((v) => v.goal === 'c') && (await this.diedWithin(0))) {
      const fields = [...new Set(Object.values(outcome.rendered.rootKeys))].sort().join('+');
      violations.push(this.crashViolation(this.server.stderrTail(), fields));
      await this.restart();
    }
    return violations;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  private async restart(): Promise<void> {
    this.restarts += 1;
    if (this.restarts > this.options.maxRestarts) {
      throw new StopRun(`stopped after ${this.options.maxRestarts} server restarts`);
    }
    await this.server.stop();
    this.server = await FuzzServer.start();
    this.stderrSeen = 0;
    await this.refreshFixtures();
  }

  private async resetEmulators(): Promise<void> {
    await this.server.resetEmulators();
    await this.refreshFixtures();
  }

  /** Fixtures on the current server, and the journal baseline after creating them. */
  private async refreshFixtures(): Promise<void> {
    const { pools, notes } = await createFixtures(
      this.server,
      this.world.capabilities,
      this.world.now,
    );
    this.pools = pools;
    for (const note of notes) if (!this.fixtureNotes.includes(note)) this.fixtureNotes.push(note);
    this.journal = (await this.server.journalTotal()) ?? 0;
  }
}

/** Whether the request's body is over the server's default body limit (1 MiB). */
function overLimit(rendered: RenderedRequest): boolean {
  return Buffer.byteLength(rendered.http.body ?? '') > 1024 * 1024;
}

/** The error line of a crash report on stderr (`TypeError: …`), else its last line. */
export function crashCause(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim());
  const error = lines.find((l) => /^([A-Z]\w*)?Error\b|^Uncaught|^\[\w+\]/.test(l));
  return error ?? lines.filter(Boolean).at(-1) ?? 'no output';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await sleep(5);
}
