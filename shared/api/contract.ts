import { z } from 'zod';
import type { Catalog, RowCount, SourceInfo } from '../model/catalog';
import type { ComparedStep } from '../model/compare-runs';
import type { LineageGraph, LineageNodeMatch, LineageRuns } from '../model/lineage-graph';
import type { TimelineResult } from '../model/timeline';
import type { CellValue, Row } from '../model/values';
import type { ApiError } from './result';
import { mappingSchema } from '../model/mapping';
import { TLS_FILE_KINDS, pgConnectSchema } from '../model/pg-connection';
import type { Settings } from '../model/settings';
import { settingsPatchSchema } from '../model/settings';
import { cellValueSchema, isoInstantSchema, lineageRequestSchema, tableQuerySchema, tableRefSchema, timelineRequestSchema, viewQuerySchema } from '../model/view-request';

/** A call's input schema (checked at runtime on every transport) and its result type (compile time only). */
export interface CallSpec<I extends z.ZodType, R> {
  readonly input: I;
  /** Phantom field that carries the result type; never set at runtime. */
  readonly result?: R;
}

function call<R>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, R> => ({ input });
}

const storeId = z.string().min(1).max(200);
const requestId = z.string().min(1).max(200);

/** A cell value as sent back by the renderer (defined with the view requests that carry it). */
export { cellValueSchema };

/** A TLS file chosen in the OS dialog: the ticket the connection form sends, and the name it shows. */
export interface PickedTlsFile {
  readonly ticket: string;
  readonly name: string;
}

/** Where Auditlens runs and what it can offer there. */
export interface AppInfo {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  /** True when the OS file dialog is available (Electron); browser mode asks for a path instead. */
  readonly canPickFiles: boolean;
  /** A store opened at launch (`npm start -- STORE`, `auditlens serve STORE`): show it at once. */
  readonly initialStore: StoreSummary | null;
}

/** A store the user opened before, identified so the renderer never sends raw paths back. */
export interface RecentStore {
  readonly id: string;
  readonly title: string;
  readonly location: string;
  readonly kind: SourceInfo['kind'];
  readonly openedAt: string;
}

/** How far opening a store has come (a JSON folder being read into its cache). */
export interface OpenProgress {
  readonly phase: 'reading' | 'indexing';
  readonly files: number;
  readonly filesTotal: number;
  readonly records: number;
  readonly bytes: number;
  readonly bytesTotal: number;
}

/** An open store. */
export interface StoreSummary {
  readonly storeId: string;
  readonly source: SourceInfo;
  readonly tableCount: number;
  /** Set when the login could change the store (Postgres superuser or write grants): shown as a warning. */
  readonly writeWarning?: string | null;
}

/** What "test connection" learned, without opening the store in the app. */
export interface PgTestResult {
  readonly server: string;
  readonly user: string;
  readonly database: string;
  readonly tableCount: number;
  readonly writeWarning: string | null;
}

/** A saved Postgres connection: never its password, only whether the keychain keeps one. */
export interface SavedConnectionInfo {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly schemas: readonly string[];
  readonly hasPassword: boolean;
}

/** One page of rows, with each row's unique key for the detail panel. */
export interface PageResult {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  /** Unique key of each row (rowid or primary key values); empty arrays for views. */
  readonly keys: readonly (readonly CellValue[])[];
  /** Set when the page reached the end: the total number of matching rows. */
  readonly lastRow: number | null;
  readonly tookMs: number;
}

/** The most frequent values of a column under the current filters. */
export interface ValueCounts {
  readonly values: readonly { readonly value: CellValue; readonly count: number }[];
  /** False when the column has more distinct values than were listed. */
  readonly complete: boolean;
}

/** A whole row for the detail panel, long values included (up to a size cap). */
export interface RowDetail {
  readonly columns: readonly string[];
  readonly row: Row;
}

