import { IsBoolean, IsOptional, IsString, Length } from '../../util/class-validator.js';
import { Field, InputType } from 'type-graphql';

import { ProviderRequestInput } from './provider-request.input.js';

/**
 * What the two meeting creates (`scheduleMeeting`, `startInstantMeeting`) share beyond every
 * create's fields: the seed fields both of umeeting's create calls take (seeds 002/004).
 */
@InputType({ description: 'Fields shared by the meeting create inputs (not used on its own).' })
export abstract class MeetingRequestInput extends ProviderRequestInput {
  @Field(() => Boolean, {
    nullable: true,
    description:
      "umeeting `use_pmi`: hold it in the organizer's personal meeting id (seeds 002/004).",
  })
  @IsOptional()
  @IsBoolean()
  usePersonalMeetingId?: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'umeeting `host_name`: the name the host is shown with (seeds 002/004).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  hostName?: string;
}
