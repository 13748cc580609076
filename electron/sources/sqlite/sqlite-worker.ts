/**
 * The SQLite worker: a child process that owns one read-only connection. The parent compiles
 * every statement; this process only runs them, so killing it is a reliable cancel (better-sqlite3
 * cannot interrupt a running statement).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import { AuditlensError, toApiError } from '../../../shared/api/result';
import type { RowFormatOptions } from '../../export/csv-format';
import { UTF8_BOM, formatRecord, makeCellFormatter } from '../../export/csv-format';
import { encodeCell } from './cell-encoding';
import { readCatalog } from './read-catalog';
import { registerSqlFunctions } from './sql-functions';
import { runtimePaths } from '../../runtime-paths';
import { verifiedCsvExtension } from '../../native/csv-extension-check';
import { withSqliteBinding } from '../../native/sqlite-binding';
import { csvAggregateSql, csvExtensionFor, csvRowSql, loadCsvExtension } from './csv-extension';
import { exportByRowidRanges, prestartExportThreads } from './rowid-range-export';
import { exportSequential } from './sequential-export';
import type { NativeBlockQueries } from './rowid-range-shared';
import { fromSqliteError } from './sqlite-errors';
import { writeFully } from './write-fully';
import type { RowidRangeWire, WorkerEnvelope, WorkerExportResult, WorkerMessage, WorkerPage, WorkerRequest } from './worker-protocol';

interface ParentPort {
  on(event: 'message', cb: (e: { data: unknown }) => void): void;
  postMessage(m: unknown): void;
}

const electronPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function post(m: WorkerMessage): void {
  if (electronPort) {
    electronPort.postMessage(m);
  } else if (process.send) {
    process.send(m);
  }
}

let db: Database.Database | null = null;
let dbPath = '';

function need(): Database.Database {
  if (!db) {
    throw new AuditlensError('internal', 'The SQLite worker has no open database.');
  }
  return db;
}

function open(path: string, busyTimeoutMs: number): null {
  dbPath = path;
  const conn = new Database(path, withSqliteBinding({ readonly: true, fileMustExist: true, timeout: busyTimeoutMs }));
  try {
    // Defence in depth on top of readonly: refuse writes at the engine and distrust schema code.
    conn.pragma('query_only = ON');
    conn.pragma('trusted_schema = OFF');
    conn.prepare('SELECT count(*) FROM sqlite_schema').get();
    registerSqlFunctions(conn);
  } catch (e) {
    conn.close();
    throw e;
  }
  db = conn;
  return null;
}

function page(r: Extract<WorkerRequest, { op: 'page' }>): WorkerPage {
  const stmt = need().prepare(r.sql).raw(true).safeIntegers(true);
  const rows: unknown[][] = [];
  const keys: unknown[][] = [];
  let last: unknown[] | null = null;
  for (const raw of stmt.iterate(...r.params) as Iterable<unknown[]>) {
    rows.push(raw.slice(0, r.width).map((v) => encodeCell(v, r.maxText)));
    const k = raw.slice(r.width);
    keys.push(r.keyPositions.map((p) => encodeCell(k[p], 1_000_000)));
    last = k;
  }
  return { rows, keys, lastKey: last };
}

function rowsOf(r: Extract<WorkerRequest, { op: 'rows' }>): unknown[][] {
  const stmt = need().prepare(r.sql).raw(true).safeIntegers(true);
  const out: unknown[][] = [];
  for (const raw of stmt.iterate(...r.params) as Iterable<unknown[]>) {
    out.push(raw.map((v) => encodeCell(v, r.maxText)));
    if (out.length >= r.maxRows) {
      break;
    }
  }
  return out;
}

function scalar(r: Extract<WorkerRequest, { op: 'scalar' }>): unknown {
  const row = need().prepare(r.sql).raw(true).get(...r.params) as unknown[] | undefined;
  return row ? row[0] : null;
}

/** Counts in rowid ranges until the budget runs out, so a huge table answers "at least N" quickly. */
function countByRanges(r: Extract<WorkerRequest, { op: 'countByRanges' }>): { value: number; exact: boolean } {
  const d = need();
  // Two statements: SQLite reads a lone min() or max() from the b-tree's edge, but both at once scan.
  const lo = (d.prepare(`SELECT min(${r.rowidName}) FROM ${r.table}`).raw(true).get() as [number | null])[0];
  const hi = (d.prepare(`SELECT max(${r.rowidName}) FROM ${r.table}`).raw(true).get() as [number | null])[0];
  if (lo === null || hi === null) {
    return { value: 0, exact: true };
  }
  const stmt = d.prepare(r.sql).raw(true);
  const started = Date.now();
  let low = lo - 1;
  let step = 50_000;
  let total = 0;
  while (low < hi) {
    const high = Math.min(hi, low + step);
    const t0 = Date.now();
    const row = stmt.get(...r.params.slice(0, -2), low, high) as [number];
    total += row[0];
    low = high;
    if (low >= hi) {
      return { value: total, exact: true };
    }
    if (Date.now() - started > r.budgetMs) {
      return { value: total, exact: false };
    }
    const took = Date.now() - t0;
    step = took < 20 ? step * 4 : took > 100 ? Math.max(1_000, Math.floor(step / 2)) : step;
  }
  return { value: total, exact: true };
}