/** An audit format found in a store, as the format picker lists it. */
export interface FormatSummary {
  /** Identifies this occurrence (a format may appear in several schemas). */
  readonly key: string;
  readonly id: string;
  readonly title: string;
  readonly runsTable: string;
  readonly stepsTable: string | null;
  readonly timeline: boolean;
  readonly lineage: boolean;
  /** Normalised columns first, then the runs table's own columns. */
  readonly runColumns: readonly string[];
  readonly stepColumns: readonly string[];
  /**
   * Runs-view time columns whose stored text mixes styles, so sorts and ranges compare them as
   * instants; other time columns compare as stored text (one style, so the same order).
   */
  readonly instantColumns?: readonly string[];
  /** What the format's times without a zone mean (UTC by convention, or the writer's local time): every such value is read so. */
  readonly naiveTime?: 'utc' | 'local';
  /** The format's own duration figure (ddeutil's exec_latency), as a runs-view column, where the runs also have a start and an end. */
  readonly ownDuration?: { readonly column: string; readonly unit: 's' | 'ms' };
  /** Own step columns shown by default (the format keeps a step's work or error there); absent: none. */
  readonly stepsShown?: readonly string[];
  /** The format's steps record no status (transformation logging's operations): their status columns start hidden rather than all "unknown". */
  readonly stepsWithoutStatus?: boolean;
  /** Indexes the views would need and the store lacks, as sentences to show (never silent scans). */
  readonly warnings: readonly string[];
}

/** Value counts of the runs view's facets under the current filters. */
export interface RunFacets {
  readonly status: ValueCounts;
  readonly run_name: ValueCounts;
  readonly actor: ValueCounts;
  /** Days newest first (not the busiest), so the last day is always listed. */
  readonly day: ValueCounts;
  /** When the newest run in the store started (ISO 8601 UTC), whatever the filters; quick ranges count back from it. */
  readonly newest?: string | null;
}

/** Two runs of the same name side by side, their steps matched by name. */
export interface RunComparison {
  readonly columns: readonly string[];
  readonly a: Row;
  readonly b: Row;
  readonly steps: readonly ComparedStep[];
}

