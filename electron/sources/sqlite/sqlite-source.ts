import path from 'node:path';
import type { PageResult, RowDetail, ValueCounts } from '../../../shared/api/contract';
import { AuditlensError } from '../../../shared/api/result';
import type { Catalog, RowCount, SourceInfo, TableInfo } from '../../../shared/model/catalog';
import { tableLabel } from '../../../shared/model/catalog';
import type { CellValue } from '../../../shared/model/values';
import { sqliteDialect as d } from '../../../shared/query/dialect';
import type { Plan, PlanCondition } from '../../../shared/query/plan';
import { tiebreaker } from '../../../shared/query/plan';
import {
  compileCappedCount, compileCount, compileRowsOf, compileExport, compilePage, compileRowByKey, compileValueCounts, fromClause, orderClause, selectColumn, uniqueKeyPositions,
} from '../../../shared/query/sql';
import type { SqlText, ValueOrder } from '../../../shared/query/sql';
import { AnchorCache } from '../anchor-cache';
import { withCatalogOrClose } from '../checked-open';
import { countTables } from '../count-tables';
import type { ConsoleRequest, ConsoleRows, Source, SourceExportRequest } from '../source';
import type { SpawnWorker } from '../../workers/worker-process';
import { WorkerHost } from '../../workers/worker-host';
import { decodeKeyCell } from './cell-encoding';
import { sniffSqliteFile } from './sniff';
import type { PrivateCopy } from './wal-open';
import { makePrivateCopy, planWalOpen, readWalFacts, sweepStaleWalCopies, walNote, type WalNote } from './wal-open';
import type { ExportWireOptions, WorkerPage, WorkerRequest } from './worker-protocol';

/** True when a condition (or one inside an OR) reads another relation: the counts that may run long. */
function hasSemiJoin(conditions: readonly PlanCondition[]): boolean {
  return conditions.some((c) => c.kind === 'exists' || (c.kind === 'anyOf' && hasSemiJoin(c.conditions)));
}

/** Characters of a text cell sent with a page; the detail panel fetches the whole value. */
const PAGE_TEXT = 2_000;
/** Characters of a text cell in the detail panel. */
const DETAIL_TEXT = 1_000_000;
/** How long SQLite waits for another program's lock before reporting the store as locked. */
const BUSY_MS = 1_500;
/** The worker's name in errors: "The SQLite worker stopped unexpectedly". */
const WORKER_NAME = 'SQLite worker';

/** Where the compiled worker script lives, next to the compiled main process code. */
export interface SqliteSourceDeps {
  readonly spawn: SpawnWorker;
  readonly workerScript: string;
  /** Exports run at background CPU priority: the app's window must stay responsive; the CLI wants full speed. */
  readonly backgroundExports?: boolean;
}

/**
 * A SQLite file opened read-only in two worker processes: one for what the user is waiting on
 * (pages, rows, the catalog) and one for slow background work (counts, value lists), so a long
 * count never delays scrolling. Exports get a process of their own.
 */
export class SqliteSource implements Source {
  public readonly info: SourceInfo;
  public readonly dialect = d;
  private readonly fast: WorkerHost<WorkerRequest>;
  private readonly slow: WorkerHost<WorkerRequest>;
  private readonly anchors = new AnchorCache();
  private catalogCache: Catalog | null = null;
  /** A started export worker waiting for the next export (warmExport). */
  private standby: WorkerHost<WorkerRequest> | null = null;
  /** The SQL console's process, started on its first statement: a kill on cancel or time-out leaves pages alone. */
  private consoleHost: WorkerHost<WorkerRequest> | null = null;

  /**
   * `readPath` is what the workers open: the store itself, or its private copy (wal-open.ts),
   * which `close` removes; `note` says so in the catalog's problems.
   */
  private constructor(
    filePath: string,
    private readonly readPath: string,
    private readonly copy: PrivateCopy | null,
    private readonly note: WalNote | null,
    private readonly deps: SqliteSourceDeps,
  ) {
    this.info = { kind: 'sqlite', location: filePath, title: path.basename(filePath) };
    const setup = { op: 'open', path: readPath, shownAs: filePath, busyTimeoutMs: BUSY_MS } as const;
    this.fast = new WorkerHost<WorkerRequest>({ spawn: deps.spawn, script: deps.workerScript, setup, name: WORKER_NAME });
    this.slow = new WorkerHost<WorkerRequest>({ spawn: deps.spawn, script: deps.workerScript, setup, name: WORKER_NAME });
  }

  /** Sniffs the file, opens it read-only and reads its catalog, or throws a typed error. */
  public static async open(filePath: string, deps: SqliteSourceDeps, options: { readonly warmExport?: boolean } = {}): Promise<SqliteSource> {
    const abs = path.resolve(filePath);
    const facts = sniffSqliteFile(abs);
    let copy: PrivateCopy | null = null;
    let note: WalNote | null = null;
    if (facts.wal) {
      sweepStaleWalCopies();
      const plan = planWalOpen(readWalFacts(abs, true), abs);
      copy = plan.kind === 'copy' ? await makePrivateCopy(abs) : null;
      note = walNote(plan, copy);
    }
    const source = new SqliteSource(abs, copy?.path ?? abs, copy, note, deps);
    if (options.warmExport === true) {
      source.warmExport();
    }
    return withCatalogOrClose(source);
  }

