import { registerEnumType } from 'type-graphql';

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

export const ALL_PROVIDERS: readonly Provider[] = [
  Provider.TENCENT_MEETING,
  Provider.WECOM,
  Provider.UMEETING,
];
