/**
 * Which steps of an opened run the runs search found: the steps whose message contains the
 * search text, not case-sensitive, as the engine matched them (LIKE / ILIKE, wildcards literal).
 * Their cells get the `cell-search-hit` class, so the row stands out in the steps pane.
 */
import type { ColDef } from 'ag-grid-community';
import type { CellValue } from '../../../shared/model/values';
import { cellToText } from '../../../shared/model/values';
import type { GridRow } from '../../grid/grid-row';

/** True when the step's message contains `search` (blank search: no step). */
export function stepMatchesSearch(cells: ReadonlyMap<string, CellValue>, search: string | undefined): boolean {
  const needle = (search ?? '').trim().toLowerCase();
  const message = cells.get('message');
  return needle !== '' && message !== null && message !== undefined && cellToText(message).toLowerCase().includes(needle);
}

/** The column definitions with the search hit marked on every cell of a matching step. */
export function withSearchHits(defs: readonly ColDef<GridRow, CellValue>[], search: string | undefined): ColDef<GridRow, CellValue>[] {
  if ((search ?? '').trim() === '') {
    return [...defs];
  }
  return defs.map((d) => ({
    ...d,
    cellClassRules: { ...d.cellClassRules, 'cell-search-hit': (p) => p.data !== undefined && stepMatchesSearch(p.data.cells, search) },
  }));
}
