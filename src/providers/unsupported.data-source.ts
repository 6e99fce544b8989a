import { UnsupportedByProviderError } from '../errors/api-errors.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { ScheduleMeetingInput } from '../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../schema/inputs/schedule-webinar.input.js';
import type { StartInstantMeetingInput } from '../schema/inputs/start-instant-meeting.input.js';
import type { UpdateMeetingInput } from '../schema/inputs/update-meeting.input.js';
import type { UpdateOccurrenceInput } from '../schema/inputs/update-occurrence.input.js';
import type { UpdateWebinarInput } from '../schema/inputs/update-webinar.input.js';
import type { Meeting } from '../schema/types/meeting.type.js';
import type { RecurringOccurrence } from '../schema/types/recurring-occurrence.type.js';
import type { Webinar } from '../schema/types/webinar.type.js';
import type { ListPage, ListQuery, MeetingProvider, ResourceRef } from './meeting-provider.js';

/**
 * A data source whose every operation answers UNSUPPORTED_BY_PROVIDER. Data sources extend it
 * and override what their provider can do, so an operation a provider lacks (umeeting webinars)
 * is refused in one place with the field that asked for it.
 */
export class UnsupportedOperations implements MeetingProvider {
  constructor(readonly provider: Provider) {}

  /** Rejects (never throws synchronously) with UNSUPPORTED_BY_PROVIDER naming `field`. */
  protected unsupported(field: string, what: string): Promise<never> {
    return Promise.reject(
      new UnsupportedByProviderError(this.provider, field, `${what} is not supported`),
    );
  }

  scheduleMeeting(_input: ScheduleMeetingInput): Promise<Meeting> {
    return this.unsupported('scheduleMeeting', 'scheduling meetings');
  }
  startInstantMeeting(_input: StartInstantMeetingInput): Promise<Meeting> {
    return this.unsupported('startInstantMeeting', 'instant meetings');
  }
  getMeetings(_refs: readonly ResourceRef[]): Promise<Array<Meeting | null | Error>> {
    return this.unsupported('meeting', 'meetings');
  }
  getMeetingByCode(_meetingCode: string, _organizer?: string): Promise<Meeting | null> {
    return this.unsupported('meetingByCode', 'meeting lookup by code');
  }
  cancelMeeting(_ref: ResourceRef): Promise<Meeting> {
    return this.unsupported('cancelMeeting', 'cancelling meetings');
  }
  endMeeting(_ref: ResourceRef): Promise<Meeting> {
    return this.unsupported('endMeeting', 'ending meetings');
  }
  cancelOccurrence(_ref: ResourceRef, _occurrenceId: string): Promise<RecurringOccurrence> {
    return this.unsupported('cancelOccurrence', 'cancelling one occurrence');
  }
  updateMeeting(_ref: ResourceRef, _input: UpdateMeetingInput): Promise<Meeting> {
    return this.unsupported('updateMeeting', 'updating meetings');
  }
  updateOccurrence(
    _ref: ResourceRef,
    _occurrenceId: string,
    _input: UpdateOccurrenceInput,
  ): Promise<RecurringOccurrence> {
    return this.unsupported('updateOccurrence', 'moving one occurrence');
  }
  listMeetings(_query: ListQuery<Meeting>): Promise<ListPage<Meeting>> {
    return this.unsupported('listMeetings', 'listing meetings');
  }
  scheduleWebinar(_input: ScheduleWebinarInput): Promise<Webinar> {
    return this.unsupported('scheduleWebinar', 'webinars');
  }
  getWebinars(_refs: readonly ResourceRef[]): Promise<Array<Webinar | null | Error>> {
    return this.unsupported('webinar', 'webinars');
  }
  getWebinarByCode(_meetingCode: string, _organizer?: string): Promise<Webinar | null> {
    return this.unsupported('webinarByCode', 'webinars');
  }
  cancelWebinar(_ref: ResourceRef): Promise<Webinar> {
    return this.unsupported('cancelWebinar', 'webinars');
  }
  updateWebinar(_ref: ResourceRef, _input: UpdateWebinarInput): Promise<Webinar> {
    return this.unsupported('updateWebinar', 'updating webinars');
  }
  listWebinars(_query: ListQuery<Webinar>): Promise<ListPage<Webinar>> {
    return this.unsupported('listWebinars', 'listing webinars');
  }
}
