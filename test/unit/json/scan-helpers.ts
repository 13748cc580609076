import { JsonScanner, type ScanIssue } from '../../../electron/ingest/json/parse/json-scanner';
import { decodeRecord, type DecodeResult } from '../../../electron/ingest/json/parse/record-decoder';
import { DEFAULT_LIMITS, type ScanLimits, type ScannedRecord } from '../../../electron/ingest/json/parse/scan-types';

/** A scanned record with its bytes copied out (they are only valid during the callback). */
export interface Captured extends Omit<ScannedRecord, 'bytes'> {
  readonly text: string;
  readonly decoded: DecodeResult;
}

/** Scans `input` fed in chunks of `chunk` bytes; returns records (decoded) and issues. */
export function scanAll(
  input: string | Buffer,
  options: { lines?: boolean; explode?: boolean; chunk?: number; limits?: Partial<ScanLimits> } = {},
): { records: Captured[]; issues: ScanIssue[] } {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const records: Captured[] = [];
  const issues: ScanIssue[] = [];
  const scanner = new JsonScanner(
    limits,
    { explodeTopArray: options.explode ?? !options.lines, lineRecovery: options.lines ?? false },
    (r) => records.push({ ...r, text: r.bytes.toString('utf8'), decoded: decodeRecord(r, limits.maxStringBytes) }),
    (i) => issues.push(i),
  );
  const size = options.chunk ?? buf.length;
  for (let at = 0; at < buf.length; at += Math.max(size, 1)) {
    // Copy each chunk into a reused buffer, as the ingest does, so stale views would show.
    const piece = Buffer.from(buf.subarray(at, at + Math.max(size, 1)));
    scanner.push(piece);
    piece.fill(0x7e);
  }
  scanner.end();
  return { records, issues };
}

/** The decoded values of the records that parsed. */
export function values(records: readonly Captured[]): unknown[] {
  return records.filter((r) => r.decoded.ok).map((r) => (r.decoded.ok ? r.decoded.value : null));
}
