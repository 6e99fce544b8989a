import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parse } from 'graphql';

import { loadConfig } from '../../src/config/env.js';
import {
  configureProviderHttp,
  createProviderHttpClient,
  DEFAULT_PROVIDER_MAX_SOCKETS,
} from '../../src/providers/http-client.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { decodeGlobalId, meetingGlobalId } from '../../src/schema/ids.js';
import { estimateOperation } from '../../src/server/limits/cost.js';
import { estimateOperationMemo, variablesShape } from '../../src/server/limits/estimate-memo.js';
import { buildSubgraph } from '../../src/server/federation.js';

/** The cold-path changes of the performance issue (docs/performance.md), their settings included. */
describe('PROVIDER_MAX_SOCKETS', () => {
  it('defaults to DEFAULT_PROVIDER_MAX_SOCKETS and takes 1 to 65535', () => {
    expect(loadConfig({}).providerMaxSockets).toBe(DEFAULT_PROVIDER_MAX_SOCKETS);
    expect(loadConfig({ PROVIDER_MAX_SOCKETS: '2048' }).providerMaxSockets).toBe(2048);
    for (const bad of ['0', '65536', '12.5', 'many']) {
      expect(() => loadConfig({ PROVIDER_MAX_SOCKETS: bad })).toThrow(
        /PROVIDER_MAX_SOCKETS: expected an integer from 1 to 65535/,
      );
    }
  });

  it('sizes the keep-alive pools of the provider clients created after it is set', () => {
    try {
      configureProviderHttp({ maxSockets: 7 });
      const http = createProviderHttpClient({
        provider: Provider.WECOM,
        baseUrl: 'http://127.0.0.1:1',
      });
      const agents = http.defaults.options.agent as Record<
        'http' | 'https',
        { maxSockets: number }
      >;
      expect(agents.http.maxSockets).toBe(7);
      expect(agents.https.maxSockets).toBe(7);
      expect(() => configureProviderHttp({ maxSockets: 0 })).toThrow(RangeError);
    } finally {
      configureProviderHttp({ maxSockets: DEFAULT_PROVIDER_MAX_SOCKETS });
    }
  });
});

describe('ACCESS_LOG_SAMPLE_RATE', () => {
  it('defaults to 1 (every request) and takes a number from 0 to 1', () => {
    expect(loadConfig({}).accessLogSampleRate).toBe(1);
    expect(loadConfig({ ACCESS_LOG_SAMPLE_RATE: '0.25' }).accessLogSampleRate).toBe(0.25);
    expect(loadConfig({ ACCESS_LOG_SAMPLE_RATE: '0' }).accessLogSampleRate).toBe(0);
    for (const bad of ['1.5', '-0.1', 'half', '2']) {
      expect(() => loadConfig({ ACCESS_LOG_SAMPLE_RATE: bad })).toThrow(
        /ACCESS_LOG_SAMPLE_RATE: expected a number from 0 to 1/,
      );
    }
  });
});

describe('decodeGlobalId memo', () => {
  it('answers the same frozen parts for the same id, equal to a fresh decode', () => {
    const id = meetingGlobalId(Provider.WECOM, 'memo-1');
    const first = decodeGlobalId(id, 'id');
    expect(decodeGlobalId(id, 'other')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual({
      kind: 'Meeting',
      provider: Provider.WECOM,
      providerId: 'memo-1',
      organizer: undefined,
      occurrenceId: undefined,
    });
  });

  it('keeps refusing a malformed id, naming the field of each call', () => {
    for (const field of ['id', 'ids[3]']) {
      expect(() => decodeGlobalId('bm90LWFuLWlk', field)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ field }) }),
      );
    }
  });

  it('stays bounded: thousands of distinct ids still decode correctly', () => {
    for (let i = 0; i < 5000; i++) {
      const id = meetingGlobalId(Provider.UMEETING, `bulk-${i}`);
      expect(decodeGlobalId(id, 'id').providerId).toBe(`bulk-${i}`);
    }
  });
});

