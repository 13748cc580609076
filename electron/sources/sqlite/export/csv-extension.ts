/**
 * The native CSV functions (electron/csv/native/csv-functions.c) as the exports use them: when
 * they apply, their flags, the block query that returns one CSV blob per rowid range, and the row
 * query for other orders.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import type { RowFormatOptions } from '../../../csv/csv-format';

/** The extension's entry point, named explicitly so the file name cannot pick another. */
const CSV_EXTENSION_ENTRY = 'sqlite3_auditlenscsv_init';

/** The error the aggregate raises when SQLite hands it rows out of rowid order. */
export const CSV_OUT_OF_ORDER = 'auditlens_csv: rows out of order';

/** The parts of a rowid-ranged export query the aggregate wraps. */
export interface RowidRangeParts {
  /** The rowid's name in the table (`rowid`, `_rowid_`, `oid` or the INTEGER PRIMARY KEY). */
  readonly rowid: string;
  /** The quoted output columns, comma-separated. */
  readonly select: string;
  /** After FROM: the table, the filters and `rowid > ? AND rowid <= ?`. */
  readonly body: string;
}

/**
 * True when the aggregate writes exactly what the JS formatter would: it knows no time zones, so
 * a timestamp rewrite of a temporal column stays in JS. `AUDITLENS_NATIVE_CSV=0` turns it off (bench, tests).
 */
export function nativeCsvApplies(options: RowFormatOptions, temporal: readonly boolean[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.AUDITLENS_NATIVE_CSV === '0') {
    return false;
  }
  return options.time === 'stored' || !temporal.includes(true);
}

/** The aggregate's first argument: bit 0 safe mode, bit 1 CRLF, bits 8-15 the delimiter byte. */
export function csvAggregateFlags(options: RowFormatOptions): number {
  return (options.safe ? 1 : 0) | (options.eol === '\r\n' ? 2 : 0) | (options.delimiter.charCodeAt(0) << 8);
}

/**
 * One row: the CSV lines of a rowid range as a blob, and their count. The aggregate checks that
 * rowids grow; `ordered` asks SQLite to sort them first, for when its plan (an index on a filtered
 * column) delivered them in another order.
 */
export function csvAggregateSql(parts: RowidRangeParts, options: RowFormatOptions, ordered: boolean): string {
  const order = ordered ? ` ORDER BY ${parts.rowid}` : '';
  return `SELECT auditlens_csv(${csvAggregateFlags(options)}, ${parts.rowid}, ${parts.select}${order}), count(*) FROM ${parts.body}`;
}

/** A plain export query cut in two: its output columns and everything after them (`FROM …`). */
export interface PlainSelectParts {
  /** The quoted output columns, comma-separated: plain column references, no aliases. */
  readonly select: string;
  /** From `FROM` on: the table, filters, ORDER BY. */
  readonly rest: string;
}

/** The export query with each row's CSV line, from the scalar `auditlens_csv_row`, as its one column. */
export function csvRowSql(parts: PlainSelectParts, options: RowFormatOptions): string {
  return `SELECT auditlens_csv_row(${csvAggregateFlags(options)}, ${parts.select}) ${parts.rest}`;
}

/**
 * The extension to format an export with: its path when it was built (`file` exists; without a C
 * compiler it is not) and writes what the JS formatter would for these options; else null.
 */
export function csvExtensionFor(file: string, options: RowFormatOptions, temporal: readonly boolean[]): string | null {
  return nativeCsvApplies(options, temporal) && fs.existsSync(file) ? file : null;
}

/** Loads the extension on a connection; false when it will not load (the export then formats in JS). */
export function loadCsvExtension(db: Database.Database, file: string): boolean {
  try {
    // better-sqlite3 takes the entry point as a second argument; its type definitions omit it.
    (db as unknown as { loadExtension(path: string, entryPoint: string): void }).loadExtension(file, CSV_EXTENSION_ENTRY);
    return true;
  } catch {
    return false;
  }
}
