import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from '../../util/class-validator.js';
import { Field, InputType, Int } from 'type-graphql';

import { LiveStreamInput } from './live-stream.input.js';
import { MediaSettingsInput } from './media-settings.input.js';
import { RecurrenceInput } from './recurrence.input.js';
import { UpdateInputBase } from './update-fields.js';
import { IsAfter, IsInFuture, PASSWORD_PATTERN } from './validators.js';

/**
 * `updateMeeting` (issue 12): Tencent `PUT /v1/meetings/{id}`, WeCom `meeting/update`, umeeting
 * `share/update` (docs/reference/providers.md §1.3, §2.5, §3.2). Partial: only the fields given
 * change. A series is changed as a whole; one occurrence moves with `updateOccurrence`.
 */
@InputType({
  description:
    'What to change on a meeting; omitted fields stay as they are, `null` clears where the provider allows. Fields a provider cannot change are refused with UNSUPPORTED_BY_PROVIDER.',
})
export class UpdateMeetingInput extends UpdateInputBase {
  @Field(() => Date, {
    nullable: true,
    description:
      'New start; in the future. Given without `endTime`, the meeting keeps its length (it moves).',
  })
  @IsOptional()
  @IsDate()
  @IsInFuture()
  startTime?: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'New end; after the (new or current) start.',
  })
  @IsOptional()
  @IsDate()
  @IsAfter('startTime')
  endTime?: Date;

  @Field(() => [String], {
    nullable: true,
    description: 'Host user ids, replacing the current ones (`[]` clears: the organizer hosts).',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  hosts?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Invited user ids, replacing the current ones (at most 300; `[]` clears).',
  })
  @IsOptional()
  @ArrayMaxSize(300)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  invitees?: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Join password, 4–6 digits; `null` removes it.',
  })
  @IsOptional()
  @Matches(PASSWORD_PATTERN, { message: 'password must be 4 to 6 digits' })
  password?: string | null;

  @Field(() => MediaSettingsInput, {
    nullable: true,
    description: 'Media settings to change; omitted ones stay as they are.',
  })
  @IsOptional()
  @ValidateNested()
  mediaSettings?: MediaSettingsInput;

  @Field(() => RecurrenceInput, {
    nullable: true,
    description:
      'A new rule for the whole series (a one-off becomes a series where the provider can); `null` makes a series a one-off where the provider can (umeeting).',
  })
  @IsOptional()
  @ValidateNested()
  recurrence?: RecurrenceInput | null;

  @Field(() => LiveStreamInput, { nullable: true, description: 'Live-stream settings.' })
  @IsOptional()
  @ValidateNested()
  live?: LiveStreamInput;

  @Field(() => Int, {
    nullable: true,
    description: 'umeeting: the number of parties to book the room for.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number;

  @Field(() => String, {
    nullable: true,
    description: 'IANA time zone the meeting is scheduled in.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @Field(() => String, {
    nullable: true,
    description: 'umeeting `host_name`: the name the host is shown with (seeds 002/004).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  hostName?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Tencent `sync_to_wework`: also show the meeting in WeCom (seed 000).',
  })
  @IsOptional()
  @IsBoolean()
  syncToWeWork?: boolean;
}
