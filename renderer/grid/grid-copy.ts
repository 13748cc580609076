/**
 * Reads what is selected in a grid as it is shown (the thin part of copying: the formats are
 * copy-format.ts) and puts text on the clipboard.
 */
import type { Column, GridApi, IRowNode } from 'ag-grid-community';
import type { GridRow } from './grid-row';
import type { ShownRows } from './copy-format';

/** A cell's text as the grid formats it; null for NULL. */
function shown(api: GridApi<GridRow>, node: IRowNode<GridRow>, column: Column): string | null {
  if (node.data?.cells.get(column.getColId()) === null) {
    return null;
  }
  return api.getCellValue({ rowNode: node, colKey: column, useFormatter: true }) ?? '';
}

/** The selected rows (in row order) with the displayed columns (in screen order). */
export function selectedRows(api: GridApi<GridRow>): ShownRows {
  const columns = api.getAllDisplayedColumns();
  const nodes = api.getSelectedNodes().filter((n) => n.data !== undefined).sort((a, b) => (a.rowIndex ?? 0) - (b.rowIndex ?? 0));
  return {
    headers: columns.map((c) => c.getColDef().headerName ?? c.getColId()),
    rows: nodes.map((n) => columns.map((c) => shown(api, n, c))),
  };
}

/** The focused cell's shown text; undefined when no loaded cell has the focus. */
export function focusedCell(api: GridApi<GridRow>): string | null | undefined {
  const cell = api.getFocusedCell();
  const node = cell ? api.getDisplayedRowAtIndex(cell.rowIndex) : undefined;
  return cell && node?.data ? shown(api, node, cell.column) : undefined;
}

/** Writes text to the clipboard; false when the page may not (the caller says so). */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
