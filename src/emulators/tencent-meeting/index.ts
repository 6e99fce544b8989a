import type { TencentMeetingCredentials } from '../../config/config.types.js';
import type { EmulatorClock } from '../clock.js';
import { startEmulatorServer, type EmulatorHandle } from '../emulator-server.js';

export interface TencentMeetingEmulatorOptions {
  credentials: TencentMeetingCredentials;
  host?: string;
  port?: number;
  clock?: EmulatorClock;
}

// TODO(provider issue): placeholder emulator with no provider routes yet.
export function startTencentMeetingEmulator(
  options: TencentMeetingEmulatorOptions,
): Promise<EmulatorHandle> {
  return startEmulatorServer({
    name: 'tencent-meeting',
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
