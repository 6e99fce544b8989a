import { connect, type Socket } from 'node:net';

/**
 * A raw TCP connection to the server, for what `fetch` cannot do: send headers that promise a
 * body and then withhold it, trickle bytes, or count how much the server let us send.
 */
export interface RawConnection {
  readonly socket: Socket;
  /** Everything received so far, as latin1 text. */
  received(): string;
  /** Whether the server has closed (or reset) the connection. */
  isClosed(): boolean;
  /** Resolves with everything received once the connection is closed, either side. */
  readonly closed: Promise<string>;
  /** Resolves with everything received once `pattern` appears in it; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Writes, waiting for the socket to drain; resolves false once the connection is closed. */
  write(data: string | Buffer): Promise<boolean>;
}

export async function openRaw(baseUrl: string): Promise<RawConnection> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let text = '';
  let closed = false;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    notify();
  });
  // A reset after the server's answer (it closed with our bytes unread) is expected here.
  socket.on('error', () => {});
  const closedPromise = new Promise<string>((resolve) => {
    socket.once('close', () => {
      closed = true;
      notify();
      resolve(text);
    });
  });
  return {
    socket,
    received: () => text,
    isClosed: () => closed,
    closed: closedPromise,
    waitFor: (pattern, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) {
            cleanup();
            resolve(text);
          } else if (closed) {
            cleanup();
            reject(new Error(`connection closed before ${pattern}; received: ${text}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; received: ${text}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    write: async (data) => {
      if (closed || socket.destroyed) return false;
      if (socket.write(data)) return true;
      const drained = new Promise<void>((resolve) => socket.once('drain', resolve));
      await Promise.race([drained, closedPromise]);
      return !closed && !socket.destroyed;
    },
  };
}

/** Resolves with `promise`'s value, or rejects when it takes longer than `ms`. */
export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
