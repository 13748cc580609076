import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../shared/model/settings';
import { call } from '../../app/api-client';
import { useReportError } from '../../app/error-context';

/** The defaults, shown until `settings.get` answers (and if it fails). */
export const DEFAULT_SETTINGS: Settings = { theme: 'system', reopenLastStore: false, facetsCollapsed: false };

/** The user's settings and a function that changes some of them (saved by the main process or server). */
export function useSettings(): { readonly settings: Settings; readonly loaded: boolean; readonly change: (patch: Partial<Settings>) => void } {
  const report = useReportError();
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void call('settings.get', {}).then((r) => {
      if (r.ok) {
        setSettings(r.value);
      } else {
        report(r.error, 'Reading the settings');
      }
      setLoaded(true);
    });
  }, [report]);
  const change = useCallback((patch: Partial<Settings>) => {
    // Shown at once; the saved settings come back from the call.
    setSettings((s) => ({ ...s, ...patch }));
    void call('settings.set', patch).then((r) => {
      if (r.ok) {
        setSettings(r.value);
      } else {
        report(r.error, 'Saving the settings');
      }
    });
  }, [report]);
  return { settings, loaded, change };
}
