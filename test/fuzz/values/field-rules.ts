import fc, { type Arbitrary } from 'fast-check';

import type { CapabilityMap } from '../introspection.js';
import { futureDateTime, nearValidDateTime } from './date-times.js';
import { nearValidInt, validInt } from './scalars.js';
import {
  blankStrings,
  controlStrings,
  plainText,
  textOfLength,
  unicodeStrings,
} from './strings.js';

/**
 * What the schema's types do not say: the documented rules of known fields (lengths, digit
 * patterns, ranges, which provider takes which field), so that "valid" values are valid enough
 * to reach a provider and "near-valid" ones sit right at the edges. Fields not listed here are
 * generated from their GraphQL type alone, so a new field is fuzzed without touching this file.
 * Sources: the input classes in src/schema/inputs and the provider rules in src/providers.
 */

/** Where a value goes. */
export interface FieldContext {
  /** The root field the request is for. */
  rootField: string;
  /** The input object holding the field; undefined for an argument of the root field. */
  parentType?: string;
  /** Field or argument name. */
  name: string;
  /** The provider the enclosing input is for, when it has one. */
  provider?: string;
  capabilities: CapabilityMap;
  now: number;
}

/** Valid inputs include an optional field always, never (the provider refuses it), or sometimes. */
export type Presence = 'always' | 'never' | 'sometimes';

export interface FieldRule {
  valid?: (ctx: FieldContext) => Arbitrary<unknown>;
  nearValid?: (ctx: FieldContext) => Arbitrary<unknown>;
  presence?: (ctx: FieldContext) => Presence;
  /** For a list: the rule of each item. */
  item?: FieldRule;
  /** For a list: its documented maximum length (near-valid lists go one past it). */
  maxItems?: number;
}

const DAY = 24 * 60;
const ORGANIZERS = ['alice', 'bob', 'fuzz-organizer', 'wecom-admin'];

const organizer = fc.constantFrom(...ORGANIZERS);
const nearValidOrganizer = fc.oneof(
  blankStrings,
  fc.constant(textOfLength(201)),
  fc.constant(textOfLength(200)),
  fc.constant(textOfLength(100, '会')),
  unicodeStrings,
  controlStrings,
);
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
const passwordRule: FieldRule = {
  valid: () => digits(4, 6),
  nearValid: () =>
    fc.oneof(
      fc.constantFrom('123', '1234567', '12a4', '', ' 1234', '１２３４', '1234\n', '٠١٢٣', 1234),
      blankStrings,
    ),
};
const lengthRule = (min: number, max: number, presence?: FieldRule['presence']): FieldRule => ({
  valid: () => plainText(min, Math.min(max, 60)),
  nearValid: () =>
    fc.oneof(
      fc.constantFrom(
        textOfLength(Math.max(min - 1, 0)),
        textOfLength(max + 1),
        textOfLength(max),
        textOfLength(Math.ceil(max / 2) + 1, '会'),
        textOfLength(max, '😀'),
      ),
      blankStrings,
      controlStrings,
    ),
  presence,
});
const userList = (maxItems: number): FieldRule => ({
  item: { valid: () => organizer, nearValid: () => nearValidOrganizer },
  maxItems,
  // umeeting names no hosts but the organizer and takes no invitees.
  presence: (ctx) => (ctx.provider === 'UMEETING' ? 'never' : 'sometimes'),
});
const intRule = (validRange: [number, number], documented: [number, number]): FieldRule => ({
  valid: () => validInt({ min: validRange[0], max: validRange[1] }),
  nearValid: () => nearValidInt({ min: documented[0], max: documented[1] }),
});
const providerCaps = (ctx: FieldContext) =>
  ctx.provider ? ctx.capabilities[ctx.provider] : undefined;

