/**
 * The single-threaded export loop, for rows in another order than the rowid's (a sorted view):
 * rows come one by one in the query's order, formatted by the native `auditlens_csv_row` where
 * the CSV extension is loaded, else by the JS row formatter. Both write the same bytes.
 */
import type Database from 'better-sqlite3';
import { AuditlensError } from '../../../../shared/api/result';
import type { RowFormatOptions } from '../../../csv/csv-format';
import { makeRowFormatter } from '../../../csv/csv-format';
import { fromSqliteError } from '../sqlite-errors';

/** Bytes (native) or characters (JS) of CSV gathered before one write (about 1 MiB). */
const CHUNK = 1 << 20;

/** One export's query and where its bytes go. */
export interface SequentialJob {
  readonly db: Database.Database;
  readonly dbPath: string;
  /** The export query, and its variant that selects each row's CSV line instead (null: JS formats). */
  readonly sql: string;
  readonly rowSql: string | null;
  readonly params: readonly unknown[];
  readonly temporal: readonly boolean[];
  readonly options: RowFormatOptions;
  readonly write: (buf: Buffer) => void;
  /** Called after each write with the rows written so far; it may throw to stop the export. */
  readonly report: (rows: number) => void;
}

/** Streams every row as CSV through `write`; returns the row count, or throws naming the row reached. */
export function exportSequential(job: SequentialJob): number {
  let rows = 0;
  try {
    rows = job.rowSql === null ? jsLoop(job, (n) => (rows = n)) : nativeLoop(job, job.rowSql, (n) => (rows = n));
  } catch (e) {
    if (e instanceof AuditlensError) {
      throw e;
    }
    const inner = fromSqliteError(e, job.dbPath);
    throw new AuditlensError(inner.code, `${inner.message} The export stopped after ${rows.toLocaleString('en-US')} rows; no file was written.`);
  }
  return rows;
}

/** Lines from `auditlens_csv_row`, one per row, joined into about 1 Mi characters per write. */
function nativeLoop(job: SequentialJob, rowSql: string, counted: (rows: number) => void): number {
  const stmt = job.db.prepare(rowSql).pluck(true);
  let rows = 0;
  let lines: string[] = [];
  let chars = 0;
  for (const line of stmt.iterate(...job.params) as Iterable<string>) {
    lines.push(line);
    chars += line.length;
    counted(++rows);
    if (chars >= CHUNK) {
      job.write(Buffer.from(lines.join(''), 'utf8'));
      lines = [];
      chars = 0;
      job.report(rows);
    }
  }
  if (lines.length > 0) {
    job.write(Buffer.from(lines.join(''), 'utf8'));
  }
  return rows;
}

/** Rows formatted in JS: about 1 Mi characters of lines joined, encoded once and written. */
function jsLoop(job: SequentialJob, counted: (rows: number) => void): number {
  const stmt = job.db.prepare(job.sql).raw(true).safeIntegers(true);
  const format = makeRowFormatter(job.temporal.map((temporal) => ({ temporal })), job.options);
  const eol = job.options.eol;
  let rows = 0;
  let lines: string[] = [];
  let chars = 0;
  const flush = (): void => {
    if (lines.length > 0) {
      job.write(Buffer.from(lines.join(eol) + eol, 'utf8'));
      lines = [];
      chars = 0;
    }
  };
  for (const raw of stmt.iterate(...job.params) as Iterable<unknown[]>) {
    const line = format(raw);
    lines.push(line);
    chars += line.length;
    counted(++rows);
    if (chars >= CHUNK) {
      flush();
      job.report(rows);
    }
  }
  flush();
  return rows;
}
