import type { EmulatorReply, EmulatorRoute } from '../emulator-server.js';
import { authorize, gettoken } from './auth.js';
import { WECOM_ERRORS, wecomError } from './errors.js';
import {
  cancelMeeting,
  createMeeting,
  dismissMeeting,
  getMeeting,
  listUserMeetingIds,
  updateMeeting,
} from './meetings.js';
import type { WecomEmulatorState } from './state.js';
import { BodyReader, parseObjectBody } from './validation.js';
import {
  cancelWebinar,
  createWebinar,
  getWebinar,
  updateWarmUp,
  updateWebinar,
} from './webinars.js';

type Handler = (state: WecomEmulatorState, reader: BodyReader, app: string) => EmulatorReply;

/**
 * The WeCom HTTP routes (docs/reference/providers.md §2.1, §2.4, §2.5): `gettoken`, then the
 * business calls, each a POST with a JSON body that needs `?access_token=` (auth.ts). Every
 * error is HTTP 200 with `errcode`/`errmsg` (§2.2); a body that is not a JSON object is 47001.
 * The handlers live in webinars.ts and meetings.ts.
 */
export function wecomRoutes(state: WecomEmulatorState): EmulatorRoute[] {
  const business = (operation: string, path: string, handler: Handler): EmulatorRoute => ({
    method: 'POST',
    path: new RegExp(`^${path.replace(/\//g, '\\/')}$`),
    operation,
    handle: (req) => {
      const auth = authorize(state.tokens, req);
      if ('reply' in auth) return auth.reply;
      const body = parseObjectBody(req.rawBody);
      if (!body) return wecomError(WECOM_ERRORS.badJson);
      return handler(state, new BodyReader(body), auth.app);
    },
  });

  return [
    {
      method: 'GET',
      path: /^\/cgi-bin\/gettoken$/,
      operation: 'gettoken',
      handle: (req) => gettoken(state.tokens, req),
    },
    business('createWebinar', '/cgi-bin/meeting/webinar/create', createWebinar),
    business('getWebinar', '/cgi-bin/meeting/webinar/get', getWebinar),
    business('updateWebinar', '/cgi-bin/meeting/webinar/update', updateWebinar),
    business('cancelWebinar', '/cgi-bin/meeting/webinar/cancel', cancelWebinar),
    business('updateWebinarWarmUp', '/cgi-bin/meeting/webinar/update_warm_up', updateWarmUp),
    business('createMeeting', '/cgi-bin/meeting/create', createMeeting),
    business('getMeeting', '/cgi-bin/meeting/get_info', getMeeting),
    business('updateMeeting', '/cgi-bin/meeting/update', updateMeeting),
    business('cancelMeeting', '/cgi-bin/meeting/cancel', cancelMeeting),
    business('endMeeting', '/cgi-bin/meeting/realcontrol/dismiss', dismissMeeting),
    business('listUserMeetingIds', '/cgi-bin/meeting/get_user_meetingid', listUserMeetingIds),
  ];
}
