/**
 * The one grid of the app: AG Grid's infinite row model over a page source, in the lazily
 * loaded grid chunk. Rows, sort and counts all come from the server; the grid only holds cached
 * blocks. The view owns the column definitions; the grid owns the datasource, the row count,
 * row selection and the keyboard (arrows focus a row, Enter opens it).
 */
import { useEffect, useEffectEvent, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, GridApi, RowClickedEvent } from 'ag-grid-community';
import { useGridCopy } from './copy-menu';
import type { ApiError } from '../../shared/api/result';
import type { CellValue } from '../../shared/model/values';
import type { SortKey } from '../../shared/model/view-request';
import { newRequestId } from '../app/request-id';
import { currentSort, edgeRowOf, focusEdgeRow, focusRow, revealFocusedRow } from './grid-events';
import type { GridRow } from './grid-row';
import { gridTheme } from './grid-setup';
import type { PageSource } from './paged-datasource';
import { createPagedDatasource } from './paged-datasource';

/** Everything the grid needs from its view. */
export interface PagedGridProps {
  readonly testId: string;
  /** The grid's accessible name, when the view has more than one grid. */
  readonly label?: string;
  readonly columnDefs: ColDef<GridRow, CellValue>[];
  /** Stands for the query behind `source`: a new key means a new datasource (the rows reload). */
  readonly queryKey: string;
  /** Where the rows come from; read when a block is asked for, so a new object each render is fine. */
  readonly source: PageSource;
  /** The exact number of rows once a count knows it (lets the scrollbar size itself). */
  readonly exactCount?: number | null;
  /** Rows per page call, and so per cached block. */
  readonly blockSize?: number;
  /** A change re-renders every cell (e.g. the UTC / local switch). */
  readonly renderKey?: string;
  readonly onSortChange?: (sort: readonly SortKey[]) => void;
  /** A row got the focus (arrow keys or click). */
  readonly onRowFocus?: (row: GridRow, index: number) => void;
  /** A row was clicked or Enter was pressed on it. */
  readonly onRowOpen?: (row: GridRow, index: number) => void;
  readonly onPage?: (info: { readonly tookMs: number; readonly lastRow: number | null }) => void;
  readonly onError: (error: ApiError) => void;
  /** Hands the grid's API to the view (to open the focused column's filter). */
  readonly onApi?: (api: GridApi<GridRow> | null) => void;
  /**
   * Renders every shown column, not only those in view: a view with a few known columns (runs,
   * steps) keeps each in the page, so the off-screen id column can still be read and reached.
   */
  readonly allColumns?: boolean;
}

/** An infinite grid over a view's page source. */
export function PagedGrid(props: PagedGridProps) {
  const { testId, label, columnDefs, queryKey, exactCount = null, blockSize = 100, renderKey } = props;
  const [api, setApi] = useState<GridApi<GridRow> | null>(null);
  const copy = useGridCopy(api);

  // The datasource reads the latest source and callbacks when the grid asks, so a view that
  // re-renders (new arrow functions every time) never rebuilds it; only a new query does.
  const fetchPage = useEffectEvent((...args: Parameters<PageSource['fetchPage']>) => props.source.fetchPage(...args));
  const cancel = useEffectEvent((requestId: string) => props.source.cancel?.(requestId));
  const pageLoaded = useEffectEvent((info: { readonly tookMs: number; readonly lastRow: number | null }) => props.onPage?.(info));
  const pageFailed = useEffectEvent((error: ApiError) => props.onError(error));
  const apiChanged = useEffectEvent((value: GridApi<GridRow> | null) => props.onApi?.(value));

  useEffect(() => {
    if (!api || api.isDestroyed()) {
      return undefined;
    }
    const datasource = createPagedDatasource({
      fetchPage: (...args) => fetchPage(...args),
      cancel: (requestId) => cancel(requestId),
      newRequestId,
      onPage: (info) => pageLoaded(info),
      onError: (error) => pageFailed(error),
    });
    api.setGridOption('datasource', datasource);
    return () => datasource.destroy();
  }, [api, queryKey]);

  // After the datasource (declared above, so it runs first): a new datasource forgets the count.
  useEffect(() => {
    if (api && exactCount !== null && !api.isDestroyed()) {
      api.setRowCount(exactCount, true);
    }
  }, [api, exactCount, queryKey]);

  useEffect(() => {
    if (api && !api.isDestroyed()) {
      api.refreshCells({ force: true });
    }
  }, [api, renderKey]);

  useEffect(() => {
    apiChanged(api);
    return () => apiChanged(null);
  }, [api]);

  return (
    // Ctrl+End / Ctrl+Home from a cell or a header (where the focus keeper puts it): the last or first row.
    <div
      className="grid-host"
      data-testid={testId}
      aria-label={label}
      onKeyDown={(e) => {
        const edge = edgeRowOf(e);
        if (edge !== null && api && !api.isDestroyed()) {
          const column = api.getFocusedCell()?.column.getColId() ?? api.getAllDisplayedColumns()[0]?.getColId();
          if (column !== undefined) {
            e.preventDefault();
            focusEdgeRow(api, edge, column);
          }
        }
      }}
    >
      <AgGridReact<GridRow>
        theme={gridTheme}
        columnDefs={columnDefs}
        rowModelType="infinite"
        cacheBlockSize={blockSize}
        maxBlocksInCache={60}
        blockLoadDebounceMillis={40}
        // Several rows (Ctrl/Shift+click) so they can be copied; a plain click still selects one.
        rowSelection={{ mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true }}
        preventDefaultOnContextMenu
        onCellContextMenu={copy.onContextMenu}
        suppressColumnVirtualisation={props.allColumns === true}
        onGridReady={(e) => setApi(e.api)}
        onSortChanged={(e) => props.onSortChange?.(currentSort(e.api))}
        onCellFocused={(e) => focusRow(e, (row, i) => props.onRowFocus?.(row, i))}
        onGridSizeChanged={(e) => {
          // A pane opening beside or under the grid must not hide the row the user is on. The
          // grid measures its new viewport after this event, so look on the next frame.
          requestAnimationFrame(() => revealFocusedRow(e.api));
        }}
        onRowClicked={(e: RowClickedEvent<GridRow>) => {
          if (e.data && e.rowIndex !== null) {
            props.onRowOpen?.(e.data, e.rowIndex);
          }
        }}
        onCellKeyDown={(e: CellKeyDownEvent<GridRow>) => {
          if (e.event instanceof KeyboardEvent && copy.onKey(e.event)) {
            e.event.preventDefault();
            return;
          }
          if (e.event instanceof KeyboardEvent && e.event.key === 'Enter' && e.data && e.rowIndex !== null) {
            props.onRowOpen?.(e.data, e.rowIndex);
          }
        }}
      />
      {copy.ui}
    </div>
  );
}
