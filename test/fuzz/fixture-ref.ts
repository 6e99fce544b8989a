import { ALL_PROVIDERS, Provider } from '../../src/schema/enums/provider.enum.js';
import { decodeGlobalId, encodeGlobalId, type GlobalIdKind } from '../../src/schema/ids.js';

/**
 * A generated value may name something that exists on the server: "the id of fixture meeting #2".
 * Fixtures are created at run time (and again after every emulator reset or restart), and the
 * emulators make random ids, so the generator emits these references and `materialize` turns them
 * into real values just before a request is sent. The generator stays deterministic per seed.
 */
export interface FixtureRef {
  readonly [FIXTURE]: {
    kind: GlobalIdKind;
    /** Taken modulo the number of fixtures of the kind. */
    index: number;
    /** Which property of the fixture. */
    field: 'id' | 'meetingCode' | 'provider' | 'organizer';
    /** How to bend an id (near-valid ids that decode fine but point somewhere wrong). */
    variant: IdVariant;
  };
}

export type IdVariant =
  | 'exact'
  /** The same provider ids, encoded as another kind. */
  | 'wrongKind'
  /** Without the organizer the id carries. */
  | 'noOrganizer'
  /** Another organizer than the creator. */
  | 'otherOrganizer'
  /** The same provider id on another provider. */
  | 'otherProvider'
  /** A provider id one digit longer (exists nowhere). */
  | 'mangled';

const FIXTURE = Symbol('fixture');

/** One thing created on the server for the fuzzer to point at. */
export interface Fixture {
  id: string;
  provider: string;
  organizer: string;
  meetingCode?: string;
  /** What it is, for reports ("TENCENT_MEETING recurring meeting"). */
  label: string;
}

export type FixturePools = Record<GlobalIdKind, Fixture[]>;

export const emptyPools = (): FixturePools => ({
  Meeting: [],
  Webinar: [],
  RecurringOccurrence: [],
});

export function fixtureRef(
  kind: GlobalIdKind,
  index: number,
  field: FixtureRef[typeof FIXTURE]['field'] = 'id',
  variant: IdVariant = 'exact',
): FixtureRef {
  return { [FIXTURE]: { kind, index, field, variant } };
}

export function isFixtureRef(value: unknown): value is FixtureRef {
  return typeof value === 'object' && value !== null && FIXTURE in value;
}

/** How a reference reads in a report before materializing, e.g. `fixture Meeting #3 id (wrongKind)`. */
export function describeRef(ref: FixtureRef): string {
  const r = ref[FIXTURE];
  return `fixture ${r.kind} #${r.index} ${r.field}${r.variant === 'exact' ? '' : ` (${r.variant})`}`;
}

const KINDS: GlobalIdKind[] = ['Meeting', 'Webinar', 'RecurringOccurrence'];

const MAX_REF_DEPTH = 12;

/**
 * A deep copy of `value` with every FixtureRef replaced by the value it names. Keys are copied as
 * own properties (a generated `__proto__` key stays a key, never a prototype).
 */
export function materialize(value: unknown, pools: FixturePools, depth = 0): unknown {
  if (isFixtureRef(value)) return resolveRef(value, pools);
  // References sit a few levels down at most; deeper is hostile nesting, kept as it is.
  if (depth > MAX_REF_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => materialize(item, pools, depth + 1));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, {
        value: materialize(item, pools, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

function resolveRef(ref: FixtureRef, pools: FixturePools): string {
  const { kind, index, field, variant } = ref[FIXTURE];
  const pool = pools[kind];
  const fixture: Fixture = pool.length
    ? pool[index % pool.length]!
    : // Nothing of this kind could be created (e.g. no provider does it): a well-formed stand-in.
      {
        id: encodeGlobalId({
          kind,
          provider: Provider.TENCENT_MEETING,
          providerId: '1000000000000000001',
          organizer: 'fuzz-organizer',
          ...(kind === 'RecurringOccurrence' ? { occurrenceId: '1700000000' } : {}),
        }),
        provider: 'TENCENT_MEETING',
        organizer: 'fuzz-organizer',
        meetingCode: '123456789',
        label: 'stand-in',
      };
  switch (field) {
    case 'meetingCode':
      return fixture.meetingCode ?? '123456789';
    case 'provider':
      return fixture.provider;
    case 'organizer':
      return fixture.organizer;
    case 'id':
      return bendId(fixture.id, variant, index);
  }
}

function bendId(id: string, variant: IdVariant, index: number): string {
  if (variant === 'exact') return id;
  const parts = decodeGlobalId(id, 'id');
  switch (variant) {
    case 'wrongKind': {
      const others = KINDS.filter((k) => k !== parts.kind);
      const kind = others[index % others.length]!;
      return encodeGlobalId({
        ...parts,
        kind,
        occurrenceId: kind === 'RecurringOccurrence' ? (parts.occurrenceId ?? '1') : undefined,
      });
    }
    case 'noOrganizer':
      return encodeGlobalId({ ...parts, organizer: undefined });
    case 'otherOrganizer':
      return encodeGlobalId({ ...parts, organizer: `${parts.organizer ?? 'nobody'}-other` });
    case 'otherProvider': {
      const others = ALL_PROVIDERS.filter((p) => p !== parts.provider);
      return encodeGlobalId({ ...parts, provider: others[index % others.length]! });
    }
    case 'mangled':
      return encodeGlobalId({ ...parts, providerId: `${parts.providerId}7` });
  }
}
