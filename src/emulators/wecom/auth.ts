import { randomBytes } from 'node:crypto';

import type { EmulatorReply, EmulatorRequest } from '../emulator-server.js';
import { WECOM_ERRORS, wecomError, wecomOk } from './errors.js';
import type { WecomTokenAnswer } from './wire.js';

/*
 * WeCom authentication, the emulator's side (docs/reference/providers.md §2.1): `gettoken`
 * exchanges a corp id and an app secret for an `access_token`, and every business call carries
 * it as `?access_token=`. Each secret is its own app with its own token (§2.1), and sees only
 * what it created (§2.4).
 */

/** Token lifetime WeCom reports (§2.1, path/91039). */
export const TOKEN_TTL_SECONDS = 7200;
/**
 * ASSUMPTION: WeCom returns the same token while it is valid ("有效期内重复获取返回相同结果",
 * path/91039). So that a client refreshing ahead of expiry does not fetch the same nearly
 * expired token again and again, in its last five minutes a fresh token is minted (the old one
 * stays valid until its own expiry), as WeChat's token overlap does.
 */
export const TOKEN_RENEW_WINDOW_SECONDS = 300;

export interface WecomApp {
  /** Internal name of the app (one secret = one app); never a secret. */
  name: string;
  corpId: string;
  corpSecret: string;
}

interface IssuedToken {
  app: string;
  expiresAt: number; // epoch s, emulator clock
}

/** The apps the emulator knows and the tokens it issued them. Times are emulator-clock seconds. */
export class WecomTokens {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly currentToken = new Map<string, string>();

  constructor(
    readonly apps: readonly WecomApp[],
    private readonly nowSeconds: () => number,
  ) {}

  reset(): void {
    this.tokens.clear();
    this.currentToken.clear();
  }

  /** The app's valid token, or a fresh one (see TOKEN_RENEW_WINDOW_SECONDS). */
  issue(app: string): { token: string; expiresIn: number } {
    const now = this.nowSeconds();
    const current = this.currentToken.get(app);
    const issued = current ? this.tokens.get(current) : undefined;
    if (current && issued && issued.expiresAt - now > TOKEN_RENEW_WINDOW_SECONDS) {
      return { token: current, expiresIn: issued.expiresAt - now };
    }
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, { app, expiresAt: now + TOKEN_TTL_SECONDS });
    this.currentToken.set(app, token);
    return { token, expiresIn: TOKEN_TTL_SECONDS };
  }

  /** `unknown` → 40014, `expired` → 42001, else the app the token belongs to. */
  check(token: string): { app: string } | 'unknown' | 'expired' {
    const issued = this.tokens.get(token);
    if (!issued) return 'unknown';
    if (issued.expiresAt <= this.nowSeconds()) return 'expired';
    return { app: issued.app };
  }

  /** Expires every issued token now (the `tokenExpired` fault): the next call must refresh. */
  expireAll(): void {
    const now = this.nowSeconds();
    for (const issued of this.tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now);
    this.currentToken.clear();
  }

  /** Every token issued so far (tests grep logs and errors for them). */
  issued(): string[] {
    return [...this.tokens.keys()];
  }
}

/**
 * `GET /cgi-bin/gettoken?corpid&corpsecret` (§2.1): 41002/41004 when a parameter is missing,
 * 40013 for an unknown corp, 40001 for a wrong secret (§2.2).
 */
export function gettoken(tokens: WecomTokens, req: EmulatorRequest): EmulatorReply {
  const corpid = req.query.get('corpid');
  const secret = req.query.get('corpsecret');
  if (!corpid) return wecomError(41002, 'corpid missing');
  if (!secret) return wecomError(41004, 'corpsecret missing');
  if (!tokens.apps.some((a) => a.corpId === corpid)) return wecomError(WECOM_ERRORS.invalidCorpid);
  const app = tokens.apps.find((a) => a.corpId === corpid && a.corpSecret === secret);
  if (!app) return wecomError(WECOM_ERRORS.invalidSecret);
  const { token, expiresIn } = tokens.issue(app.name);
  const answer: WecomTokenAnswer = { access_token: token, expires_in: expiresIn };
  return wecomOk(answer);
}

/**
 * The app a business call acts for, from its `?access_token=` (§2.1), or the refusal: 41001
 * missing, 40014 unknown, 42001 expired (§2.2; a client refreshes on the last two).
 */
export function authorize(
  tokens: WecomTokens,
  req: EmulatorRequest,
): { app: string } | { reply: EmulatorReply } {
  const token = req.query.get('access_token');
  if (!token) return { reply: wecomError(WECOM_ERRORS.missingToken) };
  const checked = tokens.check(token);
  if (checked === 'unknown') return { reply: wecomError(WECOM_ERRORS.invalidToken) };
  if (checked === 'expired') return { reply: wecomError(WECOM_ERRORS.tokenExpired) };
  return checked;
}
