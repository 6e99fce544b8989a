import { Arg, Args, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';

import {
  REQUIRES_READ,
  REQUIRES_CREATE,
  REQUIRES_CANCEL,
  REQUIRES_END,
  REQUIRES_UPDATE,
} from '../schema/access-directives.js';
import { authorizeCreate, authorizeOnExisting, requireOperation } from '../auth/rules.js';
import { NotFoundError } from '../errors/api-errors.js';
import { withIdempotency } from '../idempotency/idempotency.js';
import { LookupByCodeArgs } from '../schema/args/lookup-by-code.args.js';
import { decodeGlobalIdOf } from '../schema/ids.js';
import { MeetingListFilter } from '../schema/inputs/list-filter.input.js';
import { ScheduleMeetingInput } from '../schema/inputs/schedule-meeting.input.js';
import { StartInstantMeetingInput } from '../schema/inputs/start-instant-meeting.input.js';
import { UpdateMeetingInput } from '../schema/inputs/update-meeting.input.js';
import { MeetingConnection } from '../schema/types/connections.type.js';
import { Meeting } from '../schema/types/meeting.type.js';
import { checkOperation, checkSupported } from '../providers/capabilities.js';
import type { Context } from '../server/context.js';
import {
  AFTER_ARG,
  FIRST_ARG,
  LIST_SIZE_DIRECTIVE,
  listConnection,
  listerFor,
  type Connection,
} from './connection.js';
import { loadAll, MAX_BATCH_IDS } from './lookup.js';
import { reconcileCreate } from './reconcile.js';

@Resolver(() => Meeting)
export class MeetingResolver {
  @Directive(REQUIRES_READ)
  @Query(() => Meeting, {
    nullable: true,
    description: 'A meeting by global id; null when it does not exist.',
  })
  meeting(
    @Arg('id', () => ID, { description: 'Global id of the meeting.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Meeting | null> {
    requireOperation(ctx.caller, 'read', 'meeting');
    decodeGlobalIdOf('Meeting', id, 'id');
    return ctx.loaders.meeting.load(id);
  }

  // A router's cost counts a full batch; ours counts the ids given (limits/cost.ts).
  @Directive(`@listSize(assumedSize: ${MAX_BATCH_IDS})`)
  @Directive(REQUIRES_READ)
  @Query(() => [Meeting], {
    nullable: 'items',
    description:
      'Meetings by global id, batched per provider: one entry per id, in order, null where missing. A failed id gets its own error and does not fail the others.',
  })
  meetings(
    @Arg('ids', () => [ID], { description: 'Global ids of meetings (at most 100).' }) ids: string[],
    @Ctx() ctx: Context,
  ): Promise<Array<Meeting | null | Error>> {
    requireOperation(ctx.caller, 'read', 'meetings');
    return loadAll('Meeting', ids, ctx.loaders.meeting);
  }

  @Directive(REQUIRES_READ)
  @Query(() => Meeting, {
    nullable: true,
    description: 'A meeting by its meeting code; null when none.',
  })
  async meetingByCode(
    @Args(() => LookupByCodeArgs) { provider, meetingCode, organizer }: LookupByCodeArgs,
    @Ctx() ctx: Context,
  ): Promise<Meeting | null> {
    requireOperation(ctx.caller, 'read', 'meetingByCode');
    checkOperation(
      provider,
      ctx.registry.get(provider).capabilities,
      'meeting',
      'lookupByCode',
      'meetingByCode',
    );
    // Through the read cache, primed into the request's loader (src/loaders/create-loaders.ts).
    return ctx.loaders.byCode('meeting', {
      provider,
      code: meetingCode,
      organizer: organizer ?? undefined,
    });
  }

  @Directive(LIST_SIZE_DIRECTIVE)
  @Directive(REQUIRES_READ)
  @Query(() => MeetingConnection, {
    description:
      "One organizer's meetings on one provider, a page at a time (a Relay connection): UPCOMING (default) earliest first, ENDED latest first, each meeting once. Where the provider can list (`providers { capabilities { meeting { operations } } }` lists `list`).",
  })
  listMeetings(
    @Arg('filter', () => MeetingListFilter, { description: 'Whose meetings, when, which state.' })
    filter: MeetingListFilter,
    @Arg('first', () => Int, FIRST_ARG)
    first: number | null | undefined,
    @Arg('after', () => String, AFTER_ARG)
    after: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Connection<Meeting>> {
    return listConnection(
      ctx,
      { operation: 'listMeetings', kind: 'meeting', filter, first, after },
      listerFor(ctx, 'meeting', filter.provider),
    );
  }

  @Directive(REQUIRES_CREATE)
  @Mutation(() => Meeting, { description: 'Books a meeting, one-off or recurring.' })
  async scheduleMeeting(
    @Arg('input', () => ScheduleMeetingInput, { description: 'What to book.' })
    input: ScheduleMeetingInput,
    @Ctx() ctx: Context,
  ): Promise<Meeting> {
    authorizeCreate(ctx.caller, input, 'scheduleMeeting');
    checkSupported(
      input.provider,
      ctx.registry.get(input.provider).capabilities,
      'meeting',
      input,
      'scheduleMeeting',
    );
    const startedAt = new Date();
    const meeting = await withIdempotency(ctx, 'scheduleMeeting', input, () =>
      reconcileCreate(
        ctx,
        { kind: 'meeting', operation: 'scheduleMeeting', input, startedAt },
        () => ctx.dataSource(input.provider).scheduleMeeting(input),
        listerFor(ctx, 'meeting', input.provider),
      ),
    );
    ctx.log.info({ provider: input.provider, meetingId: meeting.providerId }, 'meeting scheduled');
    await ctx.loaders.written('meeting', meeting.id, meeting);
    return meeting;
  }

  @Directive(REQUIRES_CREATE)
  @Mutation(() => Meeting, { description: 'Starts a meeting now.' })
  async startInstantMeeting(
    @Arg('input', () => StartInstantMeetingInput, { description: 'What to start.' })
    input: StartInstantMeetingInput,
    @Ctx() ctx: Context,
  ): Promise<Meeting> {
    authorizeCreate(ctx.caller, input, 'startInstantMeeting');
    checkSupported(
      input.provider,
      ctx.registry.get(input.provider).capabilities,
      'instantMeeting',
      input,
      'startInstantMeeting',
    );
    const startedAt = new Date();
    const meeting = await withIdempotency(ctx, 'startInstantMeeting', input, () =>
      reconcileCreate(
        ctx,
        { kind: 'instantMeeting', operation: 'startInstantMeeting', input, startedAt },
        () => ctx.dataSource(input.provider).startInstantMeeting(input),
        listerFor(ctx, 'meeting', input.provider),
      ),
    );
    ctx.log.info(
      { provider: input.provider, meetingId: meeting.providerId },
      'instant meeting started',
    );
    await ctx.loaders.written('meeting', meeting.id, meeting);
    return meeting;
  }

  @Directive(REQUIRES_UPDATE)
  @Mutation(() => Meeting, {
    description:
      'Changes a meeting (the whole series, for a recurring one; one occurrence moves with `updateOccurrence`): only the fields given change, `null` clears where the provider allows. Validated and checked against the provider before any request; never retried; a lost answer is OUTCOME_UNKNOWN. Answers the meeting as it now is.',
  })
  async updateMeeting(
    @Arg('id', () => ID, { description: 'Global id of the meeting.' }) id: string,
    @Arg('input', () => UpdateMeetingInput, { description: 'What to change.' })
    input: UpdateMeetingInput,
    @Ctx() ctx: Context,
  ): Promise<Meeting> {
    const ref = decodeGlobalIdOf('Meeting', id, 'id');
    checkSupported(
      ref.provider,
      ctx.registry.get(ref.provider).capabilities,
      'meeting',
      input,
      'updateMeeting',
      'input',
      'update',
    );
    await authorizeOnExisting(
      ctx.caller,
      'update',
      'updateMeeting',
      () => ctx.loaders.meeting.load(id),
      () => new NotFoundError('no such meeting', { provider: ref.provider }),
    );
    // The id is part of what the key stands for: the same key on another meeting is a reuse.
    const request = { ...input, id, provider: ref.provider, organizer: ref.organizer ?? id };
    const meeting = await withIdempotency(ctx, 'updateMeeting', request, () =>
      ctx.dataSource(ref.provider).updateMeeting(ref, input),
    );
    ctx.log.info({ provider: ref.provider, meetingId: ref.providerId }, 'meeting updated');
    await ctx.loaders.written('meeting', id, meeting);
    return meeting;
  }

  @Directive(REQUIRES_CANCEL)
  @Mutation(() => Meeting, {
    description:
      'Cancels a meeting (a whole series, for a recurring one); answers it as it now is.',
  })
  async cancelMeeting(
    @Arg('id', () => ID, { description: 'Global id of the meeting.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Meeting> {
    return this.actOnMeeting(ctx, id, 'cancel', 'cancelMeeting', 'meeting cancelled');
  }

  @Directive(REQUIRES_END)
  @Mutation(() => Meeting, {
    description:
      'Ends a meeting now (a whole series, for a recurring one), where the provider can (`providers { capabilities { meeting { operations } } }` lists `end`); answers it as it now is, ENDED. A meeting already ENDED or CANCELLED is not running: it is answered as it is, with no end sent.',
  })
  async endMeeting(
    @Arg('id', () => ID, { description: 'Global id of the meeting.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Meeting> {
    return this.actOnMeeting(ctx, id, 'end', 'endMeeting', 'meeting ended');
  }

  /**
   * A write on an existing meeting (cancel, end): the capability, then authorisation (which
   * reads the meeting first for untrusted callers: no write when refused; the data source
   * answers NOT_FOUND for a meeting the provider does not know), the provider call, and the
   * loader primed with the answer.
   */
  private async actOnMeeting(
    ctx: Context,
    id: string,
    action: 'cancel' | 'end',
    operation: 'cancelMeeting' | 'endMeeting',
    logLine: string,
  ): Promise<Meeting> {
    const ref = decodeGlobalIdOf('Meeting', id, 'id');
    checkOperation(
      ref.provider,
      ctx.registry.get(ref.provider).capabilities,
      'meeting',
      action,
      operation,
    );
    await authorizeOnExisting(
      ctx.caller,
      action,
      operation,
      () => ctx.loaders.meeting.load(id),
      () => new NotFoundError('no such meeting', { provider: ref.provider }),
    );
    const source = ctx.dataSource(ref.provider);
    const meeting = await (action === 'cancel'
      ? source.cancelMeeting(ref)
      : source.endMeeting(ref));
    ctx.log.info({ provider: ref.provider, meetingId: ref.providerId }, logLine);
    await ctx.loaders.written('meeting', id, meeting);
    return meeting;
  }
}
