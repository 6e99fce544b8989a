import { readdirSync, readFileSync } from 'node:fs';

import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

import { buildSubgraph } from '../../src/server/federation.js';

/**
 * docs/seed-fields.md against the seed field lists in test/fixtures/seeds/ (issue 12, item 6):
 * every request and response field of the five seeds has a row, every row's place is a schema
 * coordinate of the schema the code builds (or `—` with a reason), and no row names a field no
 * seed has. Dropping a field from the table, or a field from the schema, fails here.
 */

type Direction = 'request' | 'response';
const DIRECTIONS: readonly Direction[] = ['request', 'response'];

interface SeedFixture {
  seed: string;
  source: string;
  request: Record<string, string>;
  response: Record<string, string>;
}

interface Row {
  seed: string;
  field: string;
  direction: string;
  place: string;
  notes: string;
  line: number;
}

const NO_PLACE = '—';
const SEEDS_DIR = new URL('../fixtures/seeds/', import.meta.url);
const DOC = new URL('../../docs/seed-fields.md', import.meta.url);

const key = (seed: string, direction: string, field: string) => `${seed} ${direction} ${field}`;

function loadFixtures(): SeedFixture[] {
  return readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(new URL(name, SEEDS_DIR), 'utf8')) as SeedFixture);
}

/** The rows of the per-seed tables (sections `## Seed nnn…`); header and rule rows skipped. */
function parseTable(markdown: string): Row[] {
  const rows: Row[] = [];
  let seed: string | undefined;
  markdown.split('\n').forEach((text, index) => {
    const heading = /^##\s+(.*)$/.exec(text);
    if (heading) {
      seed = /^Seed (\d{3})\b/.exec(heading[1] ?? '')?.[1];
      return;
    }
    if (!seed || !text.startsWith('|')) return;
    const cells = text
      .replace(/^\|/, '')
      .replace(/\|\s*$/, '')
      .split('|')
      .map((c) => c.trim());
    if (cells[0] === 'seed field' || cells.every((c) => /^-*$/.test(c))) return;
    rows.push({
      seed,
      field: (cells[0] ?? '').replace(/^`(.*)`$/, '$1'),
      direction: cells[1] ?? '',
      place: cells[2] ?? '',
      notes: cells.slice(3).join('|'),
      line: index + 1,
    });
  });
  return rows;
}

/** The coordinates of a place cell: each in backticks, comma-separated, nothing else. */
function coordinatesOf(place: string): string[] | undefined {
  const coordinates = [...place.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
  const rest = place.replace(/`[^`]+`/g, '').replace(/[,\s]/g, '');
  return coordinates.length > 0 && rest === '' ? coordinates : undefined;
}

/**
 * Why `coordinate` is not in `schema`, or undefined when it is. `Type.field.field…` follows each
 * field's named type (object, interface or input object), so nested input paths
 * (`ScheduleMeetingInput.mediaSettings.muteOnJoin`) and output paths (`Meeting.live.watchUrl`)
 * resolve; `Type.field(argument)` (or `(argument:)`) names an argument of the last field.
 */
function coordinateProblem(schema: GraphQLSchema, coordinate: string): string | undefined {
  const m = /^([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)+)(?:\(([A-Za-z_]\w*):?\))?$/.exec(coordinate);
  if (!m) return 'is not a schema coordinate';
  const [, typeName = '', path = '', argument] = m;
  let type: GraphQLNamedType | undefined = schema.getType(typeName) ?? undefined;
  if (!type) return `names no type ${typeName}`;
  const segments = path.slice(1).split('.');
  for (const [i, segment] of segments.entries()) {
    if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) {
      return `${type.name} has no fields (at ${segment})`;
    }
    const field: GraphQLField<unknown, unknown> | GraphQLInputField | undefined =
      type.getFields()[segment];
    if (!field) return `${type.name} has no field ${segment}`;
    if (i === segments.length - 1 && argument !== undefined) {
      if (!('args' in field) || !field.args.some((a) => a.name === argument)) {
        return `${type.name}.${segment} has no argument ${argument}`;
      }
    }
    type = getNamedType(field.type);
  }
  return undefined;
}

/** Dotted paths of a JSON value, `[]` for list items (the notation of the seed fixtures). */
function pathsOf(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => pathsOf(item, `${prefix}[]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const path = prefix ? `${prefix}.${k}` : k;
      return [path, ...pathsOf(v, path)];
    });
  }
  return [];
}

const fixtureText = (path: string) =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

/**
 * The seeds' own examples already in test/fixtures/ (cited in their READMEs): each key of them
 * must be in that seed's field list. Seed 000's request is not valid JSON (T-W4: a trailing
 * comma), so it is read with trailing commas removed.
 */
