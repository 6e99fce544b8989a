import type { EmulatorClock } from '../clock.js';
import type { EmulatorReply, EmulatorRequest, EmulatorRoute } from '../emulator-server.js';
import type { TencentRequestAuthenticator } from './auth.js';
import {
  cancelMeeting,
  codeStillValid,
  createMeeting,
  listMeetings,
  meetingInfo,
  notFound,
  role,
  updateMeeting,
} from './meetings.js';
import type { TencentMeetingState } from './state.js';
import { INSTANCE_IDS, parseBody, reject, RejectedRequest, type Body } from './validation.js';
import { cancelWebinar, createWebinar, getWebinar } from './webinars.js';

export interface RouteContext {
  state: TencentMeetingState;
  auth: TencentRequestAuthenticator;
  clock: EmulatorClock;
  strictWebinarStart: boolean;
}

/**
 * The operator of a read: `operator_id` + `operator_id_type` (current docs and SDKs) or the
 * older `userid`, plus `instanceid` (providers.md §1.3 GET).
 */
function operatorOf(query: URLSearchParams): string {
  const instance = query.get('instanceid');
  if (instance === null) reject('instanceid', 'is required');
  if (!/^\d+$/.test(instance) || !(INSTANCE_IDS as readonly number[]).includes(Number(instance))) {
    reject('instanceid', 'is not a known device type');
  }
  const operatorId = query.get('operator_id');
  if (operatorId) {
    const type = query.get('operator_id_type');
    if (type === null) reject('operator_id_type', 'is required with operator_id');
    // 1 userid, 2 openid (both name a user here); 3 rooms_id is not a user that can read.
    if (type !== '1' && type !== '2')
      reject('operator_id_type', 'must be 1 (userid) or 2 (openid)');
    return operatorId;
  }
  const userid = query.get('userid');
  if (!userid) reject('operator_id', 'operator_id or userid is required');
  return userid;
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
const ID = '(\\d{1,24})';

/**
 * Provider routes. Journal operation names: createMeeting, getMeeting, getMeetingByCode
 * (also the user listing), updateMeeting, cancelMeeting, createWebinar, getWebinar,
 * cancelWebinar.
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
      handle: guarded(ctx, (req, [id], now) => {
        const operator = operatorOf(req.query);
        const meeting = state.meetings.get(id!);
        if (!meeting) return notFound();
        return {
          status: 200,
          body: { meeting_number: 1, meeting_info_list: [meetingInfo(meeting, operator, now)] },
        };
      }),
    },
    {
      method: 'GET',
      path: /^\/v1\/meetings\/?$/,
      operation: 'getMeetingByCode',
      handle: guarded(ctx, (req, _p, now) => {
        const operator = operatorOf(req.query);
        const code = req.query.get('meeting_code');
        if (code === null) return listMeetings(state, operator, now);
        if (!/^\d{9}$/.test(code)) reject('meeting_code', 'must be 9 digits');
        const meeting = state.meetingByCode(code);
        // [I] An unknown or recycled code answers an empty list (a recycled code can no longer
        // be looked up: providers.md §1.3); the client treats that and 9003 alike.
        if (!meeting || !codeStillValid(meeting, now)) {
          return { status: 200, body: { meeting_number: 0, meeting_info_list: [] } };
        }
        return {
          status: 200,
          body: {
            meeting_number: 1,
            meeting_info_list: [
              {
                ...meetingInfo(meeting, operator, now),
                join_meeting_role: role(meeting, operator),
              },
            ],
          },
        };
      }),
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
        {
          registered: true,
        },
      ),
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
