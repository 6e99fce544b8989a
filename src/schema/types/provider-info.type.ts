import { Field, ObjectType } from 'type-graphql';

import { ProviderMode } from '../enums/provider-mode.enum.js';
import { Provider } from '../enums/provider.enum.js';
import { RecurrenceFrequency } from '../enums/recurrence-frequency.enum.js';

@ObjectType({ description: 'What a provider can do through this API.' })
export class ProviderCapabilities {
  @Field(() => Boolean, { description: 'scheduleMeeting works.' })
  meetings!: boolean;

  @Field(() => Boolean, { description: 'scheduleWebinar and the webinar queries work.' })
  webinars!: boolean;

  @Field(() => Boolean, { description: 'startInstantMeeting works.' })
  instantMeetings!: boolean;

  @Field(() => Boolean, { description: 'Meetings can be looked up by meeting code.' })
  lookupByCode!: boolean;

  @Field(() => Boolean, { description: 'cancelMeeting / cancelWebinar work.' })
  cancel!: boolean;

  @Field(() => Boolean, { description: 'cancelOccurrence cancels one occurrence of a series.' })
  cancelOccurrence!: boolean;

  @Field(() => [RecurrenceFrequency], {
    description: 'Recurrence frequencies accepted (empty: no recurring meetings).',
  })
  recurrenceFrequencies!: RecurrenceFrequency[];

  @Field(() => [String], {
    description:
      'RecurrenceInput fields accepted besides `frequency` (e.g. `weekDays`, `monthWeek`, `until`, `count`).',
  })
  recurrenceFields!: string[];

  @Field(() => Boolean, { description: 'Meetings can be live streamed (`live`).' })
  liveStreaming!: boolean;

  @Field(() => [String], {
    description: 'MediaSettingsInput fields this provider accepts; others are refused.',
  })
  mediaSettings!: string[];
}

@ObjectType({ description: 'A provider behind this API, how it is run, and what it can do.' })
export class ProviderInfo {
  @Field(() => Provider, { description: 'The provider.' })
  provider!: Provider;

  @Field(() => ProviderMode, { description: 'LIVE (real service) or SANDBOX (built-in emulator).' })
  mode!: ProviderMode;

  @Field(() => ProviderCapabilities, { description: 'What it can do.' })
  capabilities!: ProviderCapabilities;
}
