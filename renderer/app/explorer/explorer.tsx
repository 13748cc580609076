/**
 * The explorer of an open store: the store bar with the mode switch over the current mode's view.
 * It provides the open store (StoreContext) and the state each mode keeps while another is shown,
 * so switching modes and back restores what the user set up; it knows the modes only as a list.
 */
import { useState, type ComponentType } from 'react';
import type { StoreSummary } from '../../../shared/api/contract';
import { WarningBanner } from '../../components/warning-banner';
import { ConsoleMode } from '../../features/console/console-mode';
import { LineageMode } from '../../features/lineage/lineage-mode';
import { RunsMode } from '../../features/runs/runs-mode';
import { TablesMode } from '../../features/tables/tables-mode';
import { TimelineMode } from '../../features/runs/timeline/timeline-mode';
import { KeptStateProvider } from '../kept-state';
import { StoreProvider, useOpenStore } from '../store-context';
import { useLinkStart, useViewLinkWriter } from '../view-link/use-view-link';
import type { ModeId, ModeViewProps } from './explorer-modes';
import { landingMode, modeInfo } from './explorer-modes';
import type { NavIntent } from './nav-intent';
import { intentMode } from './nav-intent';
import { StoreBar } from './store-bar';
import { useExplorerKeys } from './use-explorer-keys';
import { useFocusKeeper } from './use-focus-keeper';

/** The view of each mode (EXPLORER_MODES lists them in order). */
const MODE_VIEWS: Readonly<Record<ModeId, ComponentType<ModeViewProps>>> = {
  runs: RunsMode,
  timeline: TimelineMode,
  lineage: LineageMode,
  tables: TablesMode,
  sql: ConsoleMode,
};

/** The open store. */
export function Explorer({ store, onClose, onShortcuts }: { readonly store: StoreSummary; readonly onClose: () => void; readonly onShortcuts?: () => void }) {
  return (
    <StoreProvider key={store.storeId} summary={store}>
      <LinkedExplorer onClose={onClose} onShortcuts={onShortcuts} />
    </StoreProvider>
  );
}

/** The explorer, started from the view the page's link names (a reload, a pasted link) once that can be known. */
function LinkedExplorer({ onClose, onShortcuts }: { readonly onClose: () => void; readonly onShortcuts?: (() => void) | undefined }) {
  const start = useLinkStart();
  if (start === undefined) {
    return <div className="explorer" data-testid="explorer"><div className="empty-main muted" data-testid="view-link-restoring">Opening the linked view…</div></div>;
  }
  return (
    <KeptStateProvider seed={start.seed}>
      <ExplorerFrame onClose={onClose} onShortcuts={onShortcuts} linkedMode={start.mode} />
    </KeptStateProvider>
  );
}

function ExplorerFrame({ onClose, onShortcuts, linkedMode }: { readonly onClose: () => void; readonly onShortcuts?: (() => void) | undefined; readonly linkedMode: ModeId | null }) {
  const store = useOpenStore();
  // The landing mode follows what is known about the store until the user picks a mode themselves.
  const [chosen, setChosen] = useState<ModeId | null>(linkedMode);
  const mode = chosen ?? landingMode({ formats: store.formats });
  // The view is in the address bar, so a reload or a copied link comes back to it.
  useViewLinkWriter(mode);
  useFocusKeeper();
  // A link followed from one mode to another, until the mode it opened has applied it.
  const [intent, setIntent] = useState<NavIntent | null>(null);
  const navigate = (i: NavIntent): void => {
    setIntent(i);
    setChosen(intentMode(i));
  };

  useExplorerKeys((action, e) => {
    if (action !== 'find') {
      setChosen(action);
      return;
    }
    const target = modeInfo(mode).findTarget;
    if (target !== undefined) {
      e.preventDefault();
      document.querySelector<HTMLElement>(target)?.focus();
    }
  });

  const ModeView = MODE_VIEWS[mode];
  return (
    <div className="explorer" data-testid="explorer">
      <StoreBar mode={mode} onMode={setChosen} onClose={onClose} onShortcuts={onShortcuts} />
      <WarningBanner key={store.storeId} message={store.writeWarning} testId="write-warning" />
      <ModeView onMode={setChosen} onNavigate={navigate} intent={intent !== null && intentMode(intent) === mode ? intent : null} onIntentDone={() => setIntent(null)} />
    </div>
  );
}
