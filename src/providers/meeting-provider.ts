import type { Logger } from 'pino';

import type { ProviderMode } from '../schema/enums/provider-mode.enum.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { ScheduleMeetingInput } from '../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../schema/inputs/schedule-webinar.input.js';
import type { StartInstantMeetingInput } from '../schema/inputs/start-instant-meeting.input.js';
import type { Meeting } from '../schema/types/meeting.type.js';
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

/** Per-request scope handed to a data source. */
export interface RequestScope {
  requestId: string;
  log: Logger;
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
 * - creates, cancels and ends are never retried; a lost answer is OutcomeUnknownError.
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

  scheduleWebinar(input: ScheduleWebinarInput): Promise<Webinar>;
  getWebinars(refs: readonly ResourceRef[]): Promise<Array<Webinar | null | Error>>;
  getWebinarByCode(meetingCode: string, organizer?: string): Promise<Webinar | null>;
  cancelWebinar(ref: ResourceRef): Promise<Webinar>;
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
