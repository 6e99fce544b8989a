import {
  ArrayMinSize,
  ArrayUnique,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
} from '../../util/class-validator.js';
import { Field, InputType, Int } from 'type-graphql';

import { RecurrenceFrequency } from '../enums/recurrence-frequency.enum.js';
import { Weekday } from '../enums/weekday.enum.js';
import { OnlyWhen, OptionalUnless, RequiredWhen } from './validators.js';

/** Upper bound on `count`: seed 001 (`until_count` 1–50), docs/reference/providers.md §1.5 T-M7. */
export const MAX_OCCURRENCES = 50;

/** `monthWeek` for the last such weekday of the month (RFC 5545 `BYDAY=-1MO`). */
export const LAST_MONTH_WEEK = -1;
/** The `monthWeek` values: the first to fourth week, or the last one. */
export const MONTH_WEEKS: readonly number[] = [1, 2, 3, 4, LAST_MONTH_WEEK];

@InputType({
  description:
    'How a meeting repeats. Give exactly one end condition: `until` or `count`. Fields a provider cannot express are refused with UNSUPPORTED_BY_PROVIDER.',
})
export class RecurrenceInput {
  @Field(() => RecurrenceFrequency, { description: 'How often the meeting repeats.' })
  @IsEnum(RecurrenceFrequency)
  frequency!: RecurrenceFrequency;

  @Field(() => [Weekday], {
    nullable: true,
    description: 'WEEKLY only: the days of the week (default: the weekday of the start).',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Weekday, { each: true })
  @OnlyWhen(
    'weeklyOnly',
    (o) => o.frequency === RecurrenceFrequency.WEEKLY,
    'weekDays is only for WEEKLY',
  )
  weekDays?: Weekday[];

  @Field(() => Int, { nullable: true, description: 'MONTHLY only: the day of the month (1–31).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  @OnlyWhen(
    'monthlyOnly',
    (o) => o.frequency === RecurrenceFrequency.MONTHLY,
    'monthDay is only for MONTHLY',
  )
  @OnlyWhen(
    'exclusiveWithMonthWeek',
    (o) => o.monthWeek == null,
    'monthDay and monthWeek exclude each other',
  )
  monthDay?: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'MONTHLY only, with `monthWeekDay`: which one of that weekday in the month, 1–4 (the first to the fourth), or -1 for the last one (RFC 5545 `BYDAY=-1MO`). There is no 5: a fifth one exists only in some months; use -1 for "the last".',
  })
  @OptionalUnless((o) => o.monthWeekDay != null)
  @IsInt()
  @IsIn(MONTH_WEEKS, { message: 'monthWeek must be 1, 2, 3, 4 or -1 (the last week)' })
  @OnlyWhen(
    'monthlyOnly',
    (o) => o.frequency === RecurrenceFrequency.MONTHLY,
    'monthWeek is only for MONTHLY',
  )
  @RequiredWhen(
    'requiredWithMonthWeekDay',
    (o) => o.monthWeekDay != null,
    'monthWeek is required with monthWeekDay',
  )
  monthWeek?: number;

  @Field(() => Weekday, {
    nullable: true,
    description: 'MONTHLY only: the weekday, with `monthWeek`.',
  })
  @OptionalUnless((o) => o.monthWeek != null)
  @IsEnum(Weekday)
  @RequiredWhen(
    'requiredWithMonthWeek',
    (o) => o.monthWeek != null,
    'monthWeekDay is required with monthWeek',
  )
  monthWeekDay?: Weekday;

  @Field(() => Date, { nullable: true, description: 'End the series on this date (inclusive).' })
  @OptionalUnless((o) => o.count == null)
  @IsDate()
  @OnlyWhen('untilXorCount', (o) => o.count == null, 'give either until or count, not both')
  @RequiredWhen('untilOrCount', (o) => o.count == null, 'give an end condition: until or count')
  until?: Date;

  @Field(() => Int, {
    nullable: true,
    description: `End the series after this many occurrences (1–${MAX_OCCURRENCES}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_OCCURRENCES)
  count?: number;
}
