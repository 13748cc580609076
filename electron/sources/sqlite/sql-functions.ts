import type { Database } from 'better-sqlite3';
import zlib from 'node:zlib';
import { ddeutilStatus } from '../../../shared/model/ddeutil-status';

/** Largest inflated document we decode: a zip bomb in an audit blob must not exhaust memory. */
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

/** True when the bytes start with a zlib header (0x78 then a valid check byte). */
export function isZlib(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x78 && ((b[0] << 8) | (b[1] ?? 0)) % 31 === 0;
}

/** Inflates a zlib blob to UTF-8 text, or null when it is not zlib, too large or damaged. */
export function inflateText(v: unknown): string | null {
  if (!(v instanceof Uint8Array) || !isZlib(v)) {
    return typeof v === 'string' ? v : null;
  }
  try {
    return zlib.inflateSync(v, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * Registers Auditlens's own read-only SQL functions on a connection: `auditlens_inflate(blob)`
 * (ddeutil-workflow stores contexts as zlib JSON) and `auditlens_ddeutil_status(blob)`.
 * They read their argument only; none can touch the database.
 */
export function registerSqlFunctions(db: Database): void {
  db.function('auditlens_inflate', { deterministic: true }, (v: unknown) => inflateText(v));
  db.function('auditlens_ddeutil_status', { deterministic: true }, (v: unknown) => {
    const text = inflateText(v);
    if (text === null) {
      return null;
    }
    try {
      return ddeutilStatus(JSON.parse(text));
    } catch {
      return null;
    }
  });
}
