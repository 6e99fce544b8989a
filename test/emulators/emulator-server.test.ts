import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import {
  startEmulatorServer,
  type EmulatorHandle,
  type EmulatorServerOptions,
} from '../../src/emulators/emulator-server.js';

/** One toy route standing in for a provider; `onCreate` counts its calls. */
function toyOptions(onCreate: () => number, resetState: () => void): EmulatorServerOptions {
  return {
    name: 'toy',
    routes: [
      {
        method: 'POST',
        path: /^\/things$/,
        operation: 'createThing',
        handle: () => ({ status: 200, body: { id: String(onCreate()) } }),
      },
    ],
    renderer: {
      providerError: (code, message) => ({ status: 400, body: { code, message } }),
      rateLimited: () => ({ status: 429, body: { code: 'slow down' } }),
      notFound: () => ({ status: 404, body: { code: 'no such path' } }),
    },
    resetState,
  };
}

/** The shared emulator shell, with one toy route standing in for a provider. */
describe('the emulator shell and its /__admin/ control plane', () => {
  let emulator: EmulatorHandle;
  let created = 0;
  beforeAll(async () => {
    emulator = await startEmulatorServer(
      toyOptions(
        () => (created += 1),
        () => {
          created = 0;
        },
      ),
    );
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  const admin = (path: string, body?: unknown) =>
    fetch(`${emulator.url}/__admin/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const create = () => fetch(`${emulator.url}/things?access_token=tok-123`, { method: 'POST' });

  it('journals provider calls without query strings, and never admin calls', async () => {
    await create();
    await fetch(`${emulator.url}/elsewhere`);
    const { requests } = (await (await admin('requests')).json()) as {
      requests: Array<{ path: string; operation: string; status: number }>;
    };
    expect(requests.map(({ path, operation, status }) => ({ path, operation, status }))).toEqual([
      { path: '/things', operation: 'createThing', status: 200 },
      { path: '/elsewhere', operation: 'unknown', status: 404 },
    ]);
    expect(JSON.stringify(requests)).not.toContain('tok-123');
  });

  it('refuses a fault of an unknown kind or operation', async () => {
    expect((await admin('faults', { kind: 'explode' })).status).toBe(400);
    const typo = await admin('faults', { kind: 'drop', operation: 'createThingz' });
    expect(typo.status).toBe(400);
    expect(await typo.json()).toEqual({ error: 'fault.operation must be one of createThing' });
  });

  it('applies a dropped-connection fault after acting, once', async () => {
    expect((await admin('faults', { kind: 'drop', operation: 'createThing' })).status).toBe(201);
    await expect(create()).rejects.toThrow();
    expect(created).toBe(1);
    expect((await create()).status).toBe(200);
    expect(emulator.calls('createThing').map((c) => c.fault ?? 'none')).toEqual(['drop', 'none']);
  });

  it('answers the provider error, rate limit or bare status a fault asks for', async () => {
    await admin('faults', {
      faults: [
        { kind: 'providerError', providerCode: 9003, operation: 'createThing' },
        { kind: 'rateLimit', operation: 'createThing' },
        { kind: 'http', status: 503, operation: 'createThing' },
        { kind: 'malformed', operation: 'createThing', phase: 'before' },
      ],
    });
    expect((await create()).status).toBe(400);
    expect((await create()).status).toBe(429);
    expect((await create()).status).toBe(503);
    const malformed = await create();
    await expect(malformed.json()).rejects.toThrow();
    expect(created).toBe(0);
  });

  it('moves the clock and puts it back on reset', async () => {
    const before = Date.now();
    const moved = (await (await admin('clock', { advanceSeconds: 86_400 })).json()) as {
      now: string;
    };
    expect(Date.parse(moved.now) - before).toBeGreaterThanOrEqual(86_400_000);
    expect((await admin('clock', { advanceSeconds: 'soon' })).status).toBe(400);
    await admin('reset', {});
    expect(Math.abs(emulator.clock.now() - Date.now())).toBeLessThan(5_000);
  });

  it('refuses a body over 1 MiB', async () => {
    const response = await fetch(`${emulator.url}/things`, {
      method: 'POST',
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
  });
});

describe('the emulator journal', () => {
  it('keeps the last calls at least, numbered since the start, and drops the older ones', async () => {
    const limit = 5;
    const emulator = await startEmulatorServer({
      ...toyOptions(
        () => 1,
        () => undefined,
      ),
      journalLimit: limit,
    });
    try {
      for (let i = 0; i < 23; i += 1) {
        await fetch(`${emulator.url}/things`, { method: 'POST' });
      }
      const seqs = emulator.requests().map((e) => e.seq);
      expect(seqs.length).toBeGreaterThanOrEqual(limit);
      expect(seqs.length).toBeLessThan(2 * limit);
      // The newest, in order, with nothing missing between them.
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 24 - seqs.length + i));
    } finally {
      await emulator.close();
    }
  });
});
