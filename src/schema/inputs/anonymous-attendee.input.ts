import { IsOptional, IsString, Length } from '../../util/class-validator.js';
import { Field, InputType } from 'type-graphql';

import { HasNoControlCharacters } from './validators.js';

/**
 * Tencent's `UserObj.is_anonymous` / `nick_name` (seed 001): a host or invitee who joins under a
 * nickname instead of their name.
 */
@InputType({
  description:
    'A host or invitee who joins anonymously (Tencent `is_anonymous`, seed 001); the user must be among `hosts` or `invitees`.',
})
export class AnonymousAttendeeInput {
  @Field(() => String, { description: 'The user id, as given in `hosts` or `invitees`.' })
  @IsString()
  @Length(1, 200)
  userId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The name shown instead (Tencent `nick_name`); default: one the provider assigns, e.g. "会议用户1234".',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @HasNoControlCharacters()
  nickname?: string;
}
