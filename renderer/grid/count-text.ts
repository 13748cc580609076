import type { ApiError } from '../../shared/api/result';
import type { RowCount } from '../../shared/model/catalog';
import { formatInt, formatRowCount, rowsNoun } from '../components/format';

/** What the status bar says of a count, with the longer sentence for its tooltip. */
export interface CountText {
  readonly text: string;
  readonly title: string;
}

/**
 * The row count as the status bar says it: "1,234 rows (match)", "≥ 4,800 rows" when the budget
 * ran out ("at least"), "counting…" while it runs, and a sentence when it failed or timed out,
 * so a count that never answers does not read as one still running.
 */
export function countText(count: RowCount | null, error: ApiError | null, filtered: boolean, budgetMs: number): CountText {
  if (count) {
    const text = `${formatRowCount(count)} ${rowsNoun(count)}${filtered ? ' match' : ''}`;
    const title = count.exact ? text : `At least ${formatInt(count.value)} ${rowsNoun(count)}${filtered ? ' match' : ''}: counting stopped after ${budgetMs / 1000} s.`;
    return { text, title };
  }
  if (error) {
    return { text: error.code === 'timeout' ? 'not counted (took too long)' : 'not counted', title: error.message };
  }
  return { text: 'counting…', title: 'Counting the rows' };
}