/** Rules by `Type.field` (most specific) or by field name. */
const RULES: Record<string, FieldRule> = {
  subject: lengthRule(1, 255),
  organizer: { valid: () => organizer, nearValid: () => nearValidOrganizer },
  password: passwordRule,
  'StartInstantMeetingInput.password': {
    ...passwordRule,
    presence: (ctx) => (ctx.provider === 'UMEETING' ? 'never' : 'sometimes'),
  },
  meetingCode: {
    valid: () => digits(9, 9),
    nearValid: () =>
      fc.constantFrom('12', textOfLength(21, '9'), '123 456 789', '-123', '', '12345678a', 1e8),
  },
  sponsor: lengthRule(1, 40),
  description: lengthRule(1, 5000),
  summary: lengthRule(0, 1000),
  coverUrl: {
    valid: () => fc.constantFrom('https://example.com/cover.png', 'http://img.example.org/a.jpg'),
    nearValid: () =>
      fc.constantFrom(
        'not a url',
        'ftp://example.com/a.png',
        'javascript:alert(1)',
        'https://',
        '//example.com/a.png',
        'http://169.254.169.254/latest/meta-data/',
        'https://例子.测试/a.png',
        `https://example.com/${textOfLength(3000)}`,
      ),
  },
  sensitiveWords: {
    item: { valid: () => plainText(1, 10), nearValid: () => fc.constantFrom('', textOfLength(11)) },
    maxItems: 50,
  },
  hosts: userList(100),
  invitees: userList(300),
  ids: { maxItems: 100 },
  timeZone: {
    valid: () => fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Berlin', 'America/New_York'),
    nearValid: () =>
      fc.constantFrom(
        'Mars/Olympus',
        'GMT+8',
        '+08:00',
        '',
        'asia/shanghai',
        textOfLength(65),
        'Etc/GMT-14',
        'Asia/Calcutta',
        '../../etc/localtime',
      ),
    // WeCom takes none; umeeting only its configured zone.
    presence: (ctx) => (ctx.provider === 'TENCENT_MEETING' ? 'sometimes' : 'never'),
  },
  capacity: {
    ...intRule([1, 50], [1, 100_000]),
    presence: (ctx) => (ctx.provider === 'UMEETING' ? 'always' : 'never'),
  },
  durationMinutes: intRule([31, 240], [1, 1440]),
  count: intRule([2, 5], [1, 50]),
  monthDay: intRule([1, 28], [1, 31]),
  monthWeek: intRule([1, 4], [1, 5]),
  startTime: {
    valid: (ctx) => futureDateTime(ctx.now, 60, 30 * DAY),
    nearValid: (ctx) => nearValidDateTime(ctx.now),
  },
  endTime: {
    valid: (ctx) => futureDateTime(ctx.now, 120, 30 * DAY),
    nearValid: (ctx) => nearValidDateTime(ctx.now),
  },
  until: {
    valid: (ctx) => futureDateTime(ctx.now, 40 * DAY, 90 * DAY),
    nearValid: (ctx) => nearValidDateTime(ctx.now),
  },
  'ScheduleMeetingInput.recurrence': {
    valid: (ctx) => validRecurrence(ctx),
    presence: (ctx) =>
      (providerCaps(ctx)?.recurrenceFrequencies.length ?? 0) > 0 ? 'sometimes' : 'never',
  },
  live: {
    presence: (ctx) => (providerCaps(ctx)?.liveStreaming ? 'sometimes' : 'never'),
  },
  mediaSettings: { valid: (ctx) => validMediaSettings(ctx) },
  // Which media settings a webinar takes differs from meetings and is not in `capabilities`.
  'ScheduleWebinarInput.mediaSettings': { presence: () => 'never' },
};

export function ruleFor(ctx: FieldContext): FieldRule | undefined {
  return (ctx.parentType && RULES[`${ctx.parentType}.${ctx.name}`]) || RULES[ctx.name];
}

/** A recurrence the provider can express (its frequencies and fields from `capabilities`). */
function validRecurrence(ctx: FieldContext): Arbitrary<unknown> {
  const caps = providerCaps(ctx);
  const frequencies = caps?.recurrenceFrequencies ?? [];
  const fields = caps?.recurrenceFields ?? [];
  if (frequencies.length === 0) return fc.constant(undefined);
  const ends: Arbitrary<Record<string, unknown>>[] = [];
  if (fields.includes('count')) ends.push(validInt({ min: 2, max: 5 }).map((count) => ({ count })));
  if (fields.includes('until')) {
    ends.push(futureDateTime(ctx.now, 40 * DAY, 90 * DAY).map((until) => ({ until })));
  }
  if (ends.length === 0) return fc.constant(undefined);
  const weekDays = fc.uniqueArray(
    fc.constantFrom('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'),
    { minLength: 1, maxLength: 3 },
  );
  return fc
    .record({
      frequency: fc.constantFrom(...frequencies),
      end: fc.oneof(...ends),
      weekDays: fc.option(weekDays, { nil: undefined }),
      monthDay: fc.option(validInt({ min: 1, max: 28 }), { nil: undefined }),
    })
    .map(({ frequency, end, weekDays: days, monthDay }) => ({
      frequency,
      ...end,
      ...(frequency === 'WEEKLY' && days && fields.includes('weekDays') ? { weekDays: days } : {}),
      ...(frequency === 'MONTHLY' && monthDay && fields.includes('monthDay') ? { monthDay } : {}),
    }));
}

/** Media settings the provider can express, keeping the documented couplings. */
function validMediaSettings(ctx: FieldContext): Arbitrary<unknown> {
  const allowed = providerCaps(ctx)?.mediaSettings ?? [];
  return fc
    .record({
      flags: fc.dictionary(
        fc.constantFrom(
          ...allowed.filter((f) => !['watermarkStyle', 'autoRecordingType'].includes(f)),
          'muteOnJoin',
        ),
        fc.boolean(),
        { maxKeys: 4 },
      ),
      watermarkStyle: fc.option(fc.constantFrom('SINGLE_ROW', 'MULTI_ROW'), { nil: undefined }),
      autoRecordingType: fc.option(fc.constantFrom('NONE', 'LOCAL', 'CLOUD'), { nil: undefined }),
    })
    .map(({ flags, watermarkStyle, autoRecordingType }) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(flags)) {
        if (allowed.includes(key)) out[key] = value;
      }
      if (watermarkStyle && allowed.includes('watermarkStyle')) {
        if (allowed.includes('screenShareWatermark')) {
          out.screenShareWatermark = true;
          out.watermarkStyle = watermarkStyle;
        }
      } else if (out.screenShareWatermark === undefined) {
        delete out.watermarkStyle;
      }
      if (autoRecordingType && allowed.includes('autoRecordingType')) {
        out.autoRecordingType = autoRecordingType;
      }
      if (out.autoRecordingType !== 'CLOUD') {
        delete out.recordWhenParticipantJoins;
        delete out.hostCanPauseAutoRecording;
      }
      return out;
    });
}
