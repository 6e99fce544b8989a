import { registerEnumType } from 'type-graphql';

/**
 * The GraphQL names of the providers. Everything else about a provider is its descriptor in
 * src/providers/providers.ts, which must have one entry per value here (the compiler checks).
 *
 * This stays a plain list of stable string literals rather than being built from the
 * descriptors: every provider file reads `Provider.X` at module load (mappers, clients, error
 * tables), and the descriptors import those files, so an enum derived from them would be read
 * before it exists (an ESM import cycle, a TDZ error at start-up).
 */
export enum Provider {
  TENCENT_MEETING = 'TENCENT_MEETING',
  WECOM = 'WECOM',
  UMEETING = 'UMEETING',
}

registerEnumType(Provider, {
  name: 'Provider',
  description: 'A meeting/webinar provider behind this API.',
  valuesConfig: {
    TENCENT_MEETING: { description: 'Tencent Meeting (腾讯会议) REST API.' },
    WECOM: { description: 'WeCom (企业微信) meeting and webinar API.' },
    UMEETING: { description: 'Systec Cloud "umeeting" shared meeting rooms API.' },
  },
});

/**
 * Every `Provider` value, in declaration order (which is the descriptor list's order; a unit
 * test checks). For decoding ids; the process itself iterates its descriptors.
 */
export const ALL_PROVIDERS: readonly Provider[] = Object.values(Provider);
