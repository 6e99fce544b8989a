import { registerEnumType } from 'type-graphql';

export enum ProviderMode {
  LIVE = 'LIVE',
  SANDBOX = 'SANDBOX',
}

registerEnumType(ProviderMode, {
  name: 'ProviderMode',
  description: 'Whether a provider is the real service or the built-in emulator.',
  valuesConfig: {
    LIVE: { description: 'Configured with credentials and a base URL: calls go to that URL.' },
    SANDBOX: {
      description:
        'No credentials configured: the server runs the provider emulator on loopback and talks to it over real HTTP.',
    },
  },
});
