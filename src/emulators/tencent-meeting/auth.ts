import { createHmac, timingSafeEqual } from 'node:crypto';

import type { TencentMeetingCredentials } from '../../config/config.types.js';
import type { EmulatorReply, EmulatorRequest } from '../emulator-server.js';
import { invalidParameter, tmError, TM_ERRORS } from './errors.js';

/*
 * Tencent Meeting request authentication, the emulator's side (docs/reference/providers.md §1.1).
 * The signature maths below is written here on purpose, independently of the client's signer
 * (src/providers/tencent-meeting/): the emulator is what checks the client, so it must not share
 * its code. Both sides are pinned to the §1.8 test vectors: the client by
 * test/unit/tencent-meeting.signature.test.ts, this file by
 * test/emulators/tencent-meeting.signature.test.ts.
 */

/** What a request signs: the three signed headers and the request line and body as received. */
export interface SignedRequestParts {
  /** HTTP method as received; the string to sign has it upper case (§1.1 step 1). */
  method: string;
  /** `X-TC-Key` (the SecretId, not the key). */
  secretId: string;
  /** `X-TC-Nonce`, an opaque digit string (SDK nonces exceed 2^53, §1.1). */
  nonce: string;
  /** `X-TC-Timestamp`, Unix seconds as sent. */
  timestamp: string;
  /**
   * Path plus `?` and the raw query, exactly as received: no scheme, host or port (§1.1 step 3).
   */
  uri: string;
  /** The body bytes as received; empty for GET (§1.1 step 4). */
  body: Buffer | string;
}

/**
 * The string to sign (§1.1; FAQ 1095/43551): method, the fixed
 * `X-TC-Key=…&X-TC-Nonce=…&X-TC-Timestamp=…` line, the URI and the body, joined by single LFs
 * with no trailing newline after the body. NOT Tencent Cloud's TC3 canonical request, despite
 * the docs' "TC3-HMAC-SHA256" label. Returned as bytes, so the body is never re-encoded.
 */
