/**
 * Seeded randomness and clock formatting for the demo generators.
 *
 * Everything the demo store holds is derived from a mulberry32 stream and from fixed epoch
 * values, never from Math.random or the wall clock, so one seed always yields the same rows.
 * Timestamps are formatted from UTC fields so the host time zone cannot change the output.
 */

/** A deterministic random source with the helpers the table builders need. */
export interface Prng {
  /** Next float in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Float in [min, max). */
  float(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One value drawn by weight from `[value, weight]` pairs. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** Up to `n` distinct elements, kept in their original order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** `len` lowercase hex digits. */
  hex(len: number): string;
  /** `len` decimal digits (leading zeros allowed). */
  digits(len: number): string;
  /** `len` characters of [a-z0-9]. */
  alnum(len: number): string;
  /** A version-4-shaped UUID string. */
  uuid(): string;
  /** Base64 of `bytes` random bytes, like Fivetran log ids (`+`, `/` and `=` included). */
  base64Id(bytes?: number): string;
  /** A positive duration with a long right tail around `median` (log-normal-ish). */
  skewed(median: number, spread?: number): number;
}

/** Returns the element at `index`, throwing instead of yielding undefined. */
export function at<T>(items: readonly T[], index: number): T {
  if (index < 0 || index >= items.length) {
    throw new RangeError(`index ${index} out of range 0..${items.length - 1}`);
  }
  return items[index] as T;
}

/** Mixes a base seed with a label (FNV-1a) so each table gets its own independent stream. */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Creates a mulberry32-backed Prng; the same seed always produces the same sequence. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex = (len: number): string => {
    let out = '';
    for (let i = 0; i < len; i++) {
      out += int(0, 15).toString(16);
    }
    return out;
  };
  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => at(items, Math.floor(next() * items.length)),
    weighted: (entries) => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) {
          return value;
        }
      }
      return at(entries, entries.length - 1)[0];
    },
    sample: (items, n) => {
      const keep = new Set<number>();
      const want = Math.min(n, items.length);
      while (keep.size < want) {
        keep.add(Math.floor(next() * items.length));
      }
      return items.filter((_, i) => keep.has(i));
    },
    hex,
    digits: (len) => {
      let out = '';
      for (let i = 0; i < len; i++) {
        out += String(int(0, 9));
      }
      return out;
    },
    alnum: (len) => {
      let out = '';
      for (let i = 0; i < len; i++) {
        out += ALNUM.charAt(int(0, ALNUM.length - 1));
      }
      return out;
    },
    uuid: () =>
      `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'.charAt(int(0, 3))}${hex(3)}-${hex(12)}`,
    base64Id: (bytes = 20) => {
      const buf = Buffer.alloc(bytes);
      for (let i = 0; i < bytes; i++) {
        buf[i] = int(0, 255);
      }
      return buf.toString('base64');
    },
    skewed: (median, spread = 0.6) => {
      // Sum of three uniforms approximates a normal; exponentiate for a right tail.
      const z = (next() + next() + next() - 1.5) * 2;
      return median * Math.exp(z * spread);
    },
  };
}

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** How a timestamp is rendered by `formatTs`. */
export interface TsFormat {
  /** Separator between date and time: a space (SQL style) or `T` (ISO). */
  readonly sep?: ' ' | 'T';
  /** Fractional digits: none, milliseconds or microseconds. */
  readonly digits?: 0 | 3 | 6;
  /** Extra microseconds (0..999) appended when `digits` is 6. */
  readonly micros?: number;
  /** Offset in minutes: the wall clock is shifted by it and `+HH:MM` is appended. */
  readonly offsetMinutes?: number;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Formats epoch ms from its UTC fields, e.g. `2026-10-31 23:59:59.123`. */
export function formatTs(ms: number, format: TsFormat = {}): string {
  const offset = format.offsetMinutes;
  const d = new Date(Math.floor(ms) + (offset ?? 0) * 60_000);
  let out =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `${format.sep ?? ' '}${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  if (format.digits === 3) {
    out += `.${pad(d.getUTCMilliseconds(), 3)}`;
  } else if (format.digits === 6) {
    out += `.${pad(d.getUTCMilliseconds(), 3)}${pad(format.micros ?? 0, 3)}`;
  }
  if (offset !== undefined) {
    const abs = Math.abs(offset);
    out += `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
  }
  return out;
}

/** Formats epoch ms as a calendar date `YYYY-MM-DD` (UTC). */
export function formatDate(ms: number): string {
  return formatTs(ms).slice(0, 10);
}
