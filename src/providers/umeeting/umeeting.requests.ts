import { isLastMonthWeek } from '../../domain/recurrence.js';
import { RecordingType } from '../../schema/enums/recording-type.enum.js';
import { RecurrenceFrequency } from '../../schema/enums/recurrence-frequency.enum.js';
import { WEEKDAY_ORDER } from '../../schema/enums/weekday.enum.js';
import type { LiveStreamInput } from '../../schema/inputs/live-stream.input.js';
import type { MediaSettingsInput } from '../../schema/inputs/media-settings.input.js';
import type { RecurrenceInput } from '../../schema/inputs/recurrence.input.js';
import type { ScheduleMeetingInput } from '../../schema/inputs/schedule-meeting.input.js';
import type { StartInstantMeetingInput } from '../../schema/inputs/start-instant-meeting.input.js';
import type { UpdateMeetingInput } from '../../schema/inputs/update-meeting.input.js';
import { isoWeekday, toLocal } from '../../util/zoned-time.js';
import { DEFAULT_INSTANT_MINUTES } from './umeeting.input-rules.js';
import { toUmeetingTime } from './umeeting.time.js';
import {
  UMEETING_DAILY_TYPE,
  UMEETING_RECURRENCE_TYPE,
  UMEETING_WEEKDAY,
  type UmeetingForm,
} from './umeeting.wire.js';

/**
 * Our inputs → umeeting's form fields (seeds 002, 004). The inputs have passed the capabilities
 * check (which fields) and umeeting.input-rules.ts (which values), so building never refuses.
 */

/** umeeting spells "the last week of the month" as `monthly_week` 5 (1–5, docs/reference/providers.md §3.3). */
const WIRE_LAST_MONTH_WEEK = 5;

/** The form of `/umeeting/share/schedule` for `input`, booked in the configured `timeZone`. */
export function toScheduleForm(input: ScheduleMeetingInput, timeZone: string): UmeetingForm {
  const form: UmeetingForm = {
    topic: input.subject,
    ...commonFields(input),
  };
  const minutes = (input.endTime.getTime() - input.startTime.getTime()) / 60_000;
  form.start_time = toUmeetingTime(input.startTime, timeZone);
  form.duration = String(minutes);
  if (input.password != null) form.password = input.password;
  Object.assign(form, mediaToForm(input.mediaSettings));
  Object.assign(form, liveToForm(input.live));
  if (input.recurrence) {
    Object.assign(form, recurrenceToForm(input.recurrence, input.startTime, timeZone));
  }
  return form;
}

/**
 * The form of `/umeeting/share/instant`. Recurrence never goes to `/instant` (§3.4 U-2: not at the
 * doc's HEAD; the capabilities refuse it) and the instant page has no `password` parameter
 * (seed 004).
 */
export function toInstantForm(input: StartInstantMeetingInput): UmeetingForm {
  const form: UmeetingForm = { topic: input.subject, ...commonFields(input) };
  const minutes = input.durationMinutes ?? DEFAULT_INSTANT_MINUTES;
  form.duration = String(minutes);
  Object.assign(form, mediaToForm(input.mediaSettings));
  // Seed 004 lists `allow_live_streaming` on /instant too; "false" is its documented default,
  // and sending it makes `live` known on the answer.
  Object.assign(form, liveToForm(input.live));
  return form;
}

/**
 * The form of `/umeeting/share/update` (docs/reference/providers.md §3.2 #4): `id`, `start_time`
 * and `duration` always (the page requires them: the data source fills what the input leaves out
 * from a read), then only what `input` gives — the page leaves an absent field as it is. A new
 * rule is sent whole (§3.3, against the new or kept start); `recurrence: null` is
 * `recurrence_type=""`, which makes a series a one-off (the update page's description);
 * `live: null` switches streaming off.
 */
export function toUpdateForm(
  meetingNumber: string,
  input: UpdateMeetingInput,
  when: { start: Date; minutes: number },
  timeZone: string,
): UmeetingForm {
  const form: UmeetingForm = {
    id: meetingNumber,
    start_time: toUmeetingTime(when.start, timeZone),
    duration: String(when.minutes),
  };
  if (input.subject != null) form.topic = input.subject;
  if (input.password != null) form.password = input.password;
  if (input.hostName != null) form.host_name = input.hostName;
  Object.assign(form, mediaToForm(input.mediaSettings));
  if (input.live !== undefined) Object.assign(form, liveToForm(input.live));
  if (input.recurrence === null) form.recurrence_type = '';
  else if (input.recurrence) {
    Object.assign(form, recurrenceToForm(input.recurrence, when.start, timeZone));
  }
  return form;
}

