/**
 * The SQLite worker: a child process that owns one read-only connection. The parent compiles
 * every statement; this process only runs them, so killing it is a reliable cancel (better-sqlite3
 * cannot interrupt a running statement).
 */
import Database from 'better-sqlite3';
import os from 'node:os';
import { AuditlensError, toApiError } from '../../../shared/api/result';
import { encodeCell } from './cell-encoding';
import { consoleWindow, prepareConsoleStatement } from './console-statement';
import { exportCsv } from './export/export-csv';
import { prestartExportThreads } from './export/rowid-range-export';
import { readCatalog } from './read-catalog';
import { registerSqlFunctions } from './sql-functions';
import { withSqliteBinding } from '../../native/sqlite-binding';
import { fromSqliteError } from './sqlite-errors';
import { postToParent, serveRequests } from '../../workers/worker-port';
import type { WorkerPage, WorkerRequest } from './worker-protocol';

// SQLite reads naive local times through the C library's localtime_r. With TZ unset, glibc looks
// at /etc/localtime on every call: 10 µs a row, 0.6 s per 60k runs of a timeline. Naming the
// same zone once makes it parse the zone a single time.
process.env.TZ ??= Intl.DateTimeFormat().resolvedOptions().timeZone;

let db: Database.Database | null = null;
let dbPath = '';
/** The path errors name: the store's own, also when `dbPath` is its private copy. */
let shownPath = '';

function need(): Database.Database {
  if (!db) {
    throw new AuditlensError('internal', 'The SQLite worker has no open database.');
  }
  return db;
}

/** Busy timeout of the worker's connection, for the console's fresh ones. */
let busyMs = 0;

function open(path: string, busyTimeoutMs: number, shownAs: string | undefined): null {
  dbPath = path;
  shownPath = shownAs ?? path;
  busyMs = busyTimeoutMs;
  db = connect(path, busyTimeoutMs);
  return null;
}

/** A read-only, `query_only` connection with Auditlens's functions, checked by one read. */
function connect(path: string, busyTimeoutMs: number): Database.Database {
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
  return conn;
}

/**
 * Runs a console statement on a connection of its own, closed after it: SQLite applies flag
 * pragmas (`query_only = 0`, `writable_schema = ON`) while preparing, before any check can refuse
 * them, so nothing a user typed may outlive its statement on a connection.
 */
function onFreshConnection<T>(run: (conn: Database.Database) => T): T {
  need();
  const conn = connect(dbPath, busyMs);
  try {
    return run(conn);
  } finally {
    conn.close();
  }
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
 * Counts by stepping through the rows, looking at the clock every 1,024 of them: one count(*)
 * cannot be stopped midway, so a filter across runs and steps that runs long would hold the
 * worker past any budget. Stepping costs little next to the semi-join each row needs.
 */
function boundedCount(r: Extract<WorkerRequest, { op: 'boundedCount' }>): { value: number; exact: boolean } {
  const started = Date.now();
  let value = 0;
  for (const _row of need().prepare(r.sql).pluck(true).iterate(...r.params)) {
    value++;
    if ((value & 1023) === 0 && Date.now() - started > r.budgetMs) {
      return { value, exact: false };
    }
  }
  return { value, exact: true };
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
      const opened = open(r.path, r.busyTimeoutMs, r.shownAs);
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
    case 'console':
      return onFreshConnection((conn) => consoleWindow(conn, r));
    case 'boundedCount':
      return boundedCount(r);
    case 'export':
      if (r.console === true) {
        return consoleExport(id, r);
      }
      return exportCsv(r, { db: need(), dbPath, script: __filename, onProgress: (progress) => postToParent({ id, kind: 'progress', progress }) });
  }
}

/** Exports a console statement: SQLite checks it first, and its own columns make the header. */
function consoleExport(id: number, r: Extract<WorkerRequest, { op: 'export' }>): unknown {
  return onFreshConnection((conn) => {
    const columns = prepareConsoleStatement(conn, r.sql).columns().map((c) => c.name);
    const request = { ...r, header: columns, options: { ...r.options, temporal: columns.map(() => false), byRowid: undefined, plain: undefined } };
    const written = exportCsv(request, { db: conn, dbPath, script: __filename, onProgress: (progress) => postToParent({ id, kind: 'progress', progress }) });
    return { ...written, columns };
  });
}

/** The error naming the store's own path where it named the private copy (the export threads only know the copy). */
function asShown(e: AuditlensError): AuditlensError {
  return dbPath === shownPath || !e.message.includes(dbPath) ? e : new AuditlensError(e.code, e.message.split(dbPath).join(shownPath));
}

serveRequests<WorkerRequest>(run, (e) => toApiError(asShown(fromSqliteError(e, shownPath))));
