import type { RunFacets } from '../../../shared/api/contract';
import type { ViewQuery } from '../../../shared/model/view-request';
import { useOpenStore } from '../../app/store-context';
import { useApiCall } from '../../app/use-api-call';

/** Values listed per facet at first (the contract's default). */
export const FACET_LIMIT = 30;
/** Values listed per facet once the user asked for more (the contract's maximum). */
export const FACET_LIMIT_MORE = 200;

/**
 * The runs view's facets under the current filters, column and cross-run (`runs.facets`). The previous facets stay on
 * screen while new ones load, so the panel does not flicker on every click; after a failed load they are dropped, since
 * they count another query, and `failed` says so.
 */
export function useRunFacets(format: string, query: ViewQuery, limit: number): {
  readonly facets: RunFacets | null;
  readonly loading: boolean;
  readonly failed: boolean;
} {
  const { storeId } = useOpenStore();
  // Another format's facets are never shown, not even while this one's load.
  const { value, error, loading } = useApiCall('runs.facets', { storeId, format, query, limit }, {
    report: 'Counting runs per facet value',
    group: JSON.stringify([storeId, format]),
  });
  return { facets: value, loading, failed: !loading && error !== null };
}
