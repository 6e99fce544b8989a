import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { INSTANT_REQUIRED, MEETING_REQUIRED, nested, type Capabilities } from '../capabilities.js';

/** umeeting's options (docs/reference/providers.md §3.2; seeds 002, 004). */
const SCHEDULE_MEDIA = [
  'muteOnJoin',
  'waitingRoom',
  'hostVideoOnJoin',
  'participantVideoOnJoin',
  'autoRecordingType',
];

/**
 * What umeeting can do through this API (docs/reference/providers.md §3.2, §3.3). By value, not
 * by field (umeeting.input-rules.ts): `timeZone` must be the configured zone (umeeting times carry
 * none), `hosts` can only name the organizer (there is only a host key), recording is CLOUD or
 * NONE. `joinBeforeHost` exists on `/instant` only (§3.4 U-18); `/instant` has no password
 * (seed 004); `live` only switches streaming on (`allow_live_streaming`): its settings are not
 * listed. No webinars; no BIWEEKLY (no interval, §3.3). `end`: `/umeeting/share/end` (§3.2 #5).
 */
export const UMEETING_CAPABILITIES: Capabilities = {
  meeting: {
    operations: ['create', 'read', 'lookupByCode', 'cancel', 'end'],
    inputFields: [
      ...MEETING_REQUIRED,
      'hosts',
      'password',
      'timeZone',
      'capacity',
      'live',
      ...nested('mediaSettings', SCHEDULE_MEDIA),
      ...nested('recurrence', [
        'frequency',
        'weekDays',
        'monthDay',
        'monthWeek',
        'monthWeekDay',
        'until',
        'count',
      ]),
    ],
    recurrenceFrequencies: [
      RecurrenceFrequency.DAILY,
      RecurrenceFrequency.WEEKDAYS,
      RecurrenceFrequency.WEEKLY,
      RecurrenceFrequency.MONTHLY,
    ],
  },
  instantMeeting: {
    operations: ['create', 'read', 'cancel', 'end'],
    inputFields: [
      ...INSTANT_REQUIRED,
      'durationMinutes',
      'capacity',
      ...nested('mediaSettings', [...SCHEDULE_MEDIA, 'joinBeforeHost']),
    ],
    recurrenceFrequencies: [],
  },
  webinar: null,
  occurrence: { operations: ['read', 'cancel'], inputFields: [], recurrenceFrequencies: [] },
};
