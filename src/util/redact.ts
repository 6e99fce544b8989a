/**
 * A process-wide set of secret strings that must never reach a log line or an error message: the
 * configured provider credentials (registered at start-up) and WeCom access tokens (registered as
 * fetched, a few a day). Each is replaced by `[REDACTED]` wherever `redactSecrets` runs: in
 * ApiError messages and in every log line. It is a safety net; code still keeps secrets out of
 * messages in the first place. Per-meeting host secrets (host keys, start URLs) are not
 * registered (there would be one per meeting): they are simply never logged or put in errors,
 * and tests grep for them.
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
