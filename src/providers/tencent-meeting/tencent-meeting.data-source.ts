import type { Logger } from 'pino';

import { BadUserInputError, NotFoundError, ProviderError } from '../../errors/api-errors.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { ScheduleWebinarInput } from '../../schema/inputs/schedule-webinar.input.js';
import type { StartInstantMeetingInput } from '../../schema/inputs/start-instant-meeting.input.js';
import type { UpdateMeetingInput } from '../../schema/inputs/update-meeting.input.js';
import type { UpdateOccurrenceInput } from '../../schema/inputs/update-occurrence.input.js';
import type { UpdateWebinarInput } from '../../schema/inputs/update-webinar.input.js';
import { ListState } from '../../schema/enums/list-state.enum.js';
import { MeetingKind } from '../../schema/enums/meeting-kind.enum.js';
import { meetingGlobalId } from '../../schema/ids.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { RecurringOccurrence } from '../../schema/types/recurring-occurrence.type.js';
import type { Webinar } from '../../schema/types/webinar.type.js';
import type {
  ListPage,
  ListQuery,
  MeetingProvider,
  RequestScope,
  ResourceRef,
} from '../meeting-provider.js';
import { readEach } from '../pipeline/concurrency.js';
import { unreadableAnswer } from '../pipeline/outcomes.js';
import type { TencentMeetingClient } from './tencent-meeting.client.js';
import {
  checkInstantMeetingInput,
  checkMeetingInput,
  checkUpdateAgainstCurrent,
  checkUpdateMeetingInput,
  checkUpdateWebinarInput,
  checkWebinarInput,
} from './tencent-meeting.input-rules.js';
import {
  endedItemTimes,
  listEnded,
  listUpcoming,
  PROVIDER_PAGE_SIZE,
} from './tencent-meeting.list.js';
import {
  firstMeetingInfo,
  meetingFromCreate,
  meetingFromWire,
  webinarFromWire,
} from './tencent-meeting.mapper.js';
import {
  INSTANCE_ID,
  toCreateMeetingRequest,
  toCreateWebinarRequest,
  toInstantMeetingRequest,
  toMoveOccurrenceRequest,
  toUpdateMeetingRequest,
  toUpdateWebinarRequest,
  updatedTimes,
} from './tencent-meeting.requests.js';
import type {
  TmCreateMeetingRequest,
  TmEndedMeetingItem,
  TmEndedMeetingsResponse,
  TmMeetingInfo,
  TmUserMeetingListResponse,
} from './tencent-meeting.wire.js';
import { TENCENT_DEFAULT_TIME_ZONE } from './tencent-meeting.wire.js';
import { mediaSettingsFromMeeting } from './tencent-meeting.mapper.js';
import { UnsupportedOperations } from '../unsupported.data-source.js';

const PROVIDER = Provider.TENCENT_MEETING;
/** Caller-defined and required by the cancel APIs (docs/reference/providers.md §1.3/§1.4). */
const REASON_CODE = 1;
/** `error_code` of a cancel whose meeting or webinar is already cancelled (docs/reference/providers.md §1.3). */
const ALREADY_CANCELLED = 9007;
/** `error_code` of a call on a meeting that has ended (docs/reference/providers.md §1.2/§1.3). */
const ALREADY_ENDED = 13603;
/** Statuses in which a meeting is not running: ending it sends nothing. */
const NOT_RUNNING: ReadonlySet<MeetingStatus> = new Set([
  MeetingStatus.ENDED,
  MeetingStatus.RECYCLED,
  MeetingStatus.CANCELLED,
]);
/** `operator_id_type` 1: `operator_id` is a userid (1095/57955). */
const OPERATOR_ID_TYPE_USERID = 1;
/** `error_code` of "no permission" (docs/reference/providers.md §1.2). */
const NO_PERMISSION = 9042;
/** Hosts asked at most whether they created a meeting whose creator is not known. */
const MAX_CREATOR_PROBES = 5;

