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

/** The recurrence fields umeeting takes (docs/reference/providers.md §3.3). */
const RECURRENCE_FIELDS = nested('recurrence', [
  'frequency',
  'weekDays',
  'monthDay',
  'monthWeek',
  'monthWeekDay',
  'until',
  'count',
]);

/**
 * What umeeting can do through this API (docs/reference/providers.md §3.2, §3.3). By value, not
 * by field (umeeting.input-rules.ts): `timeZone` must be the configured zone (umeeting times carry
 * none), `hosts` can only name the organizer (there is only a host key), recording is CLOUD or
 * NONE. `joinBeforeHost` exists on `/instant` only (§3.4 U-18); `/instant` has no password
 * (seed 004); `live` only switches streaming on (`allow_live_streaming`, on both creates: seeds
 * 002/004): its settings are not listed. `/instant` takes no recurrence at the doc's HEAD (§3.4
 * U-2), though seed 004 shows it: unlisted, so it is refused naming `input.recurrence`. No
 * webinars; no BIWEEKLY (no interval, §3.3). `end`: `/umeeting/share/end` (§3.2 #5).
 *
 * `update` (`/umeeting/share/update`, §3.2 #4) takes what its page lists: topic, start and
 * duration, password, `host_name`, mute on entry, waiting room, recording, live streaming and the
 * recurrence fields — no video options. `capacity` is `/share/resetCapacity/{meetingId}` (§3.2
 * #10), a second write sent after the update; if it fails after the update succeeded, the error
 * lists `applied`/`notApplied` (docs/providers/umeeting.md). An explicit null clears `recurrence` (`recurrence_type=""` makes a series a
 * one-off, the update page) and `live` (`allow_live_streaming=false`); not `password`: the page
 * says nothing of an empty one. A series changes as a whole only (the update page): no
 * occurrence `update`. `list`: `/share/list` and `/share/history` (§3.2 #7, #8).
 */
export const UMEETING_CAPABILITIES: Capabilities = {
  meeting: {
    operations: ['create', 'read', 'lookupByCode', 'cancel', 'end', 'update', 'list'],
    inputFields: [
      ...MEETING_REQUIRED,
      'hosts',
      'password',
      'timeZone',
      'capacity',
      'live',
      'usePersonalMeetingId',
      'hostName',
      ...nested('mediaSettings', SCHEDULE_MEDIA),
      ...RECURRENCE_FIELDS,
    ],
    recurrenceFrequencies: [
      RecurrenceFrequency.DAILY,
      RecurrenceFrequency.WEEKDAYS,
      RecurrenceFrequency.WEEKLY,
      RecurrenceFrequency.MONTHLY,
    ],
    updateFields: [
      'subject',
      'startTime',
      'endTime',
      'password',
      'timeZone',
      'hostName',
      'live',
      'capacity',
      ...nested('mediaSettings', ['muteOnJoin', 'waitingRoom', 'autoRecordingType']),
      ...RECURRENCE_FIELDS,
    ],
    clearableFields: ['recurrence', 'live'],
  },
  instantMeeting: {
    operations: ['create', 'read', 'cancel', 'end'],
    inputFields: [
      ...INSTANT_REQUIRED,
      'durationMinutes',
      'capacity',
      'live',
      'usePersonalMeetingId',
      'hostName',
      ...nested('mediaSettings', [...SCHEDULE_MEDIA, 'joinBeforeHost']),
    ],
    recurrenceFrequencies: [],
  },
  webinar: null,
  occurrence: { operations: ['read', 'cancel'], inputFields: [], recurrenceFrequencies: [] },
};
