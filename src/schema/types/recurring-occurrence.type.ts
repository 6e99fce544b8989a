import { Directive, Field, ID, ObjectType } from 'type-graphql';

import { AUTHENTICATED } from '../access-directives.js';
import { MeetingStatus } from '../enums/meeting-status.enum.js';
import { Provider } from '../enums/provider.enum.js';

@Directive('@key(fields: "id")')
@Directive(AUTHENTICATED)
@ObjectType({ simpleResolvers: true, description: 'One instance of a recurring meeting.' })
export class RecurringOccurrence {
  @Field(() => ID, { description: 'Opaque global id of this occurrence.' })
  id!: string;

  @Field(() => Provider, { description: 'The provider of the series.' })
  provider!: Provider;

  @Field(() => String, {
    description:
      "The provider's own id of this occurrence (Tencent `sub_meeting_id`, umeeting `uuid`).",
  })
  providerOccurrenceId!: string;

  @Field(() => Date, { description: 'When this occurrence starts.' })
  startTime!: Date;

  @Field(() => Date, { nullable: true, description: 'When this occurrence ends.' })
  endTime?: Date | null;

  @Field(() => MeetingStatus, { description: 'State of this occurrence.' })
  status!: MeetingStatus;

  /** Global id of the series; the `meeting` field resolves it through the loader. */
  meetingId!: string;
}
