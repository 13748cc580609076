/** The row count under the console's grid, in words (pure). */
import type { ConsoleResult } from '../../../shared/api/contract';

/** "3 rows", or "200+ rows" while the grid has not reached the end (`lastRow` once it has). */
export function resultSummary(first: ConsoleResult, lastRow: number | null): { readonly text: string; readonly rows: number; readonly exact: boolean } {
  const exact = !first.more || lastRow !== null;
  const rows = !first.more ? first.rows.length : (lastRow ?? first.rows.length);
  const n = rows.toLocaleString('en-US');
  return { rows, exact, text: exact ? `${n} ${rows === 1 ? 'row' : 'rows'}` : `${n}+ rows (more as you scroll)` };
}
