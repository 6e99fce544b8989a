import { IsBoolean, IsOptional, IsString, Length, Matches } from '../../util/class-validator.js';
import { Field, InputType } from 'type-graphql';

import {
  HasNoControlCharacters,
  IsNotBlank,
  OptionalUnless,
  PASSWORD_PATTERN,
  RequiredWhen,
} from './validators.js';

@InputType({
  description: 'Live-stream settings for a scheduled meeting (seed 001 `live_config`).',
})
export class LiveStreamInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Title of the live stream (default: the subject); not blank, no control characters.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  @IsNotBlank()
  @HasNoControlCharacters()
  subject?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Summary shown to viewers; not blank; tabs and line breaks are kept, other control characters refused.',
  })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  @IsNotBlank()
  @HasNoControlCharacters({ multiLine: true })
  summary?: string;

  @Field(() => Boolean, { nullable: true, description: 'Viewers need `password`.' })
  @IsOptional()
  @IsBoolean()
  passwordEnabled?: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Viewer password (4–6 digits); required with `passwordEnabled`.',
  })
  @OptionalUnless((o) => o.passwordEnabled === true)
  @Matches(PASSWORD_PATTERN, { message: 'password must be 4 to 6 digits' })
  @RequiredWhen(
    'requiredWithPasswordEnabled',
    (o) => o.passwordEnabled === true,
    'password is required when passwordEnabled is true',
  )
  password?: string;

  @Field(() => Boolean, { nullable: true, description: 'Viewers may chat.' })
  @IsOptional()
  @IsBoolean()
  chatEnabled?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Keep a replay after the stream.' })
  @IsOptional()
  @IsBoolean()
  replayEnabled?: boolean;
}
