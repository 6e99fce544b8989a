import { BadUserInputError } from '../errors/api-errors.js';
import { ALL_PROVIDERS, Provider } from './enums/provider.enum.js';

/**
 * Opaque global ids. The payload is a small JSON array, base64url-encoded:
 *   [version, kind, provider, providerId, user, occurrenceId?]
 * Ids stay strings end to end (Tencent ids exceed 2^63).
 *
 * Version 2 (Tencent Meeting, issue 11): `user` is the CREATOR (null when it could not be learnt),
 * so one meeting, webinar or occurrence has exactly one id whoever reads it; reads and cancels act
 * as the creator (docs/reference/providers.md §1.3: `operator_id`/`userid` on every call).
 * Version 1 (WeCom, umeeting: `user` null; Tencent ids handed out before issue 11): a Tencent v1 id
 * embeds whoever LOOKED IT UP, not necessarily the creator. It still decodes, as `actingUser`, and
 * resolves to the same entity as the v2 id (whose `id` it answers with).
 */
export type GlobalIdKind = 'Meeting' | 'Webinar' | 'RecurringOccurrence';

export interface GlobalIdParts {
  kind: GlobalIdKind;
  provider: Provider;
  /** The provider's id of the meeting or webinar (of the series, for an occurrence). */
  providerId: string;
  /** The provider user that created it, when the provider needs one to act on it. */
  organizer?: string;
  /**
   * Legacy Tencent (version 1) ids only: the user that looked it up when the id was made; maybe
   * not the creator. Never set together with `organizer`.
   */
  actingUser?: string;
  /** The provider's id of the occurrence (Tencent `sub_meeting_id`, umeeting `uuid`). */
  occurrenceId?: string;
}

const LEGACY_VERSION = 1;
const CREATOR_VERSION = 2;
/** Providers whose ids embed the creator (version 2). */
const CREATOR_PROVIDERS: readonly Provider[] = [Provider.TENCENT_MEETING];
const KINDS: readonly GlobalIdKind[] = ['Meeting', 'Webinar', 'RecurringOccurrence'];

export function encodeGlobalId(parts: GlobalIdParts): string {
  const legacy = parts.actingUser !== undefined && parts.organizer === undefined;
  const version =
    !legacy && CREATOR_PROVIDERS.includes(parts.provider) ? CREATOR_VERSION : LEGACY_VERSION;
  const payload: (string | number | null)[] = [
    version,
    parts.kind,
    parts.provider,
    parts.providerId,
    (legacy ? parts.actingUser : parts.organizer) ?? null,
  ];
  if (parts.occurrenceId !== undefined) payload.push(parts.occurrenceId);
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function meetingGlobalId(
  provider: Provider,
  providerId: string,
  organizer?: string,
): string {
  return encodeGlobalId({ kind: 'Meeting', provider, providerId, organizer });
}

export function webinarGlobalId(
  provider: Provider,
  providerId: string,
  organizer?: string,
): string {
  return encodeGlobalId({ kind: 'Webinar', provider, providerId, organizer });
}

export function occurrenceGlobalId(
  provider: Provider,
  meetingProviderId: string,
  occurrenceId: string,
  organizer?: string,
): string {
  return encodeGlobalId({
    kind: 'RecurringOccurrence',
    provider,
    providerId: meetingProviderId,
    organizer,
    occurrenceId,
  });
}

/**
 * Ids decoded lately, by id: one read decodes its id in the resolver, the loader and the read
 * cache, and a hot id is read again and again (bench/results/ profiles: ~1 % of a cold read's
 * CPU). Bounded: past MAX_DECODED the oldest entry goes. Only valid ids are kept; the parts are
 * frozen, since every caller of the same id shares them.
 */
const MAX_DECODED = 4096;
const decoded = new Map<string, Readonly<GlobalIdParts>>();

/** Decodes without checking the kind; throws BAD_USER_INPUT naming `field` when malformed. */
export function decodeGlobalId(id: string, field: string): GlobalIdParts {
  const known = typeof id === 'string' ? decoded.get(id) : undefined;
  if (known) return known;
  const parts = Object.freeze(decodeUncached(id, field));
  if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value!);
  decoded.set(id, parts);
  return parts;
}

function decodeUncached(id: string, field: string): GlobalIdParts {
  const malformed = () =>
    new BadUserInputError(`${field} is not a valid id`, { field, rule: 'globalId' });
  if (
    typeof id !== 'string' ||
    id.length === 0 ||
    id.length > 2048 ||
    !/^[A-Za-z0-9_-]+$/.test(id)
  ) {
    throw malformed();
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (
    !Array.isArray(payload) ||
    (payload[0] !== LEGACY_VERSION && payload[0] !== CREATOR_VERSION)
  ) {
    throw malformed();
  }
  const [version, kind, provider, providerId, organizer, occurrenceId] = payload as unknown[];
  if (
    !KINDS.includes(kind as GlobalIdKind) ||
    !ALL_PROVIDERS.includes(provider as Provider) ||
    typeof providerId !== 'string' ||
    providerId.length === 0 ||
    (organizer !== null && typeof organizer !== 'string') ||
    (kind === 'RecurringOccurrence') !== (typeof occurrenceId === 'string')
  ) {
    throw malformed();
  }
  if (version === CREATOR_VERSION && !CREATOR_PROVIDERS.includes(provider as Provider)) {
    throw malformed();
  }
  const user = (organizer as string | null) ?? undefined;
  // A v1 Tencent id embeds who looked it up, not necessarily the creator.
  const legacy = version === LEGACY_VERSION && CREATOR_PROVIDERS.includes(provider as Provider);
  return {
    kind: kind as GlobalIdKind,
    provider: provider as Provider,
    providerId,
    ...(legacy ? { actingUser: user } : { organizer: user }),
    occurrenceId: occurrenceId as string | undefined,
  };
}

/**
 * The id of the series an occurrence id (or any id) belongs to, in the same version: a legacy id
 * gives a legacy series id (same acting user), a v2 id the series' v2 id.
 */
export function seriesGlobalId(parts: GlobalIdParts): string {
  return encodeGlobalId({ ...parts, kind: 'Meeting', occurrenceId: undefined });
}

/** Decodes and checks the kind: a wrong-kind id is BAD_USER_INPUT naming `field`. */
export function decodeGlobalIdOf(kind: GlobalIdKind, id: string, field: string): GlobalIdParts {
  const parts = decodeGlobalId(id, field);
  if (parts.kind !== kind) {
    throw new BadUserInputError(`${field} is a ${parts.kind} id, expected a ${kind} id`, {
      field,
      rule: 'globalIdKind',
    });
  }
  return parts;
}
