import { timingSafeEqual } from 'node:crypto';

import type { UmeetingCredentials } from '../../config/config.types.js';
import type { EmulatorReply } from '../emulator-server.js';
import { UMEETING_EMULATOR_STATUS, fail } from './errors.js';

/**
 * umeeting auth: `api_key` and `api_secret` as form parameters on every call
 * (docs/reference/providers.md §3.1). The first doc revisions spelled the secret `api_secure`; it
 * is accepted as an alias (§3.1). Returns the refusal, or undefined when the caller is
 * authenticated. The answer never says which of the two was wrong, and never echoes either.
 */
export function checkCredentials(
  form: URLSearchParams,
  credentials: UmeetingCredentials,
): EmulatorReply | undefined {
  const key = form.get('api_key');
  const secret = form.get('api_secret') ?? form.get('api_secure');
  if (!key || !secret) {
    return fail(UMEETING_EMULATOR_STATUS.UNAUTHORIZED, 'api_key and api_secret are required');
  }
  if (!same(key, credentials.apiKey) || !same(secret, credentials.apiSecret)) {
    return fail(UMEETING_EMULATOR_STATUS.UNAUTHORIZED, 'invalid api_key or api_secret');
  }
  return undefined;
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
