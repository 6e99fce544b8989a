import { NotFoundError } from '../../errors/api-errors.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { Webinar } from '../../schema/types/webinar.type.js';
import type { MeetingProvider, RequestScope, ResourceRef } from '../meeting-provider.js';
import { UnsupportedOperations } from '../unsupported.data-source.js';
import { readEach } from '../pipeline/concurrency.js';
import { unreadableAnswer } from '../pipeline/outcomes.js';
import type { WecomClient } from './wecom.client.js';
import { isNotFound } from './wecom.errors.js';
import { checkMeetingInput, checkWebinarInput } from './wecom.input-rules.js';
import {
  meetingFromCreate,
  meetingFromWire,
  webinarFromCreate,
  webinarFromWire,
} from './wecom.mapper.js';
import { meetingCreateRequest, webinarCreateRequest } from './wecom.requests.js';
import type {
  WecomEnvelope,
  WecomMeetingCreateResponse,
  WecomMeetingGetInfoResponse,
  WecomWebinarCreateResponse,
  WecomWebinarGetResponse,
} from './wecom.wire.js';

const PATHS = {
  webinarCreate: 'cgi-bin/meeting/webinar/create',
  webinarGet: 'cgi-bin/meeting/webinar/get',
  webinarCancel: 'cgi-bin/meeting/webinar/cancel',
  meetingCreate: 'cgi-bin/meeting/create',
  meetingGet: 'cgi-bin/meeting/get_info',
  meetingCancel: 'cgi-bin/meeting/cancel',
} as const;

type LookupKey = { meetingid: string } | { meeting_code: string };

/**
 * WeCom (企业微信) meetings and webinars (docs/reference/providers.md §2), one per request, over the module's
 * shared client and token cache. Ids carry no organizer: WeCom acts as the app, and an app sees
 * exactly what it created (§2.4). Not supported (UNSUPPORTED_BY_PROVIDER, from the base class or
 * the input rules): instant meetings, recurring meetings and per-occurrence cancel, live
 * streaming, capacity, time zones, and media settings WeCom has no field for.
 */
export class WecomDataSource extends UnsupportedOperations implements MeetingProvider {
  constructor(
    private readonly client: WecomClient,
    private readonly scope: RequestScope,
    private readonly now: () => number = Date.now,
  ) {
    super(Provider.WECOM);
  }

  /** Books a webinar (`webinar/create`), then reads it back for the whole picture. Never retried. */
  override async scheduleWebinar(input: ScheduleWebinarInput): Promise<Webinar> {
    checkWebinarInput(input, this.now());
    const operation = 'scheduleWebinar';
    const created = await this.call<WecomWebinarCreateResponse>(
      operation,
      PATHS.webinarCreate,
      webinarCreateRequest(input),
      false,
    );
    const meetingid = requireCreatedId(created.meetingid, operation);
    try {
      const webinar = await this.fetchWebinar({ meetingid }, operation);
      // As read, so that the answer is what any later read answers (the get does not report the
      // creator or the sensitive words: null here too, not filled from the input).
      if (webinar) return webinar;
    } catch (error) {
      this.scope.log.warn(
        { operation, meetingid, err: String(error) },
        'wecom webinar read-back failed',
      );
    }
    // It was created: answer what we know rather than an error that invites a second booking.
    return webinarFromCreate(created, meetingid, input);
  }

  /** Webinars by id (`webinar/get`, one call per id; WeCom has no batch read). */
  override getWebinars(refs: readonly ResourceRef[]): Promise<Array<Webinar | null | Error>> {
    return readEach(refs, this.client.maxConcurrency, (ref) =>
      this.fetchWebinar({ meetingid: ref.providerId }, 'webinar'),
    );
  }

  /** A webinar by its meeting code (`webinar/get` with `meeting_code`); null when none. */
  override getWebinarByCode(meetingCode: string): Promise<Webinar | null> {
    return this.fetchWebinar({ meeting_code: meetingCode }, 'webinarByCode');
  }

  /**
   * Cancels a webinar (`webinar/cancel`, never retried); answers it as it now is. Idempotent: a
   * webinar already cancelled is answered as read, with no cancel sent.
   */
  override async cancelWebinar(ref: ResourceRef): Promise<Webinar> {
    const operation = 'cancelWebinar';
    const webinar = await this.fetchWebinar({ meetingid: ref.providerId }, operation);
    if (!webinar) throw new NotFoundError('no such WECOM webinar', { provider: Provider.WECOM });
    if (webinar.status === MeetingStatus.CANCELLED) return webinar;
    await this.cancel(operation, PATHS.webinarCancel, ref.providerId, 'webinar');
    return { ...webinar, status: MeetingStatus.CANCELLED };
  }

