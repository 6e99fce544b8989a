import type { Logger } from 'pino';

import type { ListState } from '../schema/enums/list-state.enum.js';
import type { ProviderMode } from '../schema/enums/provider-mode.enum.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { ScheduleMeetingInput } from '../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../schema/inputs/schedule-webinar.input.js';
import type { StartInstantMeetingInput } from '../schema/inputs/start-instant-meeting.input.js';
import type { UpdateMeetingInput } from '../schema/inputs/update-meeting.input.js';
import type { UpdateOccurrenceInput } from '../schema/inputs/update-occurrence.input.js';
import type { UpdateWebinarInput } from '../schema/inputs/update-webinar.input.js';
import type { Meeting } from '../schema/types/meeting.type.js';
import type { UpstreamScope } from '../server/limits/upstream-budget.js';
import type { Capabilities } from './capabilities.js';
import type { RecurringOccurrence } from '../schema/types/recurring-occurrence.type.js';
import type { Webinar } from '../schema/types/webinar.type.js';

/**
 * What a resolver needs to name a provider resource: the provider's id, and the user that
 * created it where the provider acts on behalf of a user (Tencent). Decoded from a global id.
 */
export interface ResourceRef {
  providerId: string;
  organizer?: string;
  /** Legacy Tencent ids: who looked it up when the id was made (maybe not the creator). */
  actingUser?: string;
}

/**
 * One page of an organizer's meetings or webinars (`listMeetings`, `listWebinars`), as the
 * resolver asks a data source for it. The data source hides the provider's paging (page numbers,
 * `pos`/`cursory`, id lists with a ±30-day window) behind its own resumable positions.
 */
export interface ListQuery<T> {
  /** Whose (Tencent `userid`, WeCom `userid`, umeeting `user_key`). */
  organizer: string;
  state: ListState;
  /** Only items starting at or after this instant. */
  from?: Date;
  /** Only items starting before this instant. */
  to?: Date;
  /** How many items at most (1–50). */
  first: number;
  /** A position a previous page answered (`ListItem.position`): list what follows it. */
  after?: string;
  /**
   * Reads full items by provider id through the request's loaders (and so the read cache): for a
   * provider whose list answers ids only (WeCom `get_user_meetingid_list`). One entry per id, in
   * order: the item, null when missing, or an Error.
   */
  details(providerIds: readonly string[]): Promise<Array<T | null | Error>>;
}

export interface ListItem<T> {
  node: T;
  /**
   * The data source's own position after this item: given back as `ListQuery.after`, the list
   * resumes with the next item, each item once. Opaque to the resolver (it wraps it in the cursor),
   * JSON-safe, short (it travels in every edge's cursor).
   */
  position: string;
}

export interface ListPage<T> {
  /**
   * At most `first` items, each once (providers that repeat items across their pages are
   * deduplicated), ordered by start time: earliest first for UPCOMING, latest first for ENDED.
   */
  items: Array<ListItem<T>>;
  /** Whether more items follow the last one. */
  hasNextPage: boolean;
}

/** Per-request scope handed to a data source; it hands it on to every provider call. */
export interface RequestScope {
  requestId: string;
  log: Logger;
  /** The GraphQL request's upstream budget, telemetry and kind; none outside a request (tests). */
  upstream?: UpstreamScope;
}

/**
 * The interface every provider data source implements (STYLE habit 1). Methods are domain
 * operations; wire shapes never leave the provider folder. A data source is created per request
 * from long-lived parts (HTTP client, token cache) built once at start-up.
 *
 * Conventions:
 * - reads return `null` when the provider says the resource does not exist;
 * - what the provider cannot do throws UnsupportedByProviderError naming the input field,
 *   before any request is sent;
 * - provider failures throw ProviderError with the codes of docs/errors.md;
 * - creates, updates, cancels and ends are never retried; a lost answer is OutcomeUnknownError;
 * - updates are partial: an undefined field is left alone, `null` clears where the provider can
 *   (else UnsupportedByProviderError naming `input.<field>`), and the answer is the resource as
 *   the provider now reports it (read back where the update answer lacks fields).
 */
export interface MeetingProvider {
  readonly provider: Provider;

  scheduleMeeting(input: ScheduleMeetingInput): Promise<Meeting>;
  startInstantMeeting(input: StartInstantMeetingInput): Promise<Meeting>;
  /** One entry per ref, in order: the meeting, null when missing, or an Error for that ref. */
  getMeetings(refs: readonly ResourceRef[]): Promise<Array<Meeting | null | Error>>;
  getMeetingByCode(meetingCode: string, organizer?: string): Promise<Meeting | null>;
  /** Cancels the whole meeting (the whole series); returns it as it now is. */
  cancelMeeting(ref: ResourceRef): Promise<Meeting>;
  /**
   * Ends the meeting now (the whole series); returns it as it now is (ENDED). Idempotent: one
   * already ENDED is answered as read, with no end sent; a CANCELLED one is BAD_USER_INPUT.
   */
  endMeeting(ref: ResourceRef): Promise<Meeting>;
  /** Cancels one occurrence of a series; returns that occurrence as it now is. */
  cancelOccurrence(ref: ResourceRef, occurrenceId: string): Promise<RecurringOccurrence>;
  /** Changes what `input` gives (the whole series for a recurring one); answers it as it now is. */
  updateMeeting(ref: ResourceRef, input: UpdateMeetingInput): Promise<Meeting>;
  /** Moves one occurrence of a series; answers that occurrence as it now is. */
  updateOccurrence(
    ref: ResourceRef,
    occurrenceId: string,
    input: UpdateOccurrenceInput,
  ): Promise<RecurringOccurrence>;
  /** One page of an organizer's meetings (see ListQuery / ListPage). */
  listMeetings(query: ListQuery<Meeting>): Promise<ListPage<Meeting>>;

  scheduleWebinar(input: ScheduleWebinarInput): Promise<Webinar>;
  getWebinars(refs: readonly ResourceRef[]): Promise<Array<Webinar | null | Error>>;
  getWebinarByCode(meetingCode: string, organizer?: string): Promise<Webinar | null>;
  cancelWebinar(ref: ResourceRef): Promise<Webinar>;
  /** Changes what `input` gives; answers the webinar as it now is. */
  updateWebinar(ref: ResourceRef, input: UpdateWebinarInput): Promise<Webinar>;
  /** One page of an organizer's webinars (see ListQuery / ListPage). */
  listWebinars(query: ListQuery<Webinar>): Promise<ListPage<Webinar>>;
}

/**
 * A provider as the process knows it: built once at start-up (config, HTTP client, token cache),
 * it makes a fresh data source per request.
 */
export interface ProviderModule {
  readonly provider: Provider;
  readonly mode: ProviderMode;
  readonly capabilities: Capabilities;
  /** The base URL calls go to (the emulator's in SANDBOX). */
  readonly baseUrl: string;
  createDataSource(scope: RequestScope): MeetingProvider;
  /** Whether the provider answers at all (for /readyz). Never throws. */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}
