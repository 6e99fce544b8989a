import { Directive, Field, ObjectType, UseMiddleware } from 'type-graphql';

import { LiveStreamSecret } from '../../auth/field-guards.js';
import { REQUIRES_HOST, SHAREABLE } from '../access-directives.js';

@Directive(SHAREABLE)
@ObjectType({
  simpleResolvers: true,
  description:
    'Live streaming of a meeting (Tencent `enable_live`/`live_config`, umeeting `allow_live_streaming`).',
})
export class LiveStream {
  @Field(() => Boolean, { description: 'Live streaming is enabled.' })
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Title of the live stream.' })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: 'Summary shown to viewers.' })
  summary?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Viewers need a password.' })
  passwordEnabled?: boolean | null;

  @Directive(REQUIRES_HOST)
  @UseMiddleware(LiveStreamSecret)
  @Field(() => String, {
    simple: false,
    nullable: true,
    description: 'Viewer password, when enabled.',
  })
  password?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Viewers may chat.' })
  chatEnabled?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'A replay is available after the stream.' })
  replayEnabled?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where viewers watch (Tencent `live_addr`, umeeting `watch_url`).',
  })
  watchUrl?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'umeeting `play_addr`: the raw stream address. Often plain http:// on a third-party CDN (docs/reference/providers.md §3.4 U-12).',
  })
  playUrl?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "umeeting `live_id` (schedule response at the provider's HEAD): the provider's id of the live stream.",
  })
  providerLiveId?: string | null;
}
