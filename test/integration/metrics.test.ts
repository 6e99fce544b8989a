import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import {
  GetMeetingDocument,
  Provider as GqlProvider,
  ProvidersDocument,
  ScheduleMeetingDocument,
} from '../__generated__/operations.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { MAX_OPERATION_NAMES, Metrics } from '../../src/telemetry/metrics.js';
import { metricValue, parseMetrics, type Sample } from '../helpers/metrics-text.js';
import {
  errorCode,
  minutesFromNow,
  startTestServer,
  type TestServer,
} from '../helpers/start-test-server.js';

const umeetingInput = () => ({
  provider: GqlProvider.Umeeting,
  subject: 'Metrics',
  startTime: minutesFromNow(2 * 24 * 60),
  endTime: minutesFromNow(2 * 24 * 60 + 60),
  organizer: 'alice',
  capacity: 8,
});

describe('GET /metrics (Prometheus)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { GRAPHQL_MAX_ROOT_FIELDS: '1' } });
  });
  afterAll(() => server.close());

  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseMetrics(await response.text());
  };
  const fault = async (provider: Provider, spec: Record<string, unknown>) => {
    const response = await fetch(`${server.emulators[provider]!.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify(spec),
    });
    expect(response.status).toBe(201);
  };

  it('answers HEAD without a body and serves the default process metrics', async () => {
    const head = await fetch(`${server.url}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const samples = await scrape();
    expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(samples.some((s) => s.name === 'nodejs_heap_size_used_bytes')).toBe(true);
    const post = await fetch(`${server.url}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('counts GraphQL requests by bounded operation name and outcome, and limit refusals', async () => {
    expect((await server.execute(ProvidersDocument)).errors).toBeUndefined();
    await server.executeText('{ providers { provider } }');
    await server.executeText(`query A${'x'.repeat(70)} { providers { provider } }`);
    const refused = await server.executeText(
      'query TwoRoots { providers { provider } again: providers { provider } }',
    );
    expect(errorCode(refused)).toBe('MAX_ROOT_FIELDS_LIMIT');

    const samples = await scrape();
    const requests = 'meeting_api_graphql_requests_total';
    expect(metricValue(samples, requests, { operation: 'Providers', outcome: 'ok' })).toBe(1);
    expect(metricValue(samples, requests, { operation: 'anonymous', outcome: 'ok' })).toBe(2);
    expect(
      metricValue(samples, requests, { operation: 'TwoRoots', outcome: 'MAX_ROOT_FIELDS_LIMIT' }),
    ).toBe(1);
    expect(
      metricValue(samples, 'meeting_api_graphql_request_duration_seconds_count', {
        operation: 'Providers',
      }),
    ).toBe(1);
    expect(
      metricValue(samples, 'meeting_api_operation_limit_refusals_total', {
        code: 'MAX_ROOT_FIELDS_LIMIT',
      }),
    ).toBe(1);
    // No label value carries client text beyond a plain, short operation name.
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('xxxx')))).toBe(
      false,
    );
  });

  it('counts provider calls, attempts, retries, OUTCOME_UNKNOWN and token fetches', async () => {
    const created = await server.execute(ScheduleMeetingDocument, { input: umeetingInput() });
    expect(created.errors).toBeUndefined();
    const id = created.data!.scheduleMeeting.id;

    await fault(Provider.UMEETING, {
      kind: 'http',
      status: 503,
      operation: 'getMeeting',
      times: 3,
    });
    const failed = await server.execute(GetMeetingDocument, { id });
    expect(errorCode(failed)).toBe('PROVIDER_UNAVAILABLE');

    await fault(Provider.UMEETING, { kind: 'drop', operation: 'scheduleMeeting' });
    const lost = await server.execute(ScheduleMeetingDocument, { input: umeetingInput() });
    expect(errorCode(lost)).toBe('OUTCOME_UNKNOWN');

    // A WeCom call fetches its access token first (gettoken), once.
    await server.execute(ScheduleMeetingDocument, {
      input: {
        provider: GqlProvider.Wecom,
        subject: 'Metrics',
        startTime: minutesFromNow(60),
        endTime: minutesFromNow(90),
        organizer: 'wecom-admin',
      },
    });

    const samples = await scrape();
    const um = { provider: Provider.UMEETING };
    const calls = 'meeting_api_provider_calls_total';
    expect(
      metricValue(samples, calls, { ...um, operation: 'scheduleMeeting', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      metricValue(samples, calls, {
        ...um,
        operation: 'getMeeting',
        kind: 'read',
        outcome: 'PROVIDER_UNAVAILABLE',
      }),
    ).toBe(1);
    expect(
      metricValue(samples, 'meeting_api_provider_attempts_total', {
        ...um,
        operation: 'getMeeting',
        outcome: 'PROVIDER_UNAVAILABLE',
      }),
    ).toBe(3);
    expect(
      metricValue(samples, 'meeting_api_provider_retries_total', {
        ...um,
        operation: 'getMeeting',
        reason: 'transient',
      }),
    ).toBe(2);
    expect(
      metricValue(samples, 'meeting_api_provider_call_duration_seconds_count', {
        ...um,
        operation: 'getMeeting',
        outcome: 'PROVIDER_UNAVAILABLE',
      }),
    ).toBe(1);
    expect(
      metricValue(samples, calls, {
        ...um,
        operation: 'scheduleMeeting',
        kind: 'write',
        outcome: 'OUTCOME_UNKNOWN',
      }),
    ).toBe(1);
    expect(
      metricValue(samples, 'meeting_api_provider_outcome_unknown_total', {
        ...um,
        operation: 'scheduleMeeting',
      }),
    ).toBe(1);
    expect(
      metricValue(samples, 'meeting_api_provider_token_fetches_total', {
        provider: Provider.WECOM,
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(metricValue(samples, calls, { provider: Provider.WECOM })).toBeGreaterThanOrEqual(2);
  });

  it('keeps one registry per server: a second server starts at zero', async () => {
    const other = await startTestServer();
    try {
      const text = await (await fetch(`${other.url}/metrics`)).text();
      expect(metricValue(parseMetrics(text), 'meeting_api_graphql_requests_total')).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('operation name labels', () => {
  it('caps distinct names, then answers other', () => {
    const metrics = new Metrics();
    for (let i = 0; i < MAX_OPERATION_NAMES; i += 1) {
      expect(metrics.operationLabel(`Op${i}`)).toBe(`Op${i}`);
    }
    expect(metrics.operationLabel('OneTooMany')).toBe('other');
    expect(metrics.operationLabel('Op0')).toBe('Op0');
    expect(metrics.operationLabel(null)).toBe('anonymous');
    expect(metrics.operationLabel('9starts_with_digit')).toBe('anonymous');
  });
});
