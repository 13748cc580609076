import { useEffect, useState } from 'react';
import type { RunFacets } from '../../../shared/api/contract';
import type { ViewQuery } from '../../../shared/model/view-request';
import { call } from '../../app/api-client';
import { useReportError } from '../../app/error-context';

/** Values listed per facet at first (the contract's default). */
export const FACET_LIMIT = 30;
/** Values listed per facet once the user asked for more (the contract's maximum). */
export const FACET_LIMIT_MORE = 200;

/**
 * The runs view's facets under the current filters, column and cross-run (`runs.facets`). The previous facets stay on
 * screen while new ones load, so the panel does not flicker on every click; after a failed load they are dropped, since
 * they count another query, and `failed` says so.
 */
export function useRunFacets(storeId: string, format: string, query: ViewQuery, limit: number): {
  readonly facets: RunFacets | null;
  readonly loading: boolean;
  readonly failed: boolean;
} {
  const report = useReportError();
  const signature = JSON.stringify([storeId, format, query, limit]);
  const [state, setState] = useState<{ facets: RunFacets | null; signature: string; format: string; failed: boolean }>({ facets: null, signature: '', format, failed: false });

  useEffect(() => {
    let live = true;
    void call('runs.facets', { storeId, format, query, limit }).then((r) => {
      if (!live) {
        return;
      }
      if (r.ok) {
        setState({ facets: r.value, signature, format, failed: false });
      } else {
        setState({ facets: null, signature, format, failed: true });
        report(r.error, 'Counting runs per facet value');
      }
    });
    return () => {
      live = false;
    };
    // The signature stands for the query's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, report]);

  // Another format's facets are never shown, not even while this one's load.
  const loading = state.signature !== signature;
  return { facets: state.format === format ? state.facets : null, loading, failed: !loading && state.failed };
}
