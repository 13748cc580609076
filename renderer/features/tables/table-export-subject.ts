/** The export subject of the table view: what the grid shows, as a CSV. */
import type { RowCount, TableInfo } from '../../../shared/model/catalog';
import { tableLabel } from '../../../shared/model/catalog';
import type { TableQuery } from '../../../shared/model/view-request';
import type { ApiCall } from '../../app/api-types';
import { describeSort } from '../../export/describe-sort';
import type { ExportSubject } from '../../export/export-subject';
import { describeFilter, rangeKindOf } from '../../grid/filter-form';
import type { TableViewState } from './view-state';
import { visibleColumns } from './view-state';

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
    order: describeSort(query.sort ?? []),
    count,
    start: (options) => call('export.start', { storeId, query, options }),
  };
}
