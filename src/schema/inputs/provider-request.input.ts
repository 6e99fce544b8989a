import {
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from '../../util/class-validator.js';
import { Field, InputType } from 'type-graphql';

import { Provider } from '../enums/provider.enum.js';
import { MediaSettingsInput } from './media-settings.input.js';
import { HasNoControlCharacters, IsNotBlank } from './validators.js';

/**
 * The fields every create input shares, with their rules stated once: which provider, as whom,
 * what subject, which media settings. type-graphql emits it only if something refers to it.
 */
@InputType({ description: 'Fields shared by the create inputs (not used on its own).' })
export abstract class ProviderRequestInput {
  @Field(() => Provider, { description: 'The provider to create it on.' })
  @IsEnum(Provider)
  provider!: Provider;

  @Field(() => String, {
    description:
      'Subject (title, topic), 1–255 characters; not blank, no control characters or line breaks.',
  })
  @IsString()
  @Length(1, 255)
  @IsNotBlank()
  @HasNoControlCharacters()
  subject!: string;

  @Field(() => String, {
    description:
      'The provider user acting (Tencent `userid`, WeCom `admin_userid`, umeeting `user_key`).',
  })
  @IsString()
  @Length(1, 200)
  organizer!: string;

  @Field(() => MediaSettingsInput, { nullable: true, description: 'Media and join settings.' })
  @IsOptional()
  @ValidateNested()
  mediaSettings?: MediaSettingsInput;

  @Field(() => String, {
    nullable: true,
    description:
      'Makes the create safe to retry: 1–128 printable ASCII characters, chosen by the caller, unique per request. For 24 h (`IDEMPOTENCY_TTL_SECONDS`) the same key with the same input answers the first result without a second create; with a different input it is refused (`idempotencyKeyReused`). Scoped per caller and per mutation. A first attempt refused by the provider (nothing created) is not remembered; one that ended OUTCOME_UNKNOWN is, and answers OUTCOME_UNKNOWN again: look the meeting up.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  @Matches(/^[\x20-\x7E]+$/, { message: 'idempotencyKey must be printable ASCII characters' })
  idempotencyKey?: string;
}
