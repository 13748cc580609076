import type { ApiError } from '../../../shared/api/result';
import type { RowCount } from '../../../shared/model/catalog';
import type { ViewQuery } from '../../../shared/model/view-request';
import { useOpenStore } from '../../app/store-context';
import { useApiCall } from '../../app/use-api-call';
import { COUNT_BUDGET_MS } from '../../grid/status-bar';

/**
 * The number of runs matching the filters (column and cross-run): null while counting, with the
 * error when the count failed or timed out (so the status bar never stays on "counting…").
 * A newer query cancels the older count.
 */
export function useRunsCountState(format: string, query: ViewQuery): { readonly count: RowCount | null; readonly countError: ApiError | null } {
  const { storeId } = useOpenStore();
  const answer = useApiCall('runs.count', { storeId, format, query, budgetMs: COUNT_BUDGET_MS }, { cancellable: true, report: 'Counting runs' });
  return { count: answer.value, countError: answer.loading ? null : answer.error };
}

/** The number of runs matching the filters; null while counting (or when the count failed). */
export function useRunsCount(format: string, query: ViewQuery): RowCount | null {
  return useRunsCountState(format, query).count;
}