/**
 * Tencent Meeting data source (STYLE habit 1), made per request from the long-lived client.
 * Tencent acts on behalf of a user on every call; reads send it as
 * `operator_id=<userid>&operator_id_type=1&instanceid=1` (docs/reference/providers.md §1.3).
 *
 * The acting user (issue 11, docs/providers/tencent-meeting.md "Global ids and the acting user"):
 * the creator when known (from a v2 id: `ResourceRef.organizer`), else the configured enterprise
 * admin `operator` (TENCENT_MEETING_OPERATOR), else the user a legacy id embeds or the
 * `organizer` a by-code lookup names. What is read without the creator is then asked who created
 * it (`learnCreator`), so the id and `organizer` it answers with are the creator's whoever read it.
 */
export class TencentMeetingDataSource extends UnsupportedOperations implements MeetingProvider {
  constructor(
    private readonly client: TencentMeetingClient,
    private readonly scope: RequestScope,
    private readonly now: () => Date = () => new Date(),
    /** The enterprise admin userid (TENCENT_MEETING_OPERATOR); null when none is configured. */
    private readonly operator: string | null = null,
  ) {
    super(PROVIDER);
  }

  private get log(): Logger {
    return this.scope.log;
  }

  /**
   * Books a one-off or recurring meeting (optionally live-streamed), then reads it back: the
   * create answer echoes little (seed 001: one setting, no participants; docs/reference/providers.md §1.5 T-M8) and no
   * occurrences, so the answer is what any later read answers.
   */
  override async scheduleMeeting(input: ScheduleMeetingInput): Promise<Meeting> {
    checkMeetingInput(input);
    const body = toCreateMeetingRequest(input);
    return this.createMeeting(body, 'scheduleMeeting');
  }

  /** Starts a quick meeting (Tencent `type` 1) now, for `durationMinutes` (default 60). */
  override async startInstantMeeting(input: StartInstantMeetingInput): Promise<Meeting> {
    checkInstantMeetingInput(input);
    const body = toInstantMeetingRequest(input, this.now());
    return this.createMeeting(body, 'startInstantMeeting');
  }

  /**
   * Reads meetings by ref: one GET per distinct (id, organizer), at most READ_CONCURRENCY at a
   * time. Missing ones (9003) are null; a failure is that entry's Error.
   */
  override async getMeetings(refs: readonly ResourceRef[]): Promise<Array<Meeting | null | Error>> {
    return this.batch(refs, (ref) => this.readMeeting(ref, 'meeting'));
  }

  /** Looks a meeting up by its 9-digit code, as `organizer` (required by Tencent). */
  override async getMeetingByCode(
    meetingCode: string,
    organizer?: string,
  ): Promise<Meeting | null> {
    // `organizer` stays required (the API's contract); the read acts as the admin operator when
    // one is configured, as the creator is not known yet.
    const asked = requireOrganizer(organizer);
    const actor = this.operator ?? asked;
    const operation = 'meetingByCode';
    const answer = await this.readByCode(operation, 'v1/meetings', meetingCode, actor);
    const info = answer === null ? undefined : firstMeetingInfo(answer, operation);
    if (info === undefined) return null;
    return this.withCreator(info, actor, operation);
  }

  /**
   * Cancels a whole meeting (a whole series); returns it as it now is: as read before the cancel,
   * CANCELLED (with every occurrence), which is what a read answers after it — two calls, the
   * same on every provider. Idempotent: a meeting already cancelled is answered as read, with no
   * cancel sent (Tencent would answer 9007).
   */
  override async cancelMeeting(ref: ResourceRef): Promise<Meeting> {
    const before = await this.readMeeting(ref, 'cancelMeeting');
    if (!before) throw notFound('meeting', ref.providerId);
    const organizer = this.actorFor(before.organizer ?? undefined, ref.actingUser);
    if (before.status === MeetingStatus.CANCELLED) return before;
    await this.client
      .call(
        {
          operation: 'cancelMeeting',
          method: 'POST',
          path: `v1/meetings/${ref.providerId}/cancel`,
          json: {
            userid: organizer,
            instanceid: INSTANCE_ID,
            reason_code: REASON_CODE,
            // A series is cancelled whole with meeting_type 1 and no sub_meeting_id (§1.3).
            ...(before.recurrence || before.occurrences.length > 0 ? { meeting_type: 1 } : {}),
          },
          kind: 'write',
        },
        this.scope,
      )
      .catch(unlessAlreadyCancelled);
    return cancelled(before);
  }

