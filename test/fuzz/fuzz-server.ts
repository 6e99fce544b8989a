import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

/** What `server-process.ts` announces once it listens. */
export interface ServerUrls {
  url: string;
  graphqlUrl: string;
  /** Base URL of each sandbox emulator, by provider. */
  emulators: Record<string, string>;
}

/** A request as the fuzzer sends it (see `render-request.ts`). */
export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Query string for GET, starting with `?`. */
  search?: string;
  headers: Record<string, string>;
  body?: string;
}

/** What came back for one request. */
export type HttpOutcome =
  | { kind: 'answer'; status: number; text: string; ms: number }
  | { kind: 'timeout'; ms: number }
  /** The connection failed or was closed without an answer. */
  | { kind: 'network'; error: string; ms: number };

/** One server log line of level error or above (pino JSON, parsed). */
export interface ServerLogLine {
  level: number;
  msg?: string;
  err?: unknown;
  [key: string]: unknown;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const STDERR_TAIL_CHARS = 8_000;

/**
 * The server under test in a child process (`server-process.ts`), with the HTTP calls the fuzzer
 * makes to it and to its emulators' `/__admin/` control planes. A crashed one is replaced by
 * starting another (`FuzzSession`). Only the child this handle spawned is ever signalled.
 */
export class FuzzServer {
  private stderr = '';
  private stderrReceived = 0;
  private logSink: ServerLogLine[] = [];
  private exited = false;
  private urlsOrUndefined: ServerUrls | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrReceived += chunk.length;
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    child.once('exit', () => {
      this.exited = true;
    });
  }

  get urls(): ServerUrls {
    if (!this.urlsOrUndefined) throw new Error('the fuzz server has not started');
    return this.urlsOrUndefined;
  }

  /** Spawns the server and waits until it listens (or fails within `timeoutMs`). */
  static async start(timeoutMs = 60_000): Promise<FuzzServer> {
    const child = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', '--no-warnings', ENTRY],
      {
        cwd: REPO_ROOT,
        // jest's `--experimental-vm-modules` is not for the child.
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const handle = new FuzzServer(child);
    handle.urlsOrUndefined = await new Promise<ServerUrls>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`fuzz server did not start within ${timeoutMs} ms:\n${handle.stderr}`));
      }, timeoutMs);
      let buffered = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const message = parseLine(buffered.slice(0, newline));
          buffered = buffered.slice(newline + 1);
          if (message?.ready) {
            clearTimeout(timer);
            resolve(message.ready);
          } else if (message?.log !== undefined) {
            handle.acceptLog(message.log);
          }
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`fuzz server exited (${code ?? signal}) before listening:\n${handle.stderr}`),
        );
      });
    });
    return handle;
  }

  /** False once the process has exited. */
  get alive(): boolean {
    return !this.exited && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last few KiB the process wrote to stderr (a crash report ends up here). */
  stderrTail(): string {
    return this.stderr;
  }

  /** How many bytes the process has written to stderr so far (it writes there when dying). */
  stderrBytes(): number {
    return this.stderrReceived;
  }

  /** Starts a fresh list that receives the server's error log lines until the next call. */
  captureLogs(): ServerLogLine[] {
    this.logSink = [];
    return this.logSink;
  }

  private acceptLog(line: string) {
    try {
      this.logSink.push(JSON.parse(line) as ServerLogLine);
    } catch {
      this.logSink.push({ level: 50, msg: line });
    }
  }

  /** Sends one request to `/graphql`; never throws. */
  async send(request: HttpRequest, timeoutMs: number): Promise<HttpOutcome> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const { status, text } = await httpRequest(`${this.urls.graphqlUrl}${request.search ?? ''}`, {
        ...request,
        timeoutMs,
      });
      return { kind: 'answer', status, text, ms: ms() };
    } catch (error) {
      if (error instanceof TimeoutError) return { kind: 'timeout', ms: ms() };
      return { kind: 'network', error: String(error), ms: ms() };
    }
  }

  /** GraphQL for the harness itself (fixtures, capabilities); throws on anything but JSON. */
  async graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] }> {
    const { text } = await httpRequest(this.urls.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      timeoutMs: 30_000,
    });
    return JSON.parse(text) as {
      data?: T | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  }

  /** `GET /healthz` answered 200 within `timeoutMs`. */
  async healthy(timeoutMs = 3_000): Promise<boolean> {
    if (!this.alive) return false;
    try {
      const { status } = await httpRequest(`${this.urls.url}/healthz`, { timeoutMs });
      return status === 200;
    } catch {
      return false;
    }
  }

  /**
   * The number of provider calls in all emulators' journals (`GET /__admin/requests`), or
   * undefined when an emulator does not answer (the process is gone).
   */
  async journalTotal(): Promise<number | undefined> {
    try {
      const lengths = await Promise.all(
        Object.values(this.urls.emulators).map(async (base) => {
          const { text } = await httpRequest(`${base}/__admin/requests`, { timeoutMs: 5_000 });
          return (JSON.parse(text) as { requests: unknown[] }).requests.length;
        }),
      );
      return lengths.reduce((sum, n) => sum + n, 0);
    } catch {
      return undefined;
    }
  }

  /** `POST /__admin/reset` on every emulator: state, journal, faults and clock. */
  async resetEmulators(): Promise<void> {
    await Promise.all(
      Object.values(this.urls.emulators).map((base) =>
        httpRequest(`${base}/__admin/reset`, { method: 'POST', timeoutMs: 5_000 }),
      ),
    );
  }

  /** Stops the process (SIGTERM, then SIGKILL after `graceMs`). */
  async stop(graceMs = 3_000): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

function parseLine(line: string): { ready?: ServerUrls; log?: string } | undefined {
  try {
    return JSON.parse(line) as { ready?: ServerUrls; log?: string };
  } catch {
    return undefined;
  }
}

class TimeoutError extends Error {}

/** Keep-alive connections, as a client would hold them (and much cheaper than fetch). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** One HTTP exchange on loopback; rejects on a network error or after `timeoutMs`. */
function httpRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs: number;
  },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let timedOut = false;
    let answered = false;
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(timedOut ? new TimeoutError(`no answer within ${options.timeoutMs} ms`) : error);
    };
    const request = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        const done = () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        };
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', done);
        // A server may answer early (413) and close while the body is still being sent: the
        // answer counts, as it would for a careful client.
        response.on('error', () => done());
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new TimeoutError('timeout'));
    }, options.timeoutMs);
    request.on('error', (error) => {
      if (!answered || timedOut) fail(error);
    });
    request.end(options.body);
  });
}
