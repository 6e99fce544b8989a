import { Directive, Field, ObjectType } from 'type-graphql';

import { SHAREABLE } from '../access-directives.js';
import { ProviderMode } from '../enums/provider-mode.enum.js';
import { Provider } from '../enums/provider.enum.js';
import { RecurrenceFrequency } from '../enums/recurrence-frequency.enum.js';

@Directive(SHAREABLE)
@ObjectType({
  simpleResolvers: true,
  description:
    'What a provider can do with one kind of thing (meeting, instant meeting, webinar, occurrence). The one source of truth: a field not listed is refused with UNSUPPORTED_BY_PROVIDER before any request.',
})
export class KindCapabilities {
  @Field(() => [String], {
    description:
      'Operations on this kind: `create`, `read`, `lookupByCode`, `cancel`, `end` (end it now: `endMeeting`), `update` (`updateMeeting`, `updateWebinar`; on `occurrence`, `updateOccurrence`), `list` (`listMeetings`, `listWebinars`).',
  })
  operations!: string[];

  @Field(() => [String], {
    description:
      "Create-input fields accepted, as paths: `subject`, `mediaSettings` and `mediaSettings.muteOnJoin`, `recurrence.count`, `live`. A nested field is accepted only when listed itself. Some are further limited by value (see the provider docs), e.g. Tencent repeats weekly only on the start's weekday.",
  })
  inputFields!: string[];

  @Field(() => [RecurrenceFrequency], {
    description: 'Recurrence frequencies accepted (empty: no recurring series).',
  })
  recurrenceFrequencies!: RecurrenceFrequency[];

  @Field(() => [String], {
    description:
      'Update-input fields accepted, as paths like `inputFields` (empty when `update` is not an operation).',
  })
  updateFields!: string[];

  @Field(() => [String], {
    description: 'Update-input fields an explicit `null` may clear (e.g. `password`).',
  })
  clearableFields!: string[];
}

@Directive(SHAREABLE)
@ObjectType({
  simpleResolvers: true,
  description:
    'What a provider can do through this API, per kind; the flat fields before them are derived from the per-kind ones and kept for existing clients.',
})
export class ProviderCapabilities {
  @Field(() => KindCapabilities, {
    nullable: true,
    description: 'Scheduled meetings (one-off or recurring); null when not supported.',
  })
  meeting!: KindCapabilities | null;

  @Field(() => KindCapabilities, {
    nullable: true,
    description: 'Instant meetings (startInstantMeeting); null when not supported.',
  })
  instantMeeting!: KindCapabilities | null;

  @Field(() => KindCapabilities, {
    nullable: true,
    description: 'Webinars; null when not supported.',
  })
  webinar!: KindCapabilities | null;

  @Field(() => KindCapabilities, {
    nullable: true,
    description: 'Single occurrences of a series (cancelOccurrence); null when not supported.',
  })
  occurrence!: KindCapabilities | null;

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

@Directive(SHAREABLE)
@ObjectType({
  simpleResolvers: true,
  description: 'A provider behind this API, how it is run, and what it can do.',
})
export class ProviderInfo {
  @Field(() => Provider, { description: 'The provider.' })
  provider!: Provider;

  @Field(() => ProviderMode, { description: 'LIVE (real service) or SANDBOX (built-in emulator).' })
  mode!: ProviderMode;

  @Field(() => ProviderCapabilities, { description: 'What it can do.' })
  capabilities!: ProviderCapabilities;
}
