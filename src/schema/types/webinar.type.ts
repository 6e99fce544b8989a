import { Directive, Field, ID, Int, ObjectType, UseMiddleware } from 'type-graphql';

import { HostSecret, JoinPassword } from '../../auth/field-guards.js';

import { AUTHENTICATED, REQUIRES_HOST } from '../access-directives.js';
import { AdmissionType } from '../enums/admission-type.enum.js';
import { MeetingStatus } from '../enums/meeting-status.enum.js';
import { Provider } from '../enums/provider.enum.js';
import { MediaSettings } from './media-settings.type.js';

/** Every field of seeds 000 (Tencent create) and 003 (WeCom get), in one shape. */
@Directive('@key(fields: "id")')
@Directive(AUTHENTICATED)
@ObjectType({
  simpleResolvers: true,
  description: 'A webinar (网络研讨会): hosts and guests speak, an audience watches.',
})
export class Webinar {
  @Field(() => ID, { description: 'Opaque global id; encodes provider and kind.' })
  id!: string;

  @Field(() => Provider, { description: 'The provider hosting this webinar.' })
  provider!: Provider;

  @Field(() => String, { description: "The provider's own webinar id, always a string." })
  providerId!: string;

  @Field(() => String, { nullable: true, description: 'The code people type to join.' })
  meetingCode?: string | null;

  @Field(() => String, { description: 'Subject (Tencent `subject`, WeCom `title`).' })
  subject!: string;

  @Field(() => String, { nullable: true, description: 'Sponsor (主办方) name.' })
  sponsor?: string | null;

  @Field(() => String, { nullable: true, description: 'Plain-text description (activity page).' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Cover image URL (activity page).' })
  coverUrl?: string | null;

  @Field(() => MeetingStatus, { description: 'Current state, as of the provider clock.' })
  status!: MeetingStatus;

  @Field(() => Date, { description: 'Scheduled start.' })
  startTime!: Date;

  @Field(() => Date, { description: 'Scheduled end.' })
  endTime!: Date;

  @Field(() => AdmissionType, { nullable: true, description: 'Who may watch.' })
  admissionType?: AdmissionType | null;

  @UseMiddleware(JoinPassword)
  @Field(() => String, {
    simple: false,
    nullable: true,
    description: 'Audience password (PASSWORD admission).',
  })
  password?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The provider user who created it; null on WeCom, whose webinar reads do not report it (so neither does the create answer, which is what a read answers).',
  })
  organizer?: string | null;

  @Field(() => [String], { description: 'Host user ids.' })
  hosts!: string[];

  @Field(() => String, { nullable: true, description: 'Link for the audience to join.' })
  audienceJoinLink?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Link for guests; with `enableGuestInviteLink` joiners become guests.',
  })
  guestJoinLink?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'People joining through the guest link become guests automatically.',
  })
  enableGuestInviteLink?: boolean | null;

  @Field(() => MediaSettings, { description: 'Media settings.' })
  mediaSettings!: MediaSettings;

  @Field(() => Boolean, { nullable: true, description: 'Q&A is enabled.' })
  enableQa?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Words filtered from chat and Q&A; null on WeCom, whose webinar reads do not report them.',
  })
  sensitiveWords?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Joiners are checked by a person.' })
  enableManualCheck?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Link for the manual checker.' })
  manualCheckLink?: string | null;

  @Directive(REQUIRES_HOST)
  @UseMiddleware(HostSecret)
  @Field(() => String, {
    simple: false,
    nullable: true,
    description: 'Password for the manual checker.',
  })
  manualCheckPassword?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'The activity page is enabled.' })
  activityPage?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'The activity page shows how many registered (Tencent `display_number_of_participants`, WeCom `display_number_of_attendees`).',
  })
  displayAttendeeCount?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The audience may watch the playback.' })
  playbackForAudience?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Playback address.' })
  playbackUrl?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Preparation (rehearsal) mode is on.' })
  preparationMode?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Warm-up picture URL (wins over video).' })
  warmUpPicture?: string | null;

  @Field(() => String, { nullable: true, description: 'Warm-up video URL.' })
  warmUpVideo?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Attendees may invite others during the warm-up.',
  })
  allowAttendeesInviteOthers?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Number of people registered, when reported.' })
  registeredCount?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Tencent `sync_to_wework`: shown in WeCom too; null where not reported.',
  })
  syncToWeWork?: boolean | null;
}
