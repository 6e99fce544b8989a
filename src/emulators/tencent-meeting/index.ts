import type { TencentMeetingCredentials } from '../../config/config.types.js';
import { SANDBOX_TENCENT_MEETING_OPERATOR } from '../../config/sandbox-credentials.js';
import { EmulatorClock } from '../clock.js';
import { startEmulatorServer, type EmulatorHandle } from '../emulator-server.js';
import { TencentRequestAuthenticator } from './auth.js';
import { tencentFaultRenderer } from './errors.js';
import { tencentRateLimit } from './rate-limit.js';
import { tencentRoutes } from './routes.js';
import { TencentMeetingState } from './state.js';

/**
 * The Tencent Meeting sandbox emulator (PRODUCT.md "The sandbox emulators";
 * docs/reference/providers.md §1).
 *
 * Provider paths: `POST /v1/meetings`, `GET /v1/meetings/{id}`, `GET /v1/meetings?meeting_code=…`
 * (and `?userid=…` listing, 20 a page from `pos` inclusive), `PUT /v1/meetings/{id}` (also one
 * occurrence with `recurring_rule.sub_meeting_id`), `POST /v1/meetings/{id}/cancel`,
 * `POST /v1/meetings/{id}/dismiss`, `GET /v1/history/meetings/{userid}`, `POST /v1/webinars`,
 * `GET /v1/webinars?meeting_id=…|meeting_code=…`, `PUT /v1/webinars/{id}`,
 * `POST /v1/webinars/{id}/cancel`. Every request is signature-checked (§1.1).
 *
 * Journal operation names (for `emulator.calls(op)` and fault matching): `createMeeting`,
 * `getMeeting`, `getMeetingByCode` (also the `?userid=…` list, which shares its path),
 * `updateMeeting`, `cancelMeeting`, `endMeeting`, `listEndedMeetings`, `createWebinar`,
 * `getWebinar`, `updateWebinar`, `cancelWebinar`; `unknown` for any other path.
 *
 * The `/__admin/` control plane (journal, faults, clock, reset) comes from the shared
 * emulator-server; faults render as Tencent error bodies (rate limit = 190310).
 */
export interface TencentMeetingEmulatorOptions {
  credentials: TencentMeetingCredentials;
  host?: string;
  port?: number;
  clock?: EmulatorClock;
  /** Seed of the deterministic id generator (a fresh emulator's first id is 20 digits > 2^63). */
  idSeed?: bigint;
  /**
   * Enterprise admin userids: they may read and cancel every meeting and webinar (the creator and
   * a meeting's hosts may too; anyone else gets 9042). Default: the sandbox operator
   * (`SANDBOX_TENCENT_MEETING_OPERATOR`).
   */
  adminOperators?: readonly string[];
  /** docs/reference/providers.md §1.5 T-W3 strict reading: webinars must start ≥ 30 min ahead. */
  strictWebinarStart?: boolean;
  /**
   * Calls per minute per app before the provider's rate-limit answer (./rate-limit.ts); default
   * none. Also `POST /__admin/rate-limit` and `npm run emulator -- … --rate-limit N`.
   */
  rateLimitPerMinute?: number | null;
}

export interface TencentMeetingEmulatorHandle extends EmulatorHandle {
  /** The emulator's memory, for tests that look behind the API. */
  readonly state: TencentMeetingState;
}

export async function startTencentMeetingEmulator(
  options: TencentMeetingEmulatorOptions,
): Promise<TencentMeetingEmulatorHandle> {
  const clock = options.clock ?? new EmulatorClock();
  const state = new TencentMeetingState(
    options.idSeed,
    options.adminOperators ?? [SANDBOX_TENCENT_MEETING_OPERATOR],
  );
  const auth = new TencentRequestAuthenticator(options.credentials);
  const handle = await startEmulatorServer({
    name: 'tencent-meeting',
    host: options.host,
    port: options.port,
    clock,
    routes: tencentRoutes({
      state,
      auth,
      clock,
      strictWebinarStart: options.strictWebinarStart ?? false,
    }),
    renderer: tencentFaultRenderer,
    rateLimit: tencentRateLimit,
    rateLimitPerMinute: options.rateLimitPerMinute,
    resetState: () => {
      state.reset();
      auth.reset();
    },
  });
  return Object.assign(handle, { state });
}
