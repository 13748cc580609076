/**
 * The tables mode of the explorer: the table sidebar and the selected table. Each table's
 * filters, sort and hidden columns are kept by the explorer, so switching tables (or modes) and
 * back restores them.
 */
import { useCallback, useMemo, useState } from 'react';
import type { RowCount, TableInfo } from '../../../shared/model/catalog';
import { tableLabel } from '../../../shared/model/catalog';
import type { RelatedColumn } from '../../../shared/model/related-columns';
import type { ModeViewProps } from '../../app/explorer/explorer-modes';
import { keptSlot, useKeptState } from '../../app/kept-state';
import { useOpenStore } from '../../app/store-context';
import { ErrorBoundary } from '../../components/error-boundary';
import { withLearnedCounts } from './agreed-count';
import { TableSidebar } from './table-sidebar';
import { TableView } from './table-view';
import type { TableViewState } from './view-state';
import { EMPTY_VIEW, tableKey } from './view-state';

/** What the tables mode keeps while another mode is shown. */
export interface TablesState {
  /** The selected table's key (`tableKey`), if any. */
  readonly selected: string | null;
  readonly views: ReadonlyMap<string, TableViewState>;
}

/** The tables mode's kept state (a view link restores it too). */
export const TABLES = keptSlot<TablesState>('tables', { selected: null, views: new Map() });

/** Selects the table a related value leads to, filtered to that value (its other set-up kept). */
export function openRelated(s: TablesState, related: RelatedColumn, value: string | number): TablesState {
  const key = tableKey(related.table);
  const kept = s.views.get(key) ?? EMPTY_VIEW;
  return { selected: key, views: new Map(s.views).set(key, { ...kept, filters: [{ column: related.column, op: 'eq', value }] }) };
}

/** The tables mode. */
export function TablesMode(_props: ModeViewProps) {
  const { catalog, catalogFailed, rowCounts } = useOpenStore();
  const [{ selected, views }, setKept] = useKeptState(TABLES);
  const table = catalog?.tables.find((t) => tableKey(t) === selected) ?? null;
  // Counts the open tables' status bars found (unfiltered): the sidebar shows the same number.
  const [learned, setLearned] = useState<ReadonlyMap<string, RowCount>>(new Map());
  const counts = useMemo(() => withLearnedCounts(rowCounts, learned), [rowCounts, learned]);
  const learn = useCallback((label: string, count: RowCount) => {
    setLearned((m) => (m.get(label)?.value === count.value && m.get(label)?.exact === count.exact ? m : new Map(m).set(label, count)));
  }, []);

  const updateView = (key: string, update: (v: TableViewState) => TableViewState): void => {
    setKept((s) => ({ ...s, views: new Map(s.views).set(key, update(s.views.get(key) ?? EMPTY_VIEW)) }));
  };

  return (
    <div className="explorer-body">
      <TableSidebar
        tables={catalog?.tables ?? (catalogFailed ? [] : null)}
        counts={counts}
        selected={selected}
        onSelect={(t: TableInfo) => setKept((s) => ({ ...s, selected: tableKey(t) }))}
      />
      <main className="explorer-main">
        {table ? (
          <ErrorBoundary key={selected} label="This table's view">
            <TableView
              table={table}
              view={views.get(tableKey(table)) ?? EMPTY_VIEW}
              onViewChange={(update) => updateView(tableKey(table), update)}
              listedCount={counts?.[tableLabel(table)] ?? table.rowCount}
              onUnfilteredCount={(count) => learn(tableLabel(table), count)}
              onOpenRelated={(related, value) => setKept((s) => openRelated(s, related, value))}
            />
          </ErrorBoundary>
        ) : (
          <div className="empty-main muted" data-testid="pick-table">
            {catalogFailed ? 'The list of tables could not be read.' : 'Pick a table on the left to see its rows.'}
          </div>
        )}
      </main>
    </div>
  );
}
