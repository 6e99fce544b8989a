import { UnsupportedByProviderError } from '../errors/api-errors.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { ProviderCapabilities } from '../schema/types/provider-info.type.js';
import { RecurrenceFrequency } from '../schema/enums/recurrence-frequency.enum.js';

/**
 * What a provider can do, per kind of thing: THE single source of truth (issue 10). The
 * `providers { capabilities }` answer is derived from it, and so is the one generic check that
 * runs before any provider rule (`checkSupported`): a field a kind does not list is refused with
 * UNSUPPORTED_BY_PROVIDER, every such field at once, before any request. Provider rules keep
 * only what depends on a value (Tencent's weekly rule must repeat the start's own weekday;
 * umeeting's time zone must be the configured one; umeeting's hosts can only be the organizer).
 */
export type CapabilityKind = 'meeting' | 'instantMeeting' | 'webinar' | 'occurrence';

/**
 * `end`: end it now (`endMeeting`), where the provider documents such a call; `update`: change it
 * (`updateMeeting`, `updateWebinar`; for `occurrence`, `updateOccurrence` moves one); `list`: an
 * organizer's list (`listMeetings`, `listWebinars`).
 */
export type KindOperation =
  'create' | 'read' | 'lookupByCode' | 'cancel' | 'end' | 'update' | 'list';

export interface KindCapability {
  operations: readonly KindOperation[];
  /**
   * Input fields accepted, as paths under the create input: `subject`, `mediaSettings` (the
   * object) and `mediaSettings.muteOnJoin` (each of its fields), `recurrence.count`, `live`.
   * A nested field is accepted only when listed itself.
   */
  inputFields: readonly string[];
  /** Recurrence frequencies accepted (empty: no recurring series). */
  recurrenceFrequencies: readonly RecurrenceFrequency[];
  /**
   * Fields the update input may change, as paths like `inputFields` (default: `inputFields`).
   * Listed only when the provider's update call takes fewer (or other) fields than its create.
   */
  updateFields?: readonly string[];
  /** Fields an update may clear with an explicit `null` (default: none). */
  clearableFields?: readonly string[];
}

export type Capabilities = Readonly<Record<CapabilityKind, KindCapability | null>>;

/** A provider that can do nothing (yet). */
export const NO_CAPABILITIES: Capabilities = {
  meeting: null,
  instantMeeting: null,
  webinar: null,
  occurrence: null,
};

/** `prefix.field` for each field, with `prefix` itself: the paths of a nested input object. */
export function nested(prefix: string, fields: readonly string[]): string[] {
  return [prefix, ...fields.map((field) => `${prefix}.${field}`)];
}

/** Every MediaSettingsInput field. */
export const ALL_MEDIA_FIELDS = [
  'muteOnJoin',
  'allowUnmuteSelf',
  'muteAll',
  'joinBeforeHost',
  'waitingRoom',
  'screenShareWatermark',
  'watermarkStyle',
  'enterpriseUsersOnly',
  'hostVideoOnJoin',
  'participantVideoOnJoin',
  'autoRecordingType',
  'recordWhenParticipantJoins',
  'hostCanPauseAutoRecording',
  'playSoundOnJoin',
  'playSoundOnLeave',
] as const;

/** What every create of a kind takes: its required fields. */
export const MEETING_REQUIRED = [
  'provider',
  'subject',
  'organizer',
  'startTime',
  'endTime',
] as const;
export const INSTANT_REQUIRED = ['provider', 'subject', 'organizer'] as const;

/** ScheduleWebinarInput's own fields (seed 000 / seed 003 settings), for a provider taking all. */
export const WEBINAR_FIELDS = [
  ...MEETING_REQUIRED,
  'sponsor',
  'admissionType',
  'password',
  'hosts',
  'description',
  'coverUrl',
  'enableQa',
  'sensitiveWords',
  'enableManualCheck',
  'activityPage',
  'displayAttendeeCount',
  'playbackForAudience',
  'preparationMode',
  'enableGuestInviteLink',
] as const;

export const ALL_FREQUENCIES: readonly RecurrenceFrequency[] = Object.values(RecurrenceFrequency);

/** Input fields this service acts on itself, never sent to a provider: every provider takes them. */
export const SERVER_INPUT_FIELDS: ReadonlySet<string> = new Set(['idempotencyKey']);

/**
 * The generic check: refuses, before any request, every field of `input` that `kind` does not
 * list, and a recurrence frequency it does not take. `input` is the validated input object;
 * unset and null fields and empty lists ask for nothing and pass.
 */
