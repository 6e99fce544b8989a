import type { Caller, Scope } from './caller.js';
import { ForbiddenError } from './forbidden-error.js';

/**
 * Every authorisation rule of the API, in one place (issue 11 item 3; docs/access.md). A trusted
 * caller (`AUTH_MODE=none`) passes every rule without a look at the meeting, so that mode behaves
 * exactly as before authentication existed (and makes no extra provider call).
 *
 * Two kinds of rule:
 * - an OPERATION needs a scope (`OPERATION_SCOPES`), checked before anything else runs;
 * - a RIGHT on one meeting or webinar (`RIGHTS`) is held through a relation to it (organizer,
 *   host, invitee) or through a scope that stands above the relations.
 */

/** What a caller does at the root of an operation. */
export type OperationKind = 'read' | 'create' | 'cancel' | 'end' | 'update';

export const OPERATION_SCOPES: Readonly<Record<OperationKind, Scope>> = {
  read: 'meetings:read',
  create: 'meetings:write',
  cancel: 'meetings:write',
  end: 'meetings:write',
  update: 'meetings:write',
};

/** How a caller stands to a meeting or webinar. */
export type Relation = 'organizer' | 'host' | 'invitee';

export type Right =
  /** Create with an `organizer` other than the caller's own user id. */
  | 'actAsOtherOrganizer'
  /** Cancel a meeting, one of its occurrences, or a webinar. */
  | 'cancel'
  /** End a meeting now (`endMeeting`): the same holders as `cancel`. */
  | 'end'
  /** Change a meeting, one occurrence, or a webinar (`update*`): the same holders as `cancel`. */
  | 'update'
  /** List another organizer's meetings or webinars (`listMeetings`, `listWebinars`). */
  | 'listOtherOrganizer'
  /** See `Meeting.hostKey`, `Meeting.startUrl`, `Webinar.manualCheckPassword`, `LiveStream.password`. */
  | 'hostSecrets'
  /** See the join password (`Meeting.password`, `Webinar.password`). */
  | 'joinPassword';

export const RIGHTS: Readonly<
  Record<Right, { relations: readonly Relation[]; scopes: readonly Scope[] }>
> = {
  actAsOtherOrganizer: { relations: [], scopes: ['meetings:admin'] },
  cancel: { relations: ['organizer', 'host'], scopes: ['meetings:admin'] },
  end: { relations: ['organizer', 'host'], scopes: ['meetings:admin'] },
  update: { relations: ['organizer', 'host'], scopes: ['meetings:admin'] },
  listOtherOrganizer: { relations: [], scopes: ['meetings:admin'] },
  hostSecrets: { relations: ['organizer', 'host'], scopes: ['meetings:host', 'meetings:admin'] },
  joinPassword: {
    relations: ['organizer', 'host', 'invitee'],
    scopes: ['meetings:host', 'meetings:admin'],
  },
};

/** The people of a meeting or webinar the rules look at (a webinar has no invitees). */
export interface Parties {
  readonly organizer?: string | null;
  readonly hosts?: readonly string[] | null;
  readonly invitees?: readonly string[] | null;
}

/** Every relation the caller has to `parties` (none for an anonymous caller). */
export function relationsOf(caller: Caller, parties: Parties | null | undefined): Relation[] {
  const me = caller.userId;
  if (!me || !parties) return [];
  const relations: Relation[] = [];
  if (parties.organizer === me) relations.push('organizer');
  if (parties.hosts?.includes(me)) relations.push('host');
  if (parties.invitees?.includes(me)) relations.push('invitee');
  return relations;
}

/** Whether the caller holds `right` on `parties` (null parties: only through a scope). */
export function holds(caller: Caller, right: Right, parties: Parties | null | undefined): boolean {
  if (caller.trusted) return true;
  const rule = RIGHTS[right];
  if (rule.scopes.some((s) => caller.scopes.has(s))) return true;
  return relationsOf(caller, parties).some((r) => rule.relations.includes(r));
}

const RIGHT_HOLDERS: Readonly<Record<Right, string>> = {
  actAsOtherOrganizer: 'only meetings:admin may act for another organizer',
  cancel: 'only the organizer, a host or meetings:admin may cancel it',
  end: 'only the organizer, a host or meetings:admin may end it',
  update: 'only the organizer, a host or meetings:admin may change it',
  listOtherOrganizer: "only meetings:admin may list another organizer's meetings",
  hostSecrets: 'only the organizer, a host, meetings:host or meetings:admin may see it',
  joinPassword:
    'only the organizer, a host, an invitee, meetings:host or meetings:admin may see it',
};

/** Throws FORBIDDEN (naming the `scope`) unless the caller may run this kind of operation. */
export function requireOperation(caller: Caller, kind: OperationKind, operation: string): void {
  if (caller.trusted) return;
  const scope = OPERATION_SCOPES[kind];
  if (!caller.scopes.has(scope)) {
    throw new ForbiddenError(`${operation} needs the ${scope} scope`, { scope }, { operation });
  }
}

/** Throws FORBIDDEN (naming the `right`) unless the caller holds it on `parties`. */
export function requireRight(
  caller: Caller,
  right: Right,
  parties: Parties | null | undefined,
  where: { operation?: string; field?: string },
): void {
  if (holds(caller, right, parties)) return;
  const what = where.field ?? where.operation ?? 'this';
  throw new ForbiddenError(
    `${what}: ${RIGHT_HOLDERS[right]}`,
    { right, scopes: RIGHTS[right].scopes },
    where,
  );
}

/**
 * A create (`scheduleMeeting`, `startInstantMeeting`, `scheduleWebinar`): `meetings:write`, and
 * the caller schedules as itself unless it has `meetings:admin`.
 */
export function authorizeCreate(
  caller: Caller,
  input: { organizer: string },
  operation: string,
): void {
  requireOperation(caller, 'create', operation);
  if (caller.trusted || input.organizer === caller.userId) return;
  requireRight(caller, 'actAsOtherOrganizer', null, { operation, field: 'input.organizer' });
}

/**
 * A list (`listMeetings`, `listWebinars`): `meetings:read`, and whose list it is. An untrusted
 * caller lists their own (the filter's `organizer` may be left out: it is the caller); another
 * organizer's needs `meetings:admin`. Answers the organizer to list for; null when a trusted
 * caller named none (the resolver refuses that as BAD_USER_INPUT on `filter.organizer`).
 */
export function authorizeList(
  caller: Caller,
  organizer: string | null | undefined,
  operation: string,
): string | null {
  requireOperation(caller, 'read', operation);
  if (caller.trusted) return organizer ?? null;
  if (!organizer || organizer === caller.userId) return caller.userId;
  requireRight(caller, 'listOtherOrganizer', null, { operation, field: 'filter.organizer' });
  return organizer;
}

/**
 * A write on an existing meeting or webinar (cancel, end, update): the operation's scope
 * (`meetings:write`), then the action's right on it as read through the loader (`load` is called
 * only for an untrusted caller without the right's scopes, and before any provider write). A
 * missing meeting is left to the caller's NOT_FOUND handling: `load` answering null throws
 * `notFound()`.
 */
export async function authorizeOnExisting(
  caller: Caller,
  action: 'cancel' | 'end' | 'update',
  operation: string,
  load: () => Promise<Parties | null>,
  notFound: () => Error,
): Promise<void> {
  requireOperation(caller, action, operation);
  if (caller.trusted || RIGHTS[action].scopes.some((s) => caller.scopes.has(s))) return;
  const parties = await load();
  if (!parties) throw notFound();
  requireRight(caller, action, parties, { operation });
}