  /**
   * Ends a meeting now (a series whole: its own id, "结束周期性会议需要传入主会议 ID") with
   * `POST /v1/meetings/{id}/dismiss` (结束会议, cloud.tencent.com/document/product/1095/57955;
   * body as the official Go SDK's `V1MeetingsMeetingIdDismissPostRequest`,
   * TencentCloud/wemeet-openapi-sdk-go service/meeting_control), then reads it back: the answer
   * is `{}`. Read first: unknown is NOT_FOUND; one already ENDED (or RECYCLED) or CANCELLED is
   * not running and is answered as read, with no end sent (idempotent, as umeeting and WeCom).
   * The end acts as the creator (or the admin operator: `actorFor`, as cancel); the doc lets the
   * creator, a host or a co-host end it. `force_dismiss_meeting` 1 ends it with people in;
   * `retrieve_code` 0 keeps the code, which the doc requires while a series has meetings to come.
   * A write: sent once, a lost answer is OUTCOME_UNKNOWN. A 13603 (ended) or 9007 (cancelled)
   * in between, e.g. by the clock or a concurrent request, leaves it not running: the read-back
   * tells. The doc speaks of a meeting in progress; one not yet begun is sent too (ASSUMPTION,
   * docs/providers/tencent-meeting.md).
   */
  override async endMeeting(ref: ResourceRef): Promise<Meeting> {
    const operation = 'endMeeting';
    const before = await this.readMeeting(ref, operation);
    if (!before) throw notFound('meeting', ref.providerId);
    const organizer = this.actorFor(before.organizer ?? undefined, ref.actingUser);
    if (NOT_RUNNING.has(before.status)) return before;
    await this.client
      .call(
        {
          operation,
          method: 'POST',
          path: `v1/meetings/${ref.providerId}/dismiss`,
          json: {
            operator_id: organizer,
            operator_id_type: OPERATOR_ID_TYPE_USERID,
            instanceid: INSTANCE_ID,
            reason_code: REASON_CODE,
            force_dismiss_meeting: 1,
            retrieve_code: 0,
          },
          kind: 'write',
        },
        this.scope,
      )
      .catch(unlessNotRunning);
    // The creator learnt by the first read: the read-back asks no one again.
    const again = { ...ref, organizer: before.organizer ?? ref.organizer };
    const read = await this.rereadAfterWrite(() => this.readMeeting(again, operation));
    return read ?? ended(before);
  }

  /**
   * Cancels one occurrence (`sub_meeting_id`); returns it with status CANCELLED. Idempotent: an
   * occurrence already cancelled is answered as read, with no cancel sent.
   */
  override async cancelOccurrence(
    ref: ResourceRef,
    occurrenceId: string,
  ): Promise<RecurringOccurrence> {
    const series = await this.readMeeting(ref, 'cancelOccurrence');
    const occurrence = series?.occurrences.find((o) => o.providerOccurrenceId === occurrenceId);
    if (!occurrence) throw notFound('occurrence', `${ref.providerId}/${occurrenceId}`);
    const organizer = this.actorFor(series?.organizer ?? undefined, ref.actingUser);
    if (occurrence.status === MeetingStatus.CANCELLED) return occurrence;
    await this.client
      .call(
        {
          operation: 'cancelOccurrence',
          method: 'POST',
          path: `v1/meetings/${ref.providerId}/cancel`,
          json: {
            userid: organizer,
            instanceid: INSTANCE_ID,
            reason_code: REASON_CODE,
            meeting_type: 1,
            sub_meeting_id: occurrenceId,
          },
          kind: 'write',
        },
        this.scope,
      )
      .catch(unlessAlreadyCancelled);
    // sub_meetings status 1 = deleted: the occurrence is now cancelled (§1.3).
    return { ...occurrence, status: MeetingStatus.CANCELLED };
  }

