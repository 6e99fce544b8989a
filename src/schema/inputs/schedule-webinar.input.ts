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
  MaxLength,
} from '../../util/class-validator.js';
import { Field, InputType } from 'type-graphql';

import { AdmissionType } from '../enums/admission-type.enum.js';
import { RecordingType } from '../enums/recording-type.enum.js';
import { type MediaSettingsInput } from './media-settings.input.js';
import { ProviderRequestInput } from './provider-request.input.js';
import {
  HasNoControlCharacters,
  IsAfter,
  IsInFuture,
  IsNotBlank,
  OnlyWhen,
  OptionalUnless,
  PASSWORD_PATTERN,
  RequiredWhen,
} from './validators.js';

/** Rules from seed 000 (Tencent create webinar) and docs/reference/providers.md §1.4 / §2.4. */
@InputType({ description: 'A webinar to book (every field of seed 000).' })
export class ScheduleWebinarInput extends ProviderRequestInput {
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

  @Field(() => Date, { description: 'Start; must be in the future.' })
  @IsDate()
  @IsInFuture()
  startTime!: Date;

  @Field(() => Date, { description: 'End; after `startTime`.' })
  @IsDate()
  @IsAfter('startTime')
  endTime!: Date;

  @Field(() => AdmissionType, { description: 'Who may watch.' })
  @IsEnum(AdmissionType)
  admissionType!: AdmissionType;

  @Field(() => String, {
    nullable: true,
    description:
      'Audience password, 4–6 digits: required with PASSWORD admission, refused otherwise.',
  })
  @OptionalUnless((o) => o.admissionType === AdmissionType.PASSWORD)
  @Matches(PASSWORD_PATTERN, { message: 'password must be 4 to 6 digits' })
  @OnlyWhen(
    'onlyForPasswordAdmission',
    (o) => o.admissionType === AdmissionType.PASSWORD,
    'password is only used when admissionType is PASSWORD',
  )
  @RequiredWhen(
    'requiredForPasswordAdmission',
    (o) => o.admissionType === AdmissionType.PASSWORD,
    'password is required when admissionType is PASSWORD',
  )
  password?: string;

  @Field(() => [String], { nullable: true, description: 'Host user ids (default: the organizer).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  hosts?: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'Plain-text description, 1–5000 characters; not blank; tabs and line breaks are kept, other control characters refused.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  @IsNotBlank()
  @HasNoControlCharacters({ multiLine: true })
  description?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Cover image URL (PNG/JPEG, > 640×360, ≤ 5 MB).',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  coverUrl?: string;

  @Field(() => Boolean, { nullable: true, description: 'Enable Q&A (provider default: on).' })
  @IsOptional()
  @IsBoolean()
  enableQa?: boolean;

  @Field(() => [String], {
    nullable: true,
    description: 'At most 50 words, each at most 10 characters.',
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

  @Field(() => Boolean, {
    nullable: true,
    description: 'Enable the activity page (provider default: on).',
  })
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
    description:
      'Let the audience watch the playback; requires `mediaSettings.autoRecordingType: CLOUD`.',
  })
  @IsOptional()
  @IsBoolean()
  @OnlyWhen(
    'requiresCloudRecording',
    (o) =>
      (o.mediaSettings as MediaSettingsInput | undefined)?.autoRecordingType ===
      RecordingType.CLOUD,
    'playbackForAudience requires mediaSettings.autoRecordingType: CLOUD',
  )
  playbackForAudience?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Start in preparation (rehearsal) mode.' })
  @IsOptional()
  @IsBoolean()
  preparationMode?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Guest link joiners become guests.' })
  @IsOptional()
  @IsBoolean()
  enableGuestInviteLink?: boolean;

  @Field(() => String, { nullable: true, description: 'IANA time zone of the webinar.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Tencent `sync_to_wework`: also show the webinar in WeCom (seed 000).',
  })
  @IsOptional()
  @IsBoolean()
  syncToWeWork?: boolean;
}
