import type { CellFocusedEvent, GridApi } from 'ag-grid-community';
import type { SortKey } from '../../../shared/model/view-request';
import type { GridRow } from './grid-row';
import { sortModelToKeys } from './sort-model';

/** The grid's current multi-column sort, in the order the user added the keys. */
export function currentSort(api: GridApi<GridRow>): SortKey[] {
  const sorted = api.getColumnState()
    .filter((s): s is typeof s & { sort: 'asc' | 'desc' } => s.sort === 'asc' || s.sort === 'desc')
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0));
  return sortModelToKeys(sorted.map((s) => ({ colId: s.colId, sort: s.sort })));
}

/** Selects the focused row (so it is highlighted) and reports it once its block has loaded. */
export function focusRow(e: CellFocusedEvent<GridRow>, report: (row: GridRow, index: number) => void): void {
  if (e.rowIndex === null || e.rowIndex === undefined || e.rowPinned) {
    return;
  }
  const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
  if (node?.data) {
    node.setSelected(true);
    report(node.data, e.rowIndex);
  }
}
