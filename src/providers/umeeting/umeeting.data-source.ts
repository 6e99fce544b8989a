import type { Logger } from 'pino';

import { ApiError, BadUserInputError, NotFoundError } from '../../errors/api-errors.js';
import { ListState } from '../../schema/enums/list-state.enum.js';
import { MeetingKind } from '../../schema/enums/meeting-kind.enum.js';
import { MeetingStatus } from '../../schema/enums/meeting-status.enum.js';
import { Provider } from '../../schema/enums/provider.enum.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { StartInstantMeetingInput } from '../../schema/inputs/start-instant-meeting.input.js';
import type { UpdateMeetingInput } from '../../schema/inputs/update-meeting.input.js';
import type { Meeting } from '../../schema/types/meeting.type.js';
import type { RecurringOccurrence } from '../../schema/types/recurring-occurrence.type.js';
import type { ListPage, ListQuery, MeetingProvider, ResourceRef } from '../meeting-provider.js';
import { reportPartialWrite } from '../pipeline/partial-write.js';
import { UnsupportedOperations } from '../unsupported.data-source.js';
import { mapWithConcurrency, readEach } from '../pipeline/concurrency.js';
import { unreadableAnswer } from '../pipeline/outcomes.js';
import type { ProviderCall } from '../pipeline/provider-call.js';
import type { CallScope } from '../pipeline/provider-client.js';
import type { UpstreamScope } from '../../server/limits/upstream-budget.js';
import type { UmeetingClient } from './umeeting.client.js';
import { UmeetingResponseShapeError } from './umeeting.errors.js';
import {
  checkInstantInput,
  checkScheduleInput,
  checkUpdateInput,
  checkUpdateTimes,
} from './umeeting.input-rules.js';
import {
  inWindow,
  listOrder,
  positionOf,
  readPosition,
  uniqueById,
  UMEETING_LIST_MAX_PAGES,
  UMEETING_LIST_PAGE_SIZE,
} from './umeeting.list.js';
import {
  listedFromWire,
  meetingFromCreate,
  meetingFromWire,
  parseUmeetingBool,
  parseUmeetingInt,
  type ListedMeeting,
} from './umeeting.mapper.js';
import { toInstantForm, toScheduleForm, toUpdateForm } from './umeeting.requests.js';
import { fromUmeetingTime, toUmeetingTime } from './umeeting.time.js';
import {
  UMEETING_PATHS,
  type UmeetingCreateData,
  type UmeetingForm,
  type UmeetingListPageWire,
  type UmeetingMeetingWire,
} from './umeeting.wire.js';

export interface UmeetingDataSourceDeps {
  client: UmeetingClient;
  /** The zone umeeting's local times are in (UMEETING_TIMEZONE). */
  timeZone: string;
  log: Logger;
  /** The GraphQL request's upstream scope (budget, telemetry); none outside a request. */
  upstream?: UpstreamScope;
  /** Injectable for tests; the instant meeting's start when the answer has none. */
  now?: () => Date;
}

/** A meeting number is digits (10–11 in the docs, §3.4 U-17); anything else cannot exist. */
const MEETING_NUMBER = /^\d{1,20}$/;
const P = Provider.UMEETING;

/**
 * The umeeting data source (STYLE habit 1), made per request from the long-lived client.
 * Webinars are not an umeeting thing: the UnsupportedOperations base refuses them.
 */
export class UmeetingDataSource extends UnsupportedOperations implements MeetingProvider {
  private readonly client: UmeetingClient;
  private readonly timeZone: string;
  private readonly log: Logger;
  /** Whom its calls are made for (the pipeline's `CallScope`). */
  private readonly scope: CallScope;
  private readonly now: () => Date;

