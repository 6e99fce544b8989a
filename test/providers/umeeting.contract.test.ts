import { Provider as GqlProvider } from '../__generated__/operations.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { minutesFromNow } from '../helpers/start-test-server.js';
import { defineProviderContract } from './provider-contract.js';

/** umeeting through the whole server over real HTTP to its emulator (STYLE habit 9). */
defineProviderContract('umeeting', {
  provider: Provider.UMEETING,
  scheduleMeetingInput: () => ({
    provider: GqlProvider.Umeeting,
    subject: 'Contract meeting',
    startTime: minutesFromNow(24 * 60),
    // More than 30 minutes (seed 002; docs/reference/providers.md §3.4 U-8).
    endTime: minutesFromNow(24 * 60 + 45),
    organizer: 'contract-user',
    capacity: 10,
  }),
  operations: {
    createMeeting: 'scheduleMeeting',
    getMeeting: 'getMeeting',
    cancelMeeting: 'deleteMeeting',
    endMeeting: 'endMeeting',
  },
  // A well-formed meeting number (10 digits) the emulator never issued: its numbers start 1–9.
  unknownProviderId: '0999999999',
  wrongSecretEnv: (emulatorUrl) => ({
    env: {
      UMEETING_BASE_URL: emulatorUrl,
      UMEETING_API_KEY: 'sandbox-umeeting-api-key',
      UMEETING_API_SECRET: 'contract-wrong-umeeting-secret',
    },
    secrets: ['contract-wrong-umeeting-secret'],
  }),
});
