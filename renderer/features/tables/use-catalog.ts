import type { Catalog, RowCount } from '../../../shared/model/catalog';
import { useApiCall } from '../../app/use-api-call';

/** Row counts by table label; null for a table whose count failed. */
export type RowCounts = Readonly<Record<string, RowCount | null>>;

/** What the sidebar shows when the counts failed: no count, rather than "counting" for ever. */
const NO_COUNTS: RowCounts = {};

/**
 * Loads a store's catalog, then its bounded row counts. The counts come second because they
 * cost a scan per table, and the sidebar is useful before they arrive.
 */
export function useCatalog(storeId: string): { readonly catalog: Catalog | null; readonly counts: RowCounts | null; readonly failed: boolean } {
  const catalog = useApiCall('catalog.get', { storeId }, { report: 'Reading the list of tables' });
  const counts = useApiCall('catalog.rowCounts', catalog.value ? { storeId, budgetMs: 250 } : null, { report: 'Counting rows per table' });
  return { catalog: catalog.value, counts: counts.error ? NO_COUNTS : counts.value, failed: catalog.error !== null };
}