  /**
   * PUT /v1/meetings/{id} (§1.3 PUT) with only what `input` gives; the whole series for a
   * recurring one. The meeting is read first only when the update needs it (a start or end given
   * alone keeps the other; a new rule must fit the start; a legacy id does not name the creator).
   * The PUT answer is partial (ids, settings, live address), so the meeting is read back after.
   * Tencent's own refusals come through as they are (9007 cancelled, 13603 ended, 9042 not the
   * creator): PROVIDER_REJECTED with the provider code; 9003 is NOT_FOUND.
   */
  override async updateMeeting(ref: ResourceRef, input: UpdateMeetingInput): Promise<Meeting> {
    checkUpdateMeetingInput(input);
    if (!isWireId(ref.providerId)) throw notFound('meeting', ref.providerId);
    const needsCurrent =
      !ref.organizer ||
      (input.startTime == null) !== (input.endTime == null) ||
      input.recurrence != null;
    const before = needsCurrent ? await this.readMeeting(ref, 'updateMeeting') : null;
    if (needsCurrent && !before) throw notFound('meeting', ref.providerId);
    if (before) checkUpdateAgainstCurrent(input, before);
    const organizer = this.actorFor(before?.organizer ?? ref.organizer, ref.actingUser);
    const body = toUpdateMeetingRequest(input, organizer, before);
    await this.client.call(
      {
        operation: 'updateMeeting',
        method: 'PUT',
        path: `v1/meetings/${ref.providerId}`,
        json: body,
        kind: 'write',
      },
      this.scope,
    );
    const read = await this.rereadAfterWrite(() => this.readMeeting(ref, 'updateMeeting'));
    if (read) return read;
    if (before) return applyMeetingUpdate(before, input, updatedTimes(input, before));
    throw updatedUnread('meeting', ref.providerId);
  }

  /**
   * Moves one occurrence: the same PUT with `recurring_rule.sub_meeting_id` and its new times
   * (§1.3 PUT; never with a rule change). The series is read first (is it one of its
   * occurrences, who created it) and again after (the answer says nothing of occurrences).
   */
  override async updateOccurrence(
    ref: ResourceRef,
    occurrenceId: string,
    input: UpdateOccurrenceInput,
  ): Promise<RecurringOccurrence> {
    const series = await this.readMeeting(ref, 'updateOccurrence');
    const occurrence = series?.occurrences.find((o) => o.providerOccurrenceId === occurrenceId);
    if (!series || !occurrence) throw notFound('occurrence', `${ref.providerId}/${occurrenceId}`);
    const organizer = this.actorFor(series.organizer ?? undefined, ref.actingUser);
    await this.client.call(
      {
        operation: 'updateOccurrence',
        method: 'PUT',
        path: `v1/meetings/${ref.providerId}`,
        json: toMoveOccurrenceRequest(organizer, occurrenceId, input.startTime, input.endTime),
        kind: 'write',
      },
      this.scope,
    );
    const read = await this.rereadAfterWrite(() => this.readMeeting(ref, 'updateOccurrence'));
    const moved = read?.occurrences.find((o) => o.providerOccurrenceId === occurrenceId);
    return moved ?? { ...occurrence, startTime: input.startTime, endTime: input.endTime };
  }

  /**
   * One page of the organizer's meetings: UPCOMING through GET /v1/meetings?userid=…, ENDED
   * through GET /v1/history/meetings/{userid} (tencent-meeting.list.ts). Reads: retried as reads.
   */
  override async listMeetings(query: ListQuery<Meeting>): Promise<ListPage<Meeting>> {
    const organizer = query.organizer;
    const now = this.now();
    if (query.state === ListState.ENDED) {
      const operation = 'listEndedMeetings';
      return listEnded(
        query,
        {
          now: () => this.now(),
          page: (page, start, end) =>
            this.client.call(
              {
                operation,
                method: 'GET',
                path: `v1/history/meetings/${encodeURIComponent(organizer)}`,
                searchParams: {
                  page_size: String(PROVIDER_PAGE_SIZE),
                  page: String(page),
                  start_time: String(start),
                  end_time: String(end),
                },
                kind: 'read',
              },
              this.scope,
            ) as Promise<TmEndedMeetingsResponse>,
        },
        operation,
        (item, id) => endedMeeting(item, id, organizer),
      );
    }
    const operation = 'listMeetings';
    return listUpcoming(
      query,
      {
        page: (pos) =>
          this.client.call(
            {
              operation,
              method: 'GET',
              path: 'v1/meetings',
              searchParams: {
                userid: organizer,
                instanceid: String(INSTANCE_ID),
                // One entry per series (its first sub-meeting): a series is one Meeting here.
                is_show_all_sub_meetings: '0',
                ...(pos !== undefined ? { pos: String(pos) } : {}),
              },
              kind: 'read',
            },
            this.scope,
          ) as Promise<TmUserMeetingListResponse>,
        map: (info: TmMeetingInfo) => meetingFromWire(info, { organizer, operation, now }),
        warn: (message) => this.log.warn({ provider: PROVIDER, operation }, message),
      },
      operation,
    );
  }

