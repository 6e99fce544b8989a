import { emptyPools, type FixturePools } from './fixture-ref.js';
import type { FuzzServer } from './fuzz-server.js';
import type { CapabilityMap } from './introspection.js';

/** The organizer every fixture is created as (Tencent ids carry it). */
export const FIXTURE_ORGANIZER = 'fuzz-organizer';

const MEETING = `mutation Fixture($input: ScheduleMeetingInput!) {
  scheduleMeeting(input: $input) { id provider meetingCode organizer occurrences { id } }
}`;
const INSTANT = `mutation Fixture($input: StartInstantMeetingInput!) {
  startInstantMeeting(input: $input) { id provider meetingCode organizer }
}`;
const WEBINAR = `mutation Fixture($input: ScheduleWebinarInput!) {
  scheduleWebinar(input: $input) { id provider meetingCode organizer }
}`;

interface Created {
  id: string;
  provider: string;
  meetingCode?: string | null;
  organizer?: string | null;
  occurrences?: { id: string }[];
}

/**
 * Creates, through the API itself, a few meetings, series and webinars on every provider that can
 * hold them, so generated ids can name things that exist (reads with data, cancels that succeed,
 * occurrences of real series). What a provider cannot do is skipped; a failure is returned as a
 * note, not thrown: the fuzzer then falls back to well-formed ids of nothing.
 */
export async function createFixtures(
  server: FuzzServer,
  capabilities: CapabilityMap,
  now: number,
): Promise<{ pools: FixturePools; notes: string[] }> {
  const pools = emptyPools();
  const notes: string[] = [];
  const at = (minutes: number) =>
    new Date(Math.ceil(now / 60_000) * 60_000 + minutes * 60_000).toISOString();
  const base = (provider: string) => ({
    provider,
    subject: 'fuzz fixture',
    organizer: FIXTURE_ORGANIZER,
    ...(provider === 'UMEETING' ? { capacity: 5 } : {}),
  });

  const create = async (query: string, input: Record<string, unknown>, label: string) => {
    const result = await server.graphql<Record<string, Created>>(query, { input });
    const created = result.data ? Object.values(result.data)[0] : undefined;
    if (!created) {
      notes.push(`fixture "${label}" not created: ${result.errors?.[0]?.message ?? 'no data'}`);
    }
    return created;
  };
  const keep = (kind: keyof FixturePools, created: Created | undefined, label: string) => {
    if (!created) return;
    pools[kind].push({
      id: created.id,
      provider: created.provider,
      organizer: created.organizer ?? FIXTURE_ORGANIZER,
      meetingCode: created.meetingCode ?? undefined,
      label,
    });
  };

  for (const [provider, can] of Object.entries(capabilities)) {
    if (can.meetings) {
      const label = `${provider} one-off meeting`;
      keep(
        'Meeting',
        await create(MEETING, { ...base(provider), startTime: at(120), endTime: at(180) }, label),
        label,
      );
    }
    if (can.recurrenceFrequencies.includes('DAILY') && can.recurrenceFields.includes('count')) {
      const label = `${provider} daily series`;
      const series = await create(
        MEETING,
        {
          ...base(provider),
          startTime: at(24 * 60),
          endTime: at(24 * 60 + 60),
          recurrence: { frequency: 'DAILY', count: 3 },
        },
        label,
      );
      keep('Meeting', series, label);
      for (const occurrence of series?.occurrences ?? []) {
        keep('RecurringOccurrence', { ...series!, id: occurrence.id }, `${label} occurrence`);
      }
    }
    if (can.instantMeetings) {
      const label = `${provider} instant meeting`;
      keep('Meeting', await create(INSTANT, base(provider), label), label);
    }
    if (can.webinars) {
      const label = `${provider} webinar`;
      keep(
        'Webinar',
        await create(
          WEBINAR,
          {
            ...base(provider),
            capacity: undefined,
            admissionType: 'PUBLIC',
            startTime: at(180),
            endTime: at(240),
          },
          label,
        ),
        label,
      );
    }
  }
  return { pools, notes };
}
