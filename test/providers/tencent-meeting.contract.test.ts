import { Provider as GqlProvider } from '../__generated__/operations.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { minutesFromNow } from '../helpers/start-test-server.js';
import { defineProviderContract } from './provider-contract.js';

/** Tencent Meeting through the whole server over real HTTP to its emulator (STYLE habit 9). */
defineProviderContract('tencent-meeting', {
  provider: Provider.TENCENT_MEETING,
  scheduleMeetingInput: () => ({
    provider: GqlProvider.TencentMeeting,
    subject: 'Contract meeting',
    startTime: minutesFromNow(24 * 60),
    endTime: minutesFromNow(24 * 60 + 45),
    organizer: 'contract-user',
  }),
  operations: {
    createMeeting: 'createMeeting',
    getMeeting: 'getMeeting',
    cancelMeeting: 'cancelMeeting',
    // POST /v1/meetings/{id}/dismiss (结束会议, cloud.tencent.com/document/product/1095/57955).
    endMeeting: 'endMeeting',
  },
  // A well-formed 20-digit id (above 2^63) the emulator never issued.
  unknownProviderId: '18000000000000000001',
  // Tencent reads on behalf of a user (docs/reference/providers.md §1.3).
  organizer: 'contract-user',
  // The test server's emulator runs with the sandbox credentials: same AppId and SecretId, a
  // wrong SecretKey, so the signature fails (200003).
  wrongSecretEnv: (emulatorUrl) => ({
    env: {
      TENCENT_MEETING_BASE_URL: emulatorUrl,
      TENCENT_MEETING_APP_ID: '200000001',
      TENCENT_MEETING_SECRET_ID: 'sandbox-tencent-secret-id',
      TENCENT_MEETING_SECRET_KEY: 'contract-wrong-tencent-secret-key',
    },
    secrets: ['contract-wrong-tencent-secret-key', 'sandbox-tencent-secret-id'],
  }),
});
