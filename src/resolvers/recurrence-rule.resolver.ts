import { FieldResolver, Resolver, Root } from 'type-graphql';

import { toRrule } from '../domain/recurrence.js';
import { RecurrenceRule } from '../schema/types/recurrence-rule.type.js';

@Resolver(() => RecurrenceRule)
export class RecurrenceRuleResolver {
  /** Derived from the other fields, so it can never disagree with them. */
  @FieldResolver(() => String)
  rrule(@Root() rule: RecurrenceRule): string {
    return toRrule(rule);
  }
}
