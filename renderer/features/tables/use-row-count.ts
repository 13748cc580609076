import type { RowCount } from '../../../shared/model/catalog';
import type { TableQuery } from '../../../shared/model/view-request';
import { useOpenStore } from '../../app/store-context';
import { useApiCall } from '../../app/use-api-call';
import { COUNT_BUDGET_MS } from '../../grid/status-bar';

/** The count of rows matching `query`; null while counting. A newer query cancels the older count. */
export function useRowCount(query: TableQuery): RowCount | null {
  const { storeId } = useOpenStore();
  return useApiCall('table.count', { storeId, query, budgetMs: COUNT_BUDGET_MS }, { cancellable: true, report: 'Counting rows' }).value;
}
