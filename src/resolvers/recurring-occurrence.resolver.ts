import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';

import { REQUIRES_CANCEL } from '../schema/access-directives.js';
import { authorizeOnExisting } from '../auth/rules.js';
import { NotFoundError } from '../errors/api-errors.js';
import { decodeGlobalIdOf, seriesGlobalId } from '../schema/ids.js';
import { Meeting } from '../schema/types/meeting.type.js';
import { RecurringOccurrence } from '../schema/types/recurring-occurrence.type.js';
import { checkOperation } from '../providers/capabilities.js';
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
}
