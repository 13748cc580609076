/**
 * AG Grid column definitions of a runs or steps grid: friendly headers, the table explorer's
 * header (server sort + our filter popover) where the view filters, status pills, durations and
 * times in the chosen zone. Own columns keep their stored text.
 */
import type { ColDef } from 'ag-grid-community';
import type { ColumnFamily } from '../../../shared/model/catalog';
import type { CellValue } from '../../../shared/model/values';
import type { SortKey } from '../../../shared/model/view-request';
import { ColumnHeader, type ColumnHeaderParams } from '../tables/column-header';
import type { GridRow } from '../tables/grid-row';
import { cellDisplay } from '../tables/grid-row';
import { columnSortOf } from '../tables/sort-model';
import { durationSeconds, formatDuration } from './duration-format';
import type { StatusCellParams, TimeCellParams } from './run-cells';
import { StatusCell, TimeCell } from './run-cells';
import type { ViewKind } from './run-columns';
import { TIME_COLUMNS, columnRole, displayColumns, headerLabel } from './run-columns';
import type { TimeZoneMode } from './time-display';

/** Starting widths of the normalised columns; own columns get one by family. */
const WIDTHS: Readonly<Record<string, number>> = {
  run_id: 230, run_name: 190, started_at: 178, ended_at: 178, duration_s: 108, status: 170,
  raw_status: 110, actor: 120, message: 300, day: 100, step_name: 170, at: 182,
};

/** What the column definitions are built from. */
export interface ColumnDefsOptions {
  readonly kind: ViewKind;
  readonly columns: readonly string[];
  readonly ownTable: string | null;
  readonly hidden: readonly string[];
  readonly familyOf: (column: string) => ColumnFamily;
  readonly zone: TimeZoneMode;
  readonly initialSort?: readonly SortKey[];
  /** When set, headers sort on the server and carry a filter button that calls it. */
  readonly onFilter?: (column: string, el: HTMLElement) => void;
  readonly filteredColumns?: ReadonlySet<string>;
}

/** The column definitions of a view's grid. */
export function viewColumnDefs(o: ColumnDefsOptions): ColDef<GridRow, CellValue>[] {
  const hidden = new Set(o.hidden);
  const filterable = o.onFilter !== undefined;
  return displayColumns(o.kind, o.columns, o.ownTable).map((column) => {
    const family = o.familyOf(column);
    const normal = columnRole(o.kind, column, o.ownTable) === 'normal';
    const { sort, sortIndex } = columnSortOf(o.initialSort ?? [], column);
    const def: ColDef<GridRow, CellValue> = {
      colId: column,
      headerName: headerLabel(o.kind, column, o.ownTable),
      hide: hidden.has(column),
      initialWidth: WIDTHS[column] ?? widthFor(family),
      resizable: true,
      sortable: filterable,
      initialSort: sort,
      initialSortIndex: sortIndex ?? undefined,
      cellDataType: false,
      suppressHeaderMenuButton: true,
      valueGetter: (p) => p.data?.cells.get(column),
      valueFormatter: (p) => cellDisplay(p.value ?? undefined),
      cellClass: family === 'integer' || family === 'real' ? 'cell-number' : undefined,
      cellClassRules: { 'cell-null': (p) => p.data !== undefined && p.value === null },
    };
    if (filterable) {
      const params: ColumnHeaderParams = {
        filtered: o.filteredColumns?.has(column) ?? false,
        onFilter: (c, el) => o.onFilter?.(c, el),
      };
      def.headerComponent = ColumnHeader;
      def.headerComponentParams = params;
    }
    if (normal && column === 'status') {
      const params: StatusCellParams = { rawColumn: 'raw_status' };
      def.cellRenderer = StatusCell;
      def.cellRendererParams = params;
    } else if (normal && column === 'duration_s') {
      def.valueFormatter = (p) => (p.value === null ? 'NULL' : formatDuration(durationSeconds(p.value)));
    } else if (normal && TIME_COLUMNS.has(column)) {
      const params: TimeCellParams = { zone: o.zone };
      def.cellRenderer = TimeCell;
      def.cellRendererParams = params;
    } else if (normal && column === 'message' && o.kind === 'steps') {
      def.flex = 1;
      def.minWidth = 240;
    }
    return def;
  });
}

function widthFor(family: ColumnFamily): number {
  switch (family) {
    case 'integer':
    case 'real':
    case 'boolean':
      return 110;
    case 'temporal':
      return 176;
    case 'json':
      return 260;
    default:
      return 170;
  }
}
