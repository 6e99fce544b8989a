import type { AppConfig } from '../config/config.types.js';
import type { EmulatorHandle } from '../emulators/emulator-server.js';
import { providerConfigOf, type ProviderDescriptor } from './provider-descriptor.js';

/**
 * Starts one provider's emulator (its descriptor's `startEmulator`) with that provider's
 * configured settings: its credentials, and extras such as umeeting's time zone.
 */
export function startEmulator(
  descriptor: ProviderDescriptor,
  config: AppConfig,
  listen: { host?: string; port?: number } = {},
): Promise<EmulatorHandle> {
  return descriptor.startEmulator({ ...listen, config: providerConfigOf(config, descriptor) });
}
