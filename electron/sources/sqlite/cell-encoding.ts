import type { CellValue } from '../../../shared/model/values';

/** Bytes of a blob shown as hex in the grid; the rest is summarised by its size. */
const BLOB_PREVIEW = 32;

/**
 * Turns a raw SQLite value into a transport-safe cell: integers beyond 2^53 keep every digit as
 * text, blobs become a short hex preview, text beyond `maxText` characters is cut with its size.
 */
export function encodeCell(v: unknown, maxText: number): CellValue {
  if (v === null || v === undefined) {
    return null;
  }
  if (typeof v === 'bigint') {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : { t: 'int', v: v.toString() };
  }
  if (typeof v === 'number') {
    return Number.isFinite(v) ? v : String(v);
  }
  if (typeof v === 'string') {
    return v.length > maxText ? { t: 'truncated', v: v.slice(0, maxText), size: v.length } : v;
  }
  if (typeof v === 'boolean') {
    return v;
  }
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) {
    const b = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    return { t: 'blob', hex: b.subarray(0, BLOB_PREVIEW).toString('hex'), size: b.length };
  }
  // better-sqlite3 returns nothing else; anything new is shown as JSON rather than "[object Object]".
  return JSON.stringify(v) ?? '';
}

/** Turns a cell sent back by the renderer (e.g. a row key) into a value SQLite can bind. */
export function decodeKeyCell(c: CellValue): unknown {
  if (c !== null && typeof c === 'object') {
    if (c.t === 'int') {
      return BigInt(c.v);
    }
    throw new Error('Only numbers and text can identify a row.');
  }
  if (typeof c === 'boolean') {
    return c ? 1 : 0;
  }
  return c;
}
