import { IsEnum, IsOptional, IsString, Length, Matches } from '../../util/class-validator.js';
import { ArgsType, Field } from 'type-graphql';

import { Provider } from '../enums/provider.enum.js';

/** Arguments of `meetingByCode` and `webinarByCode`. */
@ArgsType()
export class LookupByCodeArgs {
  @Field(() => Provider, { description: 'The provider the code belongs to.' })
  @IsEnum(Provider)
  provider!: Provider;

  @Field(() => String, { description: 'The code people type to join (digits).' })
  @Matches(/^\d{3,20}$/, { message: 'meetingCode must be 3 to 20 digits' })
  meetingCode!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The provider user to look up as. Required by TENCENT_MEETING, which reads on behalf of a user; ignored elsewhere.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  organizer?: string;
}
