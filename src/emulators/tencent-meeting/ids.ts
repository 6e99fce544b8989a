/**
 * Realistic, deterministic ids for one emulator instance (docs/reference/providers.md §1.5 T-M11):
 * meeting ids of 18–20 digits, many above 2^53 and some above 2^63 (seed 000's
 * `17305428542504531991`), 9-digit meeting codes and short join-link slugs. The lengths cycle 20 →
 * 19 → 18, so the first meeting id of a fresh emulator is a 20-digit id above 2^63: tests hit the
 * hard case. Everything is BigInt or string; nothing passes through a JS number.
 */
const MASK64 = (1n << 64n) - 1n;
const TEN_19 = 10n ** 19n;
const TEN_18 = 10n ** 18n;
const TEN_17 = 10n ** 17n;
const TWO_64 = 1n << 64n;

/** SplitMix64: a tiny, well-mixed deterministic generator. */
function splitMix64(state: bigint): bigint {
  let z = (state + 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return (z ^ (z >> 31n)) & MASK64;
}

const SLUG_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export class TencentIdGenerator {
  private counter = 0n;
  private readonly codes = new Set<string>();
  private readonly ids = new Set<string>();

  constructor(private readonly seed: bigint = 0x7e_c3e7n) {}

  reset(): void {
    this.counter = 0n;
    this.codes.clear();
    this.ids.clear();
  }

  private next(): bigint {
    this.counter += 1n;
    return splitMix64(this.seed * 0x1_0000_0001n + this.counter);
  }

  /** The n-th id (0-based) is 20, 19 or 18 digits long as n mod 3 is 0, 1 or 2. */
  meetingId(): string {
    for (;;) {
      const n = this.ids.size;
      const x = this.next();
      let id: bigint;
      switch (n % 3) {
        case 0: // 20 digits, and ≤ 2^64 − 1 like Tencent's unsigned 64-bit ids: always > 2^63.
          id = TEN_19 + (x % (TWO_64 - TEN_19));
          break;
        case 1: // 19 digits: above 2^53, sometimes above 2^63.
          id = TEN_18 + (x % (9n * TEN_18));
          break;
        default: // 18 digits, like seed 001's `433471464134410364`.
          id = TEN_17 + (x % (9n * TEN_17));
      }
      const text = id.toString();
      if (!this.ids.has(text)) {
        this.ids.add(text);
        return text;
      }
    }
  }

  /** A unique 9-digit meeting code (no leading zero). */
  meetingCode(): string {
    for (;;) {
      const code = (100_000_000n + (this.next() % 900_000_000n)).toString();
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
  }

  /** A short random-looking slug for links, like `5oxCqAc` in seed 001. */
  slug(length = 10): string {
    let x = this.next();
    let out = '';
    for (let i = 0; i < length; i++) {
      if (x === 0n) x = this.next();
      out += SLUG_ALPHABET[Number(x % BigInt(SLUG_ALPHABET.length))];
      x /= BigInt(SLUG_ALPHABET.length);
    }
    return out;
  }

  /** A 6-character manual-check password like seed 000's `oVBN2P`. */
  checkPassword(): string {
    return this.slug(6);
  }
}
