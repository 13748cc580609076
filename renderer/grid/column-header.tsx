import { useEffect, useState, type MouseEvent } from 'react';
import type { CustomHeaderProps } from 'ag-grid-react';
import type { GridRow } from './grid-row';
import { columnTitle } from './column-label';

/** What the table view passes to each header besides AG Grid's own props. */
export interface ColumnHeaderParams {
  readonly filtered: boolean;
  readonly onFilter: (column: string, el: HTMLElement) => void;
}

/**
 * A column header with the name, the sort (click; Shift+click adds a sort key) and a filter
 * button that opens our own filter popover; the sort runs on the server.
 */
export function ColumnHeader(props: CustomHeaderProps<GridRow> & ColumnHeaderParams) {
  const { column, displayName, enableSorting, progressSort, api, filtered, onFilter } = props;
  const [, setTick] = useState(0);

  useEffect(() => {
    const rerender = (): void => setTick((n) => n + 1);
    column.addEventListener('sortChanged', rerender);
    return () => column.removeEventListener('sortChanged', rerender);
  }, [column]);

  const sort = column.getSort();
  const sortedCount = sort ? api.getColumnState().filter((s) => s.sort).length : 0;
  const index = column.getSortIndex();
  const onSort = (e: MouseEvent): void => {
    if (enableSorting) {
      progressSort(e.shiftKey);
    }
  };

  return (
    <div className="col-header" data-testid="column-header" data-column={column.getColId()}>
      <span
        className="col-header-label"
        title={`${columnTitle(displayName, column.getColId())}: click to sort, Shift+click to add to the sort`}
        onClick={onSort}
      >
        <span className="col-header-name">{displayName}</span>
        {sort && (
          <span className="col-sort" aria-label={sort === 'asc' ? 'sorted ascending' : 'sorted descending'}>
            {sort === 'asc' ? '▲' : '▼'}
            {sortedCount > 1 && index !== null && index !== undefined ? <sub>{index + 1}</sub> : null}
          </span>
        )}
      </span>
      <button
        type="button"
        className={`col-filter-button${filtered ? ' active' : ''}`}
        data-testid="column-filter-button"
        aria-label={`Filter ${displayName}`}
        aria-pressed={filtered}
        title={filtered ? `Filtered: edit the filters of ${displayName}` : `Filter ${displayName}`}
        onClick={(e) => {
          e.stopPropagation();
          onFilter(column.getColId(), e.currentTarget);
        }}
      >
        <FunnelIcon />
      </button>
    </div>
  );
}

function FunnelIcon() {
  return (
    <svg width="11" height="11" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M1.5 2h13l-5 6.2V13l-3 1.5V8.2z" fill="currentColor" />
    </svg>
  );
}
