import { Directive, Field, ID, Int, ObjectType, UseMiddleware } from 'type-graphql';

import { HostSecret, JoinPassword, LiveStreamOwner } from '../../auth/field-guards.js';

import { AUTHENTICATED, REQUIRES_HOST } from '../access-directives.js';
import { MeetingKind } from '../enums/meeting-kind.enum.js';
import { MeetingStatus } from '../enums/meeting-status.enum.js';
import { Provider } from '../enums/provider.enum.js';
import { MAX_OCCURRENCES } from '../inputs/recurrence.input.js';
import { AnonymousAttendee } from './anonymous-attendee.type.js';
import { LiveStream } from './live-stream.type.js';
import { MediaSettings } from './media-settings.type.js';
import { RecurrenceRule } from './recurrence-rule.type.js';
import { RecurringOccurrence } from './recurring-occurrence.type.js';

@Directive('@key(fields: "id")')
@Directive(AUTHENTICATED)
@ObjectType({
  simpleResolvers: true,
  description: 'A meeting on one of the providers (one-off, recurring or instant).',
})
export class Meeting {
  @Field(() => ID, { description: 'Opaque global id; encodes provider and kind.' })
  id!: string;

  @Field(() => Provider, { description: 'The provider hosting this meeting.' })
  provider!: Provider;

  @Field(() => String, {
    description: "The provider's own meeting id, always a string (Tencent ids exceed 2^53).",
  })
  providerId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The code people type to join (Tencent 9 digits; umeeting meeting number).',
  })
  meetingCode?: string | null;

  @Field(() => String, { description: 'Subject (title, topic).' })
  subject!: string;

  @Field(() => MeetingKind, { description: 'Scheduled or instant.' })
  kind!: MeetingKind;

  @Field(() => MeetingStatus, { description: 'Current state, as of the provider clock.' })
  status!: MeetingStatus;

  @Field(() => Date, {
    description: 'Scheduled start; for a series, the start of its first occurrence.',
  })
  startTime!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Scheduled end; for a series, the end of its first occurrence.',
  })
  endTime?: Date | null;

  @UseMiddleware(JoinPassword)
  @Field(() => String, {
    simple: false,
    nullable: true,
    description: 'Join password, when one is set.',
  })
  password?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The provider user who created it (Tencent `userid`, WeCom `admin_userid`, umeeting `user_key`).',
  })
  organizer?: string | null;

  @Field(() => [String], { description: 'Host user ids.' })
  hosts!: string[];

  @Field(() => [String], { description: 'Invited user ids.' })
  invitees!: string[];

  @Field(() => String, { nullable: true, description: 'Link for participants to join.' })
  joinUrl?: string | null;

  @Field(() => MediaSettings, { description: 'Media and join settings.' })
  mediaSettings!: MediaSettings;

  @Field(() => RecurrenceRule, {
    nullable: true,
    description: 'Recurrence rule; null for one-off.',
  })
  recurrence?: RecurrenceRule | null;

  // For cost estimates (limits/cost.ts and a router's): a series has at most MAX_OCCURRENCES.
  @Directive(`@listSize(assumedSize: ${MAX_OCCURRENCES})`)
  @Field(() => [RecurringOccurrence], {
    description: 'Occurrences of a recurring meeting, in start order; empty for one-off.',
  })
  occurrences!: RecurringOccurrence[];

  @UseMiddleware(LiveStreamOwner)
  @Field(() => LiveStream, {
    simple: false,
    nullable: true,
    description: 'Live-stream settings and watch address.',
  })
  live?: LiveStream | null;

  @Field(() => String, {
    nullable: true,
    description:
      'IANA time zone the meeting is scheduled (and a series repeats) in. Tencent: the one given when booking, else Asia/Shanghai (Beijing time, its default); umeeting: the configured UMEETING_TIMEZONE (default Asia/Shanghai), in which its local times are read. Null where no zone applies: WeCom meetings are booked and reported as instants, with no local times (a WeCom series repeats by its `reminders` rule, which has no zone).',
  })
  timeZone?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'umeeting `meeting_capacity`: the number of parties the room is booked for.',
  })
  capacity?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'umeeting `ready_time` (seeds 002/004): how many minutes before the start the host may open the meeting (unit not stated by the provider; 15 in its examples).',
  })
  earlyJoinMinutes?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "umeeting `host_id` (seeds 002/004): the provider's id of the host account.",
  })
  providerHostId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Tencent `sync_to_wework`: shown in WeCom too; null where not reported.',
  })
  syncToWeWork?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Tencent `user_non_registered` (seed 001): invitees who have no account with the provider.',
  })
  unregisteredInvitees?: string[] | null;

  @Field(() => [AnonymousAttendee], {
    nullable: true,
    description: 'Hosts and invitees who join anonymously (Tencent `is_anonymous`, seed 001).',
  })
  anonymousAttendees?: AnonymousAttendee[] | null;

  @Directive(REQUIRES_HOST)
  @UseMiddleware(HostSecret)
  @Field(() => String, {
    simple: false,
    nullable: true,
    description: 'Host key to claim the host role (host-only secret; never logged).',
  })
  hostKey?: string | null;

  @Directive(REQUIRES_HOST)
  @UseMiddleware(HostSecret)
  @Field(() => String, {
    simple: false,
    nullable: true,
    description: 'Start URL that opens the meeting as host (host-only secret; never logged).',
  })
  startUrl?: string | null;
}
