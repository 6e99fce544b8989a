import { Field, ObjectType } from 'type-graphql';

import { Meeting } from './meeting.type.js';
import { Webinar } from './webinar.type.js';

/** Relay's PageInfo (graphql.org/learn/pagination, the Relay cursor connections spec). */
@ObjectType({ simpleResolvers: true, description: 'Where a page ends and whether there is more.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether asking again with `after: endCursor` gives more.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Opaque cursor after the last edge; pass it as `after` for the next page.',
  })
  endCursor?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'One meeting of a list, with its cursor.' })
export class MeetingEdge {
  @Field(() => Meeting, { description: 'The meeting.' })
  node!: Meeting;

  @Field(() => String, { description: 'Opaque cursor: pass it as `after` to list what follows.' })
  cursor!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A page of meetings (a Relay connection).' })
export class MeetingConnection {
  @Field(() => [MeetingEdge], { description: 'The meetings of this page, in order.' })
  edges!: MeetingEdge[];

  @Field(() => PageInfo, { description: 'Where this page ends, and whether more follow.' })
  pageInfo!: PageInfo;
}

@ObjectType({ simpleResolvers: true, description: 'One webinar of a list, with its cursor.' })
export class WebinarEdge {
  @Field(() => Webinar, { description: 'The webinar.' })
  node!: Webinar;

  @Field(() => String, { description: 'Opaque cursor: pass it as `after` to list what follows.' })
  cursor!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A page of webinars (a Relay connection).' })
export class WebinarConnection {
  @Field(() => [WebinarEdge], { description: 'The webinars of this page, in order.' })
  edges!: WebinarEdge[];

  @Field(() => PageInfo, { description: 'Where this page ends, and whether more follow.' })
  pageInfo!: PageInfo;
}
