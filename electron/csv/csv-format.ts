/**
 * CSV text, pure: RFC 4180 quoting, safe mode (its rules are in safe-mode.ts) and the optional
 * timestamp rewrite. The row formatter is the export's hot loop, so it scans characters
 * instead of running regexes where it can and lets `Array.prototype.join` do NULLs and numbers.
 */
import { formatIso, parseTimestamp } from '../../shared/model/timestamps';
import { isFormulaLike, quoteTrigger } from './safe-mode';

/** How temporal cells are written: as stored, or as ISO 8601 in UTC or in this machine's zone. */
export type TimeMode = 'stored' | 'utc' | 'local';

/** CSV writing choices; the defaults are safe for spreadsheets and exact otherwise. */
export interface CsvOptions {
  /** Neutralise text cells a spreadsheet would run as a formula (default true). */
  readonly safe: boolean;
  readonly delimiter: ',' | ';' | '\t';
  readonly eol: '\n' | '\r\n';
}

/** Row formatting choices: the CSV options plus the timestamp rewrite. */
export interface RowFormatOptions extends CsvOptions {
  readonly time: TimeMode;
}

/** What the row formatter needs to know about each column. */
export interface CsvColumn {
  /** The column's family is 'temporal', so `time` applies to its text values. */
  readonly temporal: boolean;
}

/** The default CSV options: safe mode, comma, LF. */
export const DEFAULT_CSV: CsvOptions = { safe: true, delimiter: ',', eol: '\n' };

/** The UTF-8 byte order mark Excel needs to read UTF-8 (security-checklist §4.3). */
export const UTF8_BOM = '\uFEFF';

/** Quotes text when it holds a quote trigger, doubling inner quotes; the empty string becomes `""` so it differs from NULL. */
function quoteText(s: string, trigger: RegExp): string {
  if (s.length === 0) {
    return '""';
  }
  if (!trigger.test(s)) {
    return s;
  }
  return s.indexOf('"') < 0 ? `"${s}"` : `"${s.replaceAll('"', '""')}"`;
}

/** Writes a value that is not text, a number or NULL: blobs as `\x` + hex, dates as ISO, the rest as text. */
function otherToText(value: unknown): string {
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (value instanceof Uint8Array) {
    return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  return String(value);
}

/** Builds a cell formatter for one delimiter and mode (used for headers and one-off cells); quoting follows RFC 4180. */
export function makeCellFormatter(options: CsvOptions): (value: unknown) => string {
  const trigger = quoteTrigger(options.safe, options.delimiter);
  const safe = options.safe;
  return (value: unknown): string => {
    if (value === null || value === undefined) {
      return '';
    }
    if (typeof value === 'number' || typeof value === 'bigint') {
      return String(value);
    }
    const text = typeof value === 'string' ? value : otherToText(value);
    return quoteText(safe && isFormulaLike(text) ? `'${text}` : text, trigger);
  };
}

/** Formats one record (row or header) as a CSV line, including its line ending. */
export function formatRecord(cells: readonly unknown[], format: (v: unknown) => string, options: CsvOptions): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) {
      line += options.delimiter;
    }
    line += format(cells[i]);
  }
  return line + options.eol;
}

/**
 * Builds the export's row formatter: it formats the row's text and blob cells and joins the row
 * with the delimiter (no line ending). NULL is an empty field, numbers and bigints are
 * written exactly; `join` formats them natively, which is most of why this is fast.
 */
export function makeRowFormatter(columns: readonly CsvColumn[], options: RowFormatOptions): (row: readonly unknown[]) => string {
  const trigger = quoteTrigger(options.safe, options.delimiter);
  const safe = options.safe;
  const delimiter = options.delimiter;
  const width = columns.length;
  const convert = options.time === 'stored' ? null : columns.map((c) => c.temporal);
  const zone = options.time === 'local' ? 'local' : 'utc';
  const text = (v: string, i: number): string => {
    if (convert !== null && convert[i] === true) {
      const parsed = parseTimestamp(v);
      if (parsed !== null) {
        return formatIso(parsed, zone);
      }
    }
    if (safe && isFormulaLike(v)) {
      return quoteText(`'${v}`, trigger);
    }
    return quoteText(v, trigger);
  };
  // Cells go into an array of our own: writing strings back into the driver's row array is up to
  // 2.5x slower for some of its arrays (measured with better-sqlite3's `all()` rows).
  const cells: unknown[] = new Array<unknown>(width).fill(null);
  return (row: readonly unknown[]): string => {
    for (let i = 0; i < width; i++) {
      const v = row[i];
      if (typeof v === 'string') {
        cells[i] = text(v, i);
      } else if (v === null || typeof v === 'number' || typeof v === 'bigint') {
        cells[i] = v;
      } else {
        const t = v === undefined ? '' : otherToText(v);
        cells[i] = typeof v === 'boolean' ? t : text(t, i);
      }
    }
    return cells.join(delimiter);
  };
}
