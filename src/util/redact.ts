/**
 * A process-wide set of secret strings (provider keys, secrets, access tokens, host keys, start
 * URLs) that must never reach a log line or an error message. Whatever registers a secret here
 * gets it replaced by `[REDACTED]` wherever `redactSecrets` runs: in ApiError messages and in the
 * logger's output. This is a safety net; code still avoids putting secrets in messages at all.
 */
const secrets = new Set<string>();
const MIN_SECRET_LENGTH = 4;

export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}