  /** Books a webinar with every field of seed 000; returns it as read back. */
  override async scheduleWebinar(input: ScheduleWebinarInput): Promise<Webinar> {
    checkWebinarInput(input, this.now());
    const body = toCreateWebinarRequest(input);
    const organizer = input.organizer;
    const answer = await this.client.call(
      {
        operation: 'scheduleWebinar',
        method: 'POST',
        path: 'v1/webinars',
        json: body,
        kind: 'write',
      },
      this.scope,
    );
    const created = asCreated(() =>
      webinarFromWire(answer, { organizer, operation: 'scheduleWebinar', now: this.now() }),
    );
    const ref = { providerId: created.providerId, organizer };
    const read = await this.rereadAfterWrite(() => this.readWebinar(ref, 'scheduleWebinar'));
    // The create answer carries the manual-check credentials; a read may not (seed 000).
    return read
      ? {
          ...read,
          manualCheckLink: read.manualCheckLink ?? created.manualCheckLink,
          manualCheckPassword: read.manualCheckPassword ?? created.manualCheckPassword,
        }
      : created;
  }

  /** Reads webinars by ref (only the creator may read one: 9042 otherwise). */
  override async getWebinars(refs: readonly ResourceRef[]): Promise<Array<Webinar | null | Error>> {
    return this.batch(refs, (ref) => this.readWebinar(ref, 'webinar'));
  }

  /** Looks a webinar up by its code, as `organizer` (required by Tencent). */
  override async getWebinarByCode(
    meetingCode: string,
    organizer?: string,
  ): Promise<Webinar | null> {
    const asked = requireOrganizer(organizer);
    const actor = this.operator ?? asked;
    const answer = await this.readByCode('webinarByCode', 'v1/webinars', meetingCode, actor);
    return answer === null ? null : this.webinarWithCreator(answer, actor, 'webinarByCode');
  }

  /**
   * Cancels a webinar; returns it as it now is (as read before the cancel, CANCELLED; two calls).
   * Idempotent: a webinar already cancelled is answered as read, with no cancel sent (Tencent
   * would answer 9007).
   */
  override async cancelWebinar(ref: ResourceRef): Promise<Webinar> {
    const before = await this.readWebinar(ref, 'cancelWebinar');
    if (!before) throw notFound('webinar', ref.providerId);
    const organizer = this.actorFor(before.organizer ?? undefined, ref.actingUser);
    if (before.status === MeetingStatus.CANCELLED) return before;
    await this.client
      .call(
        {
          operation: 'cancelWebinar',
          method: 'POST',
          path: `v1/webinars/${ref.providerId}/cancel`,
          json: { userid: organizer, instanceid: INSTANCE_ID, reason_code: REASON_CODE },
          kind: 'write',
        },
        this.scope,
      )
      .catch(unlessAlreadyCancelled);
    return { ...before, status: MeetingStatus.CANCELLED };
  }

  /**
   * PUT /v1/webinars/{id} (§1.4 PUT, 1095/61964): only the creator; start and end travel
   * together. Read first (the rules that involve the current webinar: a PASSWORD admission needs
   * a password, cover and description need the activity page, playback needs cloud recording;
   * a start or end alone) and read back after (the answer carries no webinar).
   */
  override async updateWebinar(ref: ResourceRef, input: UpdateWebinarInput): Promise<Webinar> {
    const before = await this.readWebinar(ref, 'updateWebinar');
    if (!before) throw notFound('webinar', ref.providerId);
    checkUpdateWebinarInput(input, before);
    const organizer = this.actorFor(before.organizer ?? undefined, ref.actingUser);
    await this.client.call(
      {
        operation: 'updateWebinar',
        method: 'PUT',
        path: `v1/webinars/${ref.providerId}`,
        json: toUpdateWebinarRequest(input, organizer, before),
        kind: 'write',
      },
      this.scope,
    );
    const read = await this.rereadAfterWrite(() => this.readWebinar(ref, 'updateWebinar'));
    return read ?? applyWebinarUpdate(before, input, updatedTimes(input, before));
  }

  // -------------------------------------------------------------------------------------------

