import { describe, expect, it } from '@jest/globals';

import {
  errcodeRule,
  isNotFound,
  NOT_FOUND_ERRCODE,
  wecomError,
} from '../../src/providers/wecom/wecom.errors.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';

describe('WeCom errcode table (docs/reference/providers.md §2.2)', () => {
  it.each([
    [-1, 'PROVIDER_UNAVAILABLE'],
    [40001, 'PROVIDER_AUTH_FAILED'],
    [40013, 'PROVIDER_AUTH_FAILED'],
    [40014, 'PROVIDER_AUTH_FAILED'],
    [41001, 'PROVIDER_AUTH_FAILED'],
    [42001, 'PROVIDER_AUTH_FAILED'],
    [45009, 'PROVIDER_RATE_LIMITED'],
    [45033, 'PROVIDER_RATE_LIMITED'],
    [40003, 'PROVIDER_REJECTED'],
    [40035, 'PROVIDER_REJECTED'],
    [60011, 'PROVIDER_REJECTED'],
    [123456, 'PROVIDER_REJECTED'],
  ])('maps errcode %d to %s with the code as providerCode', (errcode, code) => {
    const error = wecomError(errcode, 'text', 'getWebinar');
    expect(error.code).toBe(code);
    expect(error.extensions).toMatchObject({
      code,
      provider: Provider.WECOM,
      providerCode: errcode,
      operation: 'getWebinar',
    });
  });

  it('refreshes the token only for 40014, 41001 and 42001', () => {
    const refreshing = [-1, 40001, 40014, 41001, 42001, 45009, 40058].filter(
      (c) => errcodeRule(c).refreshToken,
    );
    expect(refreshing).toEqual([40014, 41001, 42001]);
  });

  it('retries reads only for busy and concurrency-limit codes', () => {
    const retried = [-1, 40001, 40014, 42001, 45009, 45033, 40035].filter(
      (c) => errcodeRule(c).retryRead,
    );
    // 45009 blocks for 60 s (§2.3): asking again at once cannot help, so it is not retried.
    expect(retried).toEqual([-1, 45033]);
  });

  it('gives 45009 the 60 s block of the minute limit as retryAfterSeconds (§2.3)', () => {
    expect(wecomError(45009, undefined, 'x').extensions.retryAfterSeconds).toBe(60);
    expect(wecomError(45033, undefined, 'x').extensions.retryAfterSeconds).toBeUndefined();
  });

  it("keeps WeCom's text but drops its hint and link tail", () => {
    const error = wecomError(
      40001,
      'invalid credential, hint: [1690000000_abc], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=40001',
      'gettoken',
    );
    expect(error.message).toBe('WECOM gettoken failed: invalid credential (errcode 40001)');
  });

  it('recognises the not-found errcode and nothing else as not found', () => {
    expect(isNotFound(wecomError(NOT_FOUND_ERRCODE, 'x', 'y'))).toBe(true);
    expect(isNotFound(wecomError(40035, 'x', 'y'))).toBe(false);
    expect(isNotFound(new Error('40058'))).toBe(false);
  });
});
