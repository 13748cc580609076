import { isUtf8 } from 'node:buffer';

/** What the first bytes of a file say about its encoding. */
export type EncodingSniff =
  | { readonly ok: true; readonly bomLength: number }
  | { readonly ok: false; readonly encoding: string };

/**
 * Reads the byte-order mark: a UTF-8 BOM is skipped (JSON.parse would choke on it); UTF-16 and
 * UTF-32, with a BOM or recognisable by the NUL bytes around ASCII, are refused by name rather
 * than decoded into garbage.
 */
export function sniffEncoding(head: Buffer): EncodingSniff {
  const [a, b, c, d] = [head[0], head[1], head[2], head[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    return { ok: true, bomLength: 3 };
  }
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) {
    return { ok: false, encoding: 'UTF-32LE' };
  }
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) {
    return { ok: false, encoding: 'UTF-32BE' };
  }
  if (a === 0xff && b === 0xfe) {
    return { ok: false, encoding: 'UTF-16LE' };
  }
  if (a === 0xfe && b === 0xff) {
    return { ok: false, encoding: 'UTF-16BE' };
  }
  if (head.length >= 2 && a !== 0 && b === 0) {
    return { ok: false, encoding: c === 0 && d === 0 ? 'UTF-32LE' : 'UTF-16LE' };
  }
  if (head.length >= 2 && a === 0 && b !== 0) {
    return { ok: false, encoding: 'UTF-16BE' };
  }
  if (head.length >= 4 && a === 0 && b === 0 && c === 0 && d !== 0) {
    return { ok: false, encoding: 'UTF-32BE' };
  }
  return { ok: true, bomLength: 0 };
}

/** Where a byte sequence stops being valid UTF-8, and why. */
export interface Utf8Error {
  readonly offset: number;
  readonly reason: string;
}

/**
 * Validates UTF-8 the way a fatal TextDecoder does (no overlongs, no surrogates, nothing past
 * U+10FFFF) but also says where it failed; `isUtf8` answers the common valid case natively first.
 */
export function findInvalidUtf8(bytes: Uint8Array): Utf8Error | null {
  if (isUtf8(bytes)) {
    return null;
  }
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      lo = b === 0xe0 ? 0xa0 : 0x80;
      hi = b === 0xed ? 0x9f : 0xbf;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      lo = b === 0xf0 ? 0x90 : 0x80;
      hi = b === 0xf4 ? 0x8f : 0xbf;
    } else {
      const reason = b === 0xc0 || b === 0xc1 ? 'an overlong encoding' : b >= 0x80 && b <= 0xbf ? 'a continuation byte with no lead byte' : 'a byte that never appears in UTF-8';
      return { offset: i, reason: `${reason} (0x${hex(b)})` };
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) {
        return { offset: i, reason: `a multi-byte character cut off by the end of the data (0x${hex(b)})` };
      }
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) {
        const why = k === 1 && b === 0xed && c >= 0xa0 ? 'an encoded UTF-16 surrogate' : k === 1 && (b === 0xe0 || b === 0xf0) && c < min ? 'an overlong encoding' : 'a truncated multi-byte character';
        return { offset: i, reason: `${why} (0x${hex(b)} 0x${hex(c)})` };
      }
    }
    i += need + 1;
  }
  return null;
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0').toUpperCase();
}
