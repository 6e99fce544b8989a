import { registerEnumType } from 'type-graphql';

/** The providers' MEETING_STATE_* values without the prefix (providers.md §1.3). */
export enum MeetingStatus {
  INVALID = 'INVALID',
  INIT = 'INIT',
  CANCELLED = 'CANCELLED',
  STARTED = 'STARTED',
  ENDED = 'ENDED',
  ABOUT_TO_START = 'ABOUT_TO_START',
  RECYCLED = 'RECYCLED',
}

registerEnumType(MeetingStatus, {
  name: 'MeetingStatus',
  description:
    "Lifecycle state, after Tencent's MEETING_STATE_* values. Tencent's MEETING_STATE_NULL (past end, nobody in) is reported as ENDED; provider-specific states are mapped to the nearest value.",
  valuesConfig: {
    INVALID: { description: 'Unknown or illegal state reported by the provider.' },
    INIT: { description: 'Booked, before its scheduled start; nobody has joined.' },
    CANCELLED: { description: 'Cancelled by the host before it started; cannot be joined.' },
    STARTED: { description: 'In progress: someone is in the meeting.' },
    ENDED: { description: 'Over (past its end, or ended or deleted by the host).' },
    ABOUT_TO_START: {
      description:
        'Past its scheduled start but before its end, and nobody is in yet (Tencent/WeCom meaning, despite the name).',
    },
    RECYCLED: { description: 'Over, and the meeting code has been reclaimed by the provider.' },
  },
});
