import type { GraphQLResolveInfo } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';

import type { Context } from '../server/context.js';
import { requireRight, type Parties, type Right } from './rules.js';

/**
 * Field-level guards (type-graphql middlewares) for the secrets on `Meeting`, `Webinar` and
 * `LiveStream`. The rule lives in rules.ts; a guard only finds the meeting or webinar the field
 * belongs to and throws FORBIDDEN before the value is read. The fields are nullable, so
 * graphql-js answers the field `null` with the error at its path and the rest of the object
 * still answers.
 */

function fieldName(info: GraphQLResolveInfo): string {
  return `${info.parentType.name}.${info.fieldName}`;
}

function guard(right: Right, partiesOf: (root: unknown) => Parties | null): MiddlewareFn<Context> {
  return ({ root, context, info }, next) => {
    if (!context.caller.trusted) {
      requireRight(context.caller, right, partiesOf(root), { field: fieldName(info) });
    }
    return next();
  };
}

const self = (root: unknown): Parties | null => (root as Parties | null) ?? null;

/** `Meeting.hostKey`, `Meeting.startUrl`, `Webinar.manualCheckPassword`. */
export const HostSecret: MiddlewareFn<Context> = guard('hostSecrets', self);

/** `Meeting.password`, `Webinar.password`: organizer, hosts, invitees (and host/admin scopes). */
export const JoinPassword: MiddlewareFn<Context> = guard('joinPassword', self);

/**
 * A `LiveStream` does not know its meeting, so `Meeting.live` records it here (the object the
 * resolver answered → the meeting it came from). A stream with no recorded meeting is guarded as
 * one the caller has no relation to (only the scopes let it through).
 */
const liveOwners = new WeakMap<object, Parties>();

/** On `Meeting.live`: remembers which meeting the stream belongs to. */
export const LiveStreamOwner: MiddlewareFn<Context> = async ({ root }, next) => {
  const live: unknown = await next();
  if (live && typeof live === 'object' && root && typeof root === 'object') {
    liveOwners.set(live, root as Parties);
  }
  return live;
};

/** `LiveStream.password`: a host-only secret of the meeting the stream belongs to. */
export const LiveStreamSecret: MiddlewareFn<Context> = guard('hostSecrets', (root) =>
  root && typeof root === 'object' ? (liveOwners.get(root) ?? null) : null,
);
