import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Tencent Meeting request signing (docs/reference/providers.md §1.1). Not Tencent Cloud's TC3 canonical
 * request: four parts joined by LF, HMAC-SHA256 with the SecretKey, the digest hex-encoded in
 * lower case and THAT ASCII string Base64-encoded (88 characters ending in `==`).
 *
 * Shared by the client (signing) and the emulator (verifying), and pinned by the §1.8 test
 * vectors in `test/unit/tencent-meeting.signature.test.ts`.
 */
export interface SignatureParts {
  /** HTTP method; upper-cased here. */
  method: string;
  /** The SecretId, as sent in `X-TC-Key`. */
  secretId: string;
  /** Decimal digit string, as sent in `X-TC-Nonce` (SDK nonces are ~19 digits: keep a string). */
  nonce: string;
  /** Unix seconds, decimal string, as sent in `X-TC-Timestamp`. */
  timestamp: string;
  /** Path plus `?` and the raw query string, exactly as on the wire (no scheme, host or port). */
  uri: string;
  /** The exact body bytes sent; empty for GET. */
  body: string | Buffer;
}

/** The string to sign up to the body: method, the signed headers and the URI, each ending in LF. */
function headOf(parts: SignatureParts): string {
  return (
    `${parts.method.toUpperCase()}\n` +
    `X-TC-Key=${parts.secretId}&X-TC-Nonce=${parts.nonce}&X-TC-Timestamp=${parts.timestamp}\n` +
    `${parts.uri}\n`
  );
}

/** The string to sign, as bytes (the body part is appended as raw bytes, never re-encoded). */
export function stringToSign(parts: SignatureParts): Buffer {
  const body = typeof parts.body === 'string' ? Buffer.from(parts.body, 'utf8') : parts.body;
  return Buffer.concat([Buffer.from(headOf(parts), 'utf8'), body]);
}

/**
 * Lower-case hex HMAC-SHA256 of the string to sign. The HMAC is fed the head and then the body:
 * the same bytes as `stringToSign`, without copying them into one buffer for every call.
 */
export function signatureHex(secretKey: string, parts: SignatureParts): string {
  const hmac = createHmac('sha256', secretKey).update(headOf(parts), 'utf8');
  if (typeof parts.body === 'string') hmac.update(parts.body, 'utf8');
  else hmac.update(parts.body);
  return hmac.digest('hex');
}

/** The `X-TC-Signature` header value: Base64 of the lower-case hex digest. */
export function signRequest(secretKey: string, parts: SignatureParts): string {
  return Buffer.from(signatureHex(secretKey, parts), 'ascii').toString('base64');
}

/** Constant-time check of a received `X-TC-Signature`. A Base64-of-raw-digest value never matches. */
export function verifySignature(
  secretKey: string,
  parts: SignatureParts,
  received: string,
): boolean {
  const expected = Buffer.from(signRequest(secretKey, parts), 'ascii');
  const actual = Buffer.from(received, 'ascii');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * A nonce of the official SDKs' shape: `ms_timestamp * 1_000_000 + six digits`, a ~19-digit
 * number above 2^53 (docs/reference/providers.md §1.1), built as a string so it never passes
 * through a JS number.
 *
 * The SDKs' six digits are random; ours count on from a random start, so no two nonces of this
 * process share a millisecond (up to a million a millisecond). Random digits collide: Tencent
 * answers a timestamp and nonce seen before with 190301 (replay, §1.1), and a batch of 100
 * signs dozens in one millisecond — the bench met it (a read of `meetings(ids:)` failed
 * PROVIDER_AUTH_FAILED), at odds we estimate near one in a thousand batches. Predictable digits give
 * nothing away: the signature, which needs the secret key, covers them.
 */
const NONCE_DIGITS_RANGE = 1_000_000;
let nonceSequence = randomInt(0, NONCE_DIGITS_RANGE);
export function sdkStyleNonce(nowMs: number = Date.now()): string {
  nonceSequence = (nonceSequence + 1) % NONCE_DIGITS_RANGE;
  return `${Math.floor(nowMs)}${String(nonceSequence).padStart(6, '0')}`;
}
