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

/** Meeting fields PUT /v1/meetings/{id} takes (§1.3 PUT: any create field but `sync_to_wework`). */
const MEETING_UPDATE_FIELDS = [
  'subject',
  'startTime',
  'endTime',
  'hosts',
  'invitees',
  'password',
  'timeZone',
  ...nested('mediaSettings', ALL_MEDIA_FIELDS),
  ...nested('recurrence', ['frequency', 'weekDays', 'monthDay', 'until', 'count']),
  ...nested('live', LIVE_FIELDS),
];

/**
 * Webinar fields PUT /v1/webinars/{id} takes (§1.4 PUT, 1095/61964: the create's fields). The
 * warm-up fields are WeCom's `update_warm_up`; Tencent sets warm-up through a separate call
 * (设置网络研讨会暖场配置, 1095/113433) not wired here, and has no "attendees invite others".
 */
const WEBINAR_UPDATE_FIELDS = [
  'subject',
  'sponsor',
  'startTime',
  'endTime',
  'admissionType',
  'password',
  'hosts',
  'description',
  'coverUrl',
  'enableQa',
  'sensitiveWords',
  'enableManualCheck',
  'activityPage',
  'displayAttendeeCount',
  'playbackForAudience',
  'preparationMode',
  'enableGuestInviteLink',
  ...nested(
    'mediaSettings',
    ALL_MEDIA_FIELDS.filter((field) => !WEBINAR_MISSING_MEDIA.has(field)),
  ),
];

/**
 * What Tencent Meeting can do through this API (docs/reference/providers.md §1.3–§1.4; seeds 000,
 * 001). By value, not by field (tencent-meeting.input-rules.ts): a weekly rule repeats on the start's
 * weekday and a monthly one on the start's day of month, so `weekDays` / `monthDay` are accepted
 * only when they say just that; there is no n-th weekday rule (`monthWeek` is not listed).
 */
export const TENCENT_MEETING_CAPABILITIES: Capabilities = {
  meeting: {
    // `list`: GET /v1/meetings?userid=… (UPCOMING) and /v1/history/meetings/{userid} (ENDED).
    // `end`: POST /v1/meetings/{id}/dismiss (结束会议, 1095/57955).
    operations: ['create', 'read', 'lookupByCode', 'cancel', 'end', 'update', 'list'],
    inputFields: [
      ...MEETING_REQUIRED,
      'hosts',
      'invitees',
      'password',
      'timeZone',
      ...nested('mediaSettings', ALL_MEDIA_FIELDS),
      ...nested('recurrence', ['frequency', 'weekDays', 'monthDay', 'until', 'count']),
      ...nested('live', LIVE_FIELDS),
      // Seed 000 / §1.3 `sync_to_wework` (create only); seed 001 `is_anonymous` / `nick_name`.
      'syncToWeWork',
      'anonymousAttendees',
    ],
    recurrenceFrequencies: ALL_FREQUENCIES,
    updateFields: MEETING_UPDATE_FIELDS,
    // `password: ""` removes the password (§1.3 PUT); nothing else can be cleared with null.
    clearableFields: ['password'],
  },
  instantMeeting: {
    // `end`: the same dismiss call (a quick meeting's code is always reclaimed, 1095/57955).
    operations: ['create', 'read', 'cancel', 'end'],
    inputFields: [
      ...INSTANT_REQUIRED,
      'durationMinutes',
      'password',
      ...nested('mediaSettings', ALL_MEDIA_FIELDS),
    ],
    recurrenceFrequencies: [],
  },
  webinar: {
    // No `list`: Tencent documents no webinar list (1095/113433 lists create, cancel, update,
    // get, members, guests, warm-up and preparation records only).
    operations: ['create', 'read', 'lookupByCode', 'cancel', 'update'],
    inputFields: [
      ...WEBINAR_FIELDS,
      'timeZone',
      'syncToWeWork',
      ...nested(
        'mediaSettings',
        ALL_MEDIA_FIELDS.filter((field) => !WEBINAR_MISSING_MEDIA.has(field)),
      ),
    ],
    recurrenceFrequencies: [],
    updateFields: WEBINAR_UPDATE_FIELDS,
  },
  // `update`: PUT /v1/meetings/{id} with `recurring_rule.sub_meeting_id` moves one (§1.3 PUT).
  occurrence: {
    operations: ['read', 'cancel', 'update'],
    inputFields: [],
    recurrenceFrequencies: [],
    updateFields: ['startTime', 'endTime'],
  },
};