function cappedCount(r: Extract<WorkerRequest, { op: 'cappedCount' }>): { value: number; exact: boolean } {
  const started = Date.now();
  let value = 0;
  for (const step of r.sqlFor) {
    const row = need().prepare(step.sql).raw(true).get(...step.params) as [number];
    value = row[0];
    if (value < step.cap) {
      return { value, exact: true };
    }
    if (Date.now() - started > r.budgetMs) {
      return { value, exact: false };
    }
  }
  return { value, exact: false };
}


/**
 * Streams every row of the statement as CSV into `tmpPath` (or stdout for '-'), reporting
 * progress; the parent renames the file. Rowid-ordered exports of large tables run on several
 * threads (rowid-range-export.ts); everything else runs in the sequential loop below.
 */
function exportCsv(id: number, r: Extract<WorkerRequest, { op: 'export' }>): WorkerExportResult {
  const o = r.options;
  const format: RowFormatOptions = { safe: o.safe, delimiter: o.delimiter, eol: o.eol, time: o.time };
  const toStdout = r.tmpPath === '-';
  const fd = toStdout ? 1 : fs.openSync(r.tmpPath, 'wx', 0o600);
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
      post({ id, kind: 'progress', progress: { rows, bytes: written } });
    }
  };
  try {
    write(Buffer.from((o.bom ? UTF8_BOM : '') + formatRecord(r.header, makeCellFormatter(format), format), 'utf8'));
    const byRowid = o.byRowid;
    const parallel = byRowid
      ? exportByRowidRanges({
        db: need(),
        dbPath,
        busyTimeoutMs: need().pragma('busy_timeout', { simple: true }) as number,
        sql: byRowid.sql,
        params: r.params,
        from: byRowid.from,
        rowid: byRowid.rowid,
        temporal: o.temporal,
        options: format,
        native: nativeQueries(byRowid, format, o.temporal),
        script: __filename,
        fd,
        syncEveryBytes: toStdout ? 0 : 64 << 20,
        onProgress: (rows, written) => report(rows, bytes + written),
      })
      : null;
    const rowSql = parallel ? null : nativeRowSql(r, format);
    const rows = parallel
      ? parallel.rows
      : exportSequential({
        db: need(), dbPath, sql: r.sql, rowSql, params: r.params, temporal: o.temporal, options: format, write, report: (n) => report(n, bytes),
      });
    bytes += parallel ? parallel.bytes : 0;
    if (!toStdout) {
      fs.fsyncSync(fd);
    }
    return { rows, bytes, formatter: (parallel ? parallel.native : rowSql !== null) ? 'native' : 'js' };
  } catch (e) {
    if (!toStdout && process.ppid !== parent) {
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
function nativeRowSql(r: Extract<WorkerRequest, { op: 'export' }>, format: RowFormatOptions): string | null {
  const parts = r.options.plain;
  const extension = verifiedCsvExtension(csvExtensionFor(runtimePaths().csvExtension, format, r.options.temporal));
  if (!parts || !extension) {
    return null;
  }
  csvLoaded ||= loadCsvExtension(need(), extension);
  return csvLoaded ? csvRowSql(parts, format) : null;
}

/** Whether this worker's connection has the CSV extension. */
let csvLoaded = false;

/** The native aggregate's block queries when it is built and writes what JS would, else null. */
function nativeQueries(byRowid: RowidRangeWire, format: RowFormatOptions, temporal: readonly boolean[]): NativeBlockQueries | null {
  const extension = verifiedCsvExtension(csvExtensionFor(runtimePaths().csvExtension, format, temporal));
  if (!extension) {
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

/** Niceness of an app export: the kernel then gives the window about ten times its share of a busy core. */
const BACKGROUND_NICE = 10;

/**
 * Lowers this process's CPU priority before its export threads start (Linux threads inherit it
 * from the thread that creates them). An export keeps both cores of a 2-core machine busy; at
 * equal priority the renderer's 20 ms tasks took 70–170 ms of wall time (Chromium trace).
 */
function lowerPriority(): void {
  try {
    os.setPriority(BACKGROUND_NICE);
  } catch {
    // Not allowed here (some sandboxes): the export runs at normal priority.
  }
}

function run(id: number, r: WorkerRequest): unknown {
  switch (r.op) {
    case 'open': {
      if (r.background === true) {
        lowerPriority();
      }
      const opened = open(r.path, r.busyTimeoutMs);
      // After the open, so a store that cannot be opened starts no threads; they boot in the
      // background while the export is planned.
      if (r.exportThreads === true) {
        prestartExportThreads(__filename);
      }
      return opened;
    }
    case 'catalog':
      return readCatalog(need());
    case 'page':
      return page(r);
    case 'rows':
      return rowsOf(r);
    case 'scalar':
      return scalar(r);
    case 'countByRanges':
      return countByRanges(r);
    case 'cappedCount':
      return cappedCount(r);
    case 'export':
      return exportCsv(id, r);
  }
}

function onMessage(data: unknown): void {
  const env = data as WorkerEnvelope;
  try {
    post({ id: env.id, kind: 'result', value: run(env.id, env.request) });
  } catch (e) {
    post({ id: env.id, kind: 'error', error: toApiError(fromSqliteError(e, dbPath)) });
  }
}

if (electronPort) {
  electronPort.on('message', (e) => onMessage(e.data));
} else {
  process.on('message', onMessage);
  process.on('disconnect', () => process.exit(0));
}
post({ id: 0, kind: 'ready' });
