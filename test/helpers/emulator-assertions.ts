import { expect } from '@jest/globals';

import type { EmulatorHandle } from '../../src/emulators/emulator-server.js';

/**
 * After a test: every fault it scripted was consumed (STYLE habit 8). A fault still pending means
 * the request it was aimed at never happened, so the test did not test what it says.
 */
export function expectFaultsConsumed(emulators: Array<EmulatorHandle | undefined>): void {
  for (const emulator of emulators) {
    if (!emulator) continue;
    expect({ emulator: emulator.name, pending: emulator.faults.pending() }).toEqual({
      emulator: emulator.name,
      pending: [],
    });
  }
}

/** Provider calls so far, over every emulator's journal. */
export function upstreamCallCount(emulators: Partial<Record<string, EmulatorHandle>>): number {
  return Object.values(emulators).reduce((n, e) => n + (e?.requests().length ?? 0), 0);
}

/** Nothing reached any provider: every journal is empty (since the last reset). */
export function expectNoUpstreamCalls(emulators: Partial<Record<string, EmulatorHandle>>): void {
  for (const emulator of Object.values(emulators)) {
    if (emulator)
      expect({ emulator: emulator.name, requests: emulator.requests() }).toEqual({
        emulator: emulator.name,
        requests: [],
      });
  }
}
