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

/** The parts of a key press `edgeRowOf` reads. */
export interface EdgeKey {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/** Ctrl+End / Ctrl+Home (Cmd on macOS) ask for the last or first row; anything else is not ours. */
export function edgeRowOf(e: EdgeKey): 'first' | 'last' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) {
    return null;
  }
  return e.key === 'End' ? 'last' : e.key === 'Home' ? 'first' : null;
}

/**
 * Focuses the first or last row in the focused column. The last row is the counted one when the
 * count is known; before that, the last row the grid holds (scrolling there loads more).
 */
export function focusEdgeRow(api: GridApi<GridRow>, edge: 'first' | 'last', column: string): void {
  const index = edge === 'first' ? 0 : api.getDisplayedRowCount() - 1;
  if (index < 0) {
    return;
  }
  api.ensureIndexVisible(index, edge === 'first' ? 'top' : 'bottom');
  api.setFocusedCell(index, column);
  // The row's block may still be loading and its cell not drawn: the browser focus can only move
  // there once it is, so focus it again when it has been drawn (for a few seconds at most).
  const until = Date.now() + EDGE_WAIT_MS;
  const settle = (): void => {
    if (api.isDestroyed()) {
      return;
    }
    const node = api.getDisplayedRowAtIndex(index);
    if (node?.data && api.getRenderedNodes().includes(node)) {
      api.setFocusedCell(index, column);
    } else if (Date.now() < until) {
      setTimeout(settle, 100);
    }
  };
  setTimeout(settle, 50);
}

/** How long Ctrl+End waits for the last row's block before it gives up moving the browser focus. */
const EDGE_WAIT_MS = 5_000;
