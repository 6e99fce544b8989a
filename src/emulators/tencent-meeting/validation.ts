import type { EmulatorReply } from '../emulator-server.js';
import { invalidParameter } from './errors.js';

/**
 * Request-body checks shared by the emulator's routes. A failed check throws RejectedRequest
 * carrying the Tencent error reply (190004 naming the field); routes catch it.
 */
export class RejectedRequest extends Error {
  constructor(readonly reply: EmulatorReply) {
    super('rejected');
  }
}

export function reject(field: string, rule: string): never {
  throw new RejectedRequest(invalidParameter(field, rule));
}

export type Body = Record<string, unknown>;

/**
 * Parses the raw body as a JSON object (seed 000's example with a trailing comma is rejected,
 * T-W4).
 */
export function parseBody(raw: Buffer): Body {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    reject('body', 'must be valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    reject('body', 'must be a JSON object');
  return parsed as Body;
}

export function requiredString(
  body: Body,
  field: string,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): string {
  const value = body[field];
  if (value === undefined || value === null) reject(field, 'is required');
  return checkString(value, field, min, max);
}

export function optionalString(
  body: Body,
  field: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  return checkString(value, field, min, max);
}

function checkString(value: unknown, field: string, min: number, max: number): string {
  if (typeof value !== 'string') reject(field, 'must be a string');
  const length = [...value].length;
  if (length < min || length > max) reject(field, `length must be ${min}–${max} characters`);
  return value;
}

export function optionalBoolean(body: Body, field: string, prefix = ''): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') reject(prefix + field, 'must be a boolean');
  return value;
}

export function optionalInt(
  body: Body,
  field: string,
  allowed?: readonly number[],
  prefix = '',
): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    reject(prefix + field, 'must be an integer');
  if (allowed && !allowed.includes(value))
    reject(prefix + field, `must be one of ${allowed.join(', ')}`);
  return value;
}

export function requiredInt(
  body: Body,
  field: string,
  allowed?: readonly number[],
  prefix = '',
): number {
  const value = optionalInt(body, field, allowed, prefix);
  if (value === undefined) reject(prefix + field, 'is required');
  return value;
}

/**
 * An epoch-second time: a decimal string on the wire; numbers are tolerated too (T-M5: the
 * seed types `until_date` as an integer and the times as strings).
 */
export function epochSeconds(value: unknown, field: string): number {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,11}$/.test(text))
    reject(field, 'must be Unix seconds as a string');
  return Number(text);
}

export function requiredEpoch(body: Body, field: string): number {
  if (body[field] === undefined || body[field] === null) reject(field, 'is required');
  return epochSeconds(body[field], field);
}

/** `UserObj` arrays; bare strings are accepted too (seed 001's example, T-M1). */
export function userList(body: Body, field: string, max: number): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) reject(field, 'must be an array of user objects');
  if (value.length > max) reject(field, `at most ${max} users`);
  return value.map((item, i) => {
    const id =
      typeof item === 'string'
        ? item
        : item && typeof item === 'object'
          ? ((item as Body).userid ?? (item as Body).open_id)
          : undefined;
    if (typeof id !== 'string' || id.length === 0) reject(`${field}[${i}].userid`, 'is required');
    return id;
  });
}

/** instanceid: the full device list of seed 000 (T-M9). */
export const INSTANCE_IDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21, 22, 30, 32, 33] as const;

export const PASSWORD_PATTERN = /^\d{4,6}$/;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function optionalObject(body: Body, field: string): Body | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) reject(field, 'must be an object');
  return value as Body;
}

/**
 * The operator of a read: `operator_id` + `operator_id_type` (current docs and SDKs) or the
 * older `userid`, plus `instanceid` (docs/reference/providers.md §1.3 GET: the emulator accepts
 * either form).
 */
export function operatorOf(query: URLSearchParams): string {
  const instance = query.get('instanceid');
  if (instance === null) reject('instanceid', 'is required');
  if (!/^\d+$/.test(instance) || !(INSTANCE_IDS as readonly number[]).includes(Number(instance))) {
    reject('instanceid', 'is not a known device type');
  }
  const operatorId = query.get('operator_id');
  if (operatorId) {
    const type = query.get('operator_id_type');
    if (type === null) reject('operator_id_type', 'is required with operator_id');
    // 1 userid, 2 openid (both name a user here); 3 rooms_id is not a user that can read.
    if (type !== '1' && type !== '2')
      reject('operator_id_type', 'must be 1 (userid) or 2 (openid)');
    return operatorId;
  }
  const userid = query.get('userid');
  if (!userid) reject('operator_id', 'operator_id or userid is required');
  return userid;
}
