import { IsDate } from '../../util/class-validator.js';
import { Field, InputType } from 'type-graphql';

import { IdempotentUpdateInput } from './update-fields.js';
import { IsAfter, IsInFuture } from './validators.js';

/**
 * `updateOccurrence` (issue 12): moves one occurrence of a series, where the provider can
 * (Tencent `PUT /v1/meetings/{id}` with `recurring_rule.sub_meeting_id`,
 * docs/reference/providers.md §1.3). The rest of the series is left as it is.
 */
@InputType({ description: 'When one occurrence of a series now takes place.' })
export class UpdateOccurrenceInput extends IdempotentUpdateInput {
  @Field(() => Date, { description: 'New start of this occurrence; in the future.' })
  @IsDate()
  @IsInFuture()
  startTime!: Date;

  @Field(() => Date, { description: 'New end of this occurrence; after `startTime`.' })
  @IsDate()
  @IsAfter('startTime')
  endTime!: Date;
}
