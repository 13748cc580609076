/**
 * The SQLite worker's export request: the header, then the rows through the parallel rowid-range
 * export or the sequential loop, each formatted by the native CSV functions where they apply and
 * are built, else by the JS row formatter. Runs inside the worker process (sqlite-worker.ts).
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import { AuditlensError } from '../../../../shared/api/result';
import type { RowFormatOptions } from '../../../csv/csv-format';
import { UTF8_BOM, formatRecord, makeCellFormatter } from '../../../csv/csv-format';
import { runtimePaths } from '../../../runtime-paths';
import type { RowidRangeWire, WorkerExportResult, WorkerRequest } from '../worker-protocol';
import { verifiedCsvExtension } from '../../../native/csv-extension-check';
import { csvAggregateSql, csvExtensionFor, csvRowSql, loadCsvExtension } from './csv-extension';
import { exportByRowidRanges } from './rowid-range-export';
import type { NativeBlockQueries } from './rowid-range-shared';
import { exportSequential } from './sequential-export';
import { writeFully } from './write-fully';

/** The worker's connection, the script its export threads run, and where progress goes. */
export interface ExportContext {
  readonly db: Database.Database;
  readonly dbPath: string;
  /** The worker bundle's own file: the export threads run it again (rowid-range-export.ts). */
  readonly script: string;
  readonly onProgress: (progress: { readonly rows: number; readonly bytes: number }) => void;
}

/**
 * Streams every row of the statement as CSV into `tmpPath` (or stdout for '-'), reporting
 * progress; the parent renames the file. Rowid-ordered exports of large tables run on several
 * threads (rowid-range-export.ts); everything else runs in the sequential loop (sequential-export.ts).
 */
export function exportCsv(r: Extract<WorkerRequest, { op: 'export' }>, ctx: ExportContext): WorkerExportResult {
  const o = r.options;
  const format: RowFormatOptions = { safe: o.safe, delimiter: o.delimiter, eol: o.eol, time: o.time };
  const toStdout = r.tmpPath === '-';
  // A device or FIFO is opened as it is (no create, no truncate) and, like stdout, never fsynced or removed.
  const streaming = toStdout || r.inPlace === true;
  const fd = toStdout ? 1 : fs.openSync(r.tmpPath, r.inPlace === true ? fs.constants.O_WRONLY : 'wx', 0o600);
  let bytes = 0;
  let lastReport = Date.now();
  const write = (buf: Buffer): void => {
    writeAllSync(fd, buf);
    bytes += buf.length;
  };
  const parent = process.ppid;
  const report = (rows: number, written: number): void => {
    // A killed parent cannot rename or clean up, and this loop never yields to notice the closed
    // channel, so check for re-parenting once per chunk and stop instead of writing on for nothing.
    if (process.ppid !== parent) {
      throw new AuditlensError('cancelled', 'The program that started the export has ended; the export stopped.');
    }
    const now = Date.now();
    if (now - lastReport > 200) {
      lastReport = now;
      ctx.onProgress({ rows, bytes: written });
    }
  };
  try {
    write(Buffer.from((o.bom ? UTF8_BOM : '') + formatRecord(r.header, makeCellFormatter(format), format), 'utf8'));
    const byRowid = o.byRowid;
    const parallel = byRowid
      ? exportByRowidRanges({
        db: ctx.db,
        dbPath: ctx.dbPath,
        busyTimeoutMs: ctx.db.pragma('busy_timeout', { simple: true }) as number,
        sql: byRowid.sql,
        params: r.params,
        from: byRowid.from,
        rowid: byRowid.rowid,
        temporal: o.temporal,
        options: format,
        native: nativeQueries(byRowid, format, o.temporal),
        script: ctx.script,
        fd,
        syncEveryBytes: streaming ? 0 : 64 << 20,
        onProgress: (rows, written) => report(rows, bytes + written),
      })
      : null;
    const rowSql = parallel ? null : nativeRowSql(ctx.db, r, format);
    const rows = parallel
      ? parallel.rows
      : exportSequential({
        db: ctx.db, dbPath: ctx.dbPath, sql: r.sql, rowSql, params: r.params, temporal: o.temporal, options: format, write, report: (n) => report(n, bytes),
      });
    bytes += parallel ? parallel.bytes : 0;
    if (!streaming) {
      fs.fsyncSync(fd);
    }
    return { rows, bytes, formatter: (parallel ? parallel.native : rowSql !== null) ? 'native' : 'js' };
  } catch (e) {
    if (!streaming && process.ppid !== parent) {
      fs.rmSync(r.tmpPath, { force: true });
    }
    throw e;
  } finally {
    if (!toStdout) {
      fs.closeSync(fd);
    }
  }
}

/**
 * The export query selecting each row's CSV line from the native `auditlens_csv_row`, once the
 * extension is loaded on this worker's connection; null when it does not apply or will not load.
 */
function nativeRowSql(db: Database.Database, r: Extract<WorkerRequest, { op: 'export' }>, format: RowFormatOptions): string | null {
  const parts = r.options.plain;
  const extension = verifiedCsvExtension(csvExtensionFor(runtimePaths().csvExtension, format, r.options.temporal));
  if (!parts || !extension || !nativeFits(r.header.length)) {
    return null;
  }
  csvLoaded ||= loadCsvExtension(db, extension);
  return csvLoaded ? csvRowSql(parts, format) : null;
}

/** SQLite's limit on a function's arguments (SQLITE_MAX_FUNCTION_ARG in our builds). */
const SQLITE_MAX_FUNCTION_ARG = 1_000;

/**
 * True when a row of `columns` values fits one call of the native functions (flags, rowid, then
 * each column). Wider exports use the JS formatter, chosen before the header is written, so a
 * 1,000-column table exports instead of failing after its header.
 */
export function nativeFits(columns: number): boolean {
  return columns + 2 <= SQLITE_MAX_FUNCTION_ARG;
}

/** Whether this worker's connection has the CSV extension (one connection per worker process). */
let csvLoaded = false;

/** The native aggregate's block queries when it is built and writes what JS would, else null. */
function nativeQueries(byRowid: RowidRangeWire, format: RowFormatOptions, temporal: readonly boolean[]): NativeBlockQueries | null {
  const extension = verifiedCsvExtension(csvExtensionFor(runtimePaths().csvExtension, format, temporal));
  if (!extension || !nativeFits(temporal.length)) {
    return null;
  }
  return { extension, sql: csvAggregateSql(byRowid, format, false), orderedSql: csvAggregateSql(byRowid, format, true) };
}

/** writeFully, with a closed pipe (`| head`) reported as the reader's cancel. */
function writeAllSync(fd: number, buf: Buffer): void {
  try {
    writeFully(fd, buf);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') {
      throw new AuditlensError('cancelled', 'The program reading the output closed it before the export finished.');
    }
    throw e;
  }
}