export function checkSupported(
  provider: Provider,
  capabilities: Capabilities,
  kind: CapabilityKind,
  input: object,
  /** The mutation, named when the provider cannot create (or update) this kind at all. */
  operationField: string,
  argument = 'input',
  /** `update`: the update input against `updateFields`, and an explicit null against `clearableFields`. */
  operation: 'create' | 'update' = 'create',
): void {
  const capability = checkOperation(provider, capabilities, kind, operation, operationField);
  const accepted = new Set(
    operation === 'update'
      ? (capability.updateFields ?? capability.inputFields)
      : capability.inputFields,
  );
  const clearable = new Set(operation === 'update' ? (capability.clearableFields ?? []) : []);
  const refused: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === null && operation === 'update' && !SERVER_INPUT_FIELDS.has(key)) {
      if (!clearable.has(key)) refused.push(key);
      continue;
    }
    if (isUnset(value) || SERVER_INPUT_FIELDS.has(key)) continue;
    if (!accepted.has(key)) {
      refused.push(key);
      continue;
    }
    if (isPlainObject(value)) {
      for (const [sub, subValue] of Object.entries(value)) {
        if (!isUnset(subValue) && !accepted.has(`${key}.${sub}`)) refused.push(`${key}.${sub}`);
      }
    }
  }
  const frequency = (input as { recurrence?: { frequency?: RecurrenceFrequency } }).recurrence
    ?.frequency;
  if (
    frequency &&
    accepted.has('recurrence') &&
    !capability.recurrenceFrequencies.includes(frequency)
  ) {
    refused.push('recurrence.frequency');
  }
  if (refused.length === 0) return;
  const fields = refused.map((path) => `${argument}.${path}`);
  throw new UnsupportedByProviderError(
    provider,
    fields[0]!,
    `${describeKind(kind)} cannot take ${refused.join(', ')} (see providers { capabilities })`,
    fields,
  );
}

/** Refuses an operation the kind does not list (`field`: what the caller asked with). */
export function checkOperation(
  provider: Provider,
  capabilities: Capabilities,
  kind: CapabilityKind,
  operation: KindOperation,
  field: string,
): KindCapability {
  const capability = capabilities[kind];
  if (!capability) {
    throw new UnsupportedByProviderError(
      provider,
      field,
      `${describeKind(kind)} are not supported`,
    );
  }
  if (!capability.operations.includes(operation)) {
    throw new UnsupportedByProviderError(
      provider,
      field,
      `${describeKind(kind)} do not support ${operation}`,
    );
  }
  return capability;
}

function describeKind(kind: CapabilityKind): string {
  return {
    meeting: 'scheduled meetings',
    instantMeeting: 'instant meetings',
    webinar: 'webinars',
    occurrence: 'single occurrences',
  }[kind];
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** The `providers { capabilities }` answer: the per-kind source, and the flat fields derived from it. */
export function describeCapabilities(c: Capabilities): ProviderCapabilities {
  const meeting = c.meeting;
  const fieldsUnder = (prefix: string) =>
    (meeting?.inputFields ?? [])
      .filter((path) => path.startsWith(`${prefix}.`))
      .map((path) => path.slice(prefix.length + 1));
  const kind = (k: KindCapability | null) =>
    k && {
      operations: [...k.operations],
      inputFields: [...k.inputFields],
      recurrenceFrequencies: [...k.recurrenceFrequencies],
      updateFields: k.operations.includes('update') ? [...(k.updateFields ?? k.inputFields)] : [],
      clearableFields: [...(k.clearableFields ?? [])],
    };
  return {
    meeting: kind(c.meeting),
    instantMeeting: kind(c.instantMeeting),
    webinar: kind(c.webinar),
    occurrence: kind(c.occurrence),
    meetings: meeting?.operations.includes('create') ?? false,
    webinars: c.webinar?.operations.includes('create') ?? false,
    instantMeetings: c.instantMeeting?.operations.includes('create') ?? false,
    lookupByCode: meeting?.operations.includes('lookupByCode') ?? false,
    cancel: meeting?.operations.includes('cancel') ?? false,
    cancelOccurrence: c.occurrence?.operations.includes('cancel') ?? false,
    recurrenceFrequencies: meeting?.inputFields.includes('recurrence')
      ? [...meeting.recurrenceFrequencies]
      : [],
    recurrenceFields: fieldsUnder('recurrence').filter((f) => f !== 'frequency'),
    liveStreaming: meeting?.inputFields.includes('live') ?? false,
    mediaSettings: fieldsUnder('mediaSettings'),
  };
}