  private async createMeeting(body: TmCreateMeetingRequest, operation: string): Promise<Meeting> {
    const organizer = body.userid;
    const answer = await this.client.call(
      { operation, method: 'POST', path: 'v1/meetings', json: body, kind: 'write' },
      this.scope,
    );
    // A 2xx answer we cannot read may still mean the meeting exists: OUTCOME_UNKNOWN.
    const created = asCreated(() => {
      const info = firstMeetingInfo(answer, operation);
      if (info === undefined) {
        throw new ProviderError('PROVIDER_RESPONSE_INVALID', 'empty meeting_info_list', {
          provider: PROVIDER,
        });
      }
      return meetingFromCreate(info, body, { organizer, operation, now: this.now() });
    });
    // The full state (settings with their defaults, participants, a series' `sub_meetings` with
    // Tencent's own ids) only comes with a read (docs/reference/providers.md §1.5 T-M8).
    const read = await this.rereadAfterWrite(() =>
      this.readMeeting({ providerId: created.providerId, organizer }, operation),
    );
    return read ?? created;
  }

  private async readMeeting(ref: ResourceRef, operation: string): Promise<Meeting | null> {
    const organizer = this.actorFor(ref.organizer, ref.actingUser);
    if (!/^\d{1,24}$/.test(ref.providerId)) return null;
    const answer = await this.readOrNull(() =>
      this.client.call(
        {
          operation,
          method: 'GET',
          path: `v1/meetings/${ref.providerId}`,
          searchParams: operatorQuery(organizer),
          kind: 'read',
        },
        this.scope,
      ),
    );
    if (answer === null) return null;
    const info = firstMeetingInfo(answer, operation);
    if (info === undefined) return null;
    if (ref.organizer) return meetingFromWire(info, { organizer, operation, now: this.now() });
    return this.withCreator(info, organizer, operation);
  }

  /**
   * The acting user: the creator when known, else the admin operator, else the user a legacy id
   * embeds. None of them: BAD_USER_INPUT (LIVE without TENCENT_MEETING_OPERATOR, an id whose
   * creator could not be learnt).
   */
  private actorFor(creator: string | undefined, actingUser: string | undefined): string {
    return requireOrganizer(creator ?? this.operator ?? actingUser, 'id');
  }

  /**
   * Maps a meeting read by `actor`, who may not be its creator, with its creator as `organizer`
   * (and in its id). The get-meeting answer names no creator (docs/reference/providers.md §1.3:
   * `hosts`, `current_hosts`; only by-code and list answers carry `join_meeting_role`, and only
   * for the operator), so it is learnt: the actor if a by-code answer calls it `creator`, else the
   * first of the answer's `hosts` (Tencent's default host is the creator, §1.3) whose own by-code
   * read says `creator`. Unknown (the creator is not a host): null.
   */
  private async withCreator(info: unknown, actor: string, operation: string): Promise<Meeting> {
    const now = this.now();
    const seen = meetingFromWire(info, { operation, now });
    const role = (info as { join_meeting_role?: unknown }).join_meeting_role;
    let creator: string | undefined = role === 'creator' ? actor : undefined;
    if (creator === undefined && seen.meetingCode) {
      // A by-code answer already told the actor's role; a by-id answer did not.
      const candidates = seen.hosts
        .filter((h) => role === undefined || h !== actor)
        .slice(0, MAX_CREATOR_PROBES);
      for (const host of candidates) {
        if (await this.isCreator(seen.meetingCode, host, operation)) {
          creator = host;
          break;
        }
      }
    }
    return creator === undefined
      ? seen
      : meetingFromWire(info, { organizer: creator, operation, now });
  }

  /** Whether `userid`'s by-code read calls it the meeting's creator (`join_meeting_role`). */
  private async isCreator(
    meetingCode: string,
    userid: string,
    operation: string,
  ): Promise<boolean> {
    try {
      const answer = await this.readByCode(operation, 'v1/meetings', meetingCode, userid);
      const info = answer === null ? undefined : firstMeetingInfo(answer, operation);
      return (info as { join_meeting_role?: unknown } | undefined)?.join_meeting_role === 'creator';
    } catch (error) {
      if (error instanceof ProviderError && error.providerCode === NO_PERMISSION) return false;
      throw error;
    }
  }

