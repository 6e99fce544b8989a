import type { WecomCredentials } from '../../config/config.types.js';
import { EmulatorClock } from '../clock.js';
import { startEmulatorServer, type EmulatorHandle } from '../emulator-server.js';
import type { WecomApp } from './auth.js';
import { wecomFaultRenderer } from './errors.js';
import { wecomRateLimit } from './rate-limit.js';
import { wecomRoutes } from './routes.js';
import { WecomEmulatorState } from './state.js';

export interface WecomEmulatorOptions {
  credentials: WecomCredentials;
  host?: string;
  port?: number;
  clock?: EmulatorClock;
  /**
   * More self-built apps of the same (or another) corp. Each secret is its own app with its own
   * token, and sees only the webinars and meetings it created (docs/reference/providers.md §2.4).
   */
  otherApps?: WecomCredentials[];
  /**
   * `meeting/create` also answers `meeting_code` and `meeting_link` (default true). The
   * documented answer has only `meetingid` and `excess_users` (docs/reference/providers.md §2.5).
   */
  meetingCreateAnswersCode?: boolean;
  /**
   * The most ids one `get_user_meetingid` page answers (default 100, WeCom's maximum, path/97457);
   * lower it to make a client walk many pages. Also `state.options.meetingIdListPageSize`.
   */
  meetingIdListPageSize?: number;
  /**
   * Calls per minute per app before the provider's rate-limit answer (./rate-limit.ts); default
   * none. Also `POST /__admin/rate-limit` and `npm run emulator -- … --rate-limit N`.
   */
  rateLimitPerMinute?: number | null;
}

export interface WecomEmulatorHandle extends EmulatorHandle {
  readonly state: WecomEmulatorState;
}

/**
 * The WeCom (企业微信) meeting/webinar emulator: docs/reference/providers.md §2, seed 003.
 *
 * Provider paths and their journal operation names:
 * | operation             | request                                          |
 * | --------------------- | ------------------------------------------------ |
 * | `gettoken`            | `GET  /cgi-bin/gettoken?corpid&corpsecret`       |
 * | `createWebinar`       | `POST /cgi-bin/meeting/webinar/create`           |
 * | `getWebinar`          | `POST /cgi-bin/meeting/webinar/get`              |
 * | `updateWebinar`       | `POST /cgi-bin/meeting/webinar/update`           |
 * | `cancelWebinar`       | `POST /cgi-bin/meeting/webinar/cancel`           |
 * | `updateWebinarWarmUp` | `POST /cgi-bin/meeting/webinar/update_warm_up`   |
 * | `createMeeting`       | `POST /cgi-bin/meeting/create`                   |
 * | `getMeeting`          | `POST /cgi-bin/meeting/get_info`                 |
 * | `updateMeeting`       | `POST /cgi-bin/meeting/update`                   |
 * | `cancelMeeting`       | `POST /cgi-bin/meeting/cancel`                   |
 * | `listUserMeetingIds`  | `POST /cgi-bin/meeting/get_user_meetingid`       |
 * | `endMeeting`          | `POST /cgi-bin/meeting/realcontrol/dismiss`      |
 *
 * Business calls take `?access_token=` (the journal never shows it: the shell records the
 * path without the query). Faults: `providerError` (any errcode), `rateLimit` (45009),
 * `tokenExpired` (42001, and every issued token really expires, so the client must refresh),
 * plus the shell's `http`, `malformed`, `drop` and `latency`.
 */
export async function startWecomEmulator(
  options: WecomEmulatorOptions,
): Promise<WecomEmulatorHandle> {
  const clock = options.clock ?? new EmulatorClock();
  const apps: WecomApp[] = [options.credentials, ...(options.otherApps ?? [])].map((c, i) => ({
    name: `app${i}`,
    corpId: c.corpId,
    corpSecret: c.corpSecret,
  }));
  const state = new WecomEmulatorState(apps, clock, {
    meetingCreateAnswersCode: options.meetingCreateAnswersCode ?? true,
    meetingIdListPageSize: options.meetingIdListPageSize,
  });
  const handle = await startEmulatorServer({
    name: 'wecom',
    host: options.host,
    port: options.port,
    clock,
    routes: wecomRoutes(state),
    renderer: wecomFaultRenderer(() => state.expireAllTokens()),
    rateLimit: wecomRateLimit(state),
    rateLimitPerMinute: options.rateLimitPerMinute,
    resetState: () => state.reset(),
  });
  return Object.assign(handle, { state });
}
