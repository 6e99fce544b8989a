import { describe, expect, it } from '@jest/globals';

import { ConfigError, loadConfig } from '../../src/config/env.js';

describe('OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('is off (null) when unset, and read when set', () => {
    expect(loadConfig({}).otlpEndpoint).toBeNull();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).otlpEndpoint).toBe(
      'http://collector:4318',
    );
  });

  it('is a problem when empty or not an http(s) URL', () => {
    for (const value of ['', '  ', 'collector:4318']) {
      try {
        loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: value });
        throw new Error(`accepted "${value}"`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems.join('\n')).toMatch(
          /^OTEL_EXPORTER_OTLP_ENDPOINT: /m,
        );
      }
    }
  });
});