describe('operation estimate memo', () => {
  it('keys flat variables by what the estimate reads: distinct list items, numbers, booleans', () => {
    expect(variablesShape({ id: 'a' })).toBe(variablesShape({ id: 'b' }));
    expect(variablesShape({ ids: ['a', 'b', 'a'] })).toBe(variablesShape({ ids: ['x', 'y'] }));
    expect(variablesShape({ ids: ['a', 'b'] })).not.toBe(variablesShape({ ids: ['a', 'b', 'c'] }));
    expect(variablesShape({ skip: true })).not.toBe(variablesShape({ skip: false }));
    expect(variablesShape({ ids: [['nested']] })).toBeUndefined();
    expect(variablesShape({ representations: [{ __typename: 'Meeting', id: 'a' }] })).toBe(
      undefined,
    );
  });

  it('gives input objects one shape: the estimate never reads inside them', () => {
    const shape = variablesShape({ input: { subject: 'x' } });
    expect(shape).toBeDefined();
    expect(variablesShape({ input: { subject: 'y', capacity: 5, invitees: ['a', 'b'] } })).toBe(
      shape,
    );
  });

  it('answers what estimateOperation answers, whatever the variables, request after request', async () => {
    const schema = await buildSubgraph();
    const documents = [
      // A list variable: its count of distinct ids is in the shape.
      'query Q($ids: [ID!]!) { meetings(ids: $ids) { id subject } }',
      // Variables inside a list written in the document: equal ones count once, so the
      // document is estimated every time (the memo answered the first estimate of the shape).
      'query Q($a: ID!, $b: ID!, $c: ID!) { meetings(ids: [$a, $b, $c]) { id } }',
      'query Q($r: _Any!, $s: _Any!) { _entities(representations: [$r, $s]) { ... on Meeting { id } } }',
      // An input object, and a boolean that leaves a field out.
      'mutation Q($input: ScheduleMeetingInput!, $skip: Boolean!) { scheduleMeeting(input: $input) { id subject @skip(if: $skip) } }',
    ].map((text) => parse(text));
    const id = fc.constantFrom('a', 'b', 'c');
    const variables = fc.record({
      ids: fc.array(id, { maxLength: 4 }),
      a: id,
      b: id,
      c: id,
      r: fc.record({ __typename: fc.constant('Meeting'), id }),
      s: fc.record({ __typename: fc.constant('Meeting'), id }),
      // Valid, as the variable checks before the estimate ensure (operation-checks.plugin.ts).
      input: fc.record({
        provider: fc.constantFrom('WECOM', 'UMEETING'),
        subject: fc.string({ minLength: 1 }),
        organizer: fc.constant('bench'),
        startTime: fc.constant('2030-01-01T09:00:00Z'),
        endTime: fc.constant('2030-01-01T10:00:00Z'),
        capacity: fc.integer({ min: 1, max: 9 }),
      }),
      skip: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(documents.length - 1), variables), { maxLength: 12 }),
        (requests) => {
          // Fresh documents per run: the memo is per parsed document, as Apollo hands them.
          const parsed = documents.map((document) => parse(document.loc!.source.body));
          for (const [index, all] of requests) {
            const document = parsed[index]!;
            const used = Object.fromEntries(
              Object.entries(all).filter(([name]) =>
                document.loc!.source.body.includes(`$${name}`),
              ),
            );
            expect(estimateOperationMemo(schema, document, used, 'Q')).toEqual(
              estimateOperation(schema, document, used, 'Q'),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers what estimateOperation answers, per list size', async () => {
    const schema = await buildSubgraph();
    const document = parse('query Q($ids: [ID!]!) { meetings(ids: $ids) { id subject } }');
    for (const ids of [['a'], ['a', 'b', 'c'], ['a', 'a'], ['x', 'y', 'z']]) {
      expect(estimateOperationMemo(schema, document, { ids }, 'Q')).toEqual(
        estimateOperation(schema, document, { ids }, 'Q'),
      );
    }
  });
});
