import type { RowCount } from '../../../shared/model/catalog';
import type { ViewQuery } from '../../../shared/model/view-request';
import { useOpenStore } from '../../app/store-context';
import { useApiCall } from '../../app/use-api-call';
import { COUNT_BUDGET_MS } from '../../grid/status-bar';

/** The number of runs matching the filters (column and cross-run); null while counting. A newer query cancels the older count. */
export function useRunsCount(format: string, query: ViewQuery): RowCount | null {
  const { storeId } = useOpenStore();
  return useApiCall('runs.count', { storeId, format, query, budgetMs: COUNT_BUDGET_MS }, { cancellable: true, report: 'Counting runs' }).value;
}
