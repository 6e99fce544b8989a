import { Arg, Args, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';

import {
  REQUIRES_READ,
  REQUIRES_CREATE,
  REQUIRES_CANCEL,
  REQUIRES_UPDATE,
} from '../schema/access-directives.js';
import { authorizeOnExisting, authorizeCreate, requireOperation } from '../auth/rules.js';
import { NotFoundError } from '../errors/api-errors.js';
import { withIdempotency } from '../idempotency/idempotency.js';
import { LookupByCodeArgs } from '../schema/args/lookup-by-code.args.js';
import { decodeGlobalIdOf } from '../schema/ids.js';
import { WebinarListFilter } from '../schema/inputs/list-filter.input.js';
import { ScheduleWebinarInput } from '../schema/inputs/schedule-webinar.input.js';
import { UpdateWebinarInput } from '../schema/inputs/update-webinar.input.js';
import { WebinarConnection } from '../schema/types/connections.type.js';
import { Webinar } from '../schema/types/webinar.type.js';
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

@Resolver(() => Webinar)
export class WebinarResolver {
  @Directive(REQUIRES_READ)
  @Query(() => Webinar, {
    nullable: true,
    description: 'A webinar by global id; null when it does not exist.',
  })
  webinar(
    @Arg('id', () => ID, { description: 'Global id of the webinar.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Webinar | null> {
    requireOperation(ctx.caller, 'read', 'webinar');
    decodeGlobalIdOf('Webinar', id, 'id');
    return ctx.loaders.webinar.load(id);
  }

  // A router's cost counts a full batch; ours counts the ids given (limits/cost.ts).
  @Directive(`@listSize(assumedSize: ${MAX_BATCH_IDS})`)
  @Directive(REQUIRES_READ)
  @Query(() => [Webinar], {
    nullable: 'items',
    description:
      'Webinars by global id, batched per provider: one entry per id, in order, null where missing.',
  })
  webinars(
    @Arg('ids', () => [ID], { description: 'Global ids of webinars (at most 100).' }) ids: string[],
    @Ctx() ctx: Context,
  ): Promise<Array<Webinar | null | Error>> {
    requireOperation(ctx.caller, 'read', 'webinars');
    return loadAll('Webinar', ids, ctx.loaders.webinar);
  }

  @Directive(REQUIRES_READ)
  @Query(() => Webinar, {
    nullable: true,
    description: 'A webinar by its meeting code; null when none.',
  })
  async webinarByCode(
    @Args(() => LookupByCodeArgs) { provider, meetingCode, organizer }: LookupByCodeArgs,
    @Ctx() ctx: Context,
  ): Promise<Webinar | null> {
    requireOperation(ctx.caller, 'read', 'webinarByCode');
    checkOperation(
      provider,
      ctx.registry.get(provider).capabilities,
      'webinar',
      'lookupByCode',
      'webinarByCode',
    );
    // Through the read cache, primed into the request's loader (src/loaders/create-loaders.ts).
    return ctx.loaders.byCode('webinar', {
      provider,
      code: meetingCode,
      organizer: organizer ?? undefined,
    });
  }

  @Directive(LIST_SIZE_DIRECTIVE)
  @Directive(REQUIRES_READ)
  @Query(() => WebinarConnection, {
    description:
      "One organizer's webinars on one provider, a page at a time (a Relay connection): UPCOMING (default) earliest first, ENDED latest first, each webinar once. Where the provider can list (`providers { capabilities { webinar { operations } } }` lists `list`).",
  })
  listWebinars(
    @Arg('filter', () => WebinarListFilter, { description: 'Whose webinars, when, which state.' })
    filter: WebinarListFilter,
    @Arg('first', () => Int, FIRST_ARG)
    first: number | null | undefined,
    @Arg('after', () => String, AFTER_ARG)
    after: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Connection<Webinar>> {
    return listConnection(
      ctx,
      { operation: 'listWebinars', kind: 'webinar', filter, first, after },
      listerFor(ctx, 'webinar', filter.provider),
    );
  }

  @Directive(REQUIRES_CREATE)
  @Mutation(() => Webinar, { description: 'Books a webinar.' })
  async scheduleWebinar(
    @Arg('input', () => ScheduleWebinarInput, { description: 'What to book.' })
    input: ScheduleWebinarInput,
    @Ctx() ctx: Context,
  ): Promise<Webinar> {
    authorizeCreate(ctx.caller, input, 'scheduleWebinar');
    checkSupported(
      input.provider,
      ctx.registry.get(input.provider).capabilities,
      'webinar',
      input,
      'scheduleWebinar',
    );
    const startedAt = new Date();
    const webinar = await withIdempotency(ctx, 'scheduleWebinar', input, () =>
      reconcileCreate(
        ctx,
        { kind: 'webinar', operation: 'scheduleWebinar', input, startedAt },
        () => ctx.dataSource(input.provider).scheduleWebinar(input),
        listerFor(ctx, 'webinar', input.provider),
      ),
    );
    ctx.log.info({ provider: input.provider, webinarId: webinar.providerId }, 'webinar scheduled');
    await ctx.loaders.written('webinar', webinar.id, webinar);
    return webinar;
  }

  @Directive(REQUIRES_UPDATE)
  @Mutation(() => Webinar, {
    description:
      'Changes a webinar: only the fields given change. Validated and checked against the provider before any request; never retried; a lost answer is OUTCOME_UNKNOWN. Answers the webinar as it now is.',
  })
  async updateWebinar(
    @Arg('id', () => ID, { description: 'Global id of the webinar.' }) id: string,
    @Arg('input', () => UpdateWebinarInput, { description: 'What to change.' })
    input: UpdateWebinarInput,
    @Ctx() ctx: Context,
  ): Promise<Webinar> {
    const ref = decodeGlobalIdOf('Webinar', id, 'id');
    checkSupported(
      ref.provider,
      ctx.registry.get(ref.provider).capabilities,
      'webinar',
      input,
      'updateWebinar',
      'input',
      'update',
    );
    await authorizeOnExisting(
      ctx.caller,
      'update',
      'updateWebinar',
      () => ctx.loaders.webinar.load(id),
      () => new NotFoundError('no such webinar', { provider: ref.provider }),
    );
    const request = { ...input, id, provider: ref.provider, organizer: ref.organizer ?? id };
    const webinar = await withIdempotency(ctx, 'updateWebinar', request, () =>
      ctx.dataSource(ref.provider).updateWebinar(ref, input),
    );
    ctx.log.info({ provider: ref.provider, webinarId: ref.providerId }, 'webinar updated');
    await ctx.loaders.written('webinar', id, webinar);
    return webinar;
  }

  @Directive(REQUIRES_CANCEL)
  @Mutation(() => Webinar, { description: 'Cancels a webinar; answers it as it now is.' })
  async cancelWebinar(
    @Arg('id', () => ID, { description: 'Global id of the webinar.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Webinar> {
    const ref = decodeGlobalIdOf('Webinar', id, 'id');
    checkOperation(
      ref.provider,
      ctx.registry.get(ref.provider).capabilities,
      'webinar',
      'cancel',
      'cancelWebinar',
    );
    // Authorisation reads the webinar first (untrusted callers only): no write when refused.
    await authorizeOnExisting(
      ctx.caller,
      'cancel',
      'cancelWebinar',
      () => ctx.loaders.webinar.load(id),
      () => new NotFoundError('no such webinar', { provider: ref.provider }),
    );
    const webinar = await ctx.dataSource(ref.provider).cancelWebinar(ref);
    ctx.log.info({ provider: ref.provider, webinarId: ref.providerId }, 'webinar cancelled');
    await ctx.loaders.written('webinar', id, webinar);
    return webinar;
  }
}
