import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  ValidateNested,
} from '../../util/class-validator.js';
import { Field, InputType } from 'type-graphql';

import { AdmissionType } from '../enums/admission-type.enum.js';
import { MediaSettingsInput } from './media-settings.input.js';
import { UpdateInputBase } from './update-fields.js';
import {
  HasNoControlCharacters,
  IsAfter,
  IsInFuture,
  IsNotBlank,
  PASSWORD_PATTERN,
} from './validators.js';

/**
 * `updateWebinar` (issue 12): Tencent `PUT /v1/webinars/{id}` (docs/reference/providers.md §1.4),
 * WeCom `webinar/update` and, for the warm-up fields, `webinar/update_warm_up` (§2.4, path/98882).
 * Partial, with the create's rules for every field given; rules that involve the current
 * webinar (a PASSWORD admission needs a password) are checked against it by the data source.
 */
@InputType({
  description:
    'What to change on a webinar; omitted fields stay as they are. Fields a provider cannot change are refused with UNSUPPORTED_BY_PROVIDER.',
})
export class UpdateWebinarInput extends UpdateInputBase {
  @Field(() => String, {
    nullable: true,
    description: 'Sponsor (主办方), 1–40 characters; not blank, no control characters.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  @IsNotBlank()
  @HasNoControlCharacters()
  sponsor?: string;

  @Field(() => Date, {
    nullable: true,
    description: 'New start; in the future. Given without `endTime`, the webinar keeps its length.',
  })
  @IsOptional()
  @IsDate()
  @IsInFuture()
  startTime?: Date;

  @Field(() => Date, { nullable: true, description: 'New end; after the (new or current) start.' })
  @IsOptional()
  @IsDate()
  @IsAfter('startTime')
  endTime?: Date;

  @Field(() => AdmissionType, { nullable: true, description: 'Who may watch.' })
  @IsOptional()
  @IsEnum(AdmissionType)
  admissionType?: AdmissionType;

  @Field(() => String, {
    nullable: true,
    description: 'Audience password, 4–6 digits (PASSWORD admission only).',
  })
  @IsOptional()
  @Matches(PASSWORD_PATTERN, { message: 'password must be 4 to 6 digits' })
  password?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Host user ids, replacing the current ones.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  hosts?: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'Plain-text description, 1–5000 characters; not blank; tabs and line breaks are kept.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  @IsNotBlank()
  @HasNoControlCharacters({ multiLine: true })
  description?: string;

  @Field(() => String, { nullable: true, description: 'Cover image URL (PNG/JPEG).' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  coverUrl?: string;

  @Field(() => MediaSettingsInput, {
    nullable: true,
    description: 'Media settings to change; omitted ones stay as they are.',
  })
  @IsOptional()
  @ValidateNested()
  mediaSettings?: MediaSettingsInput;

  @Field(() => Boolean, { nullable: true, description: 'Enable Q&A.' })
  @IsOptional()
  @IsBoolean()
  enableQa?: boolean;

  @Field(() => [String], {
    nullable: true,
    description: 'At most 50 words, each at most 10 characters; replaces the current list.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 10, { each: true })
  @IsNotBlank({ each: true })
  @HasNoControlCharacters({}, { each: true })
  sensitiveWords?: string[];

  @Field(() => Boolean, { nullable: true, description: 'Check joiners manually.' })
  @IsOptional()
  @IsBoolean()
  enableManualCheck?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Enable the activity page.' })
  @IsOptional()
  @IsBoolean()
  activityPage?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Show the number registered on the activity page.',
  })
  @IsOptional()
  @IsBoolean()
  displayAttendeeCount?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Let the audience watch the playback (needs cloud recording).',
  })
  @IsOptional()
  @IsBoolean()
  playbackForAudience?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Preparation (rehearsal) mode.' })
  @IsOptional()
  @IsBoolean()
  preparationMode?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Guest link joiners become guests.' })
  @IsOptional()
  @IsBoolean()
  enableGuestInviteLink?: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Warm-up picture URL shown before the start (WeCom `update_warm_up` `warm_up_picture`; wins over `warmUpVideo`).',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  warmUpPicture?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Warm-up video URL played before the start (WeCom `warm_up_video`).',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  warmUpVideo?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Attendees may invite others (WeCom `allow_attendees_invite_others`).',
  })
  @IsOptional()
  @IsBoolean()
  allowAttendeesInviteOthers?: boolean;
}
