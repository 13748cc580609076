/**
 * The start screen: open a store by dialog (Electron) or path (browser mode), reopen a recent
 * one, open the bundled demo, or connect to Postgres (by form or a saved connection). Opening
 * errors are shown where the user acted; an open that takes a while (a big JSON folder) shows a
 * progress card with Cancel.
 */
import { useCallback, useState } from 'react';
import type { CallResult, RecentStore, StoreSummary } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { call } from '../../app/api-client';
import { useApiCall } from '../../app/use-api-call';
import { OpenProgressCard } from './open-progress-card';
import { pathLabel } from './open-progress-text';
import { PathForm } from './path-form';
import { PgConnectPanel } from './pg-connect-panel';
import { RecentList } from './recent-list';
import { SavedConnections } from './saved-connections';
import './sources.css';
import { useOpenShortcut } from './use-open-shortcut';
import { useStoreOpening } from './use-store-opening';
import { shortcutKeys, withShortcut } from '../../app/shortcuts';

/** Where the last opening attempt came from, so its error shows next to that control. */
type Origin = 'path' | 'dialog' | 'demo' | 'recent';

/** What the lists show when they could not be read (the error bar says why). */
const NO_RECENT: readonly RecentStore[] = [];
const NO_CONNECTIONS: CallResult<'connections.list'> = { connections: [], canKeepPasswords: false };

/** The screen shown while no store is open. */
export function StartScreen({ canPickFiles, version, onOpened, onSettings }: {
  readonly canPickFiles: boolean;
  readonly version: string | null;
  readonly onOpened: (store: StoreSummary) => void;
  /** Opens the settings (theme, reopen the last store). */
  readonly onSettings: () => void;
}) {
  const listed = useApiCall('stores.recent', {}, { report: 'Listing recent stores' });
  const recent = listed.error ? NO_RECENT : listed.value;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ origin: Origin; message: string } | null>(null);
  const connections = useApiCall('connections.list', {}, { report: 'Listing saved connections' });
  const saved = connections.error ? NO_CONNECTIONS : connections.value;
  const opening = useStoreOpening();

  const open = useCallback(async (origin: Origin, run: () => Promise<Result<StoreSummary | null>>) => {
    setBusy(true);
    setFailure(null);
    const r = await run();
    setBusy(false);
    if (!r.ok) {
      // A cancelled open is the user's choice: back to the start screen, nothing to explain.
      if (r.error.code !== 'cancelled') {
        setFailure({ origin, message: r.error.message });
      }
    } else if (r.value) {
      onOpened(r.value);
    }
  }, [onOpened]);

  const openDialog = useCallback(() => {
    void open('dialog', () => call('stores.openDialog', {}));
  }, [open]);
  const errorFor = (origin: Origin): string | null => (failure?.origin === origin ? failure.message : null);

  return (
    <main className="start-screen" data-testid="start-screen">
      <div className="start-card">
        <header className="start-header">
          <div className="start-title-row">
            <h1>Auditlens</h1>
            <button type="button" data-testid="open-settings" title={withShortcut('Settings', 'settings')} onClick={onSettings}>Settings</button>
          </div>
          <p className="muted">Explore audit logs: open a store read-only, filter, and read every row.{version ? ` v${version}` : ''}</p>
        </header>

        <div className="start-columns">
          <div className="start-column">
            <section className="start-section" aria-label="Open a store">
              <h2>Open a file</h2>
              {canPickFiles ? (
                <DialogOpener busy={busy} error={errorFor('dialog')} onOpen={openDialog} />
              ) : (
                <PathForm busy={busy} error={errorFor('path')} onSubmit={(path) => void open('path', () => opening.openTracked(pathLabel(path), (requestId) => call('stores.openPath', { path, requestId })))} />
              )}
              <div className="demo-row">
                <button type="button" data-testid="open-demo" disabled={busy} onClick={() => void open('demo', () => call('stores.openDemo', {}))}>
                  Open the demo store
                </button>
                <span className="muted">dbt, Fivetran, ddeutil-workflow and transformation-logging tables with generated history.</span>
              </div>
              {errorFor('demo') && <p className="field-error" role="alert" data-testid="open-error">{errorFor('demo')}</p>}
            </section>

            <section className="start-section" aria-label="Recent stores">
              <h2>Recent</h2>
              <RecentList stores={recent} busy={busy} onPick={(s) => void open('recent', () => opening.openTracked(s.title, (requestId) => call('stores.openRecent', { id: s.id, requestId })))} />
              {errorFor('recent') && <p className="field-error" role="alert" data-testid="open-error">{errorFor('recent')}</p>}
            </section>
          </div>
          <div className="start-column">
            <section className="start-section" aria-label="Connect to Postgres" data-testid="pg-panel">
              <h2>Connect to Postgres</h2>
              <PgConnectPanel disabled={busy} canKeepPasswords={saved?.canKeepPasswords ?? false} onOpened={onOpened} />
            </section>
            <section className="start-section" aria-label="Saved connections">
              <h2>Saved connections</h2>
              <SavedConnections connections={saved?.connections ?? null} disabled={busy} onOpened={onOpened} onRemoved={connections.reload} />
            </section>
          </div>
        </div>
      </div>
      {opening.card && <OpenProgressCard card={opening.card} onCancel={opening.cancel} />}
    </main>
  );
}

function DialogOpener({ busy, error, onOpen }: { readonly busy: boolean; readonly error: string | null; readonly onOpen: () => void }) {
  useOpenShortcut(onOpen);
  return (
    <div className="dialog-opener">
      <button type="button" className="primary" data-testid="open-dialog" disabled={busy} onClick={onOpen}>
        Open a store…
      </button>
      <span className="muted">{shortcutKeys('open')}</span>
      {error && <p className="field-error" role="alert" data-testid="open-error">{error}</p>}
    </div>
  );
}
