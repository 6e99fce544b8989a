import { describe, expect, it } from '@jest/globals';
import type { Logger } from 'pino';

import { Idempotency } from '../../src/idempotency/idempotency.js';
import type { ProviderRegistry } from '../../src/providers/registry.js';
import { createContext } from '../../src/server/context.js';

/**
 * A request's context (src/server/context.ts). Contexts built without an idempotency (tests,
 * `npm run bench:layers`) share one per process, as the server's share its own: one per context
 * kept each context's in-process store alive for ever (~0.8 KB a request, bench:layers).
 */
const registry = {} as ProviderRegistry; // data sources are made on first use: none here
const log = {} as Logger;

describe('createContext', () => {
  it('shares one idempotency between contexts built without one', () => {
    const first = createContext(registry, log);
    const second = createContext(registry, log);
    expect(first.idempotency).toBeInstanceOf(Idempotency);
    expect(second.idempotency).toBe(first.idempotency);
  });

  it('uses the idempotency it is given', () => {
    const own = new Idempotency();
    const context = createContext(registry, log, undefined, undefined, own);
    expect(context.idempotency).toBe(own);
  });

  it('keeps a well-formed request id and replaces any other', () => {
    expect(createContext(registry, log, 'req-1.a_b').requestId).toBe('req-1.a_b');
    const replaced = createContext(registry, log, 'bad id\n{"level":60}').requestId;
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});
