import { Segmented } from '../../components/segmented';
import { withShortcut } from '../shortcuts';
import { useOpenStore } from '../store-context';
import type { ModeId } from './explorer-modes';
import { EXPLORER_MODES } from './explorer-modes';
import { LoadProblems } from './load-problems';
import { splitBySeverity } from './problem-paths';
import { StoreNotices } from './store-notices';

/** The bar over the explorer: the open store, the mode switch, its load notices and problems, and Close. */
export function StoreBar({ mode, onMode, onClose, onShortcuts }: {
  readonly mode: ModeId;
  readonly onMode: (mode: ModeId) => void;
  readonly onClose: () => void;
  /** Opens the sheet of keyboard shortcuts. */
  readonly onShortcuts?: () => void;
}) {
  const store = useOpenStore();
  const entries = store.catalog ? splitBySeverity(store.catalog.problems) : null;
  return (
    <header className="store-bar">
      <span className="brand">Auditlens</span>
      <span className="store-title" data-testid="store-title">{store.title}</span>
      <Segmented<ModeId>
        label="Explorer mode"
        value={mode}
        onChange={onMode}
        segments={EXPLORER_MODES.map((m) => ({ value: m.id, label: m.label, testId: m.testId, hint: m.hint }))}
      />
      <span className="badge">{store.kind}</span>
      <span className="store-location muted" title={store.location}>{store.location}</span>
      <span className="spacer" />
      {entries && <StoreNotices notices={entries.notices} />}
      {entries && <LoadProblems problems={entries.problems} storeLocation={store.location} />}
      {onShortcuts && (
        <button type="button" className="icon-button" data-testid="show-shortcuts" aria-label="Keyboard shortcuts" title={withShortcut('Keyboard shortcuts', 'help')} onClick={onShortcuts}>?</button>
      )}
      <button type="button" data-testid="close-store" onClick={onClose}>Close store</button>
    </header>
  );
}
