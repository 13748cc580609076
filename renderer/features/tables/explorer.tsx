/**
 * The explorer of an open store: the store bar with the Runs | Tables switch, then either the
 * runs mode (features/runs) or the table sidebar and the selected table.
 * Each table's filters, sort and hidden columns live here, so switching tables and back
 * restores them.
 */
import { useCallback, useState } from 'react';
import { useFormats } from '../runs/use-formats';
import type { StoreSummary } from '../../../shared/api/contract';
import type { TableInfo } from '../../../shared/model/catalog';
import { ErrorBoundary } from '../../components/error-boundary';
import { Segmented } from '../../components/segmented';
import { WarningBanner } from '../../components/warning-banner';
import { RunsMode } from '../runs/runs-mode';
import { emptySession, sessionFor, type RunsSession } from '../runs/runs-session';
import { useExplorerKeys } from '../runs/use-explorer-keys';
import { LoadProblems } from './load-problems';
import { TableSidebar } from './table-sidebar';
import { TableView } from './table-view';
import { useCatalog } from './use-catalog';
import type { TableViewState } from './view-state';
import { EMPTY_VIEW, tableKey } from './view-state';

/** What the explorer shows: the runs of an audit format, or the store's tables. */
type ExplorerMode = 'runs' | 'tables';

/** The open store. */
export function Explorer({ store, onClose }: { readonly store: StoreSummary; readonly onClose: () => void }) {
  const { catalog, counts, failed } = useCatalog(store.storeId);
  const [selected, setSelected] = useState<string | null>(null);
  const [views, setViews] = useState<ReadonlyMap<string, TableViewState>>(() => new Map());
  const table = catalog?.tables.find((t) => tableKey(t) === selected) ?? null;
  // Users open an audit store to see runs: land on them when the store has a known format, on the
  // tables otherwise, until the user picks a mode themselves.
  const { formats } = useFormats(store.storeId);
  const [chosenMode, setMode] = useState<ExplorerMode | null>(null);
  const mode: ExplorerMode = chosenMode ?? (formats !== null && formats.length > 0 ? 'runs' : 'tables');
  const [runs, setRuns] = useState<RunsSession>(() => emptySession(store.storeId));

  useExplorerKeys((action, e) => {
    if (action === 'find') {
      // The runs view handles its own `/`; in the tables it goes to the table name filter.
      if (mode === 'tables') {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('.sidebar-filter')?.focus();
      }
      return;
    }
    setMode(action);
  });

  const updateView = useCallback((key: string, update: (v: TableViewState) => TableViewState) => {
    setViews((all) => new Map(all).set(key, update(all.get(key) ?? EMPTY_VIEW)));
  }, []);

  return (
    <div className="explorer" data-testid="explorer">
      <header className="store-bar">
        <span className="brand">Auditlens</span>
        <span className="store-title" data-testid="store-title">{store.source.title}</span>
        <Segmented<ExplorerMode>
          label="Explorer mode"
          value={mode}
          onChange={setMode}
          segments={[
            { value: 'runs', label: 'Runs', testId: 'mode-runs', hint: 'Runs of the audit formats in this store (r)' },
            { value: 'tables', label: 'Tables', testId: 'mode-tables', hint: 'Every table of the store (t)' },
          ]}
        />
        <span className="badge">{store.source.kind}</span>
        <span className="store-location muted" title={store.source.location}>{store.source.location}</span>
        <span className="spacer" />
        {catalog && <LoadProblems problems={catalog.problems} storeLocation={store.source.location} />}
        <button type="button" data-testid="close-store" onClick={onClose}>Close store</button>
      </header>
      <WarningBanner key={store.storeId} message={store.writeWarning} testId="write-warning" />
      {mode === 'runs' ? (
        <RunsMode
          store={store}
          catalog={catalog}
          session={sessionFor(runs, store.storeId)}
          onSessionChange={(update) => setRuns((s) => update(sessionFor(s, store.storeId)))}
          onTables={() => setMode('tables')}
        />
      ) : (
        <div className="explorer-body">
          <TableSidebar tables={catalog?.tables ?? (failed ? [] : null)} counts={counts} selected={selected} onSelect={(t: TableInfo) => setSelected(tableKey(t))} />
          <main className="explorer-main">
            {table ? (
              <ErrorBoundary key={selected} label="This table's view">
                <TableView
                  storeId={store.storeId}
                  storePath={store.source.location}
                  table={table}
                  view={views.get(tableKey(table)) ?? EMPTY_VIEW}
                  onViewChange={(update) => updateView(tableKey(table), update)}
                />
              </ErrorBoundary>
            ) : (
              <div className="empty-main muted" data-testid="pick-table">
                {failed ? 'The list of tables could not be read.' : 'Pick a table on the left to see its rows.'}
              </div>
            )}
          </main>
        </div>
      )}
    </div>
  );
}
