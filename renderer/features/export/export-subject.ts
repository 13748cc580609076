/**
 * What the export dialog exports, independent of the view it was opened from: a title, the
 * columns and filters in words, the row count, and how to start the job on the server.
 *
 * This is the seam for other views. The table explorer builds its subject here from its query;
 * the runs view will build one the same way once the contract can export a runs view (today
 * `export.start` takes only a table query, so the runs toolbar has no export button yet).
 */
import type { ApiCall } from '../../app/api-types';
import type { Result } from '../../../shared/api/result';
import type { RowCount, TableInfo } from '../../../shared/model/catalog';
import { tableLabel } from '../../../shared/model/catalog';
import type { FormatSummary } from '../../../shared/api/contract';
import type { TableQuery, ViewQuery } from '../../../shared/model/view-request';
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
  /** How many rows it will write; null while counting. */
  readonly count: RowCount | null;
  /** Starts the job; `jobId` is null when the user cancelled the save dialog (Electron). */
  readonly start: (options: ExportOptions) => Promise<Result<{ readonly jobId: string | null }>>;
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
export function runsExportSubject(call: ApiCall, storeId: string, format: FormatSummary, query: ViewQuery, count: RowCount | null): ExportSubject {
  const toggles = [
    ...(query.anyStepFailed ? ['any step failed'] : []),
    ...(query.slowerThanMedian ? ["slower than the name's median"] : []),
  ];
  return {
    title: `${format.title}: runs`,
    fileName: `${format.id}-runs.csv`,
    columns: query.columns ?? format.runColumns,
    filters: [...query.filters.map((f) => describeFilter(f)), ...toggles],
    count,
    start: (options) => call('export.startView', { storeId, format: format.key, kind: 'runs', query, options }),
  };
}
