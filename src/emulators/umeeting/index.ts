import type { UmeetingCredentials } from '../../config/config.types.js';
import { DEFAULT_UMEETING_TIMEZONE } from '../../config/sandbox-credentials.js';
import { EmulatorClock } from '../clock.js';
import { startEmulatorServer, type EmulatorHandle } from '../emulator-server.js';
import { umeetingFaultRenderer } from './errors.js';
import { umeetingRateLimit } from './rate-limit.js';
import { umeetingRoutes } from './routes.js';
import { UmeetingEmulatorState } from './state.js';

/**
 * The Systec umeeting emulator (docs/reference/providers.md §3; seeds 002 and 004): form POSTs with
 * `api_key` + `api_secret`, `{status, message, data}` answers, meetings whose status follows the
 * clock, recurring series with real occurrences (expanded by src/domain/recurrence.ts in
 * `timeZone`), and the shared `/__admin/` control plane.
 *
 * Journal operation names (also what faults match):
 * | path                       | operation        |
 * | -------------------------- | ---------------- |
 * | /umeeting/share/schedule   | scheduleMeeting  |
 * | /umeeting/share/instant    | instantMeeting   |
 * | /umeeting/share/get        | getMeeting       |
 * | /umeeting/share/update     | updateMeeting    |
 * | /umeeting/share/resetCapacity/{meetingId} | resetCapacity |
 * | /umeeting/share/delete     | deleteMeeting    |
 * | /umeeting/share/end        | endMeeting       |
 * | /umeeting/share/list       | listMeetings     |
 * | /umeeting/share/history    | listHistory      |
 * The journal records no bodies, so the api secret never reaches it.
 */
export interface UmeetingEmulatorOptions {
  credentials: UmeetingCredentials;
  host?: string;
  port?: number;
  clock?: EmulatorClock;
  /**
   * The zone umeeting local times are in (default Asia/Shanghai, docs/reference/providers.md §3.1).
   */
  timeZone?: string;
  /**
   * Accept recurrence fields on `/umeeting/share/instant`, as seed 004's four-minute-lived doc
   * revision did (§3.4 U-2). Off by default: at HEAD recurrence belongs to `/schedule`.
   */
  allowInstantRecurrence?: boolean;
  /**
   * Calls per minute per app before the provider's rate-limit answer (./rate-limit.ts); default
   * none. Also `POST /__admin/rate-limit` and `npm run emulator -- … --rate-limit N`.
   */
  rateLimitPerMinute?: number | null;
}

export interface UmeetingEmulatorHandle extends EmulatorHandle {
  /** The emulator's meetings, for tests that look behind the API. */
  readonly state: UmeetingEmulatorState;
  readonly timeZone: string;
}

export async function startUmeetingEmulator(
  options: UmeetingEmulatorOptions,
): Promise<UmeetingEmulatorHandle> {
  const state = new UmeetingEmulatorState();
  const clock = options.clock ?? new EmulatorClock();
  const timeZone = options.timeZone ?? DEFAULT_UMEETING_TIMEZONE;
  let url = 'http://127.0.0.1';
  const handle = await startEmulatorServer({
    name: 'umeeting',
    host: options.host,
    port: options.port,
    clock,
    routes: umeetingRoutes({
      state,
      credentials: { ...options.credentials },
      clock,
      timeZone,
      allowInstantRecurrence: options.allowInstantRecurrence ?? false,
      baseUrl: () => url,
    }),
    renderer: umeetingFaultRenderer,
    rateLimit: umeetingRateLimit,
    rateLimitPerMinute: options.rateLimitPerMinute,
    resetState: () => state.clear(),
  });
  url = handle.url;
  return Object.assign(handle, { state, timeZone });
}
