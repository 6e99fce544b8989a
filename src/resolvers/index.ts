import type { NonEmptyArray } from 'type-graphql';

import { MeetingResolver } from './meeting.resolver.js';
import { ProviderResolver } from './provider.resolver.js';
import { RecurrenceRuleResolver } from './recurrence-rule.resolver.js';
import { RecurringOccurrenceResolver } from './recurring-occurrence.resolver.js';
import { WebinarResolver } from './webinar.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  ProviderResolver,
  MeetingResolver,
  WebinarResolver,
  RecurringOccurrenceResolver,
  RecurrenceRuleResolver,
];
