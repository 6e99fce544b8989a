import { describe, expect, it } from '@jest/globals';

import { tencentError } from '../../src/providers/tencent-meeting/tencent-meeting.errors.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';

const body = (code: number) => ({ error_info: { error_code: code, message: 'm' } });
const read = { operation: 'meeting', unsafe: false };
const create = { operation: 'scheduleMeeting', unsafe: true };

describe('Tencent error table (providers.md §1.2)', () => {
  it.each([
    [190300, 'PROVIDER_AUTH_FAILED'],
    [190301, 'PROVIDER_AUTH_FAILED'],
    [190303, 'PROVIDER_AUTH_FAILED'],
    [200003, 'PROVIDER_AUTH_FAILED'],
    [9042, 'PROVIDER_AUTH_FAILED'],
    [190310, 'PROVIDER_RATE_LIMITED'],
    [190311, 'PROVIDER_RATE_LIMITED'],
    [190313, 'PROVIDER_RATE_LIMITED'],
    [500029, 'PROVIDER_RATE_LIMITED'],
    [9008, 'PROVIDER_RATE_LIMITED'],
    [9061, 'PROVIDER_RATE_LIMITED'],
    [9003, 'NOT_FOUND'],
    [960000, 'PROVIDER_UNAVAILABLE'],
    [190004, 'PROVIDER_REJECTED'],
    [9007, 'PROVIDER_REJECTED'],
    [13602, 'PROVIDER_REJECTED'],
    [13603, 'PROVIDER_REJECTED'],
    [123456, 'PROVIDER_REJECTED'],
  ])('maps error_code %s to %s with provider and providerCode', (code, expected) => {
    const error = tencentError(400, body(code), read);
    expect(error.extensions).toMatchObject({
      code: expected,
      provider: Provider.TENCENT_MEETING,
      providerCode: code,
    });
  });

  it('maps a 5xx without a Tencent body to PROVIDER_UNAVAILABLE', () => {
    expect(tencentError(503, undefined, read).extensions.code).toBe('PROVIDER_UNAVAILABLE');
    expect(tencentError(500, { other: true }, create).extensions.code).toBe('PROVIDER_UNAVAILABLE');
  });

  it('maps a gateway 502/504 without a Tencent body on a create to OUTCOME_UNKNOWN', () => {
    expect(tencentError(504, undefined, create).extensions.code).toBe('OUTCOME_UNKNOWN');
    expect(tencentError(504, undefined, read).extensions.code).toBe('PROVIDER_UNAVAILABLE');
  });

  it('carries retryAfterSeconds when the answer gave one', () => {
    expect(
      tencentError(429, body(190310), { ...read, retryAfterSeconds: 30 }).extensions
        .retryAfterSeconds,
    ).toBe(30);
  });
});