const EXAMPLES: readonly { seed: string; direction: Direction; body: () => unknown }[] = [
  {
    seed: '000',
    direction: 'request',
    body: () =>
      JSON.parse(
        fixtureText('tencent-meeting/seed-000-create-webinar.request.txt').replace(
          /,(\s*[\]}])/g,
          '$1',
        ),
      ),
  },
  {
    seed: '000',
    direction: 'response',
    body: () => JSON.parse(fixtureText('tencent-meeting/seed-000-create-webinar.response.json')),
  },
  {
    seed: '001',
    direction: 'request',
    body: () => JSON.parse(fixtureText('tencent-meeting/seed-001-create-meeting.request.json')),
  },
  {
    seed: '001',
    direction: 'response',
    body: () => JSON.parse(fixtureText('tencent-meeting/seed-001-create-meeting.response.json')),
  },
  {
    seed: '002',
    direction: 'response',
    body: () => JSON.parse(fixtureText('umeeting/schedule-response.seed-002.json')),
  },
  {
    seed: '003',
    direction: 'request',
    body: () => JSON.parse(fixtureText('wecom/webinar-get.seed-003.request.json')),
  },
  {
    seed: '003',
    direction: 'response',
    body: () => JSON.parse(fixtureText('wecom/webinar-get.seed-003.response.json')),
  },
  {
    seed: '004',
    direction: 'response',
    body: () => JSON.parse(fixtureText('umeeting/instant-response.seed-004.json')),
  },
];

describe('docs/seed-fields.md: every seed field has a place', () => {
  let schema: GraphQLSchema;
  const fixtures = loadFixtures();
  const rows = parseTable(readFileSync(DOC, 'utf8'));
  const fixtureKeys = new Set(
    fixtures.flatMap((f) =>
      DIRECTIONS.flatMap((d) => Object.keys(f[d]).map((field) => key(f.seed, d, field))),
    ),
  );

  beforeAll(async () => {
    schema = await buildSubgraph();
  });

  it('has one field list per seed, each citing its seed file, and a table for each', () => {
    const seeds = fixtures.map((f) => f.seed);
    expect(seeds).toEqual(expect.arrayContaining(['000', '001', '002', '003', '004']));
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const f of fixtures) {
      expect(f.source).toMatch(new RegExp(`^seed ${f.seed}_[0-9a-f]{16}\\.txt`));
      for (const d of DIRECTIONS) expect(Object.keys(f[d]).length).toBeGreaterThan(0);
    }
    expect([...new Set(rows.map((r) => r.seed))]).toEqual(seeds);
  });

  it('has rows only of the form field | request/response | place | notes', () => {
    const malformed = rows.filter(
      (r) => !DIRECTIONS.includes(r.direction as Direction) || r.field === '' || r.place === '',
    );
    expect(malformed.map((r) => `line ${r.line}`)).toEqual([]);
  });

  it('gives every field of every seed fixture a row', () => {
    const rowKeys = new Set(rows.map((r) => key(r.seed, r.direction, r.field)));
    const missing = [...fixtureKeys].filter((k) => !rowKeys.has(k));
    expect(missing).toEqual([]);
  });

  it('names no field that is in no seed fixture, and each field once', () => {
    const unknown = rows
      .filter((r) => !fixtureKeys.has(key(r.seed, r.direction, r.field)))
      .map((r) => `line ${r.line}: ${key(r.seed, r.direction, r.field)}`);
    expect(unknown).toEqual([]);
    const seen = new Map<string, number>();
    const duplicates: string[] = [];
    for (const r of rows) {
      const k = key(r.seed, r.direction, r.field);
      if (seen.has(k)) duplicates.push(`line ${r.line}: ${k} (also line ${seen.get(k)})`);
      else seen.set(k, r.line);
    }
    expect(duplicates).toEqual([]);
  });

  it('places every field at schema coordinates that exist, or says why it has no place', () => {
    const problems: string[] = [];
    for (const r of rows) {
      const where = `line ${r.line} (${key(r.seed, r.direction, r.field)})`;
      if (r.place === NO_PLACE) {
        if (r.notes.replace(/[\s—-]/g, '') === '') problems.push(`${where}: — without a reason`);
        continue;
      }
      const coordinates = coordinatesOf(r.place);
      if (!coordinates) {
        problems.push(`${where}: place is neither — nor backticked coordinates: ${r.place}`);
        continue;
      }
      for (const c of coordinates) {
        const problem = coordinateProblem(schema, c);
        if (problem) problems.push(`${where}: ${c} ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('leaves no field with a TODO instead of a place', () => {
    const todo = rows.filter((r) => /TODO/i.test(r.notes)).map((r) => `line ${r.line}`);
    expect(todo).toEqual([]);
  });

  it('lists every key of the seed examples kept in test/fixtures/', () => {
    const missing: string[] = [];
    for (const example of EXAMPLES) {
      const fixture = fixtures.find((f) => f.seed === example.seed);
      const listed = new Set(Object.keys(fixture?.[example.direction] ?? {}));
      for (const path of new Set(pathsOf(example.body()))) {
        if (!listed.has(path)) missing.push(key(example.seed, example.direction, path));
      }
    }
    expect(missing).toEqual([]);
  });

  it('checks coordinates for real (a made-up one is refused)', () => {
    expect(coordinateProblem(schema, 'ScheduleMeetingInput.mediaSettings.muteOnJoin')).toBe(
      undefined,
    );
    expect(coordinateProblem(schema, 'Meeting.live.watchUrl')).toBe(undefined);
    expect(coordinateProblem(schema, 'Query.meetingByCode(meetingCode)')).toBe(undefined);
    expect(coordinateProblem(schema, 'Query.meetingByCode(meetingCode:)')).toBe(undefined);
    expect(coordinateProblem(schema, 'Meeting.live.nope')).toMatch(/no field nope/);
    expect(coordinateProblem(schema, 'Query.meetingByCode(nope)')).toMatch(/no argument/);
    expect(coordinateProblem(schema, 'Meeting.subject.length')).toMatch(/has no fields/);
    expect(coordinateProblem(schema, 'Nope.field')).toMatch(/no type/);
  });
});
