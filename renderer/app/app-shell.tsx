/**
 * The top of the app: which store is open (start screen or explorer) and the error bar that
 * shows every failed call, so a failure is always visible and never a blank screen.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, StoreSummary } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';
import { ErrorBar, type ErrorEntry } from '../components/error-bar';
import { ErrorBoundary } from '../components/error-boundary';
import { StartScreen } from '../features/sources/start-screen';
import { Explorer } from '../features/tables/explorer';
import { call, hasBridge } from './api-client';
import { ErrorReporterContext } from './error-context';

/** Most errors kept on screen at once; older ones scroll away. */
const MAX_ERRORS = 5;

/** The whole app. */
export function AppShell() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [store, setStore] = useState<StoreSummary | null>(null);
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

  useEffect(() => {
    void call('app.info', {}).then((r) => {
      if (!r.ok) {
        report(r.error, 'Starting Auditlens');
        return;
      }
      setInfo(r.value);
      // A store named at launch (`npm start -- STORE`, the demo) opens straight into the explorer.
      if (r.value.initialStore) {
        setStore(r.value.initialStore);
      }
    });
  }, [report]);

  const closeStore = useCallback(() => {
    if (store) {
      void call('stores.close', { storeId: store.storeId }).then((r) => {
        if (!r.ok && r.error.code !== 'not-found') {
          report(r.error, 'Closing the store');
        }
      });
    }
    setStore(null);
  }, [store, report]);

  return (
    <ErrorReporterContext.Provider value={report}>
      <div className="app">
        <ErrorBar errors={errors} onDismiss={(id) => setErrors((list) => list.filter((e) => e.id !== id))} />
        <ErrorBoundary label="Auditlens">
          {store ? (
            <Explorer store={store} onClose={closeStore} />
          ) : (
            <StartScreen canPickFiles={info?.canPickFiles ?? hasBridge()} version={info?.version ?? null} onOpened={setStore} />
          )}
        </ErrorBoundary>
      </div>
    </ErrorReporterContext.Provider>
  );
}
