/**
 * The infinite row model's datasource over any paged call (`table.page`, `runs.page`,
 * `runs.steps`): a pure factory over an injected page fetcher, so it is tested without a grid or
 * a server.
 *
 * The grid asks for blocks of rows with its current sort model; each block is one call with its
 * own request id. When the sort changes, blocks still in flight for the old sort are dropped (and
 * cancelled where the call supports it); `destroy` (called when the grid gets a new datasource,
 * i.e. on new filters or columns) drops everything still in flight.
 */
import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { PageResult } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/result';
import type { SortKey } from '../../shared/model/view-request';
import type { GridRow } from './grid-row';
import { pageToRows } from './grid-row';
import type { GridSortItem } from './sort-model';
import { sortModelToKeys, sortSignature } from './sort-model';

/** The subset of `IGetRowsParams` the datasource reads, so tests can call it directly. */
export type RowsRequest = Pick<IGetRowsParams<GridRow>, 'startRow' | 'endRow' | 'successCallback' | 'failCallback'> & {
  readonly sortModel: readonly GridSortItem[];
};

/** A datasource whose in-flight pages can be cancelled. */
export interface PagedDatasource extends IDatasource {
  getRows(params: RowsRequest): void;
  destroy(): void;
  /** Request ids still waiting for an answer (for tests and diagnostics). */
  inFlight(): readonly string[];
}

/** Fetches rows `startRow` to `endRow` under `sort`; `requestId` lets the server cancel it. */
export type PageFetcher = (sort: readonly SortKey[], startRow: number, endRow: number, requestId: string) => Promise<Result<PageResult>>;

/** Where a paged grid's rows come from: the page call and, for calls that can be cancelled, how. */
export interface PageSource {
  readonly fetchPage: PageFetcher;
  /** Cancels a request on the server; omit for calls that cannot be cancelled. */
  readonly cancel?: (requestId: string) => void;
}

/** What a datasource needs besides its page source. */
export interface PagedDatasourceOptions extends PageSource {
  readonly newRequestId: () => string;
  /** After each page: how long the query took and, at the end of the rows, the total. */
  readonly onPage?: (info: { readonly tookMs: number; readonly lastRow: number | null }) => void;
  /** A failed page (cancellations are not reported). */
  readonly onError?: (error: ApiError) => void;
}

/**
 * The one datasource every grid uses: blocks asked under an older sort are dropped (and cancelled
 * where the call supports it); `destroy` drops everything still in flight.
 */
export function createPagedDatasource(options: PagedDatasourceOptions): PagedDatasource {
  const { fetchPage, newRequestId, cancel, onPage, onError } = options;
  /** request id → signature of the sort it was made under */
  const pending = new Map<string, string>();
  let destroyed = false;

  const dropWhere = (stale: (signature: string) => boolean): void => {
    for (const [requestId, signature] of [...pending]) {
      if (stale(signature)) {
        pending.delete(requestId);
        cancel?.(requestId);
      }
    }
  };

  const load = async (params: RowsRequest): Promise<void> => {
    const sort = sortModelToKeys(params.sortModel);
    const signature = sortSignature(sort);
    dropWhere((s) => s !== signature);
    const requestId = newRequestId();
    pending.set(requestId, signature);
    const result = await fetchPage(sort, params.startRow, params.endRow, requestId);
    const wasPending = pending.delete(requestId);
    if (destroyed || !wasPending) {
      // Cancelled or replaced: the grid has already dropped this block.
      params.failCallback();
      return;
    }
    if (!result.ok) {
      if (result.error.code !== 'cancelled') {
        onError?.(result.error);
      }
      params.failCallback();
      return;
    }
    const page = result.value;
    params.successCallback(pageToRows(page), page.lastRow ?? undefined);
    onPage?.({ tookMs: page.tookMs, lastRow: page.lastRow });
  };

  return {
    getRows(params: RowsRequest): void {
      void load(params);
    },
    destroy(): void {
      destroyed = true;
      dropWhere(() => true);
    },
    inFlight(): readonly string[] {
      return [...pending.keys()];
    },
  };
}
