import { BadUserInputError, NotFoundError } from '../../errors/api-errors.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';
import type { UpdateMeetingInput } from '../../schema/inputs/update-meeting.input.js';
import type { UpdateWebinarInput } from '../../schema/inputs/update-webinar.input.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { Webinar } from '../../schema/types/webinar.type.js';
import type {
  ListPage,
  ListQuery,
  MeetingProvider,
  RequestScope,
  ResourceRef,
} from '../meeting-provider.js';
import { reportPartialWrite } from '../pipeline/partial-write.js';
import { UnsupportedOperations } from '../unsupported.data-source.js';
import { readEach } from '../pipeline/concurrency.js';
import { unreadableAnswer } from '../pipeline/outcomes.js';
import type { WecomClient } from './wecom.client.js';
import { isNotFound, responseInvalid } from './wecom.errors.js';
import {
  checkMeetingInput,
  checkMeetingUpdate,
  checkWebinarInput,
  checkWebinarUpdate,
} from './wecom.input-rules.js';
import { listWindow, pageOf } from './wecom.list.js';
import {
  meetingFromCreate,
  meetingFromWire,
  webinarFromCreate,
  webinarFromWire,
} from './wecom.mapper.js';
import {
  meetingCreateRequest,
  meetingUpdateRequest,
  WARM_UP_FIELDS,
  warmUpRequest,
  webinarCreateRequest,
  webinarUpdateRequest,
} from './wecom.requests.js';
import type {
  WecomEnvelope,
  WecomMeetingCreateResponse,
  WecomMeetingGetInfoResponse,
  WecomMeetingIdListResponse,
  WecomWebinarCreateResponse,
  WecomWebinarGetResponse,
} from './wecom.wire.js';

const PATHS = {
  webinarCreate: 'cgi-bin/meeting/webinar/create',
  webinarGet: 'cgi-bin/meeting/webinar/get',
  webinarUpdate: 'cgi-bin/meeting/webinar/update',
  webinarWarmUp: 'cgi-bin/meeting/webinar/update_warm_up',
  webinarCancel: 'cgi-bin/meeting/webinar/cancel',
  meetingCreate: 'cgi-bin/meeting/create',
  meetingGet: 'cgi-bin/meeting/get_info',
  meetingUpdate: 'cgi-bin/meeting/update',
  meetingCancel: 'cgi-bin/meeting/cancel',
  meetingIdList: 'cgi-bin/meeting/get_user_meetingid',
  meetingEnd: 'cgi-bin/meeting/realcontrol/dismiss',
} as const;

/** `get_user_meetingid`'s largest (and default) page (path/97457). */
const ID_PAGE_LIMIT = 100;
/** Provider pages one list walks at most: a cursor that never ends is not followed forever. */
const MAX_ID_PAGES = 50;