  /** Starts the next export's worker now: a process start is a third of a small export's time (bench). */
  public warmExport(): void {
    if (!this.standby) {
      this.standby = this.exportHost();
      this.standby.warm();
    }
  }

  /** A process for one export; it starts the export's threads as soon as it opens the store. */
  private exportHost(): WorkerHost<WorkerRequest> {
    const setup = { op: 'open', path: this.readPath, shownAs: this.info.location, busyTimeoutMs: BUSY_MS, exportThreads: true, background: this.deps.backgroundExports === true } as const;
    return new WorkerHost<WorkerRequest>({ spawn: this.deps.spawn, script: this.deps.workerScript, setup, name: WORKER_NAME, timeoutMs: 24 * 3_600_000 });
  }

  public async catalog(): Promise<Catalog> {
    if (!this.catalogCache) {
      // A started export worker reads it when there is one (the CLI): one process start fewer.
      const tables = await (this.standby ?? this.fast).request<TableInfo[]>({ op: 'catalog' });
      this.catalogCache = { source: this.info, tables, problems: this.note === null ? [] : [{ path: this.info.location, ...this.note }] };
    }
    return this.catalogCache;
  }

  public async rowCounts(budgetMs: number, signal?: AbortSignal): Promise<Record<string, RowCount | null>> {
    return countTables(await this.catalog(), (plan, budget, sig) => this.count(plan, budget, sig), budgetMs, signal);
  }

