import { readFileSync } from 'node:fs';

import { describe, expect, it } from '@jest/globals';

import { ProviderError } from '../../src/errors/api-errors.js';
import { meetingFromWire, webinarFromWire } from '../../src/providers/wecom/wecom.mapper.js';
import type {
  WecomMeetingGetInfoResponse,
  WecomWebinarGetResponse,
} from '../../src/providers/wecom/wecom.wire.js';
import { AdmissionType } from '../../src/schema/enums/admission-type.enum.js';
import { MeetingStatus } from '../../src/schema/enums/meeting-status.enum.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { RecordingType } from '../../src/schema/enums/recording-type.enum.js';
import { WatermarkStyle } from '../../src/schema/enums/watermark-style.enum.js';
import { decodeGlobalId } from '../../src/schema/ids.js';
import type { Webinar } from '../../src/schema/types/webinar.type.js';

/** Seed 003's answer, verbatim (test/fixtures/wecom/README.md). */
const SEED_003 = JSON.parse(
  readFileSync(
    new URL('../fixtures/wecom/webinar-get.seed-003.response.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown> & { media_setting: Record<string, unknown> };

/**
 * Where each key of seed 003 lands, the value it must have for the seed's own example, and a
 * changed wire value with the value it must then map to (proving the key is really read, not
 * defaulted). A key of the fixture missing here fails the test.
 */
interface Expectation {
  field: string;
  seed: unknown;
  change: [wire: unknown, mapped: unknown];
}

const TOP_LEVEL: Record<string, Expectation> = {
  meetingid: {
    field: 'providerId',
    seed: 'MEETINGID',
    change: ['12345678901234567890', '12345678901234567890'],
  },
  title: { field: 'subject', seed: 'TITLE', change: ['Quarterly review', 'Quarterly review'] },
  sponsor: { field: 'sponsor', seed: 'SPONSOR', change: ['ACME', 'ACME'] },
  start_time: {
    field: 'startTime',
    seed: new Date(166666666 * 1000),
    change: ['1767225600', new Date('2026-01-01T00:00:00Z')],
  },
  end_time: {
    field: 'endTime',
    seed: new Date(177777777 * 1000),
    change: ['1767229200', new Date('2026-01-01T01:00:00Z')],
  },
  admission_type: {
    field: 'admissionType',
    seed: AdmissionType.PUBLIC,
    change: [2, AdmissionType.PASSWORD],
  },
  hosts: {
    field: 'hosts',
    seed: ['USERID'],
    change: [
      [{ userid: 'a' }, { userid: 'b' }],
      ['a', 'b'],
    ],
  },
  password: { field: 'password', seed: 'PASSWORD', change: ['123456', '123456'] },
  cover_url: {
    field: 'coverUrl',
    seed: 'URL',
    change: ['https://x.test/c.png', 'https://x.test/c.png'],
  },
  description: { field: 'description', seed: 'description', change: ['about', 'about'] },
  enable_guest_invite_link: { field: 'enableGuestInviteLink', seed: false, change: [true, true] },
  audience_join_link: {
    field: 'audienceJoinLink',
    seed: 'LINK',
    change: ['https://a.test', 'https://a.test'],
  },
  guest_join_link: {
    field: 'guestJoinLink',
    seed: 'LINK',
    change: ['https://g.test', 'https://g.test'],
  },
  enable_qa: { field: 'enableQa', seed: false, change: [true, true] },
  manual_check_link: {
    field: 'manualCheckLink',
    seed: 'LINK',
    change: ['https://m.test', 'https://m.test'],
  },
  manual_check_password: {
    field: 'manualCheckPassword',
    seed: 'PASSWORD',
    change: ['9999', '9999'],
  },
  activity_page: { field: 'activityPage', seed: false, change: [true, true] },
  display_number_of_attendees: { field: 'displayAttendeeCount', seed: false, change: [1, true] },
  playback_for_audience: { field: 'playbackForAudience', seed: true, change: [false, false] },
  playback_url: { field: 'playbackUrl', seed: 'URL', change: ['https://p.test', 'https://p.test'] },
  preparation_mode: { field: 'preparationMode', seed: false, change: [true, true] },
  warm_up_picture: {
    field: 'warmUpPicture',
    seed: 'URL',
    change: ['https://w.test/p.png', 'https://w.test/p.png'],
  },
  warm_up_video: {
    field: 'warmUpVideo',
    seed: 'URL',
    change: ['https://w.test/v.mp4', 'https://w.test/v.mp4'],
  },
  allow_attendees_invite_others: {
    field: 'allowAttendeesInviteOthers',
    seed: false,
    change: [true, true],
  },
};

const MEDIA: Record<string, Expectation> = {
  mute_enable_join: { field: 'muteOnJoin', seed: false, change: [true, true] },
  allow_unmute_self: { field: 'allowUnmuteSelf', seed: false, change: [true, true] },
  allow_enter_before_host: { field: 'joinBeforeHost', seed: false, change: [true, true] },
  enable_screen_watermark: { field: 'screenShareWatermark', seed: false, change: [true, true] },
  watermark_type: {
    field: 'watermarkStyle',
    seed: WatermarkStyle.SINGLE_ROW,
    change: [1, WatermarkStyle.MULTI_ROW],
  },
  // W-5: follow the name; enterprise-only is its negation.
  allow_external_user: { field: 'enterpriseUsersOnly', seed: true, change: [true, false] },
  auto_record_type: {
    field: 'autoRecordingType',
    seed: RecordingType.NONE,
    change: ['cloud', RecordingType.CLOUD],
  },
  attendee_join_auto_record: {
    field: 'recordWhenParticipantJoins',
    seed: false,
    change: [true, true],
  },
  enable_host_pause_auto_record: {
    field: 'hostCanPauseAutoRecording',
    seed: false,
    change: [true, true],
  },
};

const map = (wire: Record<string, unknown>) =>
  webinarFromWire(wire as WecomWebinarGetResponse, 'test');
const pick = (webinar: Webinar, field: string) =>
  (webinar as unknown as Record<string, unknown>)[field];
const pickMedia = (webinar: Webinar, field: string) =>
  (webinar.mediaSettings as unknown as Record<string, unknown>)[field];

describe('WeCom mapper: seed 003 webinar-get answer', () => {
  it('has an expectation for every top-level key of the seed (media_setting is checked apart)', () => {
    const keys = Object.keys(SEED_003).filter((k) => k !== 'media_setting');
    expect(keys.filter((k) => !(k in TOP_LEVEL))).toEqual([]);
    expect(Object.keys(SEED_003)).toContain('media_setting');
  });

  it('has an expectation for every key of the seed media_setting', () => {
    expect(Object.keys(SEED_003.media_setting).filter((k) => !(k in MEDIA))).toEqual([]);
  });

  it.each(Object.entries(TOP_LEVEL))(
    'maps %s with the seed value and with a changed one',
    (key, e) => {
      expect(pick(map(SEED_003), e.field)).toEqual(e.seed);
      expect(pick(map({ ...SEED_003, [key]: e.change[0] }), e.field)).toEqual(e.change[1]);
    },
  );

  it.each(Object.entries(MEDIA))(
    'maps media_setting.%s with the seed value and with a changed one',
    (key, e) => {
      expect(pickMedia(map(SEED_003), e.field)).toEqual(e.seed);
      const changed = {
        ...SEED_003,
        media_setting: { ...SEED_003.media_setting, [key]: e.change[0] },
      };
      expect(pickMedia(map(changed), e.field)).toEqual(e.change[1]);
    },
  );

  it('builds a WeCom webinar global id without an organizer', () => {
    const webinar = map(SEED_003);
    expect(webinar.provider).toBe(Provider.WECOM);
    expect(decodeGlobalId(webinar.id, 'id')).toMatchObject({
      kind: 'Webinar',
      provider: Provider.WECOM,
      providerId: 'MEETINGID',
      organizer: undefined,
    });
  });

  it('reports what the seed does not carry as null, never as a default', () => {
    const webinar = map(SEED_003);
    expect(webinar.meetingCode).toBeNull();
    expect(webinar.status).toBe(MeetingStatus.INVALID); // the example has no status (W-3)
    expect(webinar.sensitiveWords).toBeNull();
    expect(webinar.registeredCount).toBeNull();
    expect(webinar.organizer).toBeNull();
    for (const field of [
      'muteAll',
      'waitingRoom',
      'hostVideoOnJoin',
      'participantVideoOnJoin',
      'playSoundOnJoin',
      'playSoundOnLeave',
    ]) {
      expect(pickMedia(webinar, field)).toBeNull();
    }
  });

  it('maps a bare answer (only the required fields) to nulls everywhere else', () => {
    const webinar = map({
      meetingid: '1',
      title: 't',
      start_time: '1767225600',
      end_time: '1767229200',
    });
    expect(webinar.enableQa).toBeNull();
    expect(webinar.activityPage).toBeNull();
    expect(webinar.displayAttendeeCount).toBeNull();
    expect(webinar.hosts).toEqual([]);
    expect(Object.values(webinar.mediaSettings).every((v) => v === null)).toBe(true);
  });
});

describe('WeCom mapper: both spellings where the seed and the docs disagree (docs/reference/providers.md §2.6)', () => {
  const base = { meetingid: '1', start_time: '1767225600', end_time: '1767229200' };

  it('reads the subject from `title`, else from `subject` (W-1)', () => {
    expect(map({ ...base, subject: 'from table' }).subject).toBe('from table');
    expect(map({ ...base, title: 'from example', subject: 'from table' }).subject).toBe(
      'from example',
    );
  });

  it('reads mute-on-join from `enable_enter_mute`, else `mute_enable_join` (W-2)', () => {
    const mute = (media: Record<string, unknown>) =>
      map({ ...base, title: 't', media_setting: media }).mediaSettings.muteOnJoin;
    expect(mute({ enable_enter_mute: true })).toBe(true);
    expect(mute({ mute_enable_join: true })).toBe(true);
    expect(mute({ enable_enter_mute: false, mute_enable_join: true })).toBe(false);
  });

  it('reads display_number_of_attendees as a number or a numeric string (W-4)', () => {
    const display = (v: unknown) =>
      map({ ...base, title: 't', display_number_of_attendees: v }).displayAttendeeCount;
    expect(display('1')).toBe(true);
    expect(display('0')).toBe(false);
    expect(display(1)).toBe(true);
    expect(display('yes')).toBeNull();
  });

  it('accepts epoch seconds as strings or numbers (W-7)', () => {
    const webinar = map({
      meetingid: '1',
      title: 't',
      start_time: 1767225600,
      end_time: '1767229200',
    });
    expect(webinar.startTime.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('maps every MEETING_STATE_* status and refuses to guess an unknown one', () => {
    const status = (s: unknown) => map({ ...base, title: 't', status: s }).status;
    expect(status('MEETING_STATE_INIT')).toBe(MeetingStatus.INIT);
    expect(status('MEETING_STATE_ABOUT_TO_START')).toBe(MeetingStatus.ABOUT_TO_START);
    expect(status('MEETING_STATE_STARTED')).toBe(MeetingStatus.STARTED);
    expect(status('MEETING_STATE_ENDED')).toBe(MeetingStatus.ENDED);
    expect(status('MEETING_STATE_CANCELLED')).toBe(MeetingStatus.CANCELLED);
    expect(status('MEETING_STATE_RECYCLED')).toBe(MeetingStatus.RECYCLED);
    expect(status('MEETING_STATE_SOMETHING_NEW')).toBe(MeetingStatus.INVALID);
  });

  it('refuses an answer without meetingid, title or times as PROVIDER_RESPONSE_INVALID', () => {
    for (const drop of ['meetingid', 'title', 'start_time', 'end_time']) {
      const wire: Record<string, unknown> = { ...base, title: 't' };
      delete wire[drop];
      let caught: unknown;
      try {
        map(wire);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ProviderError);
      expect((caught as ProviderError).code).toBe('PROVIDER_RESPONSE_INVALID');
    }
  });
});

describe('WeCom mapper: meeting get_info', () => {
  const answer: WecomMeetingGetInfoResponse = {
    admin_userid: 'admin',
    title: 'Standup',
    meeting_start: 1893456000,
    meeting_duration: 1800,
    status: 1,
    attendees: { member: [{ userid: 'u1' }, { userid: 'u2' }] },
    settings: { password: '1234', enable_enter_mute: 2, mute_all: true, hosts: { userid: ['h1'] } },
    meeting_code: '123456789',
    meeting_link: 'https://m.test/1',
  };

  it('turns meeting_start + meeting_duration into startTime/endTime', () => {
    const meeting = meetingFromWire(answer, '42', 'test');
    expect(meeting.startTime.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(meeting.endTime!.toISOString()).toBe('2030-01-01T00:30:00.000Z');
    expect(meeting).toMatchObject({
      providerId: '42',
      meetingCode: '123456789',
      organizer: 'admin',
      hosts: ['h1'],
      invitees: ['u1', 'u2'],
      password: '1234',
      joinUrl: 'https://m.test/1',
      status: MeetingStatus.INIT,
    });
    expect(meeting.mediaSettings.muteAll).toBe(true);
    // enable_enter_mute 2 ("on above six people") is neither on nor off: not guessed.
    expect(meeting.mediaSettings.muteOnJoin).toBeNull();
  });

  it('maps the assumed integer statuses and anything else to INVALID', () => {
    const status = (s: number) => meetingFromWire({ ...answer, status: s }, '42', 'test').status;
    // 2 "in progress" does not say whether anyone is in: ABOUT_TO_START (MeetingStatus).
    expect([1, 2, 3, 4, 5, 9].map(status)).toEqual([
      MeetingStatus.INIT,
      MeetingStatus.ABOUT_TO_START,
      MeetingStatus.ENDED,
      MeetingStatus.CANCELLED,
      MeetingStatus.RECYCLED,
      MeetingStatus.INVALID,
    ]);
  });

  it('prefers the meetingid of the answer and needs one from somewhere', () => {
    expect(meetingFromWire({ ...answer, meetingid: '7' }, '42', 'test').providerId).toBe('7');
    expect(() => meetingFromWire(answer, undefined, 'test')).toThrow(ProviderError);
  });
});
