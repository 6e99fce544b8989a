import type { UmeetingCredentials } from '../../config/config.types.js';
import type { EmulatorClock } from '../clock.js';
import { startEmulatorServer, type EmulatorHandle } from '../emulator-server.js';

export interface UmeetingEmulatorOptions {
  credentials: UmeetingCredentials;
  host?: string;
  port?: number;
  clock?: EmulatorClock;
}

// TODO(provider issue): placeholder emulator with no provider routes yet.
export function startUmeetingEmulator(options: UmeetingEmulatorOptions): Promise<EmulatorHandle> {
  return startEmulatorServer({
    name: 'umeeting',
    host: options.host,
    port: options.port,
    clock: options.clock,
    routes: [],
    renderer: {
      providerError: (code) => ({ status: 400, body: { error: code } }),
      rateLimited: () => ({ status: 429, body: { error: 'rate limited' } }),
      notFound: () => ({ status: 404, body: { error: 'not found' } }),
    },
    resetState: () => undefined,
  });
}
