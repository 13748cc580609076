/**
 * The runs of one format: facets on the left; filter chips, the runs grid and, under it, the
 * selected run's steps (DbGate-style master/detail in a split pane) on the right; the status bar
 * under all. Filters, sort and columns are the format's view state, kept by the session.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { FormatSummary } from '../../../shared/api/contract';
import type { CellValue } from '../../../shared/model/values';
import type { ColumnFilter, SortKey } from '../../../shared/model/view-request';
import { call } from '../../app/api-client';
import { useLatestCallback } from '../../app/use-latest-callback';
import { useReportError } from '../../app/error-context';
import { explorerKeyAction, isTypingTarget } from '../../app/explorer/explorer-keys';
import { useSettingsAccess } from '../../app/settings-context';
import { useOpenStore } from '../../app/store-context';
import { anchorOf, type Anchor } from '../../components/popover';
import { SplitPane } from '../../components/split-pane';
import { useDebounced } from '../../components/use-debounced';
import { useEscape } from '../../components/use-escape';
import { useKey } from '../../components/use-key';
import { ExportButton } from '../../export/export-button';
import { ColumnChooser } from '../../grid/column-chooser';
import { FilterChips } from '../../grid/filter-chips';
import { FilterPopover } from '../../grid/filter-popover';
import type { GridRow } from '../../grid/grid-row';
import { removeFilterAt, replaceColumnFilters, setColumnHidden } from '../../grid/grid-view-state';
import { LazyPagedGrid } from '../../grid/lazy-paged-grid';
import { StatusBar } from '../../grid/status-bar';
import { viewColumnDefs } from './column-defs';
import { CrossFilterToggles, crossFilterChips } from './cross-filters';
import { isFacetColumn, toggleFacetValue } from './facet-filters';
import { FacetValues } from './facet-values';
import { FacetsPanel } from './facets-panel';
import { QuickRangesBar } from './quick-ranges-bar';
import { columnFamily, headerLabel, viewTableInfo, visibleStepColumns } from './run-columns';
import { RunDetailPane } from './run-detail-pane';
import { runTitle } from './run-heading';
import type { RunTab } from './run-tabs';
import { runTabId } from './run-tabs';
import { runsExportSubject } from './runs-export-subject';
import type { RunsViewState, SelectedRun } from './runs-session';
import { filterQuery, isFiltered, runsExportQuery, runsQuery, setSearch, setWindow } from './runs-session';
import { RunSearchBox } from './run-search-box';
import { runLinks, withRunLinks } from './run-links';
import type { TimeZoneMode } from './time-display';
import { FACET_LIMIT, FACET_LIMIT_MORE, useRunFacets } from './use-run-facets';
import { useFullRun } from './use-full-run';
import { useRunsCountState } from './use-runs-count';

/** The runs view of one format. */
export function RunsView({ format, view, onViewChange, zone, active, onOpenTab, initialSelected, onSelect, onShowLineage = null }: {
  readonly format: FormatSummary;
  readonly view: RunsViewState;
  readonly onViewChange: (update: (v: RunsViewState) => RunsViewState) => void;
  readonly zone: TimeZoneMode;
  /** False while a run tab covers the view: its keys must not act. */
  readonly active: boolean;
  readonly onOpenTab: (tab: RunTab) => void;
  /** The run selected when the view mounts (the kept one, or one a view link names). */
  readonly initialSelected?: SelectedRun | null;
  /** Told of every selection, so the session (and the URL) keeps it. */
  readonly onSelect?: (row: GridRow | null) => void;
  /** Opens the lineage a run recorded; null when the format has none. */
  readonly onShowLineage?: ((runId: string) => void) | null;
}) {
  const report = useReportError();
  const { storeId, catalog } = useOpenStore();
  const ownTable = format.runsTable;
  const query = useMemo(() => runsQuery(format, view), [format, view]);
  const table = useMemo(() => viewTableInfo('runs', `runs of ${format.title}`, format.runColumns, ownTable, catalog), [format, ownTable, catalog]);
  const counted = useMemo(() => filterQuery(view), [view]);
  const { count, countError } = useRunsCountState(format.key, counted);
  // "Steps of these runs" writes the step columns the steps pane shows.
  const stepColumns = useMemo(() => visibleStepColumns(format.stepColumns, format.stepsTable, view.stepsHidden), [format, view.stepsHidden]);
  // The export keeps the grid's sort; the grid's own query leaves sort to the grid.
  const exportQuery = useMemo(() => runsExportQuery(format, view), [format, view]);
  const exportSubject = useMemo(() => runsExportSubject(call, storeId, format, exportQuery, count, stepColumns), [storeId, format, exportQuery, count, stepColumns]);
  const [facetLimit, setFacetLimit] = useState(FACET_LIMIT);
  const { facets, loading, failed: facetsFailed } = useRunFacets(format.key, counted, facetLimit);
  const [tookMs, setTookMs] = useState<number | null>(null);
  // A view link may name the selected run: its key and id are enough for the steps and the heading.
  const [selected, setSelectedRow] = useState<GridRow | null>(() => (initialSelected ? { key: initialSelected.key, cells: new Map([['run_id', initialSelected.runId]]) } : null));
  const setSelected = useCallback((row: GridRow | null) => {
    setSelectedRow(row);
    onSelect?.(row);
  }, [onSelect]);
  const shown = useRestoredRow(format.key, useDebounced(selected, 120));
  const [filtering, setFiltering] = useState<{ readonly column: string; readonly anchor: Anchor } | null>(null);
  const gridApi = useRef<GridApi<GridRow> | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const filteredColumns = useMemo(() => new Set(view.filters.map((f) => f.column)), [view.filters]);
  // Folded facets are a setting: a laptop user folds them once, not every time a store opens.
  const settings = useSettingsAccess();
  const [localFold, setLocalFold] = useState(false);
  const facetsCollapsed = settings ? settings.settings.facetsCollapsed : localFold;
  const setFacetsCollapsed = (collapsed: boolean): void => (settings ? settings.change({ facetsCollapsed: collapsed }) : setLocalFold(collapsed));

  // The headers' labels, for the chips and the chooser: one label per column.
  const labelOf = useCallback((column: string) => headerLabel('runs', column, ownTable), [ownTable]);
  const openFilter = useCallback((column: string, el: HTMLElement) => setFiltering({ column, anchor: anchorOf(el) }), []);
  // The grid starts with the sort kept for this format; later sorts are the grid's own.
  const [initialSort] = useState(view.sort);
  // A value naming other runs (invocation_id, parent_session_id) filters the runs to them.
  const links = useMemo(() => {
    const own = catalog?.tables.find((t) => t.name === ownTable);
    return own && catalog ? runLinks(own, catalog) : new Map<string, string>();
  }, [catalog, ownTable]);
  const openLinked = useLatestCallback((column: string, value: string | number) => onViewChange((v) => replaceColumnFilters(v, column, [{ column, op: 'eq', value }])));
  const columnDefs = useMemo(
    () => withRunLinks(viewColumnDefs({
      kind: 'runs', columns: format.runColumns, ownTable, hidden: view.hidden, zone, initialSort,
      familyOf: (c) => columnFamily('runs', c, ownTable, catalog), onFilter: openFilter, filteredColumns,
    }), links, openLinked),
    [format, ownTable, view.hidden, zone, initialSort, catalog, openFilter, filteredColumns, links, openLinked],
  );
  const signature = JSON.stringify([storeId, format.key, query]);
  // The popover of a facet's column lists the facet's values to pick.
  const facetOfFilter = filtering && facets && isFacetColumn(filtering.column) ? facets[filtering.column] : null;

  const setFilters = (filters: readonly ColumnFilter[]): void => onViewChange((v) => ({ ...v, filters }));

  useEscape(active && selected !== null && filtering === null, () => setSelected(null), 'outer');
  useKey(active, (e) => {
    if (explorerKeyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, typing: isTypingTarget(e.target) }) !== 'find') {
      return;
    }
    e.preventDefault();
    // In the grid, `/` filters the focused column; elsewhere it goes to the facets' search.
    const api = gridApi.current;
    const cell = api && !api.isDestroyed() ? api.getFocusedCell() : null;
    const grid = document.activeElement?.closest<HTMLElement>('[data-testid="runs-grid"]') ?? null;
    const header = cell && grid
      ? grid.querySelector<HTMLElement>(`[data-testid="column-header"][data-column="${CSS.escape(cell.column.getColId())}"]`)
      : null;
    if (cell && header) {
      openFilter(cell.column.getColId(), header);
    } else {
      searchRef.current?.focus();
    }
  });

  const openTab = (row: GridRow): void => {
    onOpenTab({
      id: runTabId(format.key, row.key),
      formatKey: format.key,
      key: row.key,
      runId: row.cells.get('run_id') ?? null,
      title: runTitle(row.cells),
      cells: [...row.cells.entries()],
    });
  };

  return (
    <section className="runs-view" data-testid="runs-view" data-format={format.id} hidden={!active}>
      <FacetsPanel
        quickRanges={<QuickRangesBar newest={facets?.newest ?? null} window={view.window} onWindow={(w) => onViewChange((v) => setWindow(v, w))} />}
        facets={facets}
        loading={loading}
        failed={facetsFailed}
        filters={view.filters}
        limit={facetLimit}
        searchRef={searchRef}
        onToggle={(column, value) => setFilters(toggleFacetValue(view.filters, column, value))}
        onMore={() => setFacetLimit(FACET_LIMIT_MORE)}
        collapsed={facetsCollapsed}
        onCollapsedChange={setFacetsCollapsed}
      />
      <div className="runs-main">
        <div className="toolbar">
          <h2 className="table-title" title={format.title}>Runs</h2>
          <FilterChips
            table={table}
            filters={view.filters}
            onRemove={(i) => onViewChange((v) => removeFilterAt(v, i))}
            onEdit={openFilter}
            onClearAll={() => onViewChange(({ anyStepFailed: _a, slowerThanMedian: _s, window: _w, search: _q, ...v }) => ({ ...v, filters: [] }))}
            labelOf={labelOf}
            extra={crossFilterChips(view, onViewChange)}
          />
          <span className="spacer" />
          <RunSearchBox value={view.search} onSearch={(text) => onViewChange((v) => setSearch(v, text))} />
          <CrossFilterToggles view={view} hasSteps={format.stepsTable !== null} onViewChange={onViewChange} />
          {/* Ctrl+E is the runs' only while they are on screen: a run's tab gives it to that run's steps. */}
          <ExportButton subject={exportSubject} shortcut={active} />
          {format.warnings.length > 0 && (
            <span className="format-warning" data-testid="format-warnings" title={format.warnings.join('\n')}>
              ⚠ {format.warnings.length === 1 ? 'Slow without an index' : `${format.warnings.length} missing indexes`}
            </span>
          )}
          <ColumnChooser table={table} hidden={view.hidden} labelOf={labelOf} onChange={(c, hide) => onViewChange((v) => setColumnHidden(v, c, hide))} />
        </div>
        <SplitPane
          label="Runs and the selected run's steps"
          testId="runs-split"
          first={
            <LazyPagedGrid
              key={format.key}
              testId="runs-grid"
              label="Runs"
              allColumns
              columnDefs={columnDefs}
              queryKey={signature}
              exactCount={count?.exact ? count.value : null}
              renderKey={zone}
              source={{
                fetchPage: (sort, startRow, endRow, requestId) => call('runs.page', { storeId, format: format.key, query: { ...query, sort: [...sort] }, startRow, endRow, requestId }),
                cancel: (requestId) => void call('query.cancel', { requestId }),
              }}
              onSortChange={(sort: readonly SortKey[]) => onViewChange((v) => ({ ...v, sort }))}
              onRowFocus={(row) => setSelected(row)}
              onRowOpen={(row) => setSelected(row)}
              onPage={(info) => setTookMs(info.tookMs)}
              onError={(e) => report(e, `Reading the runs of ${format.title}`)}
              onApi={(api) => {
                gridApi.current = api;
              }}
            />
          }
          second={shown === null ? null : (
            <RunDetailPane
              key={JSON.stringify(shown.key)}
              format={format}
              run={shown}
              zone={zone}
              active={active}
              stepsHidden={view.stepsHidden}
              search={view.search}
              onStepsHiddenChange={(stepsHidden) => onViewChange((v) => ({ ...v, stepsHidden }))}
              onOpenRuns={openLinked}
              onOpenTab={() => openTab(shown)}
              onShowLineage={onShowLineage}
              onClose={() => setSelected(null)}
            />
          )}
        />
        <StatusBar count={count} countError={countError} tookMs={tookMs} filtered={isFiltered(view)} />
      </div>
      {filtering && (
        <FilterPopover
          key={filtering.column}
          column={filtering.column}
          title={headerLabel('runs', filtering.column, ownTable)}
          detail={filtering.column}
          family={columnFamily('runs', filtering.column, ownTable, catalog)}
          timeCompare={format.instantColumns?.includes(filtering.column) ? 'instants' : 'text'}
          filters={view.filters.filter((f) => f.column === filtering.column)}
          anchor={filtering.anchor}
          values={facetOfFilter ? (picked, onChange) => <FacetValues values={facetOfFilter} picked={picked} onChange={onChange} /> : undefined}
          onApply={(filters) => {
            onViewChange((v) => replaceColumnFilters(v, filtering.column, filters));
            setFiltering(null);
          }}
          onClose={() => setFiltering(null)}
        />
      )}
    </section>
  );
}

/** A run a view link selected comes with its key and id only: its whole row is fetched for the heading. */
function useRestoredRow(formatKey: string, row: GridRow | null): GridRow | null {
  const onlyId = row !== null && row.cells.size === 1 && row.cells.has('run_id');
  const full = useFullRun(formatKey, onlyId ? row.cells.get('run_id') ?? null : null, []);
  // The answer is a new object on every render: the row is rebuilt only when its fields change.
  const fields = full.complete ? JSON.stringify(full.fields) : null;
  return useMemo(() => (row !== null && onlyId && fields !== null ? { key: row.key, cells: new Map(JSON.parse(fields) as [string, CellValue][]) } : row), [row, onlyId, fields]);
}
