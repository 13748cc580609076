import type { RowCount } from '../../../shared/model/catalog';
import type { TableQuery } from '../../../shared/model/view-request';
import { call } from '../../app/api-client';
import { COUNT_BUDGET_MS, useCancellableCount } from '../../app/use-cancellable-count';
import { querySignature } from './view-state';

/** The count of rows matching `query`; null while counting. A newer query cancels the older count. */
export function useRowCount(storeId: string, query: TableQuery): { readonly count: RowCount | null; readonly signature: string } {
  const signature = querySignature(query);
  const count = useCancellableCount(
    JSON.stringify([storeId, signature]),
    (requestId) => call('table.count', { storeId, query, budgetMs: COUNT_BUDGET_MS, requestId }),
    'Counting rows',
  );
  return { count, signature };
}
