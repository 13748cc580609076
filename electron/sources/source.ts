import type { ValueOrder } from '../../shared/query/sql';
import type { PageResult, RowDetail, ValueCounts } from '../../shared/api/contract';
import type { Catalog, RowCount, SourceInfo } from '../../shared/model/catalog';
import type { CellValue } from '../../shared/model/values';
import type { Dialect } from '../../shared/query/dialect';
import type { Plan } from '../../shared/query/plan';
import type { SqlText } from '../../shared/query/sql';

/** Progress of a long export, reported as it streams. */
export interface ExportProgress {
  readonly rows: number;
  readonly bytes: number;
}

/** Options of a streaming CSV export into a temporary file. */
export interface SourceExportRequest {
  readonly plan: Plan;
  readonly tmpPath: string;
  /** `tmpPath` is an existing character device or FIFO: open it for writing as it is, never create, fsync or remove it. */
  readonly inPlace?: boolean | undefined;
  readonly safe: boolean;
  readonly bom: boolean;
  readonly delimiter: ',' | ';' | '\t';
  readonly eol: '\n' | '\r\n';
  /** How text in temporal columns is written (default: as stored). */
  readonly time?: 'stored' | 'utc' | 'local' | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: ExportProgress) => void) | undefined;
}

/** A statement a user typed in the SQL console, the window of its rows to return, and its time limit. */
export interface ConsoleRequest {
  readonly sql: string;
  readonly startRow: number;
  readonly limit: number;
  readonly timeoutMs: number;
}

/** The window of a console statement's rows, and whether more rows follow it. */
export interface ConsoleRows {
  readonly columns: readonly string[];
  readonly rows: CellValue[][];
  readonly more: boolean;
}

/** An open store of any kind: every view and the CLI go through this interface. */
export interface Source {
  readonly info: SourceInfo;
  /** The SQL dialect the store speaks, for callers that compile their own statements for `rows`. */
  readonly dialect: Dialect;
  catalog(): Promise<Catalog>;
  /** Row counts of every table, each bounded by `budgetMs`. */
  rowCounts(budgetMs: number, signal?: AbortSignal): Promise<Record<string, RowCount | null>>;
  page(plan: Plan, startRow: number, limit: number, signal?: AbortSignal): Promise<PageResult>;
  count(plan: Plan, budgetMs: number, signal?: AbortSignal): Promise<RowCount>;
  /** The most frequent values of a column with their counts; `order: 'newest'` lists the greatest values first (days). */
  values(plan: Plan, column: string, limit: number, order?: ValueOrder): Promise<ValueCounts>;
  row(plan: Plan, key: readonly CellValue[]): Promise<RowDetail>;
  /** Runs SQL compiled by our query code (never text from a user) and returns up to `maxRows` rows; `signal` cancels it. */
  rows(sql: SqlText, maxRows: number, signal?: AbortSignal): Promise<CellValue[][]>;
  /** Streams the plan's rows as CSV into `tmpPath` (which must not exist); returns what was written. */
  exportCsv(request: SourceExportRequest): Promise<{ rows: number; bytes: number; sql: string; params: readonly unknown[] }>;
  /**
   * Runs one statement a user typed (the SQL console) on a read-only connection of its own, within
   * its time limit; the engine refuses anything that would write, as a typed error with a sentence.
   */
  consoleQuery(request: ConsoleRequest, signal?: AbortSignal): Promise<ConsoleRows>;
  /** Streams every row of a console statement as CSV into `tmpPath`, checked the same way; returns its columns too. */
  consoleExport(sql: string, request: Omit<SourceExportRequest, 'plan'>): Promise<{ rows: number; bytes: number; columns: readonly string[] }>;
  /** Starts what the next export needs (a worker process) ahead of it, for sources that have something to start. */
  warmExport?(): void;
  close(): Promise<void>;
  /** What the login could change, for sources that have logins (Postgres); absent for files. */
  writeRisk?(): Promise<{ readonly superuser: boolean; readonly writableTables: readonly string[]; readonly powerfulRoles: readonly string[] }>;
}
