/**
 * The top of the app: which store is open (start screen or explorer) and the error bar that
 * shows every failed call, so a failure is always visible and never a blank screen.
 */
import { useCallback, useState } from 'react';
import type { StoreSummary } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';
import { ErrorBar, type ErrorEntry } from '../components/error-bar';
import { ErrorBoundary } from '../components/error-boundary';
import { StartScreen } from '../features/sources/start-screen';
import { Explorer } from './explorer/explorer';
import { call, hasBridge } from './api-client';
import { ErrorReporterContext, useReportError } from './error-context';
import { useApiCall } from './use-api-call';

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
        <ErrorBoundary label="Auditlens">
          <OpenStoreOrStart />
        </ErrorBoundary>
      </div>
    </ErrorReporterContext.Provider>
  );
}

/** The explorer of the open store, or the start screen while none is open. */
function OpenStoreOrStart() {
  const report = useReportError();
  const { value: info } = useApiCall('app.info', {}, { report: 'Starting Auditlens' });
  // A store named at launch (`npm start -- STORE`, the demo) opens straight into the explorer,
  // until the user closes it or opens another: `undefined` means the user has not chosen yet.
  const [chosen, setChosen] = useState<StoreSummary | null | undefined>(undefined);
  const store = chosen === undefined ? info?.initialStore ?? null : chosen;

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

  return store ? (
    <Explorer store={store} onClose={closeStore} />
  ) : (
    <StartScreen canPickFiles={info?.canPickFiles ?? hasBridge()} version={info?.version ?? null} onOpened={setChosen} />
  );
}
