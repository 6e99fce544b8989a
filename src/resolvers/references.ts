import { requireOperation } from '../auth/rules.js';
import type { Context } from '../server/context.js';
import { decodeGlobalIdOf, seriesGlobalId } from '../schema/ids.js';
import type { Meeting } from '../schema/types/meeting.type.js';
import type { RecurringOccurrence } from '../schema/types/recurring-occurrence.type.js';
import type { Webinar } from '../schema/types/webinar.type.js';

/**
 * Federation `__resolveReference` for the entities: through the request's loaders, so a gateway
 * asking for many entities makes one batched load per provider. An unknown id resolves to null
 * (never a `!` assertion); a malformed or wrong-kind id is BAD_USER_INPUT.
 */
export const referenceResolvers = {
  // async: a bad id must reject this entry only, not throw out of the whole _entities list.
  Meeting: async (ref: { id: string }, ctx: Context): Promise<Meeting | null> => {
    requireOperation(ctx.caller, 'read', '_entities');
    decodeGlobalIdOf('Meeting', ref.id, 'id');
    return ctx.loaders.meeting.load(ref.id);
  },
  Webinar: async (ref: { id: string }, ctx: Context): Promise<Webinar | null> => {
    requireOperation(ctx.caller, 'read', '_entities');
    decodeGlobalIdOf('Webinar', ref.id, 'id');
    return ctx.loaders.webinar.load(ref.id);
  },
  RecurringOccurrence: async (
    ref: { id: string },
    ctx: Context,
  ): Promise<RecurringOccurrence | null> => {
    requireOperation(ctx.caller, 'read', '_entities');
    const parts = decodeGlobalIdOf('RecurringOccurrence', ref.id, 'id');
    const meeting = await ctx.loaders.meeting.load(seriesGlobalId(parts));
    return meeting?.occurrences.find((o) => o.providerOccurrenceId === parts.occurrenceId) ?? null;
  },
};
