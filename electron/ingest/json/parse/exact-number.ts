import { randomBytes } from 'node:crypto';

/**
 * A JSON number a double cannot hold exactly (`9007199254740993`, `1e400`, `-0`), kept as its
 * source digits. The record decoder swaps such tokens for a marker string before `JSON.parse`
 * and the marker for this object after, so no precision is lost silently.
 */
export class ExactNumber {
  public constructor(public readonly text: string) {}

  /** The value for SQLite: a 64-bit integer when it is one, otherwise the digits as text. */
  public toSqlite(): bigint | string {
    if (/^-?\d+$/.test(this.text)) {
      const big = BigInt(this.text);
      // "-0" is an integer token too, but a 64-bit integer has no negative zero.
      if (big >= -(2n ** 63n) && big < 2n ** 63n && big.toString() === this.text) {
        return big;
      }
    }
    return this.text;
  }

  /** True when the value is an integer that fits in SQLite's 64-bit INTEGER. */
  public get isInt64(): boolean {
    return typeof this.toSqlite() === 'bigint';
  }
}

// A per-process random nonce: hostile input cannot forge a marker it does not know.
const NONCE = randomBytes(6).toString('hex');
const PREFIX = `\u0000#${NONCE}:`;

/** The JSON string literal that stands for a lossy number token while the record is parsed. */
export function markerFor(text: string): string {
  return `"\\u0000#${NONCE}:${text}"`;
}

/** Replaces marker strings by ExactNumber objects, in place; returns the (possibly new) root. */
export function reviveExact(value: unknown): unknown {
  const prefix = PREFIX;
  const fix = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.startsWith(prefix) ? new ExactNumber(v.slice(prefix.length)) : v;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        v[i] = fix(v[i]);
      }
    } else if (v !== null && typeof v === 'object' && !(v instanceof ExactNumber)) {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        Object.defineProperty(o, k, { value: fix(o[k]), writable: true, enumerable: true, configurable: true });
      }
    }
    return v;
  };
  return fix(value);
}

/**
 * JSON text of a nested value. ExactNumber objects come out as their original digits, which plain
 * `JSON.stringify` cannot do; values without them take the native fast path.
 */
export function toJsonText(value: unknown, hasExact: boolean): string {
  if (!hasExact) {
    return JSON.stringify(value);
  }
  const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof ExactNumber ? `${PREFIX}${v.text}` : v));
  return text.split(`"\\u0000#${NONCE}:`).map((part, i) => (i === 0 ? part : part.replace('"', ''))).join('');
}
