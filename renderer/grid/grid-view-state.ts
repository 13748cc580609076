/**
 * What the user set up on a grid (filters, sort, hidden columns), and the changes the grid's
 * chips, popovers and column chooser make to it. Every change returns a new state, of the
 * view's own type: a view keeps more beside these three (the runs view its cross-run filters).
 */
import type { ColumnFilter, SortKey } from '../../shared/model/view-request';

/** The user's set-up of one grid. */
export interface GridViewState {
  readonly filters: readonly ColumnFilter[];
  readonly sort: readonly SortKey[];
  readonly hidden: readonly string[];
}

/** Replaces every filter on `column` with `filters`, keeping the other columns' filters in order. */
export function replaceColumnFilters<S extends GridViewState>(state: S, column: string, filters: readonly ColumnFilter[]): S {
  const first = state.filters.findIndex((f) => f.column === column);
  const kept = state.filters.filter((f) => f.column !== column);
  // Everything before the column's first filter is kept, so `first` is its index in `kept` too.
  const at = first < 0 ? kept.length : first;
  return { ...state, filters: [...kept.slice(0, at), ...filters, ...kept.slice(at)] };
}

/** Removes the filter at `index` (one chip). */
export function removeFilterAt<S extends GridViewState>(state: S, index: number): S {
  return { ...state, filters: state.filters.filter((_, i) => i !== index) };
}

/** Shows or hides a column; hiding a sorted or filtered column keeps its sort and filters. */
export function setColumnHidden<S extends GridViewState>(state: S, column: string, hidden: boolean): S {
  const without = state.hidden.filter((c) => c !== column);
  return { ...state, hidden: hidden ? [...without, column] : without };
}
