import { AuditlensError } from '../../shared/api/result';
import type { Catalog, RowCount } from '../../shared/model/catalog';
import { tableLabel } from '../../shared/model/catalog';
import type { Plan } from '../../shared/query/plan';
import { compilePlan } from '../../shared/query/plan';

/**
 * Counts every table of a catalog within a per-table budget, for the sidebar: a table that cannot
 * be counted gets null rather than failing the rest; a cancel stops the whole walk.
 */
export async function countTables(
  catalog: Catalog,
  count: (plan: Plan, budgetMs: number, signal?: AbortSignal) => Promise<RowCount>,
  budgetMs: number,
  signal?: AbortSignal,
): Promise<Record<string, RowCount | null>> {
  const out: Record<string, RowCount | null> = {};
  for (const t of catalog.tables) {
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
