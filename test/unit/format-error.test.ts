import { Writable } from 'node:stream';

import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';

import { ProviderError } from '../../src/errors/api-errors.js';
import { Provider } from '../../src/schema/enums/provider.enum.js';
import { createFormatError } from '../../src/server/format-error.js';
import { createLogger } from '../../src/server/logger.js';
import { registerSecret } from '../../src/util/redact.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info', destination: stream as never }) };
}

describe('formatError', () => {
  it('masks an unexpected error: no message detail, no stack', () => {
    const { log } = capture();
    const formatted = createFormatError(log)(
      {
        message: 'Cannot read properties of undefined',
        path: ['meeting'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      new GraphQLError('Cannot read properties of undefined', {
        originalError: new TypeError('boom'),
      }),
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['meeting'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps a provider error with its provider and provider code', () => {
    const { log } = capture();
    const error = new ProviderError('PROVIDER_REJECTED', 'rejected', {
      provider: Provider.TENCENT_MEETING,
      providerCode: 9093,
      operation: 'scheduleMeeting',
    });
    const formatted = createFormatError(log)(
      { message: error.message },
      new GraphQLError('x', { originalError: error }),
    );
    expect(formatted.extensions).toEqual({
      code: 'PROVIDER_REJECTED',
      provider: 'TENCENT_MEETING',
      providerCode: 9093,
      operation: 'scheduleMeeting',
    });
  });

  it('scrubs registered secrets from error messages and log lines', () => {
    registerSecret('s3cr3t-value-for-test');
    const { lines, log } = capture();
    const error = new ProviderError('PROVIDER_AUTH_FAILED', 'bad key s3cr3t-value-for-test', {
      provider: Provider.WECOM,
    });
    expect(error.message).toBe('bad key [REDACTED]');
    log.info(
      { note: 'token s3cr3t-value-for-test', corpSecret: 'x' },
      'hello s3cr3t-value-for-test',
    );
    const line = lines.join('');
    expect(line).not.toContain('s3cr3t-value-for-test');
    expect(line).toContain('[REDACTED]');
  });
});
