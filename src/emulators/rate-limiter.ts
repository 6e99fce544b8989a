import type { EmulatorReply, EmulatorRequest } from './emulator-server.js';

/**
 * How a provider counts calls against its per-minute limit and refuses the ones over it: one
 * file per provider (`<provider>/rate-limit.ts`) states its documented facts.
 */
export interface ProviderRateLimit {
  /** The documented limit per minute per bucket, or our [I] guess; what `describe` reports. */
  documentedPerMinute: number;
  /** The bucket a call counts against: its app (Tencent AppId) or its app and API (WeCom). */
  bucketOf(req: EmulatorRequest): string;
  /** Seconds a bucket stays refused once over its limit (WeCom blocks 60 s); 0: none. */
  blockSeconds: number;
  /** The provider's own rate-limit answer. */
  refuse(retryAfterSeconds: number): EmulatorReply;
}

const WINDOW_MS = 60_000;

/**
 * The emulators' per-minute limit (scale-out issue, part 5): a sliding 60-s window per bucket,
 * the strictest reading of "N calls per minute" (any 60 s, not calendar minutes), so a client
 * that never earns it here never earns it under a calendar-minute counter either. Refused calls
 * do not count. Real time, not the emulator clock: tests move that clock by hours to change
 * meeting statuses, which must not empty the windows.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly provider: ProviderRateLimit | undefined,
    private perMinute: number | null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.setPerMinute(perMinute);
  }

  setPerMinute(perMinute: number | null): void {
    if (perMinute !== null && !this.provider) {
      throw new Error('this emulator has no rate limit to enforce');
    }
    if (perMinute !== null && !(Number.isInteger(perMinute) && perMinute > 0)) {
      throw new Error('perMinute must be a positive integer, or null (off)');
    }
    this.perMinute = perMinute;
    this.forget();
  }

  /** Empties the windows (keeps the limit). */
  forget(): void {
    this.windows.clear();
    this.blockedUntil.clear();
  }

  describe(): { perMinute: number | null; documentedPerMinute: number | null } {
    return {
      perMinute: this.perMinute,
      documentedPerMinute: this.provider?.documentedPerMinute ?? null,
    };
  }

  /** Counts `req` and answers undefined, or the provider's refusal when over the limit. */
  check(req: EmulatorRequest): EmulatorReply | undefined {
    const provider = this.provider;
    if (this.perMinute === null || !provider) return undefined;
    const now = this.now();
    const bucket = provider.bucketOf(req);
    const blocked = this.blockedUntil.get(bucket);
    if (blocked !== undefined && blocked > now) {
      return provider.refuse(Math.ceil((blocked - now) / 1000));
    }
    const window = (this.windows.get(bucket) ?? []).filter((t) => t > now - WINDOW_MS);
    if (window.length < this.perMinute) {
      window.push(now);
      this.windows.set(bucket, window);
      return undefined;
    }
    this.windows.set(bucket, window);
    if (provider.blockSeconds > 0) {
      this.blockedUntil.set(bucket, now + provider.blockSeconds * 1000);
      return provider.refuse(provider.blockSeconds);
    }
    return provider.refuse(Math.max(1, Math.ceil((window[0]! + WINDOW_MS - now) / 1000)));
  }
}
