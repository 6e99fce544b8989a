import { Field, ObjectType } from 'type-graphql';

/** Tencent `UserObj` with `is_anonymous: true` (seed 001), as the provider reports it. */
@ObjectType({
  simpleResolvers: true,
  description: 'A host or invitee who joins anonymously (Tencent `is_anonymous`).',
})
export class AnonymousAttendee {
  @Field(() => String, { description: 'The user id.' })
  userId!: string;

  @Field(() => String, { nullable: true, description: 'The name shown (Tencent `nick_name`).' })
  nickname?: string | null;
}
