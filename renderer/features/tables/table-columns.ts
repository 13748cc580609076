import type { ColDef } from 'ag-grid-community';
import type { TableInfo } from '../../../shared/model/catalog';
import type { CellValue } from '../../../shared/model/values';
import type { SortKey } from '../../../shared/model/view-request';
import type { FamilyWidths } from '../../grid/column-def';
import { gridColumnDef, widthByFamily } from '../../grid/column-def';
import type { GridRow } from '../../grid/grid-row';
import type { RelatedColumn } from '../../../shared/model/related-columns';
import { RelatedCell, type RelatedCellParams } from './related-cell';

/** Starting widths of a table's columns: roomier than the runs view's. */
const TABLE_WIDTHS: FamilyWidths = { number: 120, temporal: 180, json: 260, other: 170 };

/** The grid columns of one table, in catalog order: every one sorts and filters on the server. */
export function tableColumnDefs(table: TableInfo, options: {
  readonly hidden: readonly string[];
  readonly initialSort: readonly SortKey[];
  readonly filteredColumns: ReadonlySet<string>;
  readonly onFilter: (column: string, el: HTMLElement) => void;
  /** Columns that lead to another table's rows, and what opens one. */
  readonly related?: ReadonlyMap<string, RelatedColumn>;
  readonly onOpenRelated?: RelatedCellParams['onOpen'];
}): ColDef<GridRow, CellValue>[] {
  const hidden = new Set(options.hidden);
  return table.columns.map((c) => withRelated(gridColumnDef({
    column: c.name,
    headerName: c.name,
    family: c.family,
    width: widthByFamily(c.family, TABLE_WIDTHS),
    hidden: hidden.has(c.name),
    initialSort: options.initialSort,
    header: { filtered: options.filteredColumns.has(c.name), onFilter: options.onFilter },
  }), options.related?.get(c.name), options.onOpenRelated));
}

/** A column definition whose cells link to related rows, when the column leads somewhere. */
function withRelated(def: ColDef<GridRow, CellValue>, related: RelatedColumn | undefined, onOpen: RelatedCellParams['onOpen'] | undefined): ColDef<GridRow, CellValue> {
  if (!related || !onOpen) {
    return def;
  }
  const params: RelatedCellParams = { related, onOpen };
  return { ...def, cellRenderer: RelatedCell, cellRendererParams: params };
}
