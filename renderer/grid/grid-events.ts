/** What the grid does with AG Grid's events: read the sort back, follow the focused row, keep it in view. */
import type { CellFocusedEvent, GridApi } from 'ag-grid-community';
import type { SortKey } from '../../shared/model/view-request';
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

/** Scrolls the focused row to the middle when it sits at (or beyond) an edge of the viewport. */
export function revealFocusedRow(api: GridApi<GridRow>): void {
  const cell = api.isDestroyed() ? null : api.getFocusedCell();
  const node = cell ? api.getDisplayedRowAtIndex(cell.rowIndex) : undefined;
  if (!cell || !node || node.rowTop === null || node.rowHeight === null || node.rowHeight === undefined) {
    return;
  }
  const { top, bottom } = api.getVerticalPixelRange();
  // One row of margin: the horizontal scrollbar overlays the bottom of the range.
  if (node.rowTop < top || node.rowTop + 2 * node.rowHeight > bottom) {
    api.ensureIndexVisible(cell.rowIndex, 'middle');
  }
}
