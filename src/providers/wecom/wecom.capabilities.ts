import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { MEETING_REQUIRED, nested, WEBINAR_FIELDS, type Capabilities } from '../capabilities.js';

/** What a WeCom webinar's `media_setting` can express (docs/reference/providers.md §2.6, seed 003). */
const WEBINAR_MEDIA = [
  'muteOnJoin',
  'allowUnmuteSelf',
  'joinBeforeHost',
  'screenShareWatermark',
  'watermarkStyle',
  'enterpriseUsersOnly',
  'autoRecordingType',
  'recordWhenParticipantJoins',
  'hostCanPauseAutoRecording',
];

/**
 * What a meeting's `reminders` can say, as docs/providers/wecom.md "Recurring meetings" reads
 * path/98148: `repeat_type` daily / weekly / monthly / working days, a custom interval (every 2
 * weeks), the days of the week, one day of the month, and an end by date or by count. The n-th
 * weekday of a month (`monthWeek`, `monthWeekDay`) has no field there, so it is refused.
 */
const RECURRENCE = nested('recurrence', ['frequency', 'weekDays', 'monthDay', 'until', 'count']);

/** What `meeting/update` (path/98154) takes: the create fields except the admin. */
const MEETING_UPDATE = [
  'subject',
  'startTime',
  'endTime',
  'hosts',
  'invitees',
  'password',
  ...nested('mediaSettings', [...WEBINAR_MEDIA, 'muteAll', 'waitingRoom']),
  ...RECURRENCE,
];

/**
 * What `webinar/update` (path/98843) and `webinar/update_warm_up` (path/98882) take: the create
 * fields except the admin, and the warm-up ones.
 */
const WEBINAR_UPDATE = [
  ...WEBINAR_FIELDS.filter((field) => field !== 'provider' && field !== 'organizer'),
  ...nested('mediaSettings', WEBINAR_MEDIA),
  'warmUpPicture',
  'warmUpVideo',
  'allowAttendeesInviteOthers',
];

/**
 * What WeCom can do through this API (docs/providers/wecom.md). Meetings also take `muteAll` and
 * `waitingRoom` (§2.5 `settings`) and repeat through `reminders`; there is no instant meeting, no
 * live stream, no time zone field (times are instants), no change or cancel of one
 * occurrence (`occurrence` null; `end` is `realcontrol/dismiss`, path/98187), and no webinar list (none is documented). Nothing an update
 * sets can be cleared with null: the update docs say how to set each field, not how to unset it.
 */
export const WECOM_CAPABILITIES: Capabilities = {
  meeting: {
    operations: ['create', 'read', 'lookupByCode', 'cancel', 'end', 'update', 'list'],
    inputFields: [
      ...MEETING_REQUIRED,
      'hosts',
      'invitees',
      'password',
      ...nested('mediaSettings', [...WEBINAR_MEDIA, 'muteAll', 'waitingRoom']),
      ...RECURRENCE,
    ],
    recurrenceFrequencies: [
      RecurrenceFrequency.DAILY,
      RecurrenceFrequency.WEEKDAYS,
      RecurrenceFrequency.WEEKLY,
      RecurrenceFrequency.BIWEEKLY,
      RecurrenceFrequency.MONTHLY,
    ],
    updateFields: MEETING_UPDATE,
  },
  instantMeeting: null,
  webinar: {
    operations: ['create', 'read', 'lookupByCode', 'cancel', 'update'],
    inputFields: [...WEBINAR_FIELDS, ...nested('mediaSettings', WEBINAR_MEDIA)],
    recurrenceFrequencies: [],
    updateFields: WEBINAR_UPDATE,
  },
  occurrence: null,
};
