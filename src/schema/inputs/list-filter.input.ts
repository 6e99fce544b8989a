import { IsDate, IsEnum, IsOptional, IsString, Length } from '../../util/class-validator.js';
import { Field, InputType } from 'type-graphql';

import { ListState } from '../enums/list-state.enum.js';
import { Provider } from '../enums/provider.enum.js';
import { IsAfter } from './validators.js';

/** What `listMeetings` and `listWebinars` share: whose, when, and which state. */
@InputType({ description: 'Fields shared by the list filters (not used on its own).' })
export abstract class ListFilterBase {
  @Field(() => Provider, { description: 'The provider to list on.' })
  @IsEnum(Provider)
  provider!: Provider;

  @Field(() => String, {
    nullable: true,
    description:
      "Whose meetings (Tencent `userid`, WeCom `userid`, umeeting `user_key`). Required unless the caller's token names one (AUTH_MODE=jwt: an organizer sees their own; `meetings:admin` may name anyone).",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  organizer?: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Only meetings starting at or after this instant.',
  })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Only meetings starting before this instant; after `from`.',
  })
  @IsOptional()
  @IsDate()
  @IsAfter('from')
  to?: Date;

  @Field(() => ListState, {
    nullable: true,
    description: 'UPCOMING (default): not yet ended; ENDED: ended or cancelled.',
  })
  @IsOptional()
  @IsEnum(ListState)
  state?: ListState;
}

@InputType({
  description: "Which meetings `listMeetings` answers: one organizer's, on one provider.",
})
export class MeetingListFilter extends ListFilterBase {}

@InputType({
  description: "Which webinars `listWebinars` answers: one organizer's, on one provider.",
})
export class WebinarListFilter extends ListFilterBase {}
