import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import {
  GetMeetingDocument,
  Provider as GqlProvider,
  ScheduleMeetingDocument,
} from '../__generated__/operations.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { minutesFromNow, startTestServer, type TestServer } from '../helpers/start-test-server.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`;

const input = () => ({
  provider: GqlProvider.Umeeting,
  subject: 'Traced',
  startTime: minutesFromNow(2 * 24 * 60),
  endTime: minutesFromNow(2 * 24 * 60 + 60),
  organizer: 'alice',
  capacity: 8,
});

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}

describe('tracing: W3C traceparent to the providers (no exporter configured)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('continues the incoming trace on every provider request', async () => {
    const created = await server.execute(
      ScheduleMeetingDocument,
      { input: input() },
      {
        traceparent: TRACEPARENT,
      },
    );
    expect(created.errors).toBeUndefined();
    const journal = server.emulators[Provider.UMEETING]!.requests();
    expect(journal.length).toBeGreaterThan(0);
    for (const entry of journal) expect(entry.traceparent?.split('-')[1]).toBe(TRACE_ID);

    server.resetEmulators();
    await server.execute(ScheduleMeetingDocument, { input: input() });
    // No incoming trace and no exporter: nothing to continue, no header sent.
    expect(server.emulators[Provider.UMEETING]!.requests().map((e) => e.traceparent)).toEqual([
      null,
    ]);
  });
});

describe('tracing: spans over OTLP/HTTP', () => {
  let receiver: http.Server;
  let endpoint: string;
  const spans: OtlpSpan[] = [];
  const contentTypes: string[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces') {
          contentTypes.push(String(req.headers['content-type']));
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
          };
          for (const r of body.resourceSpans) for (const s of r.scopeSpans) spans.push(...s.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('exports the operation span under the incoming parent and provider spans under it, flushed on close', async () => {
    const server = await startTestServer({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
    let journal;
    try {
      const created = await server.execute(ScheduleMeetingDocument, { input: input() });
      const fetched = await server.execute(
        GetMeetingDocument,
        { id: created.data!.scheduleMeeting.id },
        { traceparent: TRACEPARENT },
      );
      expect(fetched.errors).toBeUndefined();
      journal = server.emulators[Provider.UMEETING]!.requests();
    } finally {
      await server.close();
    }
    expect(contentTypes.every((t) => t.startsWith('application/json'))).toBe(true);
    const traced = spans.filter((s) => s.traceId === TRACE_ID);
    const operation = traced.find((s) => s.parentSpanId === PARENT_SPAN_ID);
    expect(operation?.name).toBe('graphql GetMeeting');
    const calls = traced.filter((s) => s.parentSpanId === operation!.spanId);
    expect(calls.map((s) => s.name)).toEqual([`provider ${Provider.UMEETING} getMeeting`]);
    const attributes = Object.fromEntries(
      calls[0]!.attributes.map((a) => [a.key, Object.values(a.value)[0]]),
    );
    expect(attributes).toMatchObject({
      'provider.name': Provider.UMEETING,
      'provider.operation': 'getMeeting',
      'provider.call.kind': 'read',
      'provider.call.outcome': 'ok',
    });
    expect(Number(attributes['provider.call.attempt'])).toBe(1);
    // The provider request carried the attempt span as its parent.
    const get = journal.find((e) => e.operation === 'getMeeting')!;
    expect(get.traceparent).toBe(`00-${TRACE_ID}-${calls[0]!.spanId}-01`);
    // No secrets, URLs or bodies in span attributes.
    const text = JSON.stringify(spans);
    expect(text).not.toMatch(/secret|http:\/\/127/i);
  });
});