/** Fields of both creates: capacity and caller tag always (U-9), `use_pmi`, `host_name` (seeds 002/004). */
function commonFields(input: {
  organizer: string;
  capacity?: number | null;
  usePersonalMeetingId?: boolean | null;
  hostName?: string | null;
}): UmeetingForm {
  const form: UmeetingForm = {
    meeting_capacity: String(input.capacity),
    user_key: input.organizer,
  };
  if (input.usePersonalMeetingId != null) form.use_pmi = bool(input.usePersonalMeetingId);
  if (input.hostName != null) form.host_name = input.hostName;
  return form;
}

const bool = (v: boolean) => (v ? 'true' : 'false');

/**
 * MediaSettingsInput field → umeeting option (docs/reference/providers.md §3.2); which of them
 * each endpoint takes is umeeting.capabilities.ts (`option_jbh` is on /instant only, §3.4 U-18).
 */
const MEDIA_FIELDS: Partial<Record<keyof MediaSettingsInput, string>> = {
  muteOnJoin: 'mute_upon_entry',
  waitingRoom: 'waiting_room',
  hostVideoOnJoin: 'option_host_video',
  participantVideoOnJoin: 'option_participants_video',
  joinBeforeHost: 'option_jbh',
  autoRecordingType: 'recording',
};

function mediaToForm(media: MediaSettingsInput | undefined | null): UmeetingForm {
  const form: UmeetingForm = {};
  if (!media) return form;
  for (const [key, value] of Object.entries(media) as [keyof MediaSettingsInput, unknown][]) {
    if (value === undefined || value === null) continue;
    const wire = MEDIA_FIELDS[key];
    if (!wire) continue;
    if (key === 'autoRecordingType') {
      form[wire] = value === RecordingType.CLOUD ? 'cloud' : 'none';
      continue;
    }
    form[wire] = bool(value === true);
  }
  return form;
}

/** umeeting can only switch live streaming on (`allow_live_streaming`); its settings are not listed. */
function liveToForm(live: LiveStreamInput | undefined | null): UmeetingForm {
  return { allow_live_streaming: live ? 'true' : 'false' };
}

/** Unified rule → recurrence fields (docs/reference/providers.md §3.3; BIWEEKLY is not in the capabilities). */
export function recurrenceToForm(
  r: RecurrenceInput,
  firstStart: Date,
  timeZone: string,
): UmeetingForm {
  const form: UmeetingForm = {};
  const local = toLocal(firstStart, timeZone);
  switch (r.frequency) {
    case RecurrenceFrequency.DAILY:
      form.recurrence_type = String(UMEETING_RECURRENCE_TYPE.DAILY);
      form.daily_type = String(UMEETING_DAILY_TYPE.EVERY_DAY);
      break;
    case RecurrenceFrequency.WEEKDAYS:
      form.recurrence_type = String(UMEETING_RECURRENCE_TYPE.DAILY);
      form.daily_type = String(UMEETING_DAILY_TYPE.WEEKDAYS);
      break;
    case RecurrenceFrequency.WEEKLY: {
      // Always explicit: WEEKLY without weekDays repeats on the start's weekday (src/domain/recurrence.ts).
      const days = r.weekDays?.length
        ? r.weekDays
        : [WEEKDAY_ORDER[isoWeekday(local.year, local.month, local.day) - 1]!];
      form.recurrence_type = String(UMEETING_RECURRENCE_TYPE.WEEKLY);
      form.weekly_days = [...new Set(days.map((d) => UMEETING_WEEKDAY[d]))]
        .sort((a, b) => a - b)
        .join(',');
      break;
    }
    case RecurrenceFrequency.MONTHLY:
      form.recurrence_type = String(UMEETING_RECURRENCE_TYPE.MONTHLY);
      if (r.monthWeek != null && r.monthWeekDay != null) {
        form.monthly_week = String(
          isLastMonthWeek(r.monthWeek) ? WIRE_LAST_MONTH_WEEK : r.monthWeek,
        );
        form.monthly_week_day = String(UMEETING_WEEKDAY[r.monthWeekDay]);
      } else {
        form.monthly_day = String(r.monthDay ?? local.day);
      }
      break;
  }
  if (r.count != null) {
    form.end_times = String(r.count);
  } else if (r.until != null) {
    // end_date_time's format is undocumented (docs/reference/providers.md §3.3); we send the full local time.
    form.end_date_time = toUmeetingTime(r.until, timeZone);
  }
  return form;
}
