import { useCallback, useEffect, useState } from 'react';
import type { FormatSummary } from '../../../shared/api/contract';
import { call } from '../../app/api-client';
import { useReportError } from '../../app/error-context';

/** The formats of a store, and a way to ask again (after a mapping is saved, imported or removed). */
export interface StoreFormats {
  readonly formats: readonly FormatSummary[] | null;
  readonly failed: boolean;
  readonly reload: () => void;
}

/**
 * The audit formats found in a store (`formats.list`): null while first loading, empty when none
 * or failed. A reload keeps the current list on screen until the new one arrives.
 */
export function useFormats(storeId: string): StoreFormats {
  const report = useReportError();
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ formats: readonly FormatSummary[] | null; failed: boolean; storeId: string }>({ formats: null, failed: false, storeId });

  useEffect(() => {
    let live = true;
    void call('formats.list', { storeId }).then((r) => {
      if (!live) {
        return;
      }
      if (r.ok) {
        setState({ formats: r.value, failed: false, storeId });
      } else {
        setState({ formats: [], failed: true, storeId });
        report(r.error, 'Looking for audit formats');
      }
    });
    return () => {
      live = false;
    };
  }, [storeId, report, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return state.storeId === storeId ? { ...state, reload } : { formats: null, failed: false, reload };
}