  /**
   * Maps a webinar read by `actor` with its creator as `organizer`. Only the creator may query a
   * webinar (docs/reference/providers.md §1.4), so anyone but the admin operator who read it is
   * its creator; read by the operator, the first of its `hosts` that may read it is.
   */
  private async webinarWithCreator(
    answer: unknown,
    actor: string,
    operation: string,
  ): Promise<Webinar> {
    const now = this.now();
    if (actor !== this.operator)
      return webinarFromWire(answer, { organizer: actor, operation, now });
    const seen = webinarFromWire(answer, { operation, now });
    for (const host of seen.hosts.filter((h) => h !== actor).slice(0, MAX_CREATOR_PROBES)) {
      try {
        await this.client.call(
          {
            operation,
            method: 'GET',
            path: 'v1/webinars',
            searchParams: { meeting_id: seen.providerId, ...operatorQuery(host) },
            kind: 'read',
          },
          this.scope,
        );
        return webinarFromWire(answer, { organizer: host, operation, now });
      } catch (error) {
        if (!(error instanceof ProviderError && error.providerCode === NO_PERMISSION)) throw error;
      }
    }
    return seen;
  }

  private async readWebinar(ref: ResourceRef, operation: string): Promise<Webinar | null> {
    // Only the creator may query a webinar (§1.4): the user of a legacy webinar id is its creator.
    const creator = ref.organizer ?? ref.actingUser;
    const organizer = this.actorFor(creator, undefined);
    if (!/^\d{1,24}$/.test(ref.providerId)) return null;
    const answer = await this.readOrNull(() =>
      this.client.call(
        {
          operation,
          method: 'GET',
          path: 'v1/webinars',
          searchParams: { meeting_id: ref.providerId, ...operatorQuery(organizer) },
          kind: 'read',
        },
        this.scope,
      ),
    );
    if (answer === null) return null;
    return creator
      ? webinarFromWire(answer, { organizer: creator, operation, now: this.now() })
      : this.webinarWithCreator(answer, organizer, operation);
  }

  /** GET by `meeting_code` as `operator`; null when the code is not 9 digits or unknown (9003). */
  private readByCode(
    operation: string,
    path: string,
    meetingCode: string,
    operator: string,
  ): Promise<unknown> {
    if (!/^\d{9}$/.test(meetingCode)) return Promise.resolve(null);
    return this.readOrNull(() =>
      this.client.call(
        {
          operation,
          method: 'GET',
          path,
          searchParams: { meeting_code: meetingCode, ...operatorQuery(operator) },
          kind: 'read',
        },
        this.scope,
      ),
    );
  }

  /** 9003 on a read means "does not exist": null, not an error. */
  private async readOrNull<T>(read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /**
   * The read after a successful create or cancel. The write already happened, so a failing
   * read must not turn it into an error: the caller gets what the write answer told us.
   */
  private async rereadAfterWrite<T>(read: () => Promise<T | null>): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      this.log.warn(
        { provider: PROVIDER, code: (error as { code?: string }).code },
        'read-back after a write failed; answering from the write',
      );
      return null;
    }
  }

  /** Each distinct ref read once, bounded in flight (pipeline/concurrency.ts). */
  private batch<T>(
    refs: readonly ResourceRef[],
    read: (ref: ResourceRef) => Promise<T | null>,
  ): Promise<Array<T | null | Error>> {
    return readEach(refs, this.client.maxConcurrency, read);
  }
}

const isWireId = (id: string): boolean => /^\d{1,24}$/.test(id);

/** The write happened but nothing could be read back, and nothing was read before. */
function updatedUnread(what: string, id: string): ProviderError {
  const error = new ProviderError(
    'PROVIDER_UNAVAILABLE',
    `${PROVIDER} ${what} ${id} was updated, but could not be read back; read it again`,
    { provider: PROVIDER },
  );
  // docs/errors.md: a write that reached the provider is never reported as if it had not.
  Object.assign(error.extensions, { writeApplied: true });
  return error;
}

/** What the update sent, over the meeting as read before (when the read-back failed). */
function applyMeetingUpdate(
  before: Meeting,
  input: UpdateMeetingInput,
  times: { start: Date; end: Date } | undefined,
): Meeting {
  return {
    ...before,
    subject: input.subject ?? before.subject,
    startTime: times?.start ?? before.startTime,
    endTime: times?.end ?? before.endTime,
    password: input.password === null ? null : (input.password ?? before.password),
    hosts: input.hosts ?? before.hosts,
    invitees: input.invitees ?? before.invitees,
    timeZone: input.timeZone ?? before.timeZone,
  };
}

