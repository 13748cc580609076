/** Limits the scanner enforces on every record. */
export interface ScanLimits {
  /** Deepest nesting allowed; deeper records are skipped with a problem, never recursed into. */
  readonly maxDepth: number;
  /** Longest string value in bytes; longer ones keep their first bytes and get a problem entry. */
  readonly maxStringBytes: number;
  /** Largest record in bytes; larger ones are skipped with a problem entry. */
  readonly maxRecordBytes: number;
}

/** Limits used unless a caller passes its own (64 levels as proposed in security-checklist §5.1). */
export const DEFAULT_LIMITS: ScanLimits = {
  maxDepth: 64,
  maxStringBytes: 16 * 1024 * 1024,
  maxRecordBytes: 256 * 1024 * 1024,
};

/** Bits of `ScannedRecord.flags`: what the record needs beyond a plain `JSON.parse`. */
export const ScanFlag = {
  /** A key had escapes, was long, or two keys hashed alike: check keys exactly. */
  CheckKeys: 1,
  /** A `\u` escape: look for lone surrogates after parsing. */
  UnicodeEscape: 2,
  /** A number a double cannot hold exactly. */
  LossyNumber: 4,
  /** A key named `__proto__`. */
  ProtoKey: 8,
  /** A string longer than the cap lost its tail. */
  TruncatedString: 16,
} as const;

/** Something the scanner noticed inside one record, placed by file offset and line. */
export type ScanNote =
  | { readonly kind: 'proto'; readonly offset: number; readonly line: number }
  | { readonly kind: 'truncated'; readonly offset: number; readonly line: number; readonly size: number }
  /** Where a long string was cut, as offsets into the record's bytes. */
  | { readonly kind: 'cut'; readonly relStart: number; readonly relEnd: number }
  | { readonly kind: 'number'; readonly offset: number; readonly line: number; readonly relStart: number; readonly text: string };

/** One complete top-level value (or element of a top-level array) and where it came from. */
export interface ScannedRecord {
  /** The record's bytes; only valid during the callback that receives it. */
  readonly bytes: Buffer;
  readonly offset: number;
  readonly line: number;
  /** 0-based position among the file's records, counting those skipped for size or depth. */
  readonly index: number;
  readonly flags: number;
  readonly notes: readonly ScanNote[];
}
