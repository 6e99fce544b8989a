import type { Scope } from '../auth/caller.js';
import { OPERATION_SCOPES, RIGHTS } from '../auth/rules.js';

/**
 * Federation directives a router reads (issue 11), as `@Directive(...)` strings so the scope
 * names come from the subgraph's own rules (auth/rules.ts). They are the router's static form of
 * those rules (docs/operations.md, "Behind a router"); linked in src/server/federation.ts.
 */
function requiresScopes(alternatives: ReadonlyArray<readonly Scope[]>): string {
  const list = alternatives.map((all) => `[${all.map((s) => JSON.stringify(s)).join(', ')}]`);
  return `@requiresScopes(scopes: [${list.join(', ')}])`;
}

/** Queries that read meetings or webinars. */
export const REQUIRES_READ = requiresScopes([[OPERATION_SCOPES.read]]);

/** Mutations that create a meeting or webinar. */
export const REQUIRES_CREATE = requiresScopes([[OPERATION_SCOPES.create]]);

/** Mutations that cancel one. */
export const REQUIRES_CANCEL = requiresScopes([[OPERATION_SCOPES.cancel]]);

/** Mutations that end one now. */
export const REQUIRES_END = requiresScopes([[OPERATION_SCOPES.end]]);
/** `updateMeeting`, `updateOccurrence`, `updateWebinar`. */
export const REQUIRES_UPDATE = requiresScopes([[OPERATION_SCOPES.update]]);

/**
 * Host-only secrets: `meetings:host` or `meetings:admin`. Stricter than the subgraph's own rule,
 * which also shows them to the meeting's organizer and hosts: a router cannot know who they are.
 */
export const REQUIRES_HOST = requiresScopes(RIGHTS.hostSecrets.scopes.map((s) => [s]));

/** Entities: any field of another subgraph that returns one still needs a signed-in caller. */
export const AUTHENTICATED = '@authenticated';

/** Value types (no key) that another subgraph may define and resolve too. */
export const SHAREABLE = '@shareable';
