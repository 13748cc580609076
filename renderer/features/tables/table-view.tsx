/**
 * One table in the explorer: filter chips and the column chooser above the grid, the row
 * detail beside it and the status bar under it. Filters and hidden columns change the query;
 * the grid, the count and the value lists all ask the server with it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ColumnInfo, RowCount, TableInfo } from '../../../shared/model/catalog';
import { tableLabel } from '../../../shared/model/catalog';
import type { RelatedColumn } from '../../../shared/model/related-columns';
import { relatedColumns } from '../../../shared/model/related-columns';
import type { ColumnFilter, SortKey } from '../../../shared/model/view-request';
import { call } from '../../app/api-client';
import { useReportError } from '../../app/error-context';
import { useOpenStore } from '../../app/store-context';
import { anchorOf, type Anchor } from '../../components/popover';
import { ExportButton } from '../../export/export-button';
import { ColumnChooser } from '../../grid/column-chooser';
import { FilterChips } from '../../grid/filter-chips';
import { FilterPopover } from '../../grid/filter-popover';
import type { GridRow } from '../../grid/grid-row';
import { removeFilterAt, replaceColumnFilters, setColumnHidden } from '../../grid/grid-view-state';
import { LazyPagedGrid } from '../../grid/lazy-paged-grid';
import { StatusBar } from '../../grid/status-bar';
import { agreedCount } from './agreed-count';
import { RowDetail } from './row-detail';
import { tableColumnDefs } from './table-columns';
import { tableExportSubject } from './table-export-subject';
import { tablePageSource } from './table-page-source';
import { useRowCount } from './use-row-count';
import { ValueList } from './value-list';
import type { TableViewState } from './view-state';
import { baseQuery, querySignature } from './view-state';

/** The explorer's view of one table. */
export function TableView({ table, view, onViewChange, listedCount = null, onUnfilteredCount, onOpenRelated }: {
  readonly table: TableInfo;
  readonly view: TableViewState;
  readonly onViewChange: (update: (view: TableViewState) => TableViewState) => void;
  /** The table's count as the sidebar lists it: the status bar of the unfiltered table agrees with it. */
  readonly listedCount?: RowCount | null;
  /** The status bar counted the unfiltered table: the sidebar takes it where it knows less. */
  readonly onUnfilteredCount?: (count: RowCount) => void;
  /** Opens the row a foreign-key value leads to (its table, filtered to it). */
  readonly onOpenRelated?: (related: RelatedColumn, value: string | number) => void;
}) {
  const report = useReportError();
  const { storeId, catalog } = useOpenStore();
  const related = useMemo(() => (catalog ? relatedColumns(table, catalog) : new Map<string, RelatedColumn>()), [table, catalog]);
  const query = useMemo(() => baseQuery(table, view), [table, view]);
  // The count ignores which columns are shown, so hiding a column does not recount.
  const countQuery = useMemo(() => ({ ...query, columns: undefined }), [query]);
  const counted = useRowCount(countQuery);
  const unfiltered = view.filters.length === 0;
  const count = unfiltered ? agreedCount(counted, listedCount) : counted;
  useEffect(() => {
    if (unfiltered && counted !== null) {
      onUnfilteredCount?.(counted);
    }
  }, [unfiltered, counted, onUnfilteredCount]);
  const [tookMs, setTookMs] = useState<number | null>(null);
  const [detail, setDetail] = useState<{ readonly row: GridRow; readonly index: number } | null>(null);
  const [filtering, setFiltering] = useState<{ readonly column: ColumnInfo; readonly anchor: Anchor } | null>(null);
  const filteredColumns = useMemo(() => new Set(view.filters.map((f) => f.column)), [view.filters]);
  const exportSubject = useMemo(() => tableExportSubject(call, storeId, table, view, count), [storeId, table, view, count]);

  useEffect(() => {
    if (!detail) {
      return undefined;
    }
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented && document.querySelector('dialog[open]') === null) {
        setDetail(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [detail]);

  const openFilter = useCallback((column: string, el: HTMLElement) => {
    const info = table.columns.find((c) => c.name === column);
    if (info) {
      setFiltering({ column: info, anchor: anchorOf(el) });
    }
  }, [table]);
  // The grid starts with the sort kept for this table; later sorts are the grid's own.
  const [initialSort] = useState(view.sort);
  const columnDefs = useMemo(
    () => tableColumnDefs(table, { hidden: view.hidden, initialSort, filteredColumns, onFilter: openFilter, related, onOpenRelated }),
    [table, view.hidden, initialSort, filteredColumns, openFilter, related, onOpenRelated],
  );

  const applyFilters = (column: string, filters: readonly ColumnFilter[]): void => {
    onViewChange((v) => replaceColumnFilters(v, column, filters));
    setFiltering(null);
  };

  return (
    <section className="table-view" data-testid="table-view" data-table={table.name}>
      <div className="toolbar">
        <h2 className="table-title" title={tableLabel(table)}>{tableLabel(table)}</h2>
        {table.kind === 'view' && <span className="badge">view</span>}
        <FilterChips
          table={table}
          filters={view.filters}
          onRemove={(i) => onViewChange((v) => removeFilterAt(v, i))}
          onEdit={openFilter}
          onClearAll={() => onViewChange((v) => ({ ...v, filters: [] }))}
        />
        <span className="spacer" />
        <ColumnChooser table={table} hidden={view.hidden} onChange={(c, hide) => onViewChange((v) => setColumnHidden(v, c, hide))} />
        <ExportButton subject={exportSubject} />
      </div>
      <div className="grid-and-detail">
        <LazyPagedGrid
          testId="grid"
          columnDefs={columnDefs}
          queryKey={JSON.stringify([storeId, querySignature(query)])}
          source={tablePageSource(call, storeId, query)}
          exactCount={count?.exact ? count.value : null}
          onSortChange={(sort: readonly SortKey[]) => onViewChange((v) => ({ ...v, sort }))}
          onRowFocus={(row, index) => setDetail((d) => (d ? { row, index } : d))}
          onRowOpen={(row, index) => setDetail({ row, index })}
          onPage={(info) => setTookMs(info.tookMs)}
          onError={(e) => report(e, `Reading rows of ${tableLabel(table)}`)}
        />
        {detail && <RowDetail table={table} row={detail.row} rowIndex={detail.index} onClose={() => setDetail(null)} />}
      </div>
      <StatusBar count={count} tookMs={tookMs} filtered={view.filters.length > 0} />
      {filtering && (
        <FilterPopover
          key={filtering.column.name}
          column={filtering.column.name}
          title={filtering.column.name}
          detail={filtering.column.type || filtering.column.family}
          family={filtering.column.family}
          filters={view.filters.filter((f) => f.column === filtering.column.name)}
          anchor={filtering.anchor}
          values={(picked, onChange) => <ValueList query={query} column={filtering.column.name} picked={picked} onChange={onChange} />}
          onApply={(filters) => applyFilters(filtering.column.name, filters)}
          onClose={() => setFiltering(null)}
        />
      )}
    </section>
  );
}
