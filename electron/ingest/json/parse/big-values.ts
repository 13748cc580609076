/**
 * Caps the objects and arrays of a record that would make huge cells. Each top-level field of a
 * record becomes one cell, an object or array as its JSON text; the scanner already cuts long
 * strings, but a field holding 100 MB of small values would be parsed into millions of JS values
 * and written back as one 100 MB string (one such row peaked at 1–2.8 GiB). Before `JSON.parse`,
 * such a field's bytes are replaced by a JSON string holding the first `cap` bytes of its text.
 */

/** A field whose value was replaced: its key, where the value started in the record, its size. */
export interface BigValueCut {
  readonly key: string;
  readonly rel: number;
  readonly size: number;
}

const QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_OBJ = 0x7b, CLOSE_OBJ = 0x7d, OPEN_ARR = 0x5b, CLOSE_ARR = 0x5d, COMMA = 0x2c;

/**
 * The record's bytes with every top-level field whose object or array spans more than `cap` bytes
 * replaced by a string of its first `cap` bytes (cut on a character boundary), or null when no
 * field is that big or the record is not an object. `bytes` must be valid JSON (the scanner checked it).
 */
export function cutBigValues(bytes: Buffer, cap: number): { readonly bytes: Buffer; readonly cuts: readonly BigValueCut[] } | null {
  const n = bytes.length;
  let i = 0;
  while (i < n && bytes[i] !== OPEN_OBJ) {
    if (bytes[i] === OPEN_ARR || bytes[i] === QUOTE) {
      return null;
    }
    i++;
  }
  let depth = 0;
  let keyStart = -1;
  let keyEnd = -1;
  let expectKey = false;
  let valueStart = -1;
  const spans: { key: string; start: number; end: number }[] = [];
  for (; i < n; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      const end = stringEnd(bytes, i + 1);
      if (depth === 1 && expectKey) {
        keyStart = i;
        keyEnd = end + 1;
        expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJ || c === OPEN_ARR) {
      depth++;
      if (depth === 1) {
        expectKey = true;
      } else if (depth === 2) {
        valueStart = i;
      }
    } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
      if (depth === 2 && i + 1 - valueStart > cap) {
        spans.push({ key: JSON.parse(bytes.toString('utf8', keyStart, keyEnd)) as string, start: valueStart, end: i + 1 });
      }
      depth--;
      if (depth === 0) {
        break;
      }
    } else if (c === COMMA && depth === 1) {
      expectKey = true;
    }
  }
  if (spans.length === 0) {
    return null;
  }
  const parts: Buffer[] = [];
  let pos = 0;
  for (const s of spans) {
    const kept = bytes.toString('utf8', s.start, charBoundary(bytes, s.start, s.start + cap));
    parts.push(bytes.subarray(pos, s.start), Buffer.from(JSON.stringify(kept), 'utf8'));
    pos = s.end;
  }
  parts.push(bytes.subarray(pos));
  return { bytes: Buffer.concat(parts), cuts: spans.map((s) => ({ key: s.key, rel: s.start, size: s.end - s.start })) };
}

/** Index of the closing quote of a string whose content starts at `from`. */
function stringEnd(bytes: Buffer, from: number): number {
  let q = bytes.indexOf(QUOTE, from);
  while (q !== -1) {
    let k = q - 1;
    while (k >= from && bytes[k] === BACKSLASH) {
      k--;
    }
    if (((q - 1 - k) & 1) === 0) {
      return q;
    }
    q = bytes.indexOf(QUOTE, q + 1);
  }
  return bytes.length;
}

/** The last index at or before `end` that does not split a UTF-8 character. */
function charBoundary(bytes: Buffer, start: number, end: number): number {
  let e = Math.min(end, bytes.length);
  while (e > start && ((bytes[e] as number) & 0xc0) === 0x80) {
    e--;
  }
  return e;
}
