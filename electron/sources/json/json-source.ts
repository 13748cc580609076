import Database from 'better-sqlite3';
import { withSqliteBinding } from '../../native/sqlite-binding';
import fs from 'node:fs';
import path from 'node:path';
import type { PageResult, RowDetail, ValueCounts } from '../../../shared/api/contract';
import type { Catalog, LoadProblem, RowCount, SourceInfo } from '../../../shared/model/catalog';
import type { CellValue } from '../../../shared/model/values';
import { sqliteDialect } from '../../../shared/query/dialect';
import type { Plan } from '../../../shared/query/plan';
import type { SqlText, ValueOrder } from '../../../shared/query/sql';
import type { ConsoleRequest, ConsoleRows, Source, SourceExportRequest } from '../source';
import type { SqliteSourceDeps } from '../sqlite/sqlite-source';
import { SqliteSource } from '../sqlite/sqlite-source';
import { ensureCache, type CacheOutcome } from '../../ingest/json/build-cache';
import { META_TABLE, PROBLEMS_TABLE } from '../../ingest/json/cache-writer';
import type { IngestProgress } from '../../ingest/json/ingest';
import { scanLocation } from '../../ingest/json/scan-files';
import type { ScanLimits } from '../../ingest/json/parse/scan-types';

/** What opening a JSON store needs: the SQLite worker (for the cache) and the app's cache folder. */
export interface JsonSourceDeps extends SqliteSourceDeps {
  readonly cacheDir: string;
  readonly onProgress?: ((p: IngestProgress) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly limits?: ScanLimits | undefined;
}

/** Problems listed in the catalog at most; the count of the rest is given in one more entry. */
const MAX_PROBLEMS = 5_000;
const HIDDEN = new Set([META_TABLE, PROBLEMS_TABLE]);

/**
 * A folder or file of JSON audit logs. Opening streams the files into a private SQLite cache (reused
 * when nothing changed, extended when files were only added) and then hands every query to a
 * SqliteSource over that cache, so views, filters and exports take the SQLite path. The JSON files
 * are only ever read.
 */
export class JsonSource implements Source {
  /** The cache is SQLite, so callers compile for SQLite. */
  public readonly dialect = sqliteDialect;
  private catalogCache: Catalog | null = null;

  private constructor(
    public readonly info: SourceInfo,
    private readonly inner: SqliteSource,
    private readonly problems: readonly LoadProblem[],
    /** How the cache was obtained this time (for tests and diagnostics). */
    public readonly cache: CacheOutcome,
  ) {}

  /** Scans `location`, builds or reuses its cache, and opens the cache read-only. */
  public static async open(location: string, deps: JsonSourceDeps): Promise<JsonSource> {
    const scan = await scanLocation(location);
    const options = { onProgress: deps.onProgress, signal: deps.signal, limits: deps.limits };
    let cache = await ensureCache(deps.cacheDir, scan, options);
    let problems: LoadProblem[];
    let inner: SqliteSource;
    try {
      problems = readProblems(cache.file, scan.root, scan.isFolder);
      inner = await SqliteSource.open(cache.file, { spawn: deps.spawn, workerScript: deps.workerScript, backgroundExports: deps.backgroundExports });
    } catch (e) {
      if (cache.how !== 'reused') {
        throw e;
      }
      // A reused cache that no longer opens (damaged on disk) is ours to throw away and rebuild.
      fs.rmSync(cache.file, { force: true });
      cache = await ensureCache(deps.cacheDir, scan, options);
      problems = readProblems(cache.file, scan.root, scan.isFolder);
      inner = await SqliteSource.open(cache.file, { spawn: deps.spawn, workerScript: deps.workerScript, backgroundExports: deps.backgroundExports });
    }
    const info: SourceInfo = { kind: 'json', location: scan.root, title: path.basename(scan.root) };
    return new JsonSource(info, inner, [...scan.problems, ...problems], cache);
  }

  /** The cache file queries run on. */
  public get cacheFile(): string {
    return this.cache.file;
  }

  public async catalog(): Promise<Catalog> {
    if (!this.catalogCache) {
      const inner = await this.inner.catalog();
      this.catalogCache = { source: this.info, tables: inner.tables.filter((t) => !HIDDEN.has(t.name)), problems: this.problems };
    }
    return this.catalogCache;
  }

  public async rowCounts(budgetMs: number, signal?: AbortSignal): Promise<Record<string, RowCount | null>> {
    const counts = await this.inner.rowCounts(budgetMs, signal);
    for (const name of HIDDEN) {
      delete counts[name];
    }
    return counts;
  }

  public page(plan: Plan, startRow: number, limit: number, signal?: AbortSignal): Promise<PageResult> {
    return this.inner.page(plan, startRow, limit, signal);
  }

  public count(plan: Plan, budgetMs: number, signal?: AbortSignal): Promise<RowCount> {
    return this.inner.count(plan, budgetMs, signal);
  }

  public values(plan: Plan, column: string, limit: number, order?: ValueOrder): Promise<ValueCounts> {
    return this.inner.values(plan, column, limit, order);
  }

  public row(plan: Plan, key: readonly CellValue[]): Promise<RowDetail> {
    return this.inner.row(plan, key);
  }

  public rows(sql: SqlText, maxRows: number, signal?: AbortSignal): Promise<CellValue[][]> {
    return this.inner.rows(sql, maxRows, signal);
  }

  /** Console statements run on the cache, like every view; its two bookkeeping tables stay readable. */
  public consoleQuery(request: ConsoleRequest, signal?: AbortSignal): Promise<ConsoleRows> {
    return this.inner.consoleQuery(request, signal);
  }

  public consoleExport(sql: string, request: Omit<SourceExportRequest, 'plan'>): Promise<{ rows: number; bytes: number; columns: readonly string[] }> {
    return this.inner.consoleExport(sql, request);
  }

  public warmExport(): void {
    this.inner.warmExport();
  }

  public exportCsv(request: SourceExportRequest): Promise<{ rows: number; bytes: number; sql: string; params: readonly unknown[] }> {
    return this.inner.exportCsv(request);
  }

  public close(): Promise<void> {
    return this.inner.close();
  }
}

/** Problems stored in the cache, as catalog entries: absolute path, then line and byte in the message. */
function readProblems(cacheFile: string, root: string, isFolder: boolean): LoadProblem[] {
  const db = new Database(cacheFile, withSqliteBinding({ readonly: true, fileMustExist: true }));
  try {
    const total = Number(db.prepare(`SELECT count(*) FROM ${PROBLEMS_TABLE}`).pluck().get());
    const rows = db.prepare(`SELECT path, offset, line, message FROM ${PROBLEMS_TABLE} ORDER BY rowid LIMIT ?`).all(MAX_PROBLEMS) as
      { path: string; offset: number | null; line: number | null; message: string }[];
    const out = rows.map((r) => ({
      path: isFolder ? path.join(root, ...r.path.split('/')) : root,
      message: `${where(r.line, r.offset)}${r.message}`,
    }));
    if (total > MAX_PROBLEMS) {
      out.push({ path: root, message: `${total - MAX_PROBLEMS} more problems are not listed` });
    }
    return out;
  } finally {
    db.close();
  }
}

function where(line: number | null, offset: number | null): string {
  if (line === null && offset === null) {
    return '';
  }
  return `${line !== null ? `line ${line}` : ''}${line !== null && offset !== null ? ', ' : ''}${offset !== null ? `byte ${offset}` : ''}: `;
}
