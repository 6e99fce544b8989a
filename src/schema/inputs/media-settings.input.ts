import { IsBoolean, IsEnum, IsOptional } from '../../util/class-validator.js';
import { Field, InputType } from 'type-graphql';

import { RecordingType } from '../enums/recording-type.enum.js';
import { WatermarkStyle } from '../enums/watermark-style.enum.js';
import { OnlyWhen } from './validators.js';

/**
 * The same shape as MediaSettings. An omitted field is left to the provider's default; a field the
 * chosen provider cannot express is refused with UNSUPPORTED_BY_PROVIDER (never dropped).
 */
@InputType({
  description:
    "Media and join settings to apply. Omitted fields keep the provider's default; a field the provider cannot express is refused with UNSUPPORTED_BY_PROVIDER.",
})
export class MediaSettingsInput {
  @Field(() => Boolean, { nullable: true, description: 'Participants are muted when they join.' })
  @IsOptional()
  @IsBoolean()
  muteOnJoin?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Participants may unmute themselves.' })
  @IsOptional()
  @IsBoolean()
  allowUnmuteSelf?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Everyone is muted.' })
  @IsOptional()
  @IsBoolean()
  muteAll?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Participants may join before the host.' })
  @IsOptional()
  @IsBoolean()
  joinBeforeHost?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Participants wait in a waiting room.' })
  @IsOptional()
  @IsBoolean()
  waitingRoom?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Shared screens carry a watermark.' })
  @IsOptional()
  @IsBoolean()
  screenShareWatermark?: boolean;

  @Field(() => WatermarkStyle, {
    nullable: true,
    description: 'Watermark style; requires `screenShareWatermark: true`.',
  })
  @IsOptional()
  @IsEnum(WatermarkStyle)
  @OnlyWhen(
    'requiresScreenShareWatermark',
    (o) => o.screenShareWatermark === true,
    'watermarkStyle requires screenShareWatermark: true',
  )
  watermarkStyle?: WatermarkStyle;

  @Field(() => Boolean, { nullable: true, description: 'Only enterprise members may join.' })
  @IsOptional()
  @IsBoolean()
  enterpriseUsersOnly?: boolean;

  @Field(() => Boolean, { nullable: true, description: "The host's video is on when joining." })
  @IsOptional()
  @IsBoolean()
  hostVideoOnJoin?: boolean;

  @Field(() => Boolean, { nullable: true, description: "Participants' video is on when joining." })
  @IsOptional()
  @IsBoolean()
  participantVideoOnJoin?: boolean;

  @Field(() => RecordingType, { nullable: true, description: 'Automatic recording type.' })
  @IsOptional()
  @IsEnum(RecordingType)
  autoRecordingType?: RecordingType;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Cloud recording starts when a participant joins; requires CLOUD recording.',
  })
  @IsOptional()
  @IsBoolean()
  @OnlyWhen(
    'requiresCloudRecording',
    (o) => o.autoRecordingType === RecordingType.CLOUD,
    'recordWhenParticipantJoins requires autoRecordingType: CLOUD',
  )
  recordWhenParticipantJoins?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The host may pause automatic cloud recording (effective with CLOUD recording).',
  })
  @IsOptional()
  @IsBoolean()
  hostCanPauseAutoRecording?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'A sound plays when someone joins.' })
  @IsOptional()
  @IsBoolean()
  playSoundOnJoin?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'A sound plays when someone leaves.' })
  @IsOptional()
  @IsBoolean()
  playSoundOnLeave?: boolean;
}
