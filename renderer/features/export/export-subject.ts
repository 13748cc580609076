/**
 * What the export dialog exports, independent of the view it was opened from: a title, the
 * columns and filters in words, the row count, and how to start the job on the server.
 *
 * This is the seam for other views: the table explorer builds its subject here from its query,
 * the runs view from its runs query (with the steps of those runs as the alternative), and the
 * steps pane from the run it shows. Each subject says only what its export really writes.
 */
import type { ApiCall } from '../../app/api-types';
import type { Result } from '../../../shared/api/result';
import type { RowCount, TableInfo } from '../../../shared/model/catalog';
import { tableLabel } from '../../../shared/model/catalog';
import type { FormatSummary } from '../../../shared/api/contract';
import type { CellValue } from '../../../shared/model/values';
import type { ColumnFilter, TableQuery, ViewQuery } from '../../../shared/model/view-request';
import { STEP_RUN_COLUMNS } from '../../../shared/query/runs-view';
import { describeFilter, rangeKindOf } from '../tables/filter-form';
import type { TableViewState } from '../tables/view-state';
import { visibleColumns } from '../tables/view-state';
import type { ExportOptions } from './export-options';

/** Everything the dialog shows about an export before it starts, and how to start it. */
export interface ExportSubject {
  /** What is exported, for the dialog's title: a table's label. */
  readonly title: string;
  /** The file name offered (the server keeps it safe); the provenance file adds `.json`. */
  readonly fileName: string;
  /** The columns written, in order. */
  readonly columns: readonly string[];
  /** Every active filter in words, as its chip says it. */
  readonly filters: readonly string[];
  /** How many rows it will write; null while counting (or when it is not counted ahead, see `countNote`). */
  readonly count: RowCount | null;
  /** What the dialog says while `count` is null, when no count is on its way ("counting…" otherwise). */
  readonly countNote?: string;
  /** Counts the rows on the server when `count` is null; the dialog calls it once it shows this subject. */
  readonly countAhead?: () => Promise<Result<RowCount>>;
  /** What "no filters" means for this subject ("every row of the table" otherwise). */
  readonly unfiltered?: string;
  /** Something else the same dialog can export instead, offered as a radio at its top. */
  readonly alternative?: ExportAlternative;
  /** Starts the job; `jobId` is null when the user cancelled the save dialog (Electron). */
  readonly start: (options: ExportOptions) => Promise<Result<{ readonly jobId: string | null }>>;
}

/** A second subject the dialog offers beside its own (the runs view: "Runs" or "Steps of these runs"). */
export interface ExportAlternative {
  /** The radio label of the subject the dialog was opened with. */
  readonly ownLabel: string;
  /** The radio label of the alternative. */
  readonly label: string;
  readonly subject: ExportSubject;
  /** Why the alternative cannot be picked right now, shown beside its radio; null when it can. */
  readonly unavailable: string | null;
}

/**
 * The query an export of the table view runs: the visible columns in the grid's order, the
 * filters and the grid's sort, so the file holds exactly what the user sees.
 */
export function tableExportQuery(table: TableInfo, view: TableViewState): TableQuery {
  return {
    table: { schema: table.schema, name: table.name },
    columns: visibleColumns(table, view),
    filters: [...view.filters],
    sort: [...view.sort],
  };
}

/** The export subject of one table view. */
export function tableExportSubject(call: ApiCall, storeId: string, table: TableInfo, view: TableViewState, count: RowCount | null): ExportSubject {
  const query = tableExportQuery(table, view);
  return {
    title: tableLabel(table),
    fileName: `${table.name}.csv`,
    columns: query.columns ?? [],
    filters: view.filters.map((f) => describeFilter(f, rangeKindOf(table.columns.find((c) => c.name === f.column)?.family ?? 'other'))),
    count,
    start: (options) => call('export.start', { storeId, query, options }),
  };
}

/**
 * The export subject of a runs view: the runs the grid shows (columns, filters, sort and the
 * cross-run toggles), written through `export.startView` by the same plans as the grid.
 */
