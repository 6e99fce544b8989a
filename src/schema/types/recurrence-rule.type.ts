import { Directive, Field, Int, ObjectType } from 'type-graphql';

import { SHAREABLE } from '../access-directives.js';
import { RecurrenceFrequency } from '../enums/recurrence-frequency.enum.js';
import { Weekday } from '../enums/weekday.enum.js';

@Directive(SHAREABLE)
@ObjectType({
  simpleResolvers: true,
  description: 'How a recurring meeting repeats, with its RFC 5545 equivalent.',
})
export class RecurrenceRule {
  @Field(() => RecurrenceFrequency, { description: 'How often the meeting repeats.' })
  frequency!: RecurrenceFrequency;

  @Field(() => [Weekday], {
    nullable: true,
    description: 'Weekly: the days of the week it occurs on (null = the weekday of the start).',
  })
  weekDays?: Weekday[] | null;

  @Field(() => Int, { nullable: true, description: 'Monthly: the day of the month (1–31).' })
  monthDay?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Monthly, with `monthWeekDay`: which one of that weekday in the month, 1–4, or -1 for the last one (RRULE `BYDAY=-1MO`).',
  })
  monthWeek?: number | null;

  @Field(() => Weekday, {
    nullable: true,
    description: 'Monthly: the weekday of the n-th week, with `monthWeek`.',
  })
  monthWeekDay?: Weekday | null;

  @Field(() => Date, { nullable: true, description: 'The series ends on this date (inclusive).' })
  until?: Date | null;

  @Field(() => Int, { nullable: true, description: 'The series ends after this many occurrences.' })
  count?: number | null;

  @Field(() => String, {
    description: 'The equivalent RFC 5545 RRULE, e.g. `FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4`.',
  })
  rrule?: string;
}
