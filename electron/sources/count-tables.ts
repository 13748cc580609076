import { AuditlensError } from '../../shared/api/result';
import type { Catalog, RowCount, TableInfo } from '../../shared/model/catalog';
import { tableLabel } from '../../shared/model/catalog';
import type { Plan } from '../../shared/query/plan';
import { compilePlan } from '../../shared/query/plan';

/**
 * Counts every table of a catalog within a per-table budget, for the sidebar: a table that cannot
 * be counted gets null rather than failing the rest; a cancel stops the whole walk.
 *
 * Views are never counted here: counting a view runs its code, and a view can call anything the
 * store allows (dblink_exec, lo_create, lo_export on Postgres). A view keeps the catalog's
 * estimate when it has one, else null ("not counted"); an exact count of a view is an explicit
 * `table.count` / `inspect --count-views`.
 */
export async function countTables(
  catalog: Catalog,
  count: (plan: Plan, budgetMs: number, signal?: AbortSignal) => Promise<RowCount>,
  budgetMs: number,
  signal?: AbortSignal,
): Promise<Record<string, RowCount | null>> {
  const out: Record<string, RowCount | null> = {};
  for (const t of catalog.tables) {
    if (t.kind === 'view') {
      out[tableLabel(t)] = viewEstimate(t);
      continue;
    }
    try {
      out[tableLabel(t)] = await count(compilePlan(t, { table: t, filters: [], sort: [] }), budgetMs, signal);
    } catch (e) {
      if (e instanceof AuditlensError && e.code === 'cancelled') {
        throw e;
      }
      out[tableLabel(t)] = null;
    }
  }
  return out;
}

/** What is known of a view's size without running it: the catalog's (never exact) estimate, or null. */
export function viewEstimate(t: TableInfo): RowCount | null {
  return t.rowCount ? { value: t.rowCount.value, exact: false } : null;
}

/** Counts every table and, only when asked, every view too (`inspect --count-views`: runs the views' code). */
export async function countTablesAndViews(
  catalog: Catalog,
  count: (plan: Plan, budgetMs: number, signal?: AbortSignal) => Promise<RowCount>,
  budgetMs: number,
  countViews: boolean,
): Promise<Record<string, RowCount | null>> {
  const out = await countTables(catalog, count, budgetMs);
  if (countViews) {
    for (const t of catalog.tables.filter((v) => v.kind === 'view')) {
      try {
        out[tableLabel(t)] = await count(compilePlan(t, { table: t, filters: [], sort: [] }), budgetMs);
      } catch {
        out[tableLabel(t)] = null;
      }
    }
  }
  return out;
}
