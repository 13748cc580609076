import type { RowCount } from '../../../shared/model/catalog';
import type { ViewQuery } from '../../../shared/model/view-request';
import { call } from '../../app/api-client';
import { COUNT_BUDGET_MS, useCancellableCount } from '../../app/use-cancellable-count';

/** The number of runs matching the filters (column and cross-run); null while counting. A newer query cancels the older count. */
export function useRunsCount(storeId: string, format: string, query: ViewQuery): RowCount | null {
  return useCancellableCount(
    JSON.stringify([storeId, format, query]),
    (requestId) => call('runs.count', { storeId, format, query, budgetMs: COUNT_BUDGET_MS, requestId }),
    'Counting runs',
  );
}
