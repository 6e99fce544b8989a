import { registerEnumType } from 'type-graphql';

/**
 * The providers' MEETING_STATE_* values without the prefix (docs/reference/providers.md §1.3). Every provider
 * maps the same situation to the same value (test/providers/behaviour.contract.test.ts); where a
 * provider's answer cannot tell two values apart, the rule chosen is stated in the descriptions.
 */
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
    "Lifecycle state, after Tencent's MEETING_STATE_* values; the same situation is reported the same way on every provider. Tencent's MEETING_STATE_NULL (past end, nobody in) is reported as ENDED. WeCom meetings and umeeting only say that a meeting is in progress between its scheduled start and end, not whether anyone is in: that is reported as ABOUT_TO_START, so they never report STARTED.",
  valuesConfig: {
    INVALID: { description: 'Unknown or illegal state reported by the provider.' },
    INIT: { description: 'Booked, before its scheduled start; nobody has joined.' },
    CANCELLED: { description: 'Cancelled by the host before it started; cannot be joined.' },
    STARTED: {
      description:
        'In progress: someone is in the meeting. Reported only where the provider says so (Tencent meetings and webinars, WeCom webinars).',
    },
    ENDED: { description: 'Over (past its end, or ended or deleted by the host).' },
    ABOUT_TO_START: {
      description:
        'Past its scheduled start but before its end, and nobody is known to be in (Tencent/WeCom meaning, despite the name); an instant meeting nobody has joined yet. WeCom meetings and umeeting, which do not say whether anyone is in, report their whole scheduled window so.',
    },
    RECYCLED: { description: 'Over, and the meeting code has been reclaimed by the provider.' },
  },
});
