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

import { AnonymousAttendeeInput } from './anonymous-attendee.input.js';
import { LiveStreamInput } from './live-stream.input.js';
import { RecurrenceInput } from './recurrence.input.js';
import { MeetingRequestInput } from './meeting-request.input.js';
import { IsAfter, IsInFuture, PASSWORD_PATTERN } from './validators.js';

@InputType({ description: 'A meeting to book: one-off, or recurring with `recurrence`.' })
export class ScheduleMeetingInput extends MeetingRequestInput {
  @Field(() => Date, {
    description:
      "Start; must be in the future. For a series, the first occurrence is the first date on or after it that the rule matches, at this time of day (the answer's `startTime` is that occurrence's).",
  })
  @IsDate()
  @IsInFuture()
  startTime!: Date;

  @Field(() => Date, {
    description:
      'End; after `startTime`. For a series, `endTime − startTime` is the length of every occurrence.',
  })
  @IsDate()
  @IsAfter('startTime')
  endTime!: Date;

  @Field(() => [String], { nullable: true, description: 'Host user ids (default: the organizer).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  hosts?: string[];

  @Field(() => [String], { nullable: true, description: 'Invited user ids (at most 300).' })
  @IsOptional()
  @ArrayMaxSize(300)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  invitees?: string[];

  @Field(() => String, { nullable: true, description: 'Join password, 4–6 digits.' })
  @IsOptional()
  @Matches(PASSWORD_PATTERN, { message: 'password must be 4 to 6 digits' })
  password?: string;

  @Field(() => RecurrenceInput, { nullable: true, description: 'Makes it a recurring series.' })
  @IsOptional()
  @ValidateNested()
  recurrence?: RecurrenceInput;

  @Field(() => LiveStreamInput, { nullable: true, description: 'Enables live streaming.' })
  @IsOptional()
  @ValidateNested()
  live?: LiveStreamInput;

  @Field(() => Int, {
    nullable: true,
    description:
      'umeeting: number of parties to book the room for (`meeting_capacity`, required there).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number;

  @Field(() => String, {
    nullable: true,
    description: 'IANA time zone the series repeats in (default: the provider time zone).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Tencent `sync_to_wework`: also show the meeting in WeCom (seed 000).',
  })
  @IsOptional()
  @IsBoolean()
  syncToWeWork?: boolean;

  @Field(() => [AnonymousAttendeeInput], {
    nullable: true,
    description:
      'Hosts or invitees who join anonymously (Tencent `is_anonymous`/`nick_name`, seed 001).',
  })
  @IsOptional()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  anonymousAttendees?: AnonymousAttendeeInput[];
}