  constructor(deps: UmeetingDataSourceDeps) {
    super(P);
    this.client = deps.client;
    this.timeZone = deps.timeZone;
    this.log = deps.log;
    this.scope = { log: deps.log, upstream: deps.upstream };
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Books a one-off or recurring meeting with `/umeeting/share/schedule`. Refuses before any
   * request (umeeting.input-rules.ts): a missing capacity, a duration of 30 minutes or less, a
   * `user_key` over 200 bytes, and the values umeeting cannot express (LOCAL recording, another
   * time zone, hosts other than the organizer). The fields it lacks are the capabilities' check.
   */
  override async scheduleMeeting(input: ScheduleMeetingInput): Promise<Meeting> {
    checkScheduleInput(input, this.timeZone);
    const form = toScheduleForm(input, this.timeZone);
    const data = await this.send({
      operation: 'scheduleMeeting',
      path: UMEETING_PATHS.schedule,
      form,
      kind: 'write',
      method: 'POST',
    });
    return this.fromCreate('scheduleMeeting', form, data, MeetingKind.SCHEDULED);
  }

  /** Starts a meeting now with `/umeeting/share/instant` (never recurring, §3.4 U-2). */
  override async startInstantMeeting(input: StartInstantMeetingInput): Promise<Meeting> {
    checkInstantInput(input);
    const form = toInstantForm(input);
    const startedAt = this.now();
    const data = await this.send({
      operation: 'startInstantMeeting',
      path: UMEETING_PATHS.instant,
      form,
      kind: 'write',
      method: 'POST',
    });
    return this.fromCreate('startInstantMeeting', form, data, MeetingKind.INSTANT, startedAt);
  }

  /** Reads meetings one `/umeeting/share/get` each (umeeting has no batch read), bounded. */
  override getMeetings(refs: readonly ResourceRef[]): Promise<Array<Meeting | null | Error>> {
    return readEach(refs, this.client.maxConcurrency, (ref) => this.getOne(ref.providerId));
  }

  /** The umeeting meeting code is the meeting number: a get by meeting number. */
  override async getMeetingByCode(meetingCode: string): Promise<Meeting | null> {
    return this.getOne(meetingCode.trim());
  }

  /**
   * Deletes the meeting (the whole series) with `/umeeting/share/delete` and the meeting number,
   * and answers it as it now is: as read before the delete, CANCELLED (with every occurrence),
   * which is what a read answers after it — two calls, the same on every provider. It is read
   * first, so an unknown number is a clean NOT_FOUND with nothing sent, and an already cancelled
   * meeting is answered as read with no delete (cancelling is idempotent; umeeting refuses a
   * second delete).
   */
  override async cancelMeeting(ref: ResourceRef): Promise<Meeting> {
    const before = await this.getOne(ref.providerId);
    if (!before) throw this.notFound(ref.providerId);
    if (before.status === MeetingStatus.CANCELLED) return before;
    await this.send({
      operation: 'cancelMeeting',
      path: UMEETING_PATHS.delete,
      form: { id: ref.providerId },
      kind: 'write',
      method: 'POST',
    });
    return {
      ...before,
      status: MeetingStatus.CANCELLED,
      occurrences: before.occurrences.map((o) => ({ ...o, status: MeetingStatus.CANCELLED })),
    };
  }

  /**
   * Ends the meeting now with `/umeeting/share/end` and the meeting number (docs/reference/providers.md
   * §3.2 #5: a meeting number ends the whole series), and answers it as it now is: as read before,
   * ENDED (with every occurrence not cancelled), which is what a read answers after it. Read
   * first, as cancel: an unknown number is NOT_FOUND with nothing sent; one already ENDED or
   * CANCELLED is not running, which is what ending asks for: it is answered as read with no end
   * sent (idempotent; umeeting itself refuses to end a deleted meeting). A state the read already
   * answers is not a bad input, so it is no error either.
   */
  override async endMeeting(ref: ResourceRef): Promise<Meeting> {
    const before = await this.getOne(ref.providerId);
    if (!before) throw this.notFound(ref.providerId);
    if (before.status === MeetingStatus.ENDED || before.status === MeetingStatus.CANCELLED) {
      return before;
    }
    await this.send({
      operation: 'endMeeting',
      path: UMEETING_PATHS.end,
      form: { id: ref.providerId },
      kind: 'write',
      method: 'POST',
    });
    return {
      ...before,
      status: MeetingStatus.ENDED,
      occurrences: before.occurrences.map((o) =>
        o.status === MeetingStatus.CANCELLED ? o : { ...o, status: MeetingStatus.ENDED },
      ),
    };
  }

  /**
   * Deletes one occurrence with `/umeeting/share/delete` and its `uuid` (docs/reference/providers.md §3.2: a
   * uuid affects only that occurrence). The series is read first, so an occurrence of another
   * meeting, or an unknown one, is NOT_FOUND and nothing is deleted, and an occurrence already
   * cancelled is answered as it is (idempotent).
   */
  override async cancelOccurrence(
    ref: ResourceRef,
    occurrenceId: string,
  ): Promise<RecurringOccurrence> {
    const meeting = await this.getOne(ref.providerId);
    const occurrence = meeting?.occurrences.find((o) => o.providerOccurrenceId === occurrenceId);
    if (!occurrence) {
      throw new NotFoundError(`umeeting meeting ${ref.providerId} has no such occurrence`, {
        provider: P,
        operation: 'cancelOccurrence',
      });
    }
    if (occurrence.status === MeetingStatus.CANCELLED) return occurrence;
    await this.send({
      operation: 'cancelOccurrence',
      path: UMEETING_PATHS.delete,
      form: { id: occurrenceId },
      kind: 'write',
      method: 'POST',
    });
    return { ...occurrence, status: MeetingStatus.CANCELLED };
  }

  /**
   * Changes a meeting (a series as a whole) with `/umeeting/share/update`
   * (docs/reference/providers.md §3.2 #4) and its capacity with
   * `/umeeting/share/resetCapacity/{meetingId}` (§3.2 #10), each sent only when the input has
   * something for it. The update page requires `start_time` and `duration`, so the meeting is read
   * first unless both ends are given (a read: an unknown number is NOT_FOUND with nothing written);
   * a start alone keeps the length (it moves), an end alone keeps the start. Neither write answers
   * the meeting, so it is read back (a read) and answered as the provider now reports it: update
   * and read back 2 calls (3 with the first read); capacity alone 2 (resetCapacity, read back: no
   * times are needed); both 3 or 4.
   *
   * Order: `share/update` first, then `share/resetCapacity`: the update carries the rules that can
   * refuse (times, recurrence), so a refusal there leaves nothing applied. Each write is sent once
   * (the pipeline's write path: a lost answer is OUTCOME_UNKNOWN). If the capacity call fails after
   * the update succeeded, its error keeps its code and says what was done:
   * `extensions.applied` (the input fields `share/update` carried) and `notApplied:
   * ['input.capacity']` (or, with OUTCOME_UNKNOWN, `unknown`), as WeCom's updateWebinar
   * (pipeline/partial-write.ts, docs/errors.md). The state rules are the
   * provider's (an ended or cancelled meeting is refused by umeeting: PROVIDER_REJECTED with its
   * message).
   */
  override async updateMeeting(ref: ResourceRef, input: UpdateMeetingInput): Promise<Meeting> {
    checkUpdateInput(input, this.timeZone);
    const capacity = input.capacity;
    const update = capacity === undefined || asksShareUpdate(input);
    if (capacity !== undefined && !MEETING_NUMBER.test(ref.providerId)) {
      throw this.notFound(ref.providerId);
    }
    if (update) await this.sendUpdate(ref, input);
    if (capacity !== undefined) {
      try {
        await this.send({
          operation: 'resetCapacity',
          path: `${UMEETING_PATHS.resetCapacity}/${encodeURIComponent(ref.providerId)}`,
          form: { meeting_capacity: String(capacity) },
          kind: 'write',
          method: 'POST',
        });
      } catch (error) {
        throw reportPartialWrite(error, update ? shareUpdateFields(input) : [], ['capacity']);
      }
    }
    this.log.info(
      { operation: 'updateMeeting', providerId: ref.providerId, capacity: capacity !== undefined },
      'umeeting meeting updated',
    );
    return this.readBack(ref.providerId);
  }

  /** `/umeeting/share/update` with the times it requires (read first unless both are given). */
  private async sendUpdate(ref: ResourceRef, input: UpdateMeetingInput): Promise<void> {
    let start = input.startTime;
    let end = input.endTime;
    if (!start || !end) {
      const before = await this.getOne(ref.providerId);
      if (!before) throw this.notFound(ref.providerId);
      const length = before.endTime
        ? before.endTime.getTime() - before.startTime.getTime()
        : undefined;
      start ??= before.startTime;
      if (!end) {
        if (length === undefined) {
          throw new BadUserInputError('umeeting did not report the meeting length: give endTime', {
            field: 'input.endTime',
            rule: 'requiredForProvider',
          });
        }
        end = new Date(start.getTime() + length);
      }
      checkUpdateTimes(input, start, end);
    }
    const minutes = (end.getTime() - start.getTime()) / 60_000;
    const form = toUpdateForm(ref.providerId, input, { start, minutes }, this.timeZone);
    await this.send({
      operation: 'updateMeeting',
      path: UMEETING_PATHS.update,
      form,
      kind: 'write',
      method: 'POST',
    });
  }

  /**
   * One page of an organizer's meetings: UPCOMING from `/umeeting/share/list` (booked or live),
   * ENDED from `/umeeting/share/history` (cancelled or ended), by `user_key`
   * (docs/reference/providers.md §3.2 #7, #8). umeeting pages by number in no stated order, so
   * every page is read (bounded: umeeting.list.ts), repeats dropped, sorted by start here, and
   * the slice after `query.after` answered; the positions name meetings by start and number, so
   * a shift between two requests repeats or skips none of the meetings that stayed. List items
   * lack most fields (and carry the host key, a secret never read): each listed meeting is read
   * in full through the loaders (`query.details`: `/share/get`, the read cache), so it is the
   * same Meeting `meeting(id)` answers.
   */
  override async listMeetings(query: ListQuery<Meeting>): Promise<ListPage<Meeting>> {
    const after = query.after === undefined ? undefined : readPosition(query.after);
    const order = listOrder(query.state);
    const listed = uniqueById(await this.listAll(query.organizer, query.state))
      .filter((item) => inWindow(item, query.from, query.to))
      .sort(order);
    const rest = after ? listed.filter((item) => order(item, after) > 0) : listed;
    const slice = rest.slice(0, query.first);
    const details = await query.details(slice.map((item) => item.providerId));
    const items: ListPage<Meeting>['items'] = [];
    slice.forEach((item, i) => {
      const meeting = details[i];
      if (meeting instanceof Error) throw meeting;
      // Deleted for good between the list and the read: not there any more.
      if (meeting) items.push({ node: meeting, position: positionOf(item) });
    });
    return { items, hasNextPage: rest.length > slice.length };
  }

  /** Every page of one list, up to the ceiling; the pages after the first read concurrently. */
  private async listAll(organizer: string, state: ListState): Promise<ListedMeeting[]> {
    const history = state === ListState.ENDED;
    const operation = history ? 'listHistory' : 'listMeetings';
    const path = history ? UMEETING_PATHS.history : UMEETING_PATHS.list;
    const first = await this.listPage(operation, path, organizer, 1);
    const total = parseUmeetingInt(first.page.total_page);
    const declared = total ?? (parseUmeetingBool(first.page.has_next_page) ? 2 : 1);
    const last = Math.min(declared, UMEETING_LIST_MAX_PAGES);
    const numbers = Array.from({ length: Math.max(0, last - 1) }, (_, i) => i + 2);
    const pages = await mapWithConcurrency(numbers, this.client.maxConcurrency, (n) =>
      this.listPage(operation, path, organizer, n),
    );
    let tail = pages.at(-1) ?? first;
    const items = [first, ...pages].flatMap((p) => p.items);
    // No total_page, or the list grew while it was read: follow has_next_page to the ceiling.
    for (let n = last + 1; parseUmeetingBool(tail.page.has_next_page) === true; n += 1) {
      if (n > UMEETING_LIST_MAX_PAGES) {
        this.log.warn(
          { operation, pages: UMEETING_LIST_MAX_PAGES },
          'umeeting list longer than the page ceiling: answered from the pages read',
        );
        break;
      }
      tail = await this.listPage(operation, path, organizer, n);
      items.push(...tail.items);
    }
    return items;
  }

  private async listPage(
    operation: string,
    path: string,
    organizer: string,
    pageNumber: number,
  ): Promise<{ page: UmeetingListPageWire; items: ListedMeeting[] }> {
    const data = await this.send({
      operation,
      path,
      form: {
        user_key: organizer,
        page_size: String(UMEETING_LIST_PAGE_SIZE),
        page_number: String(pageNumber),
      },
      kind: 'read',
      method: 'POST',
    });
    const call = { provider: P, operation, kind: 'read' as const };
    if (!isObject(data)) throw unreadableAnswer(call, 'the answer has no data');
    const page = data as UmeetingListPageWire;
    if (page.meetings != null && !Array.isArray(page.meetings)) {
      throw unreadableAnswer(call, 'meetings is not a list');
    }
    try {
      return { page, items: (page.meetings ?? []).map((w) => listedFromWire(w, this.timeZone)) };
    } catch (error) {
      if (error instanceof UmeetingResponseShapeError) throw unreadableAnswer(call, error.message);
      throw error;
    }
  }

  /**
   * The meeting as the provider reports it after a write that answers nothing. The write is done:
   * if this read fails, the error says so (`writeApplied`), so nobody takes it for a failed write.
   */
  private async readBack(meetingNumber: string): Promise<Meeting> {
    try {
      const after = await this.getOne(meetingNumber);
      if (!after) throw this.notFound(meetingNumber);
      return after;
    } catch (error) {
      if (error instanceof ApiError) Object.assign(error.extensions, { writeApplied: true });
      throw error;
    }
  }

  private async getOne(meetingNumber: string): Promise<Meeting | null> {
    if (!MEETING_NUMBER.test(meetingNumber)) return null;
    let data: unknown;
    try {
      data = await this.send({
        operation: 'getMeeting',
        path: UMEETING_PATHS.get,
        form: { meeting_id: meetingNumber },
        kind: 'read',
        method: 'POST',
      });
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
    if (!isObject(data))
      throw unreadableAnswer(
        { provider: P, operation: 'getMeeting', kind: 'read' },
        'the answer has no data',
      );
    try {
      return meetingFromWire(data as UmeetingMeetingWire, {
        timeZone: this.timeZone,
        kind: MeetingKind.SCHEDULED,
        status: MeetingStatus.INVALID,
      });
    } catch (error) {
      if (error instanceof UmeetingResponseShapeError) {
        throw unreadableAnswer(
          { provider: P, operation: 'getMeeting', kind: 'read' },
          error.message,
        );
      }
      throw error;
    }
  }

  private fromCreate(
    operation: string,
    form: UmeetingForm,
    data: unknown,
    kind: MeetingKind,
    startedAt?: Date,
  ): Meeting {
    if (!isObject(data))
      throw unreadableAnswer({ provider: P, operation, kind: 'write' }, 'the answer has no data');
    const created = data as UmeetingCreateData;
    try {
      // An instant meeting's start is the answer's when it is a real time ("7"/"" are not, §3.4
      // U-4), else the moment we asked.
      const startTime =
        kind === MeetingKind.INSTANT
          ? fromUmeetingTime(created.start_time, this.timeZone)
            ? created.start_time
            : toUmeetingTime(startedAt ?? this.now(), this.timeZone)
          : undefined;
      const meeting = meetingFromCreate(form, created, {
        timeZone: this.timeZone,
        kind,
        startTime,
      });
      this.log.info({ operation, providerId: meeting.providerId }, 'umeeting meeting created');
      return meeting;
    } catch (error) {
      if (error instanceof UmeetingResponseShapeError) {
        throw unreadableAnswer(
          { provider: P, operation, kind: 'write' },
          `unreadable answer: ${error.message}`,
        );
      }
      throw error;
    }
  }

  /** One call, logged by operation, outcome and duration only: never the form or the answer. */
  /** One call through the pipeline, which logs it (operation, outcome, duration; never the form). */
  private send(call: ProviderCall): Promise<unknown> {
    return this.client.call(call, this.scope);
  }

  private notFound(providerId: string): NotFoundError {
    return new NotFoundError(`umeeting meeting ${providerId} not found`, { provider: P });
  }
}

/** Input fields that are not `/share/update`'s: capacity is `/share/resetCapacity`. */
const NOT_SHARE_UPDATE: ReadonlySet<string> = new Set(['capacity', 'idempotencyKey']);

/**
 * Whether `input` asks `/share/update` for anything: a field other than capacity that is given
 * (an explicit null clears, so it asks). An empty list and media settings with nothing set ask
 * nothing; any `live`, even `{}`, does (it switches streaming on).
 */
function asksShareUpdate(input: UpdateMeetingInput): boolean {
  return shareUpdateFields(input).length > 0;
}

/** The input fields `/share/update` carries (what a failed capacity call leaves applied). */
function shareUpdateFields(input: UpdateMeetingInput): string[] {
  return Object.entries(input)
    .filter(([key, value]) => {
      if (NOT_SHARE_UPDATE.has(key) || value === undefined) return false;
      if (Array.isArray(value)) return value.length > 0;
      if (key === 'mediaSettings' && isObject(value)) {
        return Object.values(value).some((v) => v !== undefined && v !== null);
      }
      return true;
    })
    .map(([key]) => key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
