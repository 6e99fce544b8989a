import { registerEnumType } from 'type-graphql';

export enum RecurrenceFrequency {
  DAILY = 'DAILY',
  WEEKDAYS = 'WEEKDAYS',
  WEEKLY = 'WEEKLY',
  BIWEEKLY = 'BIWEEKLY',
  MONTHLY = 'MONTHLY',
}

registerEnumType(RecurrenceFrequency, {
  name: 'RecurrenceFrequency',
  description: 'How often a recurring meeting repeats.',
  valuesConfig: {
    DAILY: { description: 'Every day.' },
    WEEKDAYS: { description: 'Every Monday to Friday.' },
    WEEKLY: { description: 'Every week (on `weekDays`, or the weekday of the start).' },
    BIWEEKLY: { description: 'Every two weeks (on the weekday of the start).' },
    MONTHLY: {
      description:
        'Every month: on `monthDay`, on the `monthWeek`-th `monthWeekDay`, or on the day of the start.',
    },
  },
});
