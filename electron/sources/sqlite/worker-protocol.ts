/** Requests the SQLite worker process understands; SQL is compiled in the parent, never in the worker. */
export type WorkerRequest =
  /**
   * `exportThreads`: this process runs one export; start its threads while the rest is set up.
   * `background`: run it at background CPU priority, so the app's window keeps the CPU it needs.
   */
  /** `shownAs`: the store's own path for messages when `path` is its private copy (wal-open.ts). */
  | { readonly op: 'open'; readonly path: string; readonly shownAs?: string; readonly busyTimeoutMs: number; readonly exportThreads?: boolean; readonly background?: boolean }
  | { readonly op: 'catalog' }
  | {
      readonly op: 'page';
      readonly sql: string;
      readonly params: readonly unknown[];
      /** Number of leading columns that are shown; the rest are order keys. */
      readonly width: number;
      /** Positions (among the order keys) of the unique key's values, reported per row. */
      readonly keyPositions: readonly number[];
      readonly maxText: number;
    }
  | { readonly op: 'rows'; readonly sql: string; readonly params: readonly unknown[]; readonly maxRows: number; readonly maxText: number }
  | { readonly op: 'scalar'; readonly sql: string; readonly params: readonly unknown[] }
  /** A statement a user typed in the SQL console: checked by SQLite, then a window of its rows. */
  | { readonly op: 'console'; readonly sql: string; readonly startRow: number; readonly limit: number; readonly maxText: number }
  | {
      readonly op: 'countByRanges';
      /** A count whose last two params are the exclusive low and inclusive high rowid. */
      readonly sql: string;
      readonly params: readonly unknown[];
      readonly budgetMs: number;
      readonly table: string;
      readonly rowidName: string;
    }
  | { readonly op: 'cappedCount'; readonly sqlFor: readonly { readonly sql: string; readonly params: readonly unknown[]; readonly cap: number }[]; readonly budgetMs: number }
  /** Counts the rows of a `SELECT 1 …` one by one, stopping at the budget with "at least N". */
  | { readonly op: 'boundedCount'; readonly sql: string; readonly params: readonly unknown[]; readonly budgetMs: number }
  | {
      readonly op: 'export';
      readonly sql: string;
      readonly params: readonly unknown[];
      readonly header: readonly string[];
      readonly tmpPath: string;
      /** An existing character device or FIFO, written in place (see SourceExportRequest.inPlace). */
      readonly inPlace?: boolean | undefined;
      readonly options: ExportWireOptions;
      /** The SQL is a console statement a user typed: checked like `console`, header from its columns. */
      readonly console?: boolean | undefined;
    };

/** CSV options as they travel to the worker. */
export interface ExportWireOptions {
  readonly safe: boolean;
  readonly bom: boolean;
  readonly delimiter: ',' | ';' | '\t';
  readonly eol: '\n' | '\r\n';
  /** How text in temporal columns is written: as stored, or as ISO 8601 in UTC or local time. */
  readonly time: 'stored' | 'utc' | 'local';
  /** Per exported column, in order: true when its family is 'temporal'. */
  readonly temporal: readonly boolean[];
  /**
   * Set when the rows come in rowid order: the same query with `rowid > ? AND rowid <= ?` added
   * (two parameters after the request's), so the worker may read disjoint rowid ranges in parallel.
   */
  readonly byRowid?: RowidRangeWire | undefined;
  /**
   * Set when the query is `SELECT <plain columns> FROM …`: its select list and the rest, so the
   * native `auditlens_csv_row` can stand in for the columns in other orders than the rowid's.
   */
  readonly plain?: { readonly select: string; readonly rest: string } | undefined;
}

/** What an export reports: rows and bytes written, and whether the native CSV aggregate formatted them. */
export interface WorkerExportResult {
  readonly rows: number;
  readonly bytes: number;
  readonly formatter: 'native' | 'js';
}

/** The rowid-ordered export query, whole and in parts (the native CSV aggregate wraps the parts). */
export interface RowidRangeWire {
  readonly sql: string;
  readonly from: string;
  readonly rowid: string;
  /** The quoted output columns, in order. */
  readonly select: string;
  /** Everything after `FROM` up to the ORDER BY: the table, the filters and the rowid range. */
  readonly body: string;
}

/** What a page request returns. */
export interface WorkerPage {
  readonly rows: unknown[][];
  readonly keys: unknown[][];
  /** Raw order-key values of the last row (bigints intact), for continuing after it. */
  readonly lastKey: readonly unknown[] | null;
}
