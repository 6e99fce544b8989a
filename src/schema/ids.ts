import { BadUserInputError } from '../errors/api-errors.js';
import { ALL_PROVIDERS, type Provider } from './enums/provider.enum.js';

/**
 * Opaque global ids. The payload is a small JSON array, base64url-encoded:
 *   [version, kind, provider, providerId, organizer?, occurrenceId?]
 * The organizer rides along because Tencent reads and cancels act as a user (docs/reference/providers.md §1.3:
 * `operator_id`/`userid` on every call; only the creator may read a webinar), so an id alone is
 * enough to read or cancel what it names. Ids stay strings end to end (Tencent ids exceed 2^63).
 */
export type GlobalIdKind = 'Meeting' | 'Webinar' | 'RecurringOccurrence';

export interface GlobalIdParts {
  kind: GlobalIdKind;
  provider: Provider;
  /** The provider's id of the meeting or webinar (of the series, for an occurrence). */
  providerId: string;
  /** The provider user that created it, when the provider needs one to act on it. */
  organizer?: string;
  /** The provider's id of the occurrence (Tencent `sub_meeting_id`, umeeting `uuid`). */
  occurrenceId?: string;
}

const VERSION = 1;
const KINDS: readonly GlobalIdKind[] = ['Meeting', 'Webinar', 'RecurringOccurrence'];

export function encodeGlobalId(parts: GlobalIdParts): string {
  const payload: (string | number | null)[] = [
    VERSION,
    parts.kind,
    parts.provider,
    parts.providerId,
    parts.organizer ?? null,
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

/** Decodes without checking the kind; throws BAD_USER_INPUT naming `field` when malformed. */
export function decodeGlobalId(id: string, field: string): GlobalIdParts {
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
  if (!Array.isArray(payload) || payload[0] !== VERSION) throw malformed();
  const [, kind, provider, providerId, organizer, occurrenceId] = payload as unknown[];
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
  return {
    kind: kind as GlobalIdKind,
    provider: provider as Provider,
    providerId,
    organizer: (organizer as string | null) ?? undefined,
    occurrenceId: occurrenceId as string | undefined,
  };
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
