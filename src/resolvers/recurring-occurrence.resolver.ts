import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';

import { REQUIRES_CANCEL, REQUIRES_UPDATE } from '../schema/access-directives.js';
import { authorizeOnExisting } from '../auth/rules.js';
import { NotFoundError } from '../errors/api-errors.js';
import { withIdempotency } from '../idempotency/idempotency.js';
import { decodeGlobalIdOf, seriesGlobalId } from '../schema/ids.js';
import { UpdateOccurrenceInput } from '../schema/inputs/update-occurrence.input.js';
import { Meeting } from '../schema/types/meeting.type.js';
import { RecurringOccurrence } from '../schema/types/recurring-occurrence.type.js';
import { checkOperation, checkSupported } from '../providers/capabilities.js';
import type { Context } from '../server/context.js';

@Resolver(() => RecurringOccurrence)
export class RecurringOccurrenceResolver {
  @FieldResolver(() => Meeting, {
    nullable: true,
    description: 'The series this occurrence belongs to.',
  })
  meeting(@Root() occurrence: RecurringOccurrence, @Ctx() ctx: Context): Promise<Meeting | null> {
    return ctx.loaders.meeting.load(occurrence.meetingId);
  }

  @Directive(REQUIRES_CANCEL)
  @Mutation(() => RecurringOccurrence, {
    description: 'Cancels one occurrence of a recurring meeting; the others stay.',
  })
  async cancelOccurrence(
    @Arg('id', () => ID, { description: 'Global id of the occurrence.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<RecurringOccurrence> {
    const ref = decodeGlobalIdOf('RecurringOccurrence', id, 'id');
    checkOperation(
      ref.provider,
      ctx.registry.get(ref.provider).capabilities,
      'occurrence',
      'cancel',
      'cancelOccurrence',
    );
    // The right to cancel is the series': read it first (untrusted callers only).
    await authorizeOnExisting(
      ctx.caller,
      'cancel',
      'cancelOccurrence',
      () => ctx.loaders.meeting.load(seriesGlobalId(ref)),
      () => new NotFoundError('no such meeting', { provider: ref.provider }),
    );
    const occurrence = await ctx.dataSource(ref.provider).cancelOccurrence(ref, ref.occurrenceId!);
    ctx.log.info(
      { provider: ref.provider, meetingId: ref.providerId, occurrenceId: ref.occurrenceId },
      'occurrence cancelled',
    );
    // The series changed: later reads in this request must not see the old occurrence list.
    await ctx.loaders.written('meeting', occurrence.meetingId);
    return occurrence;
  }

  @Directive(REQUIRES_UPDATE)
  @Mutation(() => RecurringOccurrence, {
    description:
      'Moves one occurrence of a recurring meeting, where the provider can (`providers { capabilities { occurrence { operations } } }` lists `update`); the others stay. Never retried; a lost answer is OUTCOME_UNKNOWN. Answers the occurrence as it now is.',
  })
  async updateOccurrence(
    @Arg('id', () => ID, { description: 'Global id of the occurrence.' }) id: string,
    @Arg('input', () => UpdateOccurrenceInput, { description: 'When it now takes place.' })
    input: UpdateOccurrenceInput,
    @Ctx() ctx: Context,
  ): Promise<RecurringOccurrence> {
    const ref = decodeGlobalIdOf('RecurringOccurrence', id, 'id');
    checkSupported(
      ref.provider,
      ctx.registry.get(ref.provider).capabilities,
      'occurrence',
      input,
      'updateOccurrence',
      'input',
      'update',
    );
    // The right to change it is the series'.
    await authorizeOnExisting(
      ctx.caller,
      'update',
      'updateOccurrence',
      () => ctx.loaders.meeting.load(seriesGlobalId(ref)),
      () => new NotFoundError('no such meeting', { provider: ref.provider }),
    );
    const request = { ...input, id, provider: ref.provider, organizer: ref.organizer ?? id };
    const occurrence = await withIdempotency(ctx, 'updateOccurrence', request, () =>
      ctx.dataSource(ref.provider).updateOccurrence(ref, ref.occurrenceId!, input),
    );
    ctx.log.info(
      { provider: ref.provider, meetingId: ref.providerId, occurrenceId: ref.occurrenceId },
      'occurrence moved',
    );
    await ctx.loaders.written('meeting', occurrence.meetingId);
    return occurrence;
  }
}
