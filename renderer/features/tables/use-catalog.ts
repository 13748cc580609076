import { useEffect, useState } from 'react';
import type { Catalog, RowCount } from '../../../shared/model/catalog';
import { call } from '../../app/api-client';
import { useReportError } from '../../app/error-context';

/** Row counts by table label; null for a table whose count failed. */
export type RowCounts = Readonly<Record<string, RowCount | null>>;

/**
 * Loads a store's catalog, then its bounded row counts. The counts come second because they
 * cost a scan per table, and the sidebar is useful before they arrive.
 */
export function useCatalog(storeId: string): { readonly catalog: Catalog | null; readonly counts: RowCounts | null; readonly failed: boolean } {
  const report = useReportError();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [counts, setCounts] = useState<RowCounts | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setCatalog(null);
    setCounts(null);
    setFailed(false);
    void (async () => {
      const c = await call('catalog.get', { storeId });
      if (!live) {
        return;
      }
      if (!c.ok) {
        setFailed(true);
        report(c.error, 'Reading the list of tables');
        return;
      }
      setCatalog(c.value);
      const n = await call('catalog.rowCounts', { storeId, budgetMs: 250 });
      if (!live) {
        return;
      }
      if (n.ok) {
        setCounts(n.value);
      } else {
        setCounts({});
        report(n.error, 'Counting rows per table');
      }
    })();
    return () => {
      live = false;
    };
  }, [storeId, report]);

  return { catalog, counts, failed };
}
