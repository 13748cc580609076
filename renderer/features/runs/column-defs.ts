/**
 * AG Grid column definitions of a runs or steps grid: the grid kit's column (with its header,
 * server sort and filter button where the view filters) plus friendly headers, status pills,
 * durations and times in the chosen zone. Own columns keep their stored text.
 */
import type { ColDef } from 'ag-grid-community';
import type { ColumnFamily } from '../../../shared/model/catalog';
import type { CellValue } from '../../../shared/model/values';
import type { SortKey } from '../../../shared/model/view-request';
import type { FamilyWidths } from '../../grid/column-def';
import { gridColumnDef, widthByFamily } from '../../grid/column-def';
import type { GridRow } from '../../grid/grid-row';
import { durationSeconds, formatDuration } from './duration-format';
import type { NameCellParams, StatusCellParams, TimeCellParams } from './run-cells';
import { NameCell, StatusCell, TimeCell } from './run-cells';
import type { ViewKind } from './run-columns';
import { TIME_COLUMNS, columnRole, displayColumns, headerLabel } from './run-columns';
import type { TimeZoneMode } from './time-display';
import { displayTime } from './time-display';
import { cellToText } from '../../../shared/model/values';

/** Starting widths of the normalised columns; own columns get one by family. */
const WIDTHS: Readonly<Record<string, number>> = {
  run_id: 230, run_name: 190, started_at: 178, ended_at: 178, duration_s: 108, status: 170,
  raw_status: 110, actor: 120, message: 300, day: 100, step_name: 170, at: 182,
};

/** Starting widths of own columns: denser than the table explorer's. */
const VIEW_WIDTHS: FamilyWidths = { number: 110, temporal: 176, json: 260, other: 170 };

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
  const onFilter = o.onFilter;
  return displayColumns(o.kind, o.columns, o.ownTable).map((column) => {
    const family = o.familyOf(column);
    const normal = columnRole(o.kind, column, o.ownTable) === 'normal';
    const def = gridColumnDef({
      column,
      headerName: headerLabel(o.kind, column, o.ownTable),
      family,
      width: WIDTHS[column] ?? widthByFamily(family, VIEW_WIDTHS),
      hidden: hidden.has(column),
      initialSort: o.initialSort ?? [],
      ...(onFilter ? { header: { filtered: o.filteredColumns?.has(column) ?? false, onFilter } } : {}),
    });
    if (normal && column === 'status') {
      const params: StatusCellParams = { rawColumn: 'raw_status' };
      def.cellRenderer = StatusCell;
      def.cellRendererParams = params;
    } else if (normal && column === 'run_name' && o.kind === 'runs') {
      const params: NameCellParams = { idColumn: 'run_id' };
      def.cellRenderer = NameCell;
      def.cellRendererParams = params;
    } else if (normal && column === 'duration_s') {
      def.valueFormatter = (p) => (p.value === null ? 'NULL' : formatDuration(durationSeconds(p.value)));
    } else if (normal && TIME_COLUMNS.has(column)) {
      const params: TimeCellParams = { zone: o.zone };
      def.cellRenderer = TimeCell;
      def.cellRendererParams = params;
      // What a copy takes: the time as the cell shows it, in the chosen zone.
      def.valueFormatter = (p) => (p.value === null || p.value === undefined ? 'NULL' : displayTime(cellToText(p.value), o.zone, { maxFractionDigits: 3 }).text);
    } else if (normal && column === 'message' && o.kind === 'steps') {
      def.flex = 1;
      def.minWidth = 240;
    }
    return def;
  });
}
