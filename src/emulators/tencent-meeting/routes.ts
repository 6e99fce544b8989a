import type { EmulatorClock } from '../clock.js';
import type { EmulatorReply, EmulatorRequest, EmulatorRoute } from '../emulator-server.js';
import type { TencentRequestAuthenticator } from './auth.js';
import {
  cancelMeeting,
  createMeeting,
  dismissMeeting,
  getMeeting,
  getMeetingByCode,
  listEndedMeetings,
  updateMeeting,
} from './meetings.js';
import type { TencentMeetingState } from './state.js';
import { operatorOf, parseBody, RejectedRequest, type Body } from './validation.js';
import { cancelWebinar, createWebinar, getWebinar, updateWebinar } from './webinars.js';

/*
 * The Tencent Meeting HTTP routes (docs/reference/providers.md §1.3, §1.4): path, method and
 * journal operation name of each call, and the wrapper that signature-checks every request
 * (auth.ts) and turns a validation failure (validation.ts) into its Tencent error. The handlers
 * live in meetings.ts and webinars.ts.
 */

export interface RouteContext {
  state: TencentMeetingState;
  auth: TencentRequestAuthenticator;
  clock: EmulatorClock;
  strictWebinarStart: boolean;
}

type Handler = (req: EmulatorRequest, params: string[], now: number) => EmulatorReply;

/** Wraps a handler with authentication and turns validation failures into Tencent errors. */
function guarded(ctx: RouteContext, handler: Handler, options: { registered?: boolean } = {}) {
  return (req: EmulatorRequest, params: string[]): EmulatorReply => {
    const denied = ctx.auth.check(req, options);
    if (denied) return denied;
    try {
      return handler(req, params, ctx.clock.nowSeconds());
    } catch (error) {
      if (error instanceof RejectedRequest) return error.reply;
      throw error;
    }
  };
}

const body = (req: EmulatorRequest): Body => parseBody(req.rawBody);
/** Tencent ids reach 20 digits, above 2^63 (§1.5 T-M11): matched as text, never as numbers. */
const ID = '(\\d{1,24})';

/**
 * Provider routes. Journal operation names: createMeeting, getMeeting, getMeetingByCode
 * (also the user listing GET /v1/meetings?userid=…: the same path), updateMeeting,
 * cancelMeeting, endMeeting (`POST /v1/meetings/{id}/dismiss`, 1095/57955), listEndedMeetings,
 * createWebinar, getWebinar, updateWebinar, cancelWebinar.
 * Webinar calls need `X-TC-Registered: 1` (seed 000).
 */
export function tencentRoutes(ctx: RouteContext): EmulatorRoute[] {
  const { state } = ctx;
  return [
    {
      method: 'POST',
      path: /^\/v1\/meetings\/?$/,
      operation: 'createMeeting',
      handle: guarded(ctx, (req, _p, now) => createMeeting(state, body(req), now)),
    },
    {
      method: 'GET',
      path: new RegExp(`^/v1/meetings/${ID}/?$`),
      operation: 'getMeeting',
      handle: guarded(ctx, (req, [id], now) => getMeeting(state, id!, operatorOf(req.query), now)),
    },
    {
      method: 'GET',
      path: /^\/v1\/meetings\/?$/,
      operation: 'getMeetingByCode',
      handle: guarded(ctx, (req, _p, now) =>
        getMeetingByCode(state, req.query, operatorOf(req.query), now),
      ),
    },
    {
      method: 'PUT',
      path: new RegExp(`^/v1/meetings/${ID}/?$`),
      operation: 'updateMeeting',
      handle: guarded(ctx, (req, [id], now) => updateMeeting(state, id!, body(req), now)),
    },
    {
      method: 'POST',
      path: new RegExp(`^/v1/meetings/${ID}/cancel/?$`),
      operation: 'cancelMeeting',
      handle: guarded(ctx, (req, [id], now) => cancelMeeting(state, id!, body(req), now)),
    },
    {
      method: 'POST',
      path: new RegExp(`^/v1/meetings/${ID}/dismiss/?$`),
      operation: 'endMeeting',
      handle: guarded(ctx, (req, [id], now) => dismissMeeting(state, id!, body(req), now)),
    },
    {
      method: 'GET',
      // 1095/53805: the user id is in the path (URL-encoded).
      path: /^\/v1\/history\/meetings\/([^/?]{1,600})\/?$/,
      operation: 'listEndedMeetings',
      handle: guarded(ctx, (req, [user], now) =>
        listEndedMeetings(state, decodeURIComponent(user!), req.query, now),
      ),
    },
    {
      method: 'POST',
      path: /^\/v1\/webinars\/?$/,
      operation: 'createWebinar',
      handle: guarded(
        ctx,
        (req, _p, now) =>
          createWebinar(state, body(req), now, { strictStart: ctx.strictWebinarStart }),
        { registered: true },
      ),
    },
    {
      method: 'GET',
      path: /^\/v1\/webinars\/?$/,
      operation: 'getWebinar',
      handle: guarded(
        ctx,
        (req, _p, now) => getWebinar(state, req.query, operatorOf(req.query), now),
        { registered: true },
      ),
    },
    {
      method: 'PUT',
      path: new RegExp(`^/v1/webinars/${ID}/?$`),
      operation: 'updateWebinar',
      handle: guarded(ctx, (req, [id], now) => updateWebinar(state, id!, body(req), now), {
        registered: true,
      }),
    },
    {
      method: 'POST',
      path: new RegExp(`^/v1/webinars/${ID}/cancel/?$`),
      operation: 'cancelWebinar',
      handle: guarded(ctx, (req, [id], now) => cancelWebinar(state, id!, body(req), now), {
        registered: true,
      }),
    },
  ];
}
