import type { UmeetingCredentials } from '../../config/config.types.js';
import type { EmulatorClock } from '../clock.js';
import type { EmulatorReply, EmulatorRequest, EmulatorRoute } from '../emulator-server.js';
import { checkCredentials } from './auth.js';
import { badRequest } from './errors.js';
import {
  closeMeeting,
  createMeeting,
  getMeeting,
  listHistory,
  listMeetings,
  resetCapacity,
  updateMeeting,
} from './meetings.js';
import type { UmeetingEmulatorState } from './state.js';

/*
 * The umeeting HTTP routes (docs/reference/providers.md §3.2; the visible path of each page, not
 * its link, §3.4 U-1). Every call is a form POST carrying `api_key` + `api_secret` (§3.1), checked
 * here before any handler (meetings.ts) runs. Journal operation names: `scheduleMeeting`,
 * `instantMeeting`, `getMeeting`, `updateMeeting`, `resetCapacity`, `deleteMeeting`, `endMeeting`,
 * `listMeetings`, `listHistory`. A `(...)` group in a path is a path parameter (the meeting number
 * of `/share/resetCapacity/{meetingId}`), passed to the handler decoded.
 */

export interface UmeetingRouteContext {
  state: UmeetingEmulatorState;
  credentials: UmeetingCredentials;
  clock: EmulatorClock;
  timeZone: string;
  allowInstantRecurrence: boolean;
  /** The emulator's own URL, known once it listens (join and start URLs point at it). */
  baseUrl(): string;
}

type FormHandler = (
  form: URLSearchParams,
  ctx: UmeetingRouteContext,
  params: string[],
) => EmulatorReply;

export function umeetingRoutes(ctx: UmeetingRouteContext): EmulatorRoute[] {
  const route = (path: string, operation: string, handler: FormHandler): EmulatorRoute => ({
    method: 'POST',
    path: new RegExp(`^${path.replace(/\//g, '\\/')}\\/?$`),
    operation,
    handle: (req, params) => {
      const form = readForm(req);
      if (!form)
        return badRequest(
          'parameters must be submitted as a form (application/x-www-form-urlencoded)',
        );
      return checkCredentials(form, ctx.credentials) ?? handler(form, ctx, params.map(decode));
    },
  });
  return [
    route('/umeeting/share/schedule', 'scheduleMeeting', (form) =>
      createMeeting(form, ctx, 'schedule'),
    ),
    route('/umeeting/share/instant', 'instantMeeting', (form) =>
      createMeeting(form, ctx, 'instant'),
    ),
    route('/umeeting/share/get', 'getMeeting', getMeeting),
    route('/umeeting/share/update', 'updateMeeting', updateMeeting),
    route('/umeeting/share/resetCapacity/([^/]+)', 'resetCapacity', (form, routeCtx, [id]) =>
      resetCapacity(form, routeCtx, id ?? ''),
    ),
    route('/umeeting/share/delete', 'deleteMeeting', closeMeeting('cancelled')),
    route('/umeeting/share/end', 'endMeeting', closeMeeting('ended')),
    route('/umeeting/share/list', 'listMeetings', listMeetings),
    route('/umeeting/share/history', 'listHistory', listHistory),
  ];
}

/** A path parameter as sent (percent-decoded); as received when it does not decode. */
function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The form body (§3.1: all parameters are a form); undefined when another type is declared. */
function readForm(req: EmulatorRequest): URLSearchParams | undefined {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (req.rawBody.length > 0 && !type.startsWith('application/x-www-form-urlencoded'))
    return undefined;
  return new URLSearchParams(req.rawBody.toString('utf8'));
}
