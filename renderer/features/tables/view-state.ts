/**
 * What the user set up on one table (filters, sort, hidden columns), kept per table in memory
 * so switching tables and back restores it. Every change returns a new state.
 */
import type { TableInfo, TableRef } from '../../../shared/model/catalog';
import type { ColumnFilter, SortKey, TableQuery } from '../../../shared/model/view-request';

/** The user's set-up of one table. */
export interface TableViewState {
  readonly filters: readonly ColumnFilter[];
  readonly sort: readonly SortKey[];
  readonly hidden: readonly string[];
}

/** A table as first opened: no filters, no sort, every column shown. */
export const EMPTY_VIEW: TableViewState = { filters: [], sort: [], hidden: [] };

/** A map key for a table that cannot collide, whatever characters its schema and name hold. */
export function tableKey(ref: TableRef): string {
  return JSON.stringify([ref.schema ?? null, ref.name]);
}

/** Replaces every filter on `column` with `filters`, keeping the other columns' filters in order. */
export function replaceColumnFilters(state: TableViewState, column: string, filters: readonly ColumnFilter[]): TableViewState {
  const first = state.filters.findIndex((f) => f.column === column);
  const kept = state.filters.filter((f) => f.column !== column);
  // Everything before the column's first filter is kept, so `first` is its index in `kept` too.
  const at = first < 0 ? kept.length : first;
  return { ...state, filters: [...kept.slice(0, at), ...filters, ...kept.slice(at)] };
}

/** Removes the filter at `index` (one chip). */
export function removeFilterAt(state: TableViewState, index: number): TableViewState {
  return { ...state, filters: state.filters.filter((_, i) => i !== index) };
}

/** Shows or hides a column; hiding a sorted or filtered column keeps its sort and filters. */
export function setColumnHidden(state: TableViewState, column: string, hidden: boolean): TableViewState {
  const without = state.hidden.filter((c) => c !== column);
  return { ...state, hidden: hidden ? [...without, column] : without };
}

/** The columns to fetch and show, in catalog order; never empty, so the grid keeps a column. */
export function visibleColumns(table: TableInfo, state: TableViewState): string[] {
  const hidden = new Set(state.hidden);
  const shown = table.columns.map((c) => c.name).filter((n) => !hidden.has(n));
  const first = table.columns[0];
  return shown.length > 0 || !first ? shown : [first.name];
}

/**
 * The query for the grid and the count, without sort (the grid supplies its own sort model).
 * `columns` is only sent when some are hidden, so hidden columns are not fetched.
 */
export function baseQuery(table: TableInfo, state: TableViewState): TableQuery {
  const ref = { schema: table.schema, name: table.name };
  const shown = visibleColumns(table, state);
  const columns = shown.length < table.columns.length ? { columns: shown } : {};
  return { table: ref, ...columns, filters: [...state.filters], sort: [] };
}

/** A stable text key of a query, to tell whether two queries ask for the same rows. */
export function querySignature(query: TableQuery): string {
  return JSON.stringify([query.table.schema, query.table.name, query.columns ?? null, query.filters, query.sort]);
}
