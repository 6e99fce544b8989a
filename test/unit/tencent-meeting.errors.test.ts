import { describe, expect, it } from '@jest/globals';

import { tencentError } from '../../src/providers/tencent-meeting/tencent-meeting.errors.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';

const info = (code: number) => ({ code, message: 'm' });

/** The table only; what a non-Tencent answer means is the pipeline's (pipeline.test.ts). */
describe('Tencent error table (docs/reference/providers.md §1.2)', () => {
  it.each([
    [190300, 'PROVIDER_AUTH_FAILED'],
    [190301, 'PROVIDER_AUTH_FAILED'],
    [190303, 'PROVIDER_AUTH_FAILED'],
    [200003, 'PROVIDER_AUTH_FAILED'],
    // Only the creator may act: the caller's request is at fault, not our credentials.
    [9042, 'PROVIDER_REJECTED'],
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
    const error = tencentError(info(code), 'meeting');
    expect(error.extensions).toMatchObject({
      code: expected,
      provider: Provider.TENCENT_MEETING,
      providerCode: code,
    });
  });

  it('carries retryAfterSeconds on a rate limit when the answer gave one', () => {
    expect(tencentError(info(190310), 'meeting', 30).extensions.retryAfterSeconds).toBe(30);
  });
});
