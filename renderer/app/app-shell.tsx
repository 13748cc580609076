/**
 * The top of the app: which store is open (start screen or explorer), the error bar that shows
 * every failed call, so a failure is always visible and never a blank screen, and the desktop
 * shell's commands, dialogs and theme (use-shell-commands.ts, theme.ts).
 */
import { useCallback, useMemo, useState } from 'react';
import type { StoreSummary } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';
import { ErrorBar, type ErrorEntry } from '../components/error-bar';
import { ErrorBoundary } from '../components/error-boundary';
import { SettingsDialog } from '../features/settings/settings-dialog';
import { useSettings } from '../features/settings/use-settings';
import { OpenProgressCard } from '../features/sources/open-progress-card';
import { OpenPathDialog } from '../features/sources/open-path-dialog';
import { PgConnectDialog } from '../features/sources/pg-connect-dialog';
import { StartScreen } from '../features/sources/start-screen';
import { Explorer } from './explorer/explorer';
import { call, hasBridge } from './api-client';
import { ErrorReporterContext, useReportError } from './error-context';
import { SettingsContext } from './settings-context';
import { ShortcutSheet } from './shortcut-sheet';
import './shell.css';
import { useTheme } from './theme';
import { useApiCall } from './use-api-call';
import { useShellCommands } from './use-shell-commands';

/** Most errors kept on screen at once; older ones scroll away. */
const MAX_ERRORS = 5;

/** The whole app. */
export function AppShell() {
  const [errors, setErrors] = useState<readonly ErrorEntry[]>([]);

  const report = useCallback((error: ApiError, where: string) => {
    setErrors((list) => {
      const last = list[list.length - 1];
      if (last && last.code === error.code && last.message === error.message && last.where === where) {
        return list;
      }
      const id = (last?.id ?? 0) + 1;
      return [...list, { id, where, ...error }].slice(-MAX_ERRORS);
    });
  }, []);

  return (
    <ErrorReporterContext.Provider value={report}>
      <div className="app">
        <ErrorBar errors={errors} onDismiss={(id) => setErrors((list) => list.filter((e) => e.id !== id))} />
        <Shell />
      </div>
    </ErrorReporterContext.Provider>
  );
}

/** The screens, the dialogs and the theme, under the error bar. */
function Shell() {
  const report = useReportError();
  const { value: info } = useApiCall('app.info', {}, { report: 'Starting Auditlens' });
  // A store named at launch (`npm start -- STORE`, the demo) opens straight into the explorer,
  // until the user closes it or opens another: `undefined` means the user has not chosen yet.
  const [chosen, setChosen] = useState<StoreSummary | null | undefined>(undefined);
  const store = chosen === undefined ? info?.initialStore ?? null : chosen;
  const { settings, loaded: settingsLoaded, change: changeSettings } = useSettings();
  useTheme(settings.theme);
  const settingsAccess = useMemo(() => ({ settings, change: changeSettings }), [settings, changeSettings]);

  const closeStore = useCallback(() => {
    if (store) {
      void call('stores.close', { storeId: store.storeId }).then((r) => {
        if (!r.ok && r.error.code !== 'not-found') {
          report(r.error, 'Closing the store');
        }
      });
    }
    setChosen(null);
  }, [store, report]);

  const shell = useShellCommands({ info: info ?? null, store, setStore: setChosen, closeStore, report, settings, settingsLoaded });

  return (
    <SettingsContext.Provider value={settingsAccess}>
      <ErrorBoundary label="Auditlens">
        {store ? (
          <Explorer store={store} onClose={closeStore} onShortcuts={() => shell.setDialog('shortcuts')} />
        ) : (
          <StartScreen
            canPickFiles={info?.canPickFiles ?? hasBridge()}
            version={info?.version ?? null}
            onOpened={setChosen}
            onSettings={() => shell.setDialog('settings')}
          />
        )}
      </ErrorBoundary>
      {shell.dialog === 'settings' && <SettingsDialog settings={settings} onChange={changeSettings} onClose={() => shell.setDialog(null)} />}
      {shell.dialog === 'postgres' && <PgConnectDialog onOpened={shell.showOpened} onClose={() => shell.setDialog(null)} />}
      {shell.dialog === 'shortcuts' && <ShortcutSheet onClose={() => shell.setDialog(null)} />}
      {shell.dialog === 'open' && <OpenPathDialog onOpened={shell.showOpened} onClose={() => shell.setDialog(null)} />}
      {shell.card && <OpenProgressCard card={shell.card} onCancel={shell.cancelOpening} />}
      {shell.dragging && (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          Drop a SQLite database, a JSON audit log or a folder to open it
        </div>
      )}
    </SettingsContext.Provider>
  );
}