  /** Books a one-off meeting (`meeting/create`: start + duration in seconds). Never retried. */
  override async scheduleMeeting(input: ScheduleMeetingInput): Promise<Meeting> {
    checkMeetingInput(input, this.now());
    const operation = 'scheduleMeeting';
    const created = await this.call<WecomMeetingCreateResponse>(
      operation,
      PATHS.meetingCreate,
      meetingCreateRequest(input),
      false,
    );
    const meetingid = requireCreatedId(created.meetingid, operation);
    // The documented create answer has only `meetingid` (§2.5): the code, the settings WeCom
    // applied (its defaults for those not sent) and the status come with one read, best effort,
    // so that the answer is what any later read answers.
    try {
      const meeting = await this.fetchMeeting({ meetingid }, operation, meetingid);
      if (meeting) return meeting;
    } catch (error) {
      this.scope.log.warn(
        { operation, meetingid, err: String(error) },
        'wecom meeting read-back failed',
      );
    }
    return meetingFromCreate(created, meetingid, input, null);
  }

  /** Meetings by id (`meeting/get_info`, one call per id). */
  override getMeetings(refs: readonly ResourceRef[]): Promise<Array<Meeting | null | Error>> {
    return readEach(refs, this.client.maxConcurrency, (ref) =>
      this.fetchMeeting({ meetingid: ref.providerId }, 'meeting', ref.providerId),
    );
  }

  /** A meeting by its meeting code (`meeting/get_info` with `meeting_code`); null when none. */
  override getMeetingByCode(meetingCode: string): Promise<Meeting | null> {
    return this.fetchMeeting({ meeting_code: meetingCode }, 'meetingByCode', undefined);
  }

  /**
   * Cancels a meeting (`meeting/cancel`, never retried); answers it as it now is. Idempotent: a
   * meeting already cancelled is answered as read, with no cancel sent.
   */
  override async cancelMeeting(ref: ResourceRef): Promise<Meeting> {
    const operation = 'cancelMeeting';
    const meeting = await this.fetchMeeting(
      { meetingid: ref.providerId },
      operation,
      ref.providerId,
    );
    if (!meeting) throw new NotFoundError('no such WECOM meeting', { provider: Provider.WECOM });
    if (meeting.status === MeetingStatus.CANCELLED) return meeting;
    await this.cancel(operation, PATHS.meetingCancel, ref.providerId, 'meeting');
    return { ...meeting, status: MeetingStatus.CANCELLED };
  }

  // ---------------------------------------------------------------- helpers

  private call<T extends WecomEnvelope>(
    operation: string,
    path: string,
    body: object,
    safe: boolean,
  ): Promise<T> {
    return this.client.call<T>(
      { operation, kind: safe ? 'read' : 'write', method: 'POST', path, json: body },
      this.scope.log,
    );
  }

  private async fetchWebinar(key: LookupKey, operation: string): Promise<Webinar | null> {
    try {
      const answer = await this.call<WecomWebinarGetResponse>(
        operation,
        PATHS.webinarGet,
        key,
        true,
      );
      return webinarFromWire(answer, operation);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private async fetchMeeting(
    key: LookupKey,
    operation: string,
    knownId: string | undefined,
  ): Promise<Meeting | null> {
    try {
      const answer = await this.call<WecomMeetingGetInfoResponse>(
        operation,
        PATHS.meetingGet,
        key,
        true,
      );
      return meetingFromWire(answer, knownId, operation);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private async cancel(
    operation: string,
    path: string,
    meetingid: string,
    what: string,
  ): Promise<void> {
    try {
      await this.call(operation, path, { meetingid }, false);
    } catch (error) {
      if (isNotFound(error))
        throw new NotFoundError(`no such WECOM ${what}`, { provider: Provider.WECOM });
      throw error;
    }
  }
}

/** A create answer without an id: it may have been created, and we cannot name it. */
function requireCreatedId(meetingid: unknown, operation: string): string {
  if (typeof meetingid === 'string' && meetingid !== '') return meetingid;
  throw unreadableAnswer(
    { provider: Provider.WECOM, operation, kind: 'write' },
    'answer without meetingid',
  );
}
