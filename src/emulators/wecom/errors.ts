import type { EmulatorReply, ProviderFaultRenderer } from '../emulator-server.js';
import type { WecomEnvelope } from './wire.js';

/**
 * WeCom's error shape (docs/reference/providers.md §2.2): always HTTP 200, `{"errcode": N,
 * "errmsg": "…"}`. The texts follow WeCom's style (`errmsg` plus a hint and the devtool link);
 * clients must not match on them (WeCom may change them), only on `errcode`.
 */
export const WECOM_ERRORS = {
  busy: -1,
  invalidSecret: 40001,
  invalidUserid: 40003,
  invalidCorpid: 40013,
  invalidToken: 40014,
  invalidParameter: 40035,
  /**
   * ASSUMPTION (docs/providers/wecom.md): the code WeCom answers for an unknown (or another app's)
   * meetingid / meeting_code is not documented in our sources; the emulator answers 40058
   * ("invalid parameter"), and the client reads 40058 on a lookup or cancel as "not found".
   */
  notFound: 40058,
  missingToken: 41001,
  tokenExpired: 42001,
  freqOutOfLimit: 45009,
  tooManyConcurrent: 45033,
  badJson: 47001,
} as const;

const DEFAULT_MESSAGES: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40003: 'invalid userid',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40035: 'invalid parameter',
  40058: 'invalid meetingid',
  41001: 'access_token missing',
  42001: 'access_token expired',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  47001: 'data format error',
};

let hintSeq = 0;

/** A WeCom error body (HTTP 200, as WeCom does). */
export function wecomError(errcode: number, detail?: string): EmulatorReply {
  const text = detail ?? DEFAULT_MESSAGES[errcode] ?? 'error';
  hintSeq += 1;
  const body: WecomEnvelope = {
    errcode,
    errmsg: `${text}, hint: [emulator-${hintSeq}], more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
  };
  return { status: 200, body };
}

/** A success: the payload inside WeCom's `errcode: 0, errmsg: "ok"` envelope (§2.2). */
export function wecomOk(payload: object = {}): EmulatorReply {
  return { status: 200, body: { errcode: 0, errmsg: 'ok', ...payload } };
}

/**
 * How the shared shell's scripted faults look on WeCom. `tokenExpired` also invalidates the
 * tokens it stands for (`onTokenExpired`), so the client's refresh is really exercised: the old
 * token keeps failing until a new one is fetched.
 */
export function wecomFaultRenderer(onTokenExpired: () => void): ProviderFaultRenderer {
  return {
    providerError: (code, message) => {
      const errcode = typeof code === 'number' ? code : Number(code);
      return wecomError(Number.isFinite(errcode) ? errcode : -1, message);
    },
    // WeCom has no Retry-After; its minute limit blocks for 60 s (docs/reference/providers.md
    // §2.3).
    rateLimited: () => wecomError(WECOM_ERRORS.freqOutOfLimit),
    tokenExpired: () => {
      onTokenExpired();
      return wecomError(WECOM_ERRORS.tokenExpired);
    },
    // Not a WeCom answer we could document: an unknown API path gets a 404 with a WeCom-like body.
    notFound: () => ({ status: 404, body: { errcode: 404, errmsg: 'api not found' } }),
  };
}
