/**
 * The table grid: AG Grid's infinite row model over `table.page`, loaded lazily with its own
 * chunk. Rows, sort and counts all come from the server; the grid only holds cached blocks.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, GridApi, RowClickedEvent } from 'ag-grid-community';
import type { ApiError } from '../../../shared/api/result';
import type { ColumnFamily, TableInfo } from '../../../shared/model/catalog';
import type { CellValue } from '../../../shared/model/values';
import type { SortKey, TableQuery } from '../../../shared/model/view-request';
import { call } from '../../app/api-client';
import { newRequestId } from '../../app/request-id';
import { ColumnHeader, type ColumnHeaderParams } from './column-header';
import { createDatasource } from './create-datasource';
import { gridTheme } from './grid-setup';
import type { GridRow } from './grid-row';
import { cellDisplay } from './grid-row';
import { columnSortOf } from './sort-model';
import { querySignature } from './view-state';
import { currentSort, focusRow } from './grid-events';

/** Rows per `table.page` call, and so per cached block. */
const BLOCK_SIZE = 100;

/** Everything the grid needs from the table view. */
export interface DataGridProps {
  readonly storeId: string;
  readonly table: TableInfo;
  /** The query without sort: the grid adds its own sort model to each page request. */
  readonly query: TableQuery;
  readonly hidden: readonly string[];
  /** The sort to start with (restored per table); later changes are reported by `onSortChange`. */
  readonly initialSort: readonly SortKey[];
  readonly filteredColumns: ReadonlySet<string>;
  /** The exact number of matching rows once `table.count` knows it. */
  readonly exactCount: number | null;
  readonly onSortChange: (sort: readonly SortKey[]) => void;
  readonly onOpenFilter: (column: string, el: HTMLElement) => void;
  /** A row got the focus (click or arrow keys). */
  readonly onRowFocus: (row: GridRow, index: number) => void;
  /** A row was clicked or Enter was pressed on it. */
  readonly onRowOpen: (row: GridRow, index: number) => void;
  readonly onPage: (info: { readonly tookMs: number; readonly lastRow: number | null }) => void;
  readonly onError: (error: ApiError) => void;
}

/** The grid of one table. */
export function DataGrid(props: DataGridProps) {
  const { storeId, table, query, hidden, initialSort, filteredColumns, exactCount } = props;
  const [api, setApi] = useState<GridApi<GridRow> | null>(null);
  // Callbacks change identity on every render of the parent; the grid must not be rebuilt for that.
  const handlers = useRef(props);
  useLayoutEffect(() => {
    handlers.current = props;
  });

  const signature = querySignature(query);
  const datasource = useMemo(
    () => createDatasource({
      call,
      storeId,
      query,
      newRequestId,
      onPage: (info) => handlers.current.onPage(info),
      onError: (error) => handlers.current.onError(error),
    }),
    // The signature stands for the query's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [storeId, signature],
  );
  useEffect(() => () => datasource.destroy(), [datasource]);

  useEffect(() => {
    if (api && exactCount !== null && !api.isDestroyed()) {
      api.setRowCount(exactCount, true);
    }
  }, [api, exactCount, datasource]);

  const columnDefs = useMemo<ColDef<GridRow, CellValue>[]>(() => {
    const hiddenSet = new Set(hidden);
    return table.columns.map((c) => {
      const { sort, sortIndex } = columnSortOf(initialSort, c.name);
      const headerParams: ColumnHeaderParams = {
        filtered: filteredColumns.has(c.name),
        onFilter: (column, el) => handlers.current.onOpenFilter(column, el),
      };
      return {
        colId: c.name,
        headerName: c.name,
        hide: hiddenSet.has(c.name),
        initialSort: sort,
        initialSortIndex: sortIndex ?? undefined,
        initialWidth: widthFor(c.family),
        sortable: true,
        resizable: true,
        cellDataType: false,
        suppressHeaderMenuButton: true,
        headerComponent: ColumnHeader,
        headerComponentParams: headerParams,
        valueGetter: (p) => p.data?.cells.get(c.name),
        valueFormatter: (p) => cellDisplay(p.value ?? undefined),
        cellClass: c.family === 'integer' || c.family === 'real' ? 'cell-number' : undefined,
        cellClassRules: { 'cell-null': (p) => p.data !== undefined && p.value === null },
      };
    });
    // initialSort only matters when the grid is created; it must not rebuild the columns.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [table, hidden, filteredColumns]);

  return (
    <div className="grid-host" data-testid="grid">
      <AgGridReact<GridRow>
        theme={gridTheme}
        columnDefs={columnDefs}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK_SIZE}
        maxBlocksInCache={60}
        blockLoadDebounceMillis={40}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onGridReady={(e) => setApi(e.api)}
        onSortChanged={(e) => handlers.current.onSortChange(currentSort(e.api))}
        onCellFocused={(e) => focusRow(e, (row, i) => handlers.current.onRowFocus(row, i))}
        onRowClicked={(e: RowClickedEvent<GridRow>) => {
          if (e.data && e.rowIndex !== null) {
            handlers.current.onRowOpen(e.data, e.rowIndex);
          }
        }}
        onCellKeyDown={(e: CellKeyDownEvent<GridRow>) => {
          if (e.event instanceof KeyboardEvent && e.event.key === 'Enter' && e.data && e.rowIndex !== null) {
            handlers.current.onRowOpen(e.data, e.rowIndex);
          }
        }}
      />
    </div>
  );
}

function widthFor(family: ColumnFamily): number {
  switch (family) {
    case 'integer':
    case 'real':
    case 'boolean':
      return 120;
    case 'temporal':
      return 180;
    case 'json':
      return 260;
    default:
      return 200;
  }
}
