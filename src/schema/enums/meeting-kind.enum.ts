import { registerEnumType } from 'type-graphql';

export enum MeetingKind {
  SCHEDULED = 'SCHEDULED',
  INSTANT = 'INSTANT',
}

registerEnumType(MeetingKind, {
  name: 'MeetingKind',
  description: 'How a meeting was created.',
  valuesConfig: {
    SCHEDULED: { description: 'Booked ahead for a start time (one-off or recurring).' },
    INSTANT: { description: 'Started now ("quick"/instant meeting).' },
  },
});
