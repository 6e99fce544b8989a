import type {
  TencentMeetingCredentials,
  UmeetingCredentials,
  WecomCredentials,
} from './config.types.js';

/**
 * The documented sandbox credentials (also in .env.example). A provider with no credentials
 * configured runs its emulator with these, and the server signs/authenticates with them exactly
 * as it would against the real provider. They guard nothing real.
 */
export const SANDBOX_CREDENTIALS = {
  tencentMeeting: {
    appId: '200000001',
    sdkId: '',
    secretId: 'sandbox-tencent-secret-id',
    secretKey: 'sandbox-tencent-secret-key',
  } satisfies TencentMeetingCredentials,
  wecom: {
    corpId: 'ww-sandbox-corp',
    corpSecret: 'sandbox-wecom-corp-secret',
  } satisfies WecomCredentials,
  umeeting: {
    apiKey: 'sandbox-umeeting-api-key',
    apiSecret: 'sandbox-umeeting-api-secret',
  } satisfies UmeetingCredentials,
} as const;

export const PUBLIC_BASE_URLS = {
  tencentMeeting: 'https://api.meeting.qq.com',
  wecom: 'https://qyapi.weixin.qq.com',
  umeeting: 'https://api.systeccloud.com',
} as const;

export const DEFAULT_UMEETING_TIMEZONE = 'Asia/Shanghai';

/**
 * The enterprise admin userid the Tencent Meeting provider acts as in SANDBOX when it does not know
 * a meeting's creator (`TENCENT_MEETING_OPERATOR` unset); the emulator treats it as an admin.
 */
export const SANDBOX_TENCENT_MEETING_OPERATOR = 'sandbox-admin';
