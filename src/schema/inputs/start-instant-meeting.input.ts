import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

import { Provider } from '../enums/provider.enum.js';
import { MediaSettingsInput } from './media-settings.input.js';
import { PASSWORD_PATTERN } from './validators.js';

@InputType({ description: 'A meeting that starts now.' })
export class StartInstantMeetingInput {
  @Field(() => Provider, { description: 'Where to start it.' })
  @IsEnum(Provider)
  provider!: Provider;

  @Field(() => String, { description: 'Subject, 1–255 characters.' })
  @IsString()
  @Length(1, 255)
  subject!: string;

  @Field(() => String, { description: 'The provider user acting.' })
  @IsString()
  @Length(1, 200)
  organizer!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Planned length in minutes (1–1440; default 60).',
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

  @Field(() => MediaSettingsInput, { nullable: true, description: 'Media and join settings.' })
  @IsOptional()
  @ValidateNested()
  mediaSettings?: MediaSettingsInput;

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
