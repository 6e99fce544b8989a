import { Provider as GqlProvider } from '../__generated__/operations.js';
import { SANDBOX_CREDENTIALS } from '../../src/config/sandbox-credentials.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { minutesFromNow } from '../helpers/start-test-server.js';
import { defineProviderContract } from './provider-contract.js';

/** WeCom through the whole server over real HTTP to its emulator (STYLE habit 9). */
defineProviderContract('wecom', {
  provider: Provider.WECOM,
  scheduleMeetingInput: () => ({
    provider: GqlProvider.Wecom,
    subject: 'Contract meeting',
    startTime: minutesFromNow(24 * 60),
    // meeting_duration must be 300–86399 s (docs/reference/providers.md §2.5).
    endTime: minutesFromNow(24 * 60 + 45),
    organizer: 'contract-admin',
  }),
  operations: {
    createMeeting: 'createMeeting',
    getMeeting: 'getMeeting',
    cancelMeeting: 'cancelMeeting',
    // `meeting/realcontrol/dismiss` (path/98187; docs/providers/wecom.md).
    endMeeting: 'endMeeting',
  },
  // A well-formed id the emulator never issued: its ids are 19 digits starting 1–9.
  unknownProviderId: '0999999999999999999',
  wrongSecretEnv: (emulatorUrl) => ({
    env: {
      WECOM_BASE_URL: emulatorUrl,
      WECOM_CORP_ID: SANDBOX_CREDENTIALS.wecom.corpId,
      WECOM_CORP_SECRET: 'contract-wrong-wecom-secret',
    },
    secrets: ['contract-wrong-wecom-secret', SANDBOX_CREDENTIALS.wecom.corpSecret],
  }),
});
