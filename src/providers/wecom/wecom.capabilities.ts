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
 * What WeCom can do through this API (docs/providers/wecom.md). Meetings also take `muteAll` and
 * `waitingRoom` (§2.5 `settings`); there is no instant meeting, no live stream, no time zone
 * field (times are instants) and, until its `reminders` table is mapped (issue 12), no series.
 */
export const WECOM_CAPABILITIES: Capabilities = {
  meeting: {
    operations: ['create', 'read', 'lookupByCode', 'cancel'],
    inputFields: [
      ...MEETING_REQUIRED,
      'hosts',
      'invitees',
      'password',
      ...nested('mediaSettings', [...WEBINAR_MEDIA, 'muteAll', 'waitingRoom']),
    ],
    recurrenceFrequencies: [],
  },
  instantMeeting: null,
  webinar: {
    operations: ['create', 'read', 'lookupByCode', 'cancel'],
    inputFields: [...WEBINAR_FIELDS, ...nested('mediaSettings', WEBINAR_MEDIA)],
    recurrenceFrequencies: [],
  },
  occurrence: null,
};
