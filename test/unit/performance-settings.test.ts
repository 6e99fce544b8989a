import { describe, expect, it } from '@jest/globals';
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
    expect(variablesShape({ input: { subject: 'x' } })).toBeUndefined();
    expect(variablesShape({ ids: [['nested']] })).toBeUndefined();
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
