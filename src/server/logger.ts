import { destination as fileDestination, pino, type DestinationStream, type Logger } from 'pino';

import { redactSecrets } from '../util/redact.js';

/**
 * Structured JSON logs. Two layers keep secrets out (PRODUCT.md non-negotiables): known secret
 * keys are censored by path, and every serialised line passes through `redactSecrets`, which
 * scrubs registered credentials and tokens wherever they appear.
 */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  const destination: DestinationStream =
    options.destination ?? fileDestination({ dest: 1, sync: false });
  const scrubbing: DestinationStream = {
    write: (line: string) => destination.write(redactSecrets(line)),
  };
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: {
        paths: [
          '*.secret',
          '*.secretKey',
          '*.apiSecret',
          '*.corpSecret',
          '*.accessToken',
          '*.access_token',
          '*.hostKey',
          '*.host_key',
          '*.startUrl',
          '*.start_url',
          '*.token',
          '*.password',
          'req.headers.authorization',
        ],
        censor: '[REDACTED]',
      },
    },
    scrubbing,
  );
}
