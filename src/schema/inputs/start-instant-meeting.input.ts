import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

import { ProviderRequestInput } from './provider-request.input.js';
import { PASSWORD_PATTERN } from './validators.js';

@InputType({ description: 'A meeting that starts now.' })
export class StartInstantMeetingInput extends ProviderRequestInput {
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
}
