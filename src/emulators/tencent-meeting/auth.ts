import type { TencentMeetingCredentials } from '../../config/config.types.js';
import { verifySignature } from '../../providers/tencent-meeting/tencent-meeting.signature.js';
import type { EmulatorReply, EmulatorRequest } from '../emulator-server.js';
import { invalidParameter, tmError, TM_ERRORS } from './errors.js';

/** ±5 minutes (providers.md §1.1). */
const WINDOW_SECONDS = 300;

/**
 * Checks a request's signature headers exactly as providers.md §1.1 describes: the string to
 * sign is built from the RAW path + query and the RAW body bytes received (never a re-serialised
 * object), the signature is Base64 of the lower-case hex HMAC. It accepts what the official SDKs
 * send: `application/json; charset=utf-8`, 19-digit nonces (kept as strings), an empty `SdkId`
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
    // (the SDKs always send it, empty when unset: providers.md §1.1).
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
      !verifySignature(
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
