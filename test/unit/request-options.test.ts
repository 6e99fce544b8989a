import { describe, expect, it } from '@jest/globals';

import type { ProviderCall } from '../../src/providers/pipeline/provider-call.js';
import { requestOptions } from '../../src/providers/pipeline/provider-client.js';

/**
 * got's options for one provider attempt, built without spreads (docs/performance.md "Round
 * 5"): the call's query and body with the credentials merged in, the trace headers, and
 * nothing shared with the call or the credentials (a retry builds them again from the same
 * inputs).
 */
const read = (extra: Partial<ProviderCall>): ProviderCall => ({
  operation: 'meeting',
  kind: 'read',
  method: 'POST',
  path: 'cgi-bin/meeting/get_info',
  ...extra,
});

describe('requestOptions', () => {
  it('merges the credentials into the query, the call winning nothing over them', () => {
    const call = read({ searchParams: { debug: '1', access_token: 'from-call' } });
    const credentials = { searchParams: { access_token: 'token' } };
    const options = requestOptions(call, credentials, {});
    expect(options).toEqual({
      method: 'POST',
      searchParams: { debug: '1', access_token: 'token' },
    });
    expect(options.searchParams).not.toBe(call.searchParams);
    expect(call.searchParams).toEqual({ debug: '1', access_token: 'from-call' });
  });

  it('sends a JSON body with its content type, and the trace headers beside it', () => {
    const trace = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const options = requestOptions(read({ json: { meetingid: 'm1' } }), {}, trace);
    expect(options).toEqual({
      method: 'POST',
      body: '{"meetingid":"m1"}',
      headers: { ...trace, 'content-type': 'application/json; charset=utf-8' },
    });
    expect(options.headers).not.toBe(trace);
    expect(trace).toEqual({ traceparent: trace.traceparent });
  });

  it('merges the credentials into a form body (umeeting), and adds no empty parts', () => {
    const form = { meeting_id: '42' };
    const credentials = { form: { api_key: 'k', api_secret: 's' } };
    const options = requestOptions(read({ form }), credentials, {});
    expect(options).toEqual({
      method: 'POST',
      form: { meeting_id: '42', api_key: 'k', api_secret: 's' },
    });
    expect(form).toEqual({ meeting_id: '42' });
    expect(requestOptions(read({ method: 'GET', searchParams: {} }), {}, {})).toEqual({
      method: 'GET',
    });
  });
});
