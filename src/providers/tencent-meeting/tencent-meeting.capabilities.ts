import {
  ALL_FREQUENCIES,
  ALL_MEDIA_FIELDS,
  INSTANT_REQUIRED,
  MEETING_REQUIRED,
  nested,
  WEBINAR_FIELDS,
  type Capabilities,
} from '../capabilities.js';

/** Live-stream settings (seed 001 `live_config`). */
const LIVE_FIELDS = [
  'subject',
  'summary',
  'passwordEnabled',
  'password',
  'chatEnabled',
  'replayEnabled',
];

/** Webinar `media_setting` (seed 000) has no spelling for these. */
const WEBINAR_MISSING_MEDIA = new Set([
  'muteAll',
  'waitingRoom',
  'hostVideoOnJoin',
  'participantVideoOnJoin',
  'playSoundOnJoin',
  'playSoundOnLeave',
]);

/**
 * What Tencent Meeting can do through this API (docs/reference/providers.md §1.3–§1.4; seeds 000,
 * 001). By value, not by field (tencent-meeting.input-rules.ts): a weekly rule repeats on the start's
 * weekday and a monthly one on the start's day of month, so `weekDays` / `monthDay` are accepted
 * only when they say just that; there is no n-th weekday rule (`monthWeek` is not listed).
 */
export const TENCENT_MEETING_CAPABILITIES: Capabilities = {
  meeting: {
    operations: ['create', 'read', 'lookupByCode', 'cancel'],
    inputFields: [
      ...MEETING_REQUIRED,
      'hosts',
      'invitees',
      'password',
      'timeZone',
      ...nested('mediaSettings', ALL_MEDIA_FIELDS),
      ...nested('recurrence', ['frequency', 'weekDays', 'monthDay', 'until', 'count']),
      ...nested('live', LIVE_FIELDS),
    ],
    recurrenceFrequencies: ALL_FREQUENCIES,
  },
  instantMeeting: {
    operations: ['create', 'read', 'cancel'],
    inputFields: [
      ...INSTANT_REQUIRED,
      'durationMinutes',
      'password',
      ...nested('mediaSettings', ALL_MEDIA_FIELDS),
    ],
    recurrenceFrequencies: [],
  },
  webinar: {
    operations: ['create', 'read', 'lookupByCode', 'cancel'],
    inputFields: [
      ...WEBINAR_FIELDS,
      'timeZone',
      ...nested(
        'mediaSettings',
        ALL_MEDIA_FIELDS.filter((field) => !WEBINAR_MISSING_MEDIA.has(field)),
      ),
    ],
    recurrenceFrequencies: [],
  },
  occurrence: { operations: ['read', 'cancel'], inputFields: [], recurrenceFrequencies: [] },
};
