import { IsEnum, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
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
}