  public async page(plan: Plan, startRow: number, limit: number, signal?: AbortSignal): Promise<PageResult> {
    const started = performance.now();
    const seek = this.anchors.seek(plan, startRow);
    const sql = compilePage(plan, d, { after: seek.after, offset: seek.offset, limit });
    const res = await this.fast.request<WorkerPage>(
      { op: 'page', sql: sql.sql, params: sql.params, width: plan.columns.length, keyPositions: uniqueKeyPositions(plan), maxText: PAGE_TEXT },
      { signal },
    );
    if (res.lastKey) {
      this.anchors.remember(plan, startRow + res.rows.length, res.lastKey);
    }
    return {
      columns: plan.columns.map((c) => c.name),
      rows: res.rows as CellValue[][],
      keys: res.keys as CellValue[][],
      lastRow: res.rows.length < limit ? startRow + res.rows.length : null,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  public async count(plan: Plan, budgetMs: number, signal?: AbortSignal): Promise<RowCount> {
    const tb = tiebreaker(plan.table);
    const rowid = tb[0];
    if (plan.table.keyset === 'rowid' && rowid && rowid.expr.kind === 'rowid') {
      const sql = compileCount(plan, d, { keyExpr: rowid.expr.name });
      return this.slow.request<RowCount>(
        { op: 'countByRanges', sql: sql.sql, params: sql.params, budgetMs, table: fromClause(plan, d), rowidName: rowid.expr.name },
        { signal, timeoutMs: budgetMs + 10_000 },
      );
    }
    if (hasSemiJoin(plan.conditions ?? [])) {
      // A semi-join into the steps can make one count(*) outlast any budget; stepping can stop.
      const rows = compileRowsOf(plan, d);
      return this.slow.request<RowCount>({ op: 'boundedCount', sql: rows.sql, params: rows.params, budgetMs }, { signal, timeoutMs: budgetMs + 10_000 });
    }
    const caps = [10_000, 100_000, 1_000_000, 10_000_000, 100_000_000].map((cap) => ({ ...compileCappedCount(plan, d, cap), cap }));
    return this.slow.request<RowCount>({ op: 'cappedCount', sqlFor: caps, budgetMs }, { signal, timeoutMs: budgetMs + 10_000 });
  }

  public async values(plan: Plan, column: string, limit: number, order: ValueOrder = 'count'): Promise<ValueCounts> {
    const sql = compileValueCounts(plan, column, d, limit, order);
    const rows = await this.slow.request<CellValue[][]>({ op: 'rows', sql: sql.sql, params: sql.params, maxRows: limit + 1, maxText: 200 }, { timeoutMs: 5_000 });
    return {
      values: rows.slice(0, limit).map((r) => ({ value: r[0] ?? null, count: Number(r[1] ?? 0) })),
      complete: rows.length <= limit,
    };
  }

  public async row(plan: Plan, key: readonly CellValue[]): Promise<RowDetail> {
    if (!plan.keyset) {
      throw new AuditlensError('unsupported', `Rows of the view ${tableLabel(plan.table)} have no key, so they cannot be opened one by one.`);
    }
    const sql = compileRowByKey(plan, d, key.map(decodeKeyCell));
    const rows = await this.fast.request<CellValue[][]>({ op: 'rows', sql: sql.sql, params: sql.params, maxRows: 1, maxText: DETAIL_TEXT });
    const row = rows[0];
    if (!row) {
      throw new AuditlensError('not-found', 'That row is no longer in the store.');
    }
    return { columns: plan.table.columns.map((c) => c.name), row };
  }

  public async rows(sql: SqlText, maxRows: number, signal?: AbortSignal): Promise<CellValue[][]> {
    return this.slow.request<CellValue[][]>({ op: 'rows', sql: sql.sql, params: sql.params, maxRows, maxText: PAGE_TEXT }, { timeoutMs: 30_000, signal });
  }

  public async exportCsv(r: SourceExportRequest): Promise<{ rows: number; bytes: number; sql: string; params: readonly unknown[] }> {
    const sql = compileExport(r.plan, d);
    const host = this.standby ?? this.exportHost();
    this.standby = null;
    try {
      const res = await host.request<{ rows: number; bytes: number }>(
        {
          op: 'export',
          sql: sql.sql,
          params: sql.params,
          header: r.plan.columns.map((c) => c.name),
          tmpPath: r.tmpPath,
          inPlace: r.inPlace === true,
          options: {
            safe: r.safe,
            bom: r.bom,
            delimiter: r.delimiter,
            eol: r.eol,
            time: r.time ?? 'stored',
            temporal: r.plan.columns.map((c) => c.family === 'temporal'),
            byRowid: rowidRangeQuery(r.plan),
            plain: plainSelect(sql.sql, r.plan),
          },
        },
        { signal: r.signal, onProgress: (p) => r.onProgress?.(p as { rows: number; bytes: number }) },
      );
      return { ...res, sql: sql.sql, params: sql.params };
    } finally {
      host.close();
    }
  }

  public async consoleQuery(r: ConsoleRequest, signal?: AbortSignal): Promise<ConsoleRows> {
    const setup = { op: 'open', path: this.readPath, shownAs: this.info.location, busyTimeoutMs: BUSY_MS } as const;
    this.consoleHost ??= new WorkerHost<WorkerRequest>({ spawn: this.deps.spawn, script: this.deps.workerScript, setup, name: WORKER_NAME });
    const res = await this.consoleHost.request<{ columns: string[]; rows: CellValue[][]; more: boolean }>(
      { op: 'console', sql: r.sql, startRow: r.startRow, limit: r.limit, maxText: PAGE_TEXT },
      { signal, timeoutMs: r.timeoutMs },
    );
    return res;
  }

  public async consoleExport(sql: string, r: Omit<SourceExportRequest, 'plan'>): Promise<{ rows: number; bytes: number; columns: readonly string[] }> {
    const host = this.standby ?? this.exportHost();
    this.standby = null;
    try {
      return await host.request<{ rows: number; bytes: number; columns: string[] }>(
        {
          op: 'export', console: true, sql, params: [], header: [], tmpPath: r.tmpPath, inPlace: r.inPlace === true,
          options: { safe: r.safe, bom: r.bom, delimiter: r.delimiter, eol: r.eol, time: r.time ?? 'stored', temporal: [] },
        },
        { signal: r.signal, onProgress: (p) => r.onProgress?.(p as { rows: number; bytes: number }) },
      );
    } finally {
      host.close();
    }
  }

  public async close(): Promise<void> {
    this.consoleHost?.close();
    this.fast.close();
    this.slow.close();
    this.standby?.close();
    this.standby = null;
    this.copy?.dispose();
  }
}

/** The export query's plain select list and the rest, when it starts `SELECT <the plan's columns> FROM`. */
function plainSelect(sql: string, plan: Plan): ExportWireOptions['plain'] {
  const select = selectList(plan);
  const head = `SELECT ${select} FROM `;
  return sql.startsWith(head) ? { select, rest: sql.slice(head.length - 'FROM '.length) } : undefined;
}

/**
 * For a plan ordered by rowid alone, the export query restricted to a rowid range (two parameters
 * appended), so the worker can read ranges in parallel. Built from the budgeted count's SQL, which
 * already has the filters plus that range, so the filter parameters are the export's own.
 */
function rowidRangeQuery(plan: Plan): ExportWireOptions['byRowid'] {
  const only = plan.order[0];
  // Decoded columns call Auditlens's own SQL functions, which only the worker's connection has.
  if (plan.order.length !== 1 || !only || only.expr.kind !== 'rowid' || only.desc || plan.decoded) {
    return undefined;
  }
  const count = compileCount(plan, d, { keyExpr: only.expr.name });
  const prefix = 'SELECT count(*) AS n FROM ';
  if (!count.sql.startsWith(prefix)) {
    return undefined;
  }
  const cols = selectList(plan);
  const body = count.sql.slice(prefix.length);
  return { sql: `SELECT ${cols} FROM ${body}${orderClause(plan, d)}`, from: fromClause(plan, d), rowid: only.expr.name, select: cols, body };
}

/** The plan's output columns as the export query lists them (arguments of the CSV aggregate: no aliases), in order. */
function selectList(plan: Plan): string {
  return plan.columns.map((c) => selectColumn(plan, c.name, d, false)).join(', ');
}