/** What the mapping form offers for a schema no profile knows. */
export interface MappingSuggestions {
  readonly joins: readonly {
    readonly runsTable: { readonly schema: string | null; readonly name: string };
    readonly stepsTable: { readonly schema: string | null; readonly name: string };
    readonly pairs: readonly { readonly runs: string; readonly steps: string }[];
    readonly reason: 'foreign-key' | 'same-name';
    /** Of `sampled` distinct step key values, how many exist in the runs table. */
    readonly overlap: { readonly sampled: number; readonly matched: number } | null;
  }[];
  /** Guessed column roles per table, keyed by `schema.name` or `name`. */
  readonly roles: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const formatKey = z.string().min(1).max(2_000);
/** A statement typed in the SQL console. */
const consoleSql = z.string().min(1).max(200_000);

/** A window of one SQL console statement's rows. */
export interface ConsoleResult {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  /** Index of the first row in the statement's result. */
  readonly startRow: number;
  /** True when rows follow this window (the statement was not read to its end). */
  readonly more: boolean;
  readonly tookMs: number;
}

/** CSV export choices as the export dialog sends them; every field defaults to the safe choice. */
export const exportOptionsSchema = z.object({
  /** Neutralise formulas in text cells (spreadsheets); false = raw, byte-exact text for tools. */
  safe: z.boolean().default(true),
  /** Start with a UTF-8 byte order mark (Excel on Windows needs it for non-ASCII text). */
  bom: z.boolean().default(false),
  delimiter: z.enum([',', ';', '\t']).default(','),
  eol: z.enum(['\n', '\r\n']).default('\n'),
  /** Temporal columns as stored, or as ISO 8601 in UTC or in the machine's local time. */
  time: z.enum(['stored', 'utc', 'local']).default('stored'),
  /** Write `x.csv.json` (source, SHA-256, view, SQL, row count, options) beside `x.csv`. */
  provenance: z.boolean().default(true),
});

/** Export options after defaults. */
export type ExportOptionsInput = z.output<typeof exportOptionsSchema>;

/** Where an export job stands; polled by the export dialog. */
export interface ExportJobStatus {
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  readonly rows: number;
  readonly bytes: number;
  /** Rows per second since the start. */
  readonly rate: number;
  /** Time left, when the total is known. */
  readonly etaMs: number | null;
  /** Rows in the view, when an exact count came back in time. */
  readonly totalRows: number | null;
  /** The finished file (Electron: where the user saved it; browser mode: the server's copy). */
  readonly path: string | null;
  readonly error: ApiError | null;
  /** Browser mode, once done: the URL path of the file (`/download/<jobId>`; add `?token=`). */
  readonly download: string | null;
}

/** Every call the renderer and the CLI can make, with its input schema and result type. */
export const contract = {
  'app.info': call<AppInfo>()(z.object({})),
  'stores.recent': call<readonly RecentStore[]>()(z.object({})),
  'stores.openDemo': call<StoreSummary>()(z.object({})),
  'stores.openPath': call<StoreSummary>()(z.object({ path: z.string().min(1).max(4096), requestId: requestId.optional() })),
  'stores.openDialog': call<StoreSummary | null>()(z.object({})),
  'stores.openRecent': call<StoreSummary>()(z.object({ id: z.string().min(1).max(200), requestId: requestId.optional() })),
  /** Opens a file the OS handed the main process (second launch, macOS open-file), by the single-use ticket of its event. */
  'stores.openTicket': call<StoreSummary>()(z.object({ ticket: z.string().min(1).max(100), requestId: requestId.optional() })),
  /**
   * Opens a file or folder dropped on the window (Electron). Only the preload sends it, with the
   * path Electron gives for the dropped File (PRELOAD_ONLY_CALLS); main checks it like a launch path.
   */
  'stores.openDropped': call<StoreSummary>()(z.object({ path: z.string().min(1).max(4096), requestId: requestId.optional() })),
  'stores.openProgress': call<OpenProgress | null>()(z.object({ requestId })),
  'stores.close': call<null>()(z.object({ storeId })),
  'catalog.get': call<Catalog>()(z.object({ storeId })),
  'catalog.rowCounts': call<Readonly<Record<string, RowCount | null>>>()(
    z.object({ storeId, budgetMs: z.number().int().min(10).max(60_000).default(250) }),
  ),
  'table.page': call<PageResult>()(
    z.object({
      storeId,
      query: tableQuerySchema,
      startRow: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      endRow: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      requestId: requestId.optional(),
    }).refine((v) => v.endRow > v.startRow && v.endRow - v.startRow <= 5_000, 'A page holds 1 to 5,000 rows.'),
  ),
  'table.count': call<RowCount>()(
    z.object({ storeId, query: tableQuerySchema, budgetMs: z.number().int().min(10).max(60_000).default(1_000), requestId: requestId.optional() }),
  ),
  'table.values': call<ValueCounts>()(
    z.object({ storeId, query: tableQuerySchema, column: z.string().min(1).max(20_000), limit: z.number().int().min(1).max(500).default(50) }),
  ),
  'table.row': call<RowDetail>()(
    z.object({ storeId, table: tableRefSchema, key: z.array(cellValueSchema).min(1).max(64) }),
  ),
  'query.cancel': call<boolean>()(z.object({ requestId })),
  'settings.get': call<Settings>()(z.object({})),
  /** Changes some settings; returns them all. */
  'settings.set': call<Settings>()(settingsPatchSchema),
  'pg.test': call<PgTestResult>()(pgConnectSchema),
  /**
   * Electron: shows the OS dialog for a TLS file of the connection form; the page gets a ticket and
   * the file's name, never its path (null when the user cancels). Browser mode types paths instead.
   */
  'pg.pickTlsFile': call<PickedTlsFile | null>()(z.object({ kind: z.enum(TLS_FILE_KINDS) })),
  'pg.connect': call<StoreSummary>()(pgConnectSchema.extend({ saveAs: z.string().min(1).max(100).optional() })),
  'connections.list': call<{ readonly connections: readonly SavedConnectionInfo[]; readonly canKeepPasswords: boolean }>()(z.object({})),
  'connections.open': call<StoreSummary>()(z.object({ id: z.string().min(1).max(100), password: z.string().max(1_024).optional() })),
  'connections.remove': call<boolean>()(z.object({ id: z.string().min(1).max(100) })),
  /**
   * Starts exporting what the table explorer shows. Electron asks where to save with a dialog in
   * main (jobId null when the user cancels it); browser mode writes into the app's cache and the
   * renderer downloads `status.download`. `target` only suggests the file name: paths never come
   * from the renderer.
   */
  'export.start': call<{ readonly jobId: string | null }>()(
    z.object({ storeId, query: tableQuerySchema, options: exportOptionsSchema.prefault({}), target: z.string().min(1).max(4096).optional() }),
  ),
  /** Exports a runs view, or the steps of one run (runKey) or of the runs matching `query.runFilters`. */
  'export.startView': call<{ readonly jobId: string | null }>()(
    z.object({
      storeId, format: formatKey, kind: z.enum(['runs', 'steps']), query: viewQuerySchema,
      runKey: z.array(cellValueSchema).min(1).max(16).optional(), options: exportOptionsSchema.prefault({}), target: z.string().min(1).max(4096).optional(),
    }),
  ),
  /**
   * Counts the rows `export.startView` would write for the same request, within a time budget
   * ("at least N" past it): the export dialog shows it before anything is written.
   */
  'export.countView': call<RowCount>()(
    z.object({ storeId, format: formatKey, kind: z.enum(['runs', 'steps']), query: viewQuerySchema, runKey: z.array(cellValueSchema).min(1).max(16).optional() }),
  ),
  'export.progress': call<ExportJobStatus>()(z.object({ jobId: requestId })),
  /** Cancels a running export; true when it was running. Nothing is left at the target. */
  'export.cancel': call<boolean>()(z.object({ jobId: requestId })),
  'formats.list': call<readonly FormatSummary[]>()(z.object({ storeId })),
  'runs.page': call<PageResult>()(
    z.object({
      storeId, format: formatKey, query: viewQuerySchema,
      startRow: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), endRow: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      requestId: requestId.optional(),
    }).refine((v) => v.endRow > v.startRow && v.endRow - v.startRow <= 5_000, 'A page holds 1 to 5,000 rows.'),
  ),
  'runs.count': call<RowCount>()(
    z.object({ storeId, format: formatKey, query: viewQuerySchema, budgetMs: z.number().int().min(10).max(60_000).default(1_000), requestId: requestId.optional() }),
  ),
  'runs.facets': call<RunFacets>()(z.object({ storeId, format: formatKey, query: viewQuerySchema, limit: z.number().int().min(1).max(200).default(30) })),
  'mapping.suggest': call<MappingSuggestions>()(z.object({ storeId })),
  'mapping.save': call<FormatSummary>()(z.object({ storeId, mapping: mappingSchema })),
  'mapping.remove': call<boolean>()(z.object({ storeId, title: z.string().min(1).max(200) })),
  'mapping.export': call<{ readonly json: string }>()(z.object({ storeId, title: z.string().min(1).max(200) })),
  'mapping.import': call<FormatSummary>()(z.object({ storeId, json: z.string().min(2).max(1_000_000) })),
  'runs.compare': call<RunComparison>()(
    z.object({ storeId, format: formatKey, a: z.array(cellValueSchema).min(1).max(16), b: z.array(cellValueSchema).min(1).max(16) }),
  ),
  'runs.steps': call<PageResult>()(
    z.object({
      storeId, format: formatKey, runKey: z.array(cellValueSchema).min(1).max(16).nullable().optional(), query: viewQuerySchema.optional(),
      startRow: z.number().int().min(0).default(0), endRow: z.number().int().min(1).default(1_000), requestId: requestId.optional(),
    }).refine((v) => v.endRow > v.startRow && v.endRow - v.startRow <= 5_000, 'A page holds 1 to 5,000 rows.'),
  ),
  /**
   * A timeline: the runs of a format in a time window (whole filtered range when `window` is null),
   * in lanes by a runs-view column (`lanes`, default per format), as exact bars or per-lane buckets,
   * bounded by `widthPx`; or, with `runKey`, that run's waterfall (its steps and nested runs).
   * Cancellable by `requestId` like `runs.page` (a new request with the same id replaces the old one).
   */
  'timeline.get': call<TimelineResult>()(timelineRequestSchema.omit({ kind: true }).extend({ storeId, requestId: requestId.optional() })),
  /**
   * A lineage graph: the neighbourhood of `node` in a format's lineage, walked `direction` to
   * `depth` (null: all), as of a time or as recorded by one run, within a node budget.
   * Cancellable by `requestId`; a node that does not exist is a `not-found` error naming the nearest names.
   */
  'lineage.get': call<LineageGraph>()(lineageRequestSchema.omit({ kind: true }).extend({ storeId, requestId: requestId.optional() })),
  /** Nodes whose name contains `text` (tables, columns with `columns`, datasets, jobs), best first: the search box. */
  'lineage.search': call<readonly LineageNodeMatch[]>()(
    z.object({ storeId, format: formatKey, text: z.string().max(2_000), columns: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(20) }),
  ),
  /** The runs that wrote `node` (recorded edges into it) and read it (edges out of it), as of a time: a node's "Runs that…" links. */
  'lineage.runs': call<LineageRuns>()(
    z.object({ storeId, format: formatKey, node: z.string().min(1).max(20_000), asOf: isoInstantSchema.nullable().default(null) }),
  ),
  /** The nodes one run's edges touch, where its data ends up first: where a run's "Show lineage" starts. */
  'lineage.runNodes': call<readonly string[]>()(z.object({ storeId, format: formatKey, run: z.string().min(1).max(20_000), limit: z.number().int().min(1).max(1_000).default(20) })),
  /** Exports the edges of a lineage request as CSV (the `auditlens lineage` columns), like `export.startView`. */
  'export.startLineage': call<{ readonly jobId: string | null }>()(
    lineageRequestSchema.omit({ kind: true }).extend({ storeId, options: exportOptionsSchema.prefault({}), target: z.string().min(1).max(4096).optional() }),
  ),
  /**
   * Runs one statement typed in the SQL console on a read-only connection (SQLite `query_only`,
   * a Postgres READ ONLY transaction) within `timeoutMs`, returning the rows from `startRow` to
   * `endRow`; anything that would write is refused by the engine as a typed error with a sentence.
   * Cancellable by `requestId` like `table.page`.
   */
  'console.run': call<ConsoleResult>()(
    z.object({
      storeId, sql: consoleSql,
      startRow: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0), endRow: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(500),
      timeoutMs: z.number().int().min(100).max(3_600_000).default(30_000), requestId: requestId.optional(),
    }).refine((v) => v.endRow > v.startRow && v.endRow - v.startRow <= 5_000, 'A page holds 1 to 5,000 rows.'),
  ),
  /** Exports every row of a console statement as CSV, like `export.start`; the provenance names the statement. */
  'export.startConsole': call<{ readonly jobId: string | null }>()(
    z.object({ storeId, sql: consoleSql, options: exportOptionsSchema.prefault({}), target: z.string().min(1).max(4096).optional() }),
  ),
} as const;

/** The contract's type. */
export type Contract = typeof contract;
/** Name of a contract call. */
export type CallName = keyof Contract;
/** Input of a call after validation (defaults applied). */
export type CallInput<K extends CallName> = z.output<Contract[K]['input']>;
/** Input of a call as a caller writes it (defaults optional). */
export type CallArgs<K extends CallName> = z.input<Contract[K]['input']>;
/** Result value of a call. */
export type CallResult<K extends CallName> = Exclude<Contract[K]['result'], undefined>;

/** All call names, for transports that register one handler per call. */
export const CALL_NAMES = Object.keys(contract) as CallName[];
