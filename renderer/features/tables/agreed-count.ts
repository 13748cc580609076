/**
 * One row count per table: the sidebar counts every table within a small budget (or shows the
 * planner's estimate), the status bar counts the open table within a larger one. Where both count
 * the same rows (the table without filters), the better answer wins in both places: an exact count
 * over a bound or estimate, else the larger bound.
 */
import type { RowCount } from '../../../shared/model/catalog';

/** The better of two counts of the same rows; null when neither is known. */
export function agreedCount(a: RowCount | null | undefined, b: RowCount | null | undefined): RowCount | null {
  if (!a || !b) {
    return a ?? b ?? null;
  }
  if (a.exact !== b.exact) {
    return a.exact ? a : b;
  }
  return b.value > a.value ? b : a;
}

/** The sidebar's counts with what the open tables have counted exactly (by table label). */
export function withLearnedCounts<T extends RowCount | null>(
  counts: Readonly<Record<string, T>> | null,
  learned: ReadonlyMap<string, RowCount>,
): Readonly<Record<string, RowCount | null>> | null {
  if (counts === null && learned.size === 0) {
    return null;
  }
  const merged: Record<string, RowCount | null> = { ...counts };
  for (const [label, count] of learned) {
    merged[label] = agreedCount(merged[label], count);
  }
  return merged;
}
