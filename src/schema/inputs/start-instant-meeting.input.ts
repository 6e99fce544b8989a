import {
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from '../../util/class-validator.js';
import { Field, InputType, Int } from 'type-graphql';

import { LiveStreamInput } from './live-stream.input.js';
import { MeetingRequestInput } from './meeting-request.input.js';
import { RecurrenceInput } from './recurrence.input.js';
import { PASSWORD_PATTERN } from './validators.js';

@InputType({ description: 'A meeting that starts now.' })
export class StartInstantMeetingInput extends MeetingRequestInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'Planned length in minutes (1–1440; default 60). umeeting: more than 30 (seed 004).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;

  @Field(() => String, { nullable: true, description: 'Join password, 4–6 digits.' })
  @IsOptional()
  @Matches(PASSWORD_PATTERN, { message: 'password must be 4 to 6 digits' })
  password?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'umeeting: number of parties (required there).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number;

  @Field(() => RecurrenceInput, {
    nullable: true,
    description:
      'Seed 004 lists recurrence on the instant endpoint; refused with UNSUPPORTED_BY_PROVIDER where the provider does not take it (see providers { capabilities { instantMeeting } }).',
  })
  @IsOptional()
  @ValidateNested()
  recurrence?: RecurrenceInput;

  @Field(() => LiveStreamInput, {
    nullable: true,
    description: 'Enables live streaming (umeeting `allow_live_streaming`, seed 004).',
  })
  @IsOptional()
  @ValidateNested()
  live?: LiveStreamInput;
}