function applyWebinarUpdate(
  before: Webinar,
  input: UpdateWebinarInput,
  times: { start: Date; end: Date } | undefined,
): Webinar {
  return {
    ...before,
    subject: input.subject ?? before.subject,
    sponsor: input.sponsor ?? before.sponsor,
    startTime: times?.start ?? before.startTime,
    endTime: times?.end ?? before.endTime,
    hosts: input.hosts ?? before.hosts,
    description: input.description ?? before.description,
    coverUrl: input.coverUrl ?? before.coverUrl,
  };
}

/**
 * A history item (1095/53805: subject, ids, times, type) as a Meeting, for when its full read
 * fails (a recycled meeting): ENDED, and what the item does not say is empty.
 */
function endedMeeting(item: TmEndedMeetingItem, providerId: string, organizer: string): Meeting {
  const { start, end } = endedItemTimes(item);
  return {
    id: meetingGlobalId(PROVIDER, providerId, organizer),
    provider: PROVIDER,
    providerId,
    meetingCode: item.meeting_code ?? null,
    subject: item.subject ?? '',
    kind: MeetingKind.SCHEDULED,
    status: MeetingStatus.ENDED,
    startTime: start,
    endTime: end,
    password: null,
    organizer,
    hosts: [],
    invitees: [],
    joinUrl: null,
    mediaSettings: mediaSettingsFromMeeting(undefined),
    recurrence: null,
    occurrences: [],
    live: null,
    timeZone: TENCENT_DEFAULT_TIME_ZONE,
    capacity: null,
    hostKey: null,
    startUrl: null,
  };
}

function operatorQuery(userid: string): Record<string, string> {
  return { operator_id: userid, operator_id_type: '1', instanceid: String(INSTANCE_ID) };
}

/** Tencent acts as a user on every call: without the organizer nothing can be read. */
function requireOrganizer(organizer: string | undefined, field = 'organizer'): string {
  if (!organizer) {
    throw new BadUserInputError(`${field}: Tencent Meeting needs the organizer (the acting user)`, {
      field,
      rule: 'requiredForProvider',
    });
  }
  return organizer;
}

/**
 * A cancel answered 9007 "already cancelled" (cancelled between our read and the cancel, e.g. by a
 * concurrent request) has the outcome asked for: not an error; the read-back tells the state.
 */
function unlessAlreadyCancelled(error: unknown): void {
  if (error instanceof ProviderError && error.providerCode === ALREADY_CANCELLED) return;
  throw error;
}

/**
 * An end answered 13603 (ended) or 9007 (cancelled) between our read and the end: the meeting is
 * not running, which is what ending asks for; the read-back tells which.
 */
function unlessNotRunning(error: unknown): void {
  if (
    error instanceof ProviderError &&
    (error.providerCode === ALREADY_ENDED || error.providerCode === ALREADY_CANCELLED)
  )
    return;
  throw error;
}

function notFound(what: string, id: string): NotFoundError {
  return new NotFoundError(`${PROVIDER} ${what} ${id} does not exist`, { provider: PROVIDER });
}

function cancelled(meeting: Meeting): Meeting {
  return {
    ...meeting,
    status: MeetingStatus.CANCELLED,
    occurrences: meeting.occurrences.map((o) => ({ ...o, status: MeetingStatus.CANCELLED })),
  };
}

/** What an end leaves, when it cannot be read back: ENDED, with every occurrence not cancelled. */
function ended(meeting: Meeting): Meeting {
  return {
    ...meeting,
    status: MeetingStatus.ENDED,
    occurrences: meeting.occurrences.map((o) =>
      o.status === MeetingStatus.CANCELLED ? o : { ...o, status: MeetingStatus.ENDED },
    ),
  };
}

/** Mapping a create answer: any failure to read it means the outcome is unknown. */
function asCreated<T>(map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof ProviderError) {
      const operation = (error.extensions.operation as string | undefined) ?? 'create';
      throw unreadableAnswer(
        { provider: PROVIDER, operation, kind: 'write' },
        'the answer could not be read',
      );
    }
    throw error;
  }
}