export function runsExportSubject(
  call: ApiCall, storeId: string, format: FormatSummary, query: ViewQuery, count: RowCount | null, stepColumns?: readonly string[],
): ExportSubject {
  const toggles = [
    ...(query.anyStepFailed ? ['any step failed'] : []),
    ...(query.slowerThanMedian ? ["slower than the name's median"] : []),
  ];
  const runs: ExportSubject = {
    title: `${format.title}: runs`,
    fileName: `${format.id}-runs.csv`,
    columns: query.columns ?? format.runColumns,
    filters: [...query.filters.map((f) => describeFilter(f)), ...toggles],
    count,
    start: (options) => call('export.startView', { storeId, format: format.key, kind: 'runs', query, options }),
  };
  if (stepColumns === undefined || format.stepsTable === null) {
    return runs;
  }
  // The steps export selects runs by column filters only; the cross-run toggles have no such form,
  // so exporting "the steps of these runs" under them would quietly export the steps of other runs.
  const unavailable = toggles.length > 0
    ? 'Not while "Any step failed" or "Slower than median" is on: a steps export selects runs by column filters only. Switch them off to export the steps of these runs.'
    : null;
  const steps = stepsExportSubject(call, storeId, format, { kind: 'runs', runFilters: query.filters }, stepColumns, null);
  return { ...runs, alternative: { ownLabel: 'Runs', label: 'Steps of these runs', subject: steps, unavailable } };
}

/** Whose steps a steps export writes: one run, or every run matching the runs view's column filters. */
export type StepsScope =
  | { readonly kind: 'run'; readonly runKey: readonly CellValue[]; readonly runId: string; readonly runName: string | null }
  | { readonly kind: 'runs'; readonly runFilters: readonly ColumnFilter[] };

/**
 * The export subject of steps, each with its run's columns in front (STEP_RUN_COLUMNS, then the
 * visible step columns). `count` is the steps of one run when the pane knows it; otherwise the
 * dialog counts them ahead on the server (`export.countView`, the export's own plan).
 */
export function stepsExportSubject(
  call: ApiCall, storeId: string, format: FormatSummary, scope: StepsScope, stepColumns: readonly string[], count: RowCount | null,
): ExportSubject {
  // Named in full (the server would add the run columns anyway): with every step column hidden,
  // an empty list would mean "all columns" to the server, ordering helpers included.
  const columns = [...STEP_RUN_COLUMNS, ...stepColumns.filter((c) => !STEP_RUN_COLUMNS.includes(c))];
  const one = scope.kind === 'run' ? scope : null;
  const runFilters = scope.kind === 'runs' ? scope.runFilters : [];
  // The steps grid neither filters nor sorts: the server's order is the format's step order.
  const query: ViewQuery = { columns, filters: [], sort: [], ...(runFilters.length > 0 ? { runFilters: [...runFilters] } : {}) };
  const runLabel = one ? (one.runName ?? (one.runId !== '' ? one.runId : 'the run')) : null;
  const fileName = runLabel !== null ? `${format.id}-steps-${fileSafe(runLabel)}.csv` : `${format.id}-steps.csv`;
  return {
    title: runLabel !== null ? `${format.title}: steps of ${runLabel}` : `${format.title}: steps of the runs shown`,
    fileName,
    columns,
    filters: one ? [one.runId !== '' ? `run_id = ${one.runId}` : 'this run only'] : runFilters.map((f) => `run ${describeFilter(f)}`),
    count: one ? count : null,
    countAhead: () => call('export.countView', { storeId, format: format.key, kind: 'steps', query, ...(one ? { runKey: [...one.runKey] } : {}) }),
    unfiltered: 'None: every step of every run',
    start: (options) => call('export.startView', {
      storeId, format: format.key, kind: 'steps', query, ...(one ? { runKey: [...one.runKey] } : {}), options, target: fileName,
    }),
  };
}

/** A run's name or id as part of a file name: ids like `uuid / model` would otherwise become folders. */
function fileSafe(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|[._]+$/g, '').slice(0, 80);
  return safe === '' ? 'run' : safe;
}
