import type { AppConfig } from '../config/config.types.js';
import { Provider } from '../schema/enums/provider.enum.js';
import { UnreachableCaseError } from '../util/unreachable-case-error.js';
import type { EmulatorHandle } from './emulator-server.js';
import { startTencentMeetingEmulator } from './tencent-meeting/index.js';
import { startUmeetingEmulator } from './umeeting/index.js';
import { startWecomEmulator } from './wecom/index.js';

/** Starts one provider's emulator with that provider's configured credentials. */
export function startEmulator(
  provider: Provider,
  config: AppConfig,
  listen: { host?: string; port?: number } = {},
): Promise<EmulatorHandle> {
  switch (provider) {
    case Provider.TENCENT_MEETING:
      return startTencentMeetingEmulator({
        ...listen,
        credentials: config.tencentMeeting.credentials,
      });
    case Provider.WECOM:
      return startWecomEmulator({ ...listen, credentials: config.wecom.credentials });
    case Provider.UMEETING:
      return startUmeetingEmulator({
        ...listen,
        credentials: config.umeeting.credentials,
        timeZone: config.umeeting.timeZone,
      });
    default:
      throw new UnreachableCaseError(provider);
  }
}
