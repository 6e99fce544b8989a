import { UnsupportedByProviderError } from '../errors/api-errors.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { ProviderCapabilities } from '../schema/types/provider-info.type.js';
import type { MeetingProvider } from './meeting-provider.js';

/** Capabilities of a provider that can do nothing (yet). */
export const NO_CAPABILITIES: ProviderCapabilities = {
  meetings: false,
  webinars: false,
  instantMeetings: false,
  lookupByCode: false,
  cancel: false,
  cancelOccurrence: false,
  recurrenceFrequencies: [],
  recurrenceFields: [],
  liveStreaming: false,
  mediaSettings: [],
};

/**
 * A data source whose every operation answers UNSUPPORTED_BY_PROVIDER. Data sources extend it
 * and override what their provider can do, so an operation a provider lacks (umeeting webinars)
 * is refused in one place with the field that asked for it.
 */
export class UnsupportedOperations implements MeetingProvider {
  constructor(readonly provider: Provider) {}

  protected unsupported(field: string, what: string): never {
    throw new UnsupportedByProviderError(this.provider, field, `${what} is not supported`);
  }

  scheduleMeeting(): Promise<never> {
    return this.unsupported('scheduleMeeting', 'scheduling meetings');
  }
  startInstantMeeting(): Promise<never> {
    return this.unsupported('startInstantMeeting', 'instant meetings');
  }
  getMeetings(): Promise<never> {
    return this.unsupported('meeting', 'meetings');
  }
  getMeetingByCode(): Promise<never> {
    return this.unsupported('meetingByCode', 'meeting lookup by code');
  }
  cancelMeeting(): Promise<never> {
    return this.unsupported('cancelMeeting', 'cancelling meetings');
  }
  cancelOccurrence(): Promise<never> {
    return this.unsupported('cancelOccurrence', 'cancelling one occurrence');
  }
  scheduleWebinar(): Promise<never> {
    return this.unsupported('scheduleWebinar', 'webinars');
  }
  getWebinars(): Promise<never> {
    return this.unsupported('webinar', 'webinars');
  }
  getWebinarByCode(): Promise<never> {
    return this.unsupported('webinarByCode', 'webinars');
  }
  cancelWebinar(): Promise<never> {
    return this.unsupported('cancelWebinar', 'webinars');
  }
}
