import type { EmulatorReply } from '../emulator-server.js';
import { WECOM_ERRORS, wecomError } from './errors.js';

/**
 * Reads a WeCom JSON request body field by field, keeping the first problem. The emulator
 * answers a problem with 40035 naming the field (docs/reference/providers.md §2.2: invalid
 * parameter; see `invalid`).
 */
export class BodyReader {
  problem?: string;

  constructor(readonly body: Record<string, unknown>) {}

  fail(field: string, rule: string): undefined {
    this.problem ??= `invalid ${field}: ${rule}`;
    return undefined;
  }

  has(key: string): boolean {
    return this.body[key] !== undefined && this.body[key] !== null;
  }

  str(
    key: string,
    opts: {
      required?: boolean;
      min?: number;
      max?: number;
      pattern?: RegExp;
      from?: Record<string, unknown>;
    } = {},
  ): string | undefined {
    const source = opts.from ?? this.body;
    const value = source[key];
    if (value === undefined || value === null) {
      return opts.required ? this.fail(key, 'required') : undefined;
    }
    if (typeof value !== 'string') return this.fail(key, 'must be a string');
    const length = [...value].length;
    if (opts.min !== undefined && length < opts.min)
      return this.fail(key, `at least ${opts.min} characters`);
    if (opts.max !== undefined && length > opts.max)
      return this.fail(key, `at most ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(value))
      return this.fail(key, `must match ${opts.pattern}`);
    return value;
  }

  bool(key: string, from: Record<string, unknown> = this.body): boolean | undefined {
    const value = from[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') return this.fail(key, 'must be a boolean');
    return value;
  }

  /**
   * An unsigned integer; `numericString` also accepts "1" (W-4: the doc types some ints as
   * strings).
   */
  uint(
    key: string,
    opts: {
      required?: boolean;
      min?: number;
      max?: number;
      numericString?: boolean;
      from?: Record<string, unknown>;
    } = {},
  ): number | undefined {
    const source = opts.from ?? this.body;
    const raw = source[key];
    if (raw === undefined || raw === null)
      return opts.required ? this.fail(key, 'required') : undefined;
    let value: number;
    if (typeof raw === 'number') value = raw;
    else if (opts.numericString && typeof raw === 'string' && /^\d+$/.test(raw))
      value = Number(raw);
    else return this.fail(key, 'must be an unsigned integer');
    if (!Number.isInteger(value) || value < 0) return this.fail(key, 'must be an unsigned integer');
    if (opts.min !== undefined && value < opts.min) return this.fail(key, `at least ${opts.min}`);
    if (opts.max !== undefined && value > opts.max) return this.fail(key, `at most ${opts.max}`);
    return value;
  }

  /** Epoch seconds as a decimal string (webinar `start_time`/`end_time`, §2.4). */
  epochString(key: string, required: boolean): number | undefined {
    const raw = this.body[key];
    if (raw === undefined || raw === null) return required ? this.fail(key, 'required') : undefined;
    if (typeof raw !== 'string' || !/^\d{9,10}$/.test(raw)) {
      return this.fail(key, 'must be epoch seconds as a string');
    }
    return Number(raw);
  }

  obj(key: string): Record<string, unknown> | undefined {
    const value = this.body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value))
      return this.fail(key, 'must be an object');
    return value as Record<string, unknown>;
  }

  /** A list of strings, or of `{userid}` objects when `objects` (hosts). */
  userids(
    key: string,
    opts: { objects: boolean; max: number; from?: Record<string, unknown> },
  ): string[] | undefined {
    const value = (opts.from ?? this.body)[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) return this.fail(key, 'must be an array');
    if (value.length > opts.max) return this.fail(key, `at most ${opts.max} entries`);
    const out: string[] = [];
    for (const entry of value) {
      const id = opts.objects ? (entry as { userid?: unknown } | null)?.userid : entry;
      if (typeof id !== 'string' || id.length === 0) {
        return this.fail(
          key,
          opts.objects ? 'entries must be {userid}' : 'entries must be userids',
        );
      }
      out.push(id);
    }
    return out;
  }

  strings(key: string, opts: { max: number; maxLength: number }): string[] | undefined {
    const value = this.body[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      return this.fail(key, 'must be an array of strings');
    }
    if (value.length > opts.max) return this.fail(key, `at most ${opts.max} entries`);
    if ((value as string[]).some((v) => [...v].length === 0 || [...v].length > opts.maxLength)) {
      return this.fail(key, `each 1 to ${opts.maxLength} characters`);
    }
    return value as string[];
  }
}

export const PASSWORD_DIGITS = /^\d{4,6}$/;
export const RECORD_TYPES = ['none', 'local', 'cloud'] as const;

/** Parses a JSON object body; undefined when it is not one (WeCom: 47001). */
export function parseObjectBody(raw: Buffer): Record<string, unknown> | undefined {
  if (raw.length === 0) return {};
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The 40035 answer naming the reader's first problem. */
export function invalid(r: BodyReader): EmulatorReply {
  return wecomError(WECOM_ERRORS.invalidParameter, r.problem);
}

/**
 * Reads `meetingid` / `meeting_code` of a lookup: one is required and the id wins when both are
 * given (seed 003; §2.4 and §2.5 get). Undefined, with the problem recorded, when neither is.
 */
export function lookupKeys(r: BodyReader): { meetingid?: string; code?: string } | undefined {
  const meetingid = r.str('meetingid', { min: 1, max: 64 });
  const code = r.str('meeting_code', { min: 1, max: 64 });
  if (r.problem) return undefined;
  if (!meetingid && !code) {
    r.fail('meetingid', 'meetingid or meeting_code is required');
    return undefined;
  }
  return { meetingid, code };
}
