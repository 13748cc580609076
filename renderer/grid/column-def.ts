/**
 * The AG Grid column definition every grid starts from: values read from the row's cells, shown
 * as text (`NULL` dimmed, numbers right-aligned), the starting sort, and, where the view filters,
 * our header (server sort, filter button). Views add their own cell renderers on top.
 */
import type { ColDef } from 'ag-grid-community';
import type { ColumnFamily } from '../../shared/model/catalog';
import type { CellValue } from '../../shared/model/values';
import type { SortKey } from '../../shared/model/view-request';
import { ColumnHeader, type ColumnHeaderParams } from './column-header';
import type { GridRow } from './grid-row';
import { cellDisplay } from './grid-row';
import { columnSortOf } from './sort-model';

/** What one column of a grid is built from. */
export interface GridColumn {
  readonly column: string;
  readonly headerName: string;
  readonly family: ColumnFamily;
  readonly width: number;
  readonly hidden: boolean;
  /** The sort the grid starts with; AG Grid reads it only when the column is created. */
  readonly initialSort: readonly SortKey[];
  /** When set, the column sorts on the server and its header carries the filter button. */
  readonly header?: ColumnHeaderParams;
}

/** Starting widths by column family: each view has its own density. */
export interface FamilyWidths {
  readonly number: number;
  readonly temporal: number;
  readonly json: number;
  readonly other: number;
}

/** The column definition of one grid column. */
export function gridColumnDef(c: GridColumn): ColDef<GridRow, CellValue> {
  const { sort, sortIndex } = columnSortOf(c.initialSort, c.column);
  return {
    colId: c.column,
    headerName: c.headerName,
    hide: c.hidden,
    initialWidth: c.width,
    resizable: true,
    sortable: c.header !== undefined,
    initialSort: sort,
    initialSortIndex: sortIndex ?? undefined,
    cellDataType: false,
    suppressHeaderMenuButton: true,
    ...(c.header ? { headerComponent: ColumnHeader, headerComponentParams: c.header } : {}),
    valueGetter: (p) => p.data?.cells.get(c.column),
    valueFormatter: (p) => cellDisplay(p.value ?? undefined),
    cellClass: c.family === 'integer' || c.family === 'real' ? 'cell-number' : undefined,
    cellClassRules: { 'cell-null': (p) => p.data !== undefined && p.value === null },
  };
}

/** A column's starting width from its family. */
export function widthByFamily(family: ColumnFamily, widths: FamilyWidths): number {
  switch (family) {
    case 'integer':
    case 'real':
    case 'boolean':
      return widths.number;
    case 'temporal':
      return widths.temporal;
    case 'json':
      return widths.json;
    default:
      return widths.other;
  }
}