/** Webinar states `webinar/update` cannot change (the emulator refuses them; path/98843). */
const WEBINAR_FINAL: ReadonlySet<MeetingStatus> = new Set([
  MeetingStatus.CANCELLED,
  MeetingStatus.ENDED,
  MeetingStatus.RECYCLED,
]);

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

  /**
   * Changes a meeting (`meeting/update`, path/98154; never retried), then reads it back with
   * `get_info` (the update answers only `errcode`). The meeting is read first: an unknown id is
   * NOT_FOUND, one not in the scheduled state ("仅允许修改预约状态下的会议": cancelled, begun or
   * ended) is BAD_USER_INPUT on `id`, and a new start alone keeps the meeting's length (the doc
   * needs `meeting_start` and `meeting_duration` together). No update is sent in those cases.
   */
  override async updateMeeting(ref: ResourceRef, input: UpdateMeetingInput): Promise<Meeting> {
    const operation = 'updateMeeting';
    const meetingid = ref.providerId;
    checkMeetingUpdate(input, null, this.now());
    const current = await this.fetchMeeting({ meetingid }, operation, meetingid);
    if (!current) throw new NotFoundError('no such WECOM meeting', { provider: Provider.WECOM });
    if (current.status !== MeetingStatus.INIT) {
      throw new BadUserInputError(
        `id: WeCom changes only a meeting that has not begun; this one is ${current.status}`,
        { field: 'id', rule: 'notScheduled', status: current.status },
      );
    }
    const times = checkMeetingUpdate(input, current, this.now());
    await this.call(
      operation,
      PATHS.meetingUpdate,
      meetingUpdateRequest(meetingid, input, times),
      false,
    );
    try {
      const meeting = await this.fetchMeeting({ meetingid }, operation, meetingid);
      if (meeting) return meeting;
    } catch (error) {
      this.scope.log.warn(
        { operation, meetingid, err: String(error) },
        'wecom meeting read-back failed',
      );
    }
    // Changed: answer what we know rather than an error that invites a second update.
    return {
      ...current,
      subject: input.subject ?? current.subject,
      startTime: times?.start ?? current.startTime,
      endTime: times?.end ?? current.endTime,
      hosts: input.hosts ?? current.hosts,
      invitees: input.invitees ?? current.invitees,
      password: input.password ?? current.password,
    };
  }

  /**
   * One page of an organizer's meetings. `get_user_meetingid` (path/97457, 98714) answers ids
   * only, in no documented order, with a `next_cursor`, over a window of at most 180 days; so
   * every id of the window is listed (each provider page, deduplicated), the meetings are read
   * through the request's loaders (`query.details`), filtered by state and `from`/`to`, sorted
   * by start (then id), and the page is cut after `query.after`: a position is the start and id
   * of the last meeting answered, so it survives WeCom's cursors and meetings added meanwhile.
   */
  override async listMeetings(query: ListQuery<Meeting>): Promise<ListPage<Meeting>> {
    const operation = 'listMeetings';
    const now = this.now();
    const window = listWindow(query, now);
    if (!window) return { items: [], hasNextPage: false };
    const ids: string[] = [];
    const seen = new Set<string>();
    let cursor = '0'; // "初次调用可以填0" (path/97457)
    for (let page = 0; ; page += 1) {
      if (page === MAX_ID_PAGES) {
        throw responseInvalid(
          operation,
          `meeting id list did not end within ${MAX_ID_PAGES} pages`,
        );
      }
      const answer = await this.call<WecomMeetingIdListResponse>(
        operation,
        PATHS.meetingIdList,
        {
          userid: query.organizer,
          cursor,
          begin_time: window.begin,
          end_time: window.end,
          limit: ID_PAGE_LIMIT,
        },
        true,
      );
      for (const id of Array.isArray(answer.meetingid_list) ? answer.meetingid_list : []) {
        if (typeof id === 'string' && id !== '' && !seen.has(id)) {
          seen.add(id);
          ids.push(id);
        }
      }
      const next = typeof answer.next_cursor === 'string' ? answer.next_cursor : '';
      if (next === '' || next === cursor) break;
      cursor = next;
    }
    const meetings: Meeting[] = [];
    for (const found of ids.length > 0 ? await query.details(ids) : []) {
      if (found instanceof Error) throw found;
      if (found) meetings.push(found);
    }
    return pageOf(meetings, query, now);
  }

  /**
   * Changes a webinar: `webinar/update` (path/98843) for its own fields, then
   * `webinar/update_warm_up` (path/98882) for the warm-up ones, each sent once and only when the
   * input has fields for it; then one `webinar/get`. The webinar is read first: `webinar/update`
   * requires title, times and admission type, so the current ones fill those not given (and the
   * value rules are checked against it). The main update goes first: it carries the rules that
   * can refuse. If the warm-up call then fails, the error says what was applied
   * (`extensions.applied`) and what was not (`notApplied`) or may have been (`unknown`, with
   * OUTCOME_UNKNOWN): a write is never left unreported (docs/providers/wecom.md).
   */
  override async updateWebinar(ref: ResourceRef, input: UpdateWebinarInput): Promise<Webinar> {
    const operation = 'updateWebinar';
    const meetingid = ref.providerId;
    const current = await this.fetchWebinar({ meetingid }, operation);
    if (!current) throw new NotFoundError('no such WECOM webinar', { provider: Provider.WECOM });
    if (WEBINAR_FINAL.has(current.status)) {
      throw new BadUserInputError(`id: this webinar is ${current.status} and cannot change`, {
        field: 'id',
        rule: 'notScheduled',
        status: current.status,
      });
    }
    const given = Object.entries(input)
      .filter(([key, value]) => value != null && key !== 'idempotencyKey')
      .map(([key]) => key);
    const warmUpFields = given.filter((key) => (WARM_UP_FIELDS as readonly string[]).includes(key));
    const mainFields = given.filter((key) => !warmUpFields.includes(key));
    const warmUp = warmUpRequest(meetingid, input);
    if (mainFields.length > 0) {
      const times = checkWebinarUpdate(input, current, this.now());
      const admissionType = current.admissionType;
      if (admissionType == null) {
        throw responseInvalid(operation, 'webinar answer lacks admission_type');
      }
      const body = webinarUpdateRequest(
        meetingid,
        input,
        { subject: current.subject, admissionType, password: current.password ?? null },
        times,
      );
      await this.call(operation, PATHS.webinarUpdate, body, false);
    }
    if (warmUp) {
      try {
        await this.call('updateWebinarWarmUp', PATHS.webinarWarmUp, warmUp, false);
      } catch (error) {
        throw reportPartialWrite(error, mainFields, warmUpFields);
      }
    }
    try {
      const webinar = await this.fetchWebinar({ meetingid }, operation);
      if (webinar) return webinar;
    } catch (error) {
      this.scope.log.warn(
        { operation, meetingid, err: String(error) },
        'wecom webinar read-back failed',
      );
    }
    // Changed, but unreadable now: what we know, rather than an error that invites a retry.
    return {
      ...current,
      subject: input.subject ?? current.subject,
      sponsor: input.sponsor ?? current.sponsor,
      description: input.description ?? current.description,
      admissionType: input.admissionType ?? current.admissionType,
      warmUpPicture: input.warmUpPicture ?? current.warmUpPicture,
      warmUpVideo: input.warmUpVideo ?? current.warmUpVideo,
      allowAttendeesInviteOthers:
        input.allowAttendeesInviteOthers ?? current.allowAttendeesInviteOthers,
    };
  }

  /**
   * Ends a meeting now (`meeting/realcontrol/dismiss`, path/98187: "结束一个进行中的会议"; never
   * retried), then reads it back. Read first: unknown is NOT_FOUND; one already ended, or
   * cancelled (not running), is answered as read with no call (idempotent, as the other
   * providers). `force_dismiss` 1 ends it with people in; `retrieve_code` 0 keeps the meeting
   * code, which the doc requires while a series has meetings to come. The doc speaks of a meeting
   * in progress; one not yet begun is sent too (ASSUMPTION, docs/providers/wecom.md).
   */
  override async endMeeting(ref: ResourceRef): Promise<Meeting> {
    const operation = 'endMeeting';
    const meetingid = ref.providerId;
    const current = await this.fetchMeeting({ meetingid }, operation, meetingid);
    if (!current) throw new NotFoundError('no such WECOM meeting', { provider: Provider.WECOM });
    const over = [MeetingStatus.ENDED, MeetingStatus.RECYCLED, MeetingStatus.CANCELLED];
    if (over.includes(current.status)) return current;
    const body = { meetingid, force_dismiss: 1, retrieve_code: 0 };
    await this.call(operation, PATHS.meetingEnd, body, false);
    try {
      const meeting = await this.fetchMeeting({ meetingid }, operation, meetingid);
      if (meeting) return meeting;
    } catch (error) {
      this.scope.log.warn(
        { operation, meetingid, err: String(error) },
        'wecom meeting read-back failed',
      );
    }
    return { ...current, status: MeetingStatus.ENDED };
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
      this.scope,
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
