/**
 * Who is calling (issue 11): the one shape authentication produces and authorisation reads.
 * With `AUTH_MODE=none` (trusted network, e.g. behind a router that authenticates) the caller
 * is `TRUSTED_CALLER`: every operation is allowed, as before authentication existed.
 */
export type Scope = 'meetings:read' | 'meetings:write' | 'meetings:host' | 'meetings:admin';

export const ALL_SCOPES: readonly Scope[] = [
  'meetings:read',
  'meetings:write',
  'meetings:host',
  'meetings:admin',
];

export interface Caller {
  /** `none` mode: no identity is checked and nothing is refused for want of one. */
  readonly trusted: boolean;
  /** The caller's provider user id (the `AUTH_ORGANIZER_CLAIM` claim); null when anonymous. */
  readonly userId: string | null;
  readonly scopes: ReadonlySet<Scope>;
}

export const TRUSTED_CALLER: Caller = Object.freeze({
  trusted: true,
  userId: null,
  scopes: new Set<Scope>(ALL_SCOPES),
});