export function stringToSign(parts: SignedRequestParts): Buffer {
  const lines = [
    parts.method.toUpperCase(),
    `X-TC-Key=${parts.secretId}&X-TC-Nonce=${parts.nonce}&X-TC-Timestamp=${parts.timestamp}`,
    parts.uri,
  ];
  const body = Buffer.isBuffer(parts.body) ? parts.body : Buffer.from(parts.body, 'utf8');
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n`, 'utf8'), body]);
}

/**
 * The `X-TC-Signature` a genuine client sends (§1.1): HMAC-SHA256 keyed with the SecretKey
 * (UTF-8), hex-encoded in lower case, and THAT 64-character ASCII text Base64-encoded: always
 * 88 characters ending in `==`. Base64 of the raw 32-byte digest (44 characters) is the classic
 * client mistake, and does not match (§1.1, §1.8 negative check).
 */
export function expectedSignature(secretKey: string, parts: SignedRequestParts): string {
  const hex = createHmac('sha256', Buffer.from(secretKey, 'utf8'))
    .update(stringToSign(parts))
    .digest('hex');
  return Buffer.from(hex, 'ascii').toString('base64');
}

/** Compares a received `X-TC-Signature` with the expected one in constant time. */
export function signatureMatches(
  secretKey: string,
  parts: SignedRequestParts,
  received: string,
): boolean {
  const expected = Buffer.from(expectedSignature(secretKey, parts), 'utf8');
  const given = Buffer.from(received, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Timestamps more than 5 minutes from server time are refused with 190300 (§1.1, §1.2). */
const WINDOW_SECONDS = 300;

/**
 * Checks a request's signature headers exactly as §1.1 describes: the string to sign is built
 * from the RAW path + query and the RAW body bytes received (never a re-serialised object), the
 * signature is Base64 of the lower-case hex HMAC. It accepts what the official SDKs send:
 * `application/json; charset=utf-8`, 19-digit nonces (kept as strings), an empty `SdkId`
 * (treated as absent). Header names are read case-insensitively (Node lower-cases them).
 */
export class TencentRequestAuthenticator {
  /** `timestamp:nonce` → when it may be forgotten (epoch s), for replay detection (190301). */
  private seen = new Map<string, number>();

  /**
   * `wallClockSeconds` is real time, NOT the movable emulator clock: `/__admin/clock` moves
   * meeting states, and must not push every real client out of the 5-minute window.
   */
  constructor(
    private readonly credentials: TencentMeetingCredentials,
    private readonly wallClockSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  reset(): void {
    this.seen.clear();
  }

  /** Returns the Tencent error reply for a rejected request, or undefined when it is genuine. */
  check(req: EmulatorRequest, options: { registered?: boolean } = {}): EmulatorReply | undefined {
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const key = header('x-tc-key');
    const timestamp = header('x-tc-timestamp');
    const nonce = header('x-tc-nonce');
    const signature = header('x-tc-signature');
    const appId = header('appid');
    const sdkId = header('sdkid') ?? '';

    if (!key || key !== this.credentials.secretId) {
      return tmError(TM_ERRORS.AUTH_FAILED, 'authentication failed: check AppId and X-TC-Key');
    }
    if (!appId || appId !== this.credentials.appId) {
      return tmError(TM_ERRORS.AUTH_FAILED, 'authentication failed: check AppId and X-TC-Key');
    }
    // An SdkId must match the issued one; none issued means the header is absent or empty
    // (the SDKs always send it, empty when unset: docs/reference/providers.md §1.1).
    if (sdkId !== this.credentials.sdkId) {
      return tmError(
        TM_ERRORS.AUTH_FAILED,
        'authentication failed: SdkId does not match (do not send SdkId if none was assigned)',
      );
    }
    if (!timestamp || !/^\d{1,12}$/.test(timestamp)) {
      return tmError(TM_ERRORS.TIMESTAMP_EXPIRED, 'X-TC-Timestamp must be Unix seconds');
    }
    const now = this.wallClockSeconds();
    if (Math.abs(now - Number(timestamp)) > WINDOW_SECONDS) {
      return tmError(
        TM_ERRORS.TIMESTAMP_EXPIRED,
        'X-TC-Timestamp is more than 5 minutes from server time',
      );
    }
    // Opaque digit string: never parsed to a JS number (SDK nonces exceed 2^53).
    if (!nonce || !/^[1-9]\d{0,39}$/.test(nonce)) {
      return invalidParameter('X-TC-Nonce', 'must be a positive integer');
    }
    if (
      !signature ||
      !signatureMatches(
        this.credentials.secretKey,
        { method: req.method, secretId: key, nonce, timestamp, uri: req.rawUrl, body: req.rawBody },
        signature,
      )
    ) {
      return tmError(TM_ERRORS.SIGNATURE_FAILED, 'Signature failed');
    }
    this.forgetExpired(now);
    const replayKey = `${timestamp}:${nonce}`;
    if (this.seen.has(replayKey)) {
      return tmError(
        TM_ERRORS.REPLAY,
        'replayed request: X-TC-Timestamp and X-TC-Nonce were already used',
      );
    }
    this.seen.set(replayKey, Number(timestamp) + WINDOW_SECONDS);

    if (options.registered && header('x-tc-registered') !== '1') {
      // Seed 000: "请求头部 X-TC-Registered 字段必须传入为1".
      return invalidParameter('X-TC-Registered', 'must be 1 for webinars');
    }
    if (req.rawBody.length > 0) {
      const type = (header('content-type') ?? '').toLowerCase();
      if (!/^application\/json\s*(;|$)/.test(type)) {
        return invalidParameter('Content-Type', 'must be application/json');
      }
    }
    return undefined;
  }

  private forgetExpired(now: number) {
    if (this.seen.size < 1000) return;
    for (const [k, expiry] of this.seen) if (expiry < now) this.seen.delete(k);
  }
}
