import type { TableQuery } from '../../../shared/model/view-request';
import type { ApiCall } from '../../app/api-types';
import type { PageSource } from '../../grid/paged-datasource';

/** The rows of one table query: `table.page` blocks under the grid's sort, cancellable with `query.cancel`. */
export function tablePageSource(call: ApiCall, storeId: string, query: TableQuery): PageSource {
  return {
    fetchPage: (sort, startRow, endRow, requestId) => call('table.page', { storeId, query: { ...query, sort: [...sort] }, startRow, endRow, requestId }),
    cancel: (requestId) => {
      void call('query.cancel', { requestId });
    },
  };
}
