/** Rows as the grid holds them, and how a cell reads as text in a grid cell. */
import type { PageResult } from '../../shared/api/contract';
import type { CellValue } from '../../shared/model/values';
import { cellToText } from '../../shared/model/values';

/** One grid row: its unique key (for the detail panel) and its cells by column name. */
export interface GridRow {
  /** The row's key from the page (empty for views, which have none). */
  readonly key: readonly CellValue[];
  /** A Map, not an object, so a column named `__proto__` is just a column. */
  readonly cells: ReadonlyMap<string, CellValue>;
}

/** Longest text a grid cell shows; the detail panel shows the whole value. */
export const CELL_TEXT_LIMIT = 500;

/** Turns a page of rows into grid rows. */
export function pageToRows(page: PageResult): GridRow[] {
  return page.rows.map((row, i) => ({
    key: page.keys[i] ?? [],
    cells: new Map(page.columns.map((column, c) => [column, row[c] ?? null] as const)),
  }));
}

/** The text a grid cell shows: `NULL` for null (styled dim elsewhere), long text cut with `…`. */
export function cellDisplay(cell: CellValue | undefined): string {
  if (cell === undefined) {
    return '';
  }
  if (cell === null) {
    return 'NULL';
  }
  const text = cellToText(cell);
  return text.length > CELL_TEXT_LIMIT ? `${text.slice(0, CELL_TEXT_LIMIT)}…` : text;
}

/** True for cells that render dim: NULL. */
export function isNullCell(cell: CellValue | undefined): boolean {
  return cell === null;
}
