/**
 * What the user set up on one table (filters, sort, hidden columns), kept per table in memory
 * so switching tables and back restores it. The changes themselves are the grid kit's
 * (`grid/grid-view-state.ts`); what is here is only the table's.
 */
import type { TableInfo, TableRef } from '../../../shared/model/catalog';
import type { TableQuery } from '../../../shared/model/view-request';
import type { GridViewState } from '../../grid/grid-view-state';

/** The user's set-up of one table. */
export type TableViewState = GridViewState;

/** A table as first opened: no filters, no sort, every column shown. */
export const EMPTY_VIEW: TableViewState = { filters: [], sort: [], hidden: [] };

/** A map key for a table that cannot collide, whatever characters its schema and name hold. */
export function tableKey(ref: TableRef): string {
  return JSON.stringify([ref.schema ?? null, ref.name]);
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
