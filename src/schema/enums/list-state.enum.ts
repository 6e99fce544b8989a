import { registerEnumType } from 'type-graphql';

/** Which of an organizer's meetings a list answers (providers list these two separately). */
export enum ListState {
  UPCOMING = 'UPCOMING',
  ENDED = 'ENDED',
}

registerEnumType(ListState, {
  name: 'ListState',
  description: "Which of an organizer's meetings or webinars to list.",
  valuesConfig: {
    UPCOMING: {
      description:
        'Not yet ended: booked or in progress (Tencent `GET /v1/meetings`, WeCom `meeting/get_user_meetingid`, umeeting `share/list`). Ordered by start time, earliest first.',
    },
    ENDED: {
      description:
        'Ended or cancelled (Tencent `/v1/history/meetings`, umeeting `share/history`). Ordered by start time, latest first.',
    },
  },
});
