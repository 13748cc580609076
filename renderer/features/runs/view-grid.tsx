/**
 * The grid of a runs or steps view: AG Grid's infinite row model over an injected page call,
 * in the lazily loaded grid chunk, with the table explorer's theme and modules. The caller owns
 * the column definitions; this component owns the datasource, row selection and keyboard.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, GridApi, RowClickedEvent } from 'ag-grid-community';
import { ModuleRegistry, RenderApiModule, ScrollApiModule } from 'ag-grid-community';
import type { ApiError } from '../../../shared/api/result';
import type { CellValue } from '../../../shared/model/values';
import type { SortKey } from '../../../shared/model/view-request';
import { newRequestId } from '../../app/request-id';
import { gridTheme } from '../tables/grid-setup';
import type { GridRow } from '../tables/grid-row';
import type { PageFetcher } from './view-datasource';
import { createViewDatasource } from './view-datasource';
import { currentSort, focusRow } from '../tables/grid-events';

// On top of the table explorer's modules: scrolling a focused row into view when the split
// pane resizes the grid, and re-rendering cells when the time zone changes.
ModuleRegistry.registerModules([ScrollApiModule, RenderApiModule]);

/** Everything a view grid needs from its view. */
export interface ViewGridProps {
  readonly testId: string;
  readonly label: string;
  readonly columnDefs: ColDef<GridRow, CellValue>[];
  /** Stands for the query's content: a new signature means a new datasource (the rows reload). */
  readonly signature: string;
  readonly fetchPage: PageFetcher;
  readonly cancel?: (requestId: string) => void;
  /** The exact number of rows once a count knows it (lets the scrollbar size itself). */
  readonly exactCount?: number | null;
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
}

/** An infinite grid over a view's page call. */
export function ViewGrid(props: ViewGridProps) {
  const { testId, label, columnDefs, signature, exactCount = null, blockSize = 100, renderKey } = props;
  const [api, setApi] = useState<GridApi<GridRow> | null>(null);
  // Callbacks change identity on every render of the parent; the grid must not be rebuilt for that.
  const handlers = useRef(props);
  useLayoutEffect(() => {
    handlers.current = props;
  });

  const datasource = useMemo(
    () => createViewDatasource({
      fetchPage: (sort, start, end, requestId) => handlers.current.fetchPage(sort, start, end, requestId),
      cancel: (requestId) => handlers.current.cancel?.(requestId),
      newRequestId,
      onPage: (info) => handlers.current.onPage?.(info),
      onError: (error) => handlers.current.onError(error),
    }),
    // The signature stands for the query behind fetchPage.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [signature],
  );
  useEffect(() => () => datasource.destroy(), [datasource]);

  useEffect(() => {
    if (api && exactCount !== null && !api.isDestroyed()) {
      api.setRowCount(exactCount, true);
    }
  }, [api, exactCount, datasource]);

  useEffect(() => {
    if (api && !api.isDestroyed()) {
      api.refreshCells({ force: true });
    }
  }, [api, renderKey]);

  useEffect(() => {
    handlers.current.onApi?.(api);
    return () => handlers.current.onApi?.(null);
  }, [api]);

  return (
    <div className="grid-host" data-testid={testId} aria-label={label}>
      <AgGridReact<GridRow>
        theme={gridTheme}
        columnDefs={columnDefs}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={blockSize}
        maxBlocksInCache={60}
        blockLoadDebounceMillis={40}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onGridReady={(e) => setApi(e.api)}
        onSortChanged={(e) => handlers.current.onSortChange?.(currentSort(e.api))}
        onCellFocused={(e) => focusRow(e, (row, i) => handlers.current.onRowFocus?.(row, i))}
        onGridSizeChanged={(e) => {
          // The split pane opening under the grid must not hide the row the user is on. The
          // grid measures its new viewport after this event, so look on the next frame.
          requestAnimationFrame(() => revealFocusedRow(e.api));
        }}
        onRowClicked={(e: RowClickedEvent<GridRow>) => {
          if (e.data && e.rowIndex !== null) {
            handlers.current.onRowOpen?.(e.data, e.rowIndex);
          }
        }}
        onCellKeyDown={(e: CellKeyDownEvent<GridRow>) => {
          if (e.event instanceof KeyboardEvent && e.event.key === 'Enter' && e.data && e.rowIndex !== null) {
            handlers.current.onRowOpen?.(e.data, e.rowIndex);
          }
        }}
      />
    </div>
  );
}

/** Scrolls the focused row to the middle when it sits at (or beyond) an edge of the viewport. */
function revealFocusedRow(api: GridApi<GridRow>): void {
  const cell = api.isDestroyed() ? null : api.getFocusedCell();
  const node = cell ? api.getDisplayedRowAtIndex(cell.rowIndex) : undefined;
  if (!cell || !node || node.rowTop === null || node.rowHeight === null || node.rowHeight === undefined) {
    return;
  }
  const { top, bottom } = api.getVerticalPixelRange();
  // One row of margin: the horizontal scrollbar overlays the bottom of the range.
  if (node.rowTop < top || node.rowTop + 2 * node.rowHeight > bottom) {
    api.ensureIndexVisible(cell.rowIndex, 'middle');
  }
}
