import { Directive, Field, ObjectType } from 'type-graphql';

import { SHAREABLE } from '../access-directives.js';
import { RecordingType } from '../enums/recording-type.enum.js';
import { WatermarkStyle } from '../enums/watermark-style.enum.js';

/**
 * One shape for every provider's spelling of media settings (Tencent meeting `settings`, Tencent
 * webinar `media_setting`, WeCom `media_setting`, umeeting's flat options; docs/reference/providers.md §2.6).
 * A value the provider does not report is null, never a guessed default.
 */
@Directive(SHAREABLE)
@ObjectType({
  simpleResolvers: true,
  description:
    'Media and join settings, one shape for every provider. A field is null when the provider does not report it (never a guessed default).',
})
export class MediaSettings {
  @Field(() => Boolean, { nullable: true, description: 'Participants are muted when they join.' })
  muteOnJoin?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Participants may unmute themselves.' })
  allowUnmuteSelf?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Everyone is muted (Tencent `mute_all`).' })
  muteAll?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Participants may join before the host.' })
  joinBeforeHost?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Participants wait in a waiting room.' })
  waitingRoom?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Shared screens carry a watermark.' })
  screenShareWatermark?: boolean | null;

  @Field(() => WatermarkStyle, {
    nullable: true,
    description: 'Watermark style; effective only with `screenShareWatermark`.',
  })
  watermarkStyle?: WatermarkStyle | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only members of the enterprise may join. WeCom: derived as NOT `allow_external_user`; the WeCom doc text describes that field the other way round, and we follow its name (docs/reference/providers.md §2.6 W-5).',
  })
  enterpriseUsersOnly?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "The host's video is on when joining." })
  hostVideoOnJoin?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Participants' video is on when joining." })
  participantVideoOnJoin?: boolean | null;

  @Field(() => RecordingType, { nullable: true, description: 'Automatic recording type.' })
  autoRecordingType?: RecordingType | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Cloud recording starts when a participant joins (not only the host).',
  })
  recordWhenParticipantJoins?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The host may pause or stop automatic cloud recording.',
  })
  hostCanPauseAutoRecording?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'A sound plays when someone joins.' })
  playSoundOnJoin?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'A sound plays when someone leaves.' })
  playSoundOnLeave?: boolean | null;
}
