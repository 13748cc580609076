/**
 * The runs side of a link from the lineage graph: "Runs that wrote this" opens the runs (or the
 * timeline, which shares their session) of the format, filtered to those runs by `run_id`.
 */
import { useEffect } from 'react';
import type { FormatSummary } from '../../../shared/api/contract';
import type { NavIntent } from '../../app/explorer/nav-intent';
import type { RunsSession, RunsViewState } from './runs-session';
import { updateView } from './runs-session';

/** Shows only these runs: one `run_id` filter, replacing any other on that column. */
export function showOnlyRuns(view: RunsViewState, runIds: readonly string[]): RunsViewState {
  return { ...view, filters: [...view.filters.filter((f) => f.column !== 'run_id'), { column: 'run_id', op: 'in', values: [...runIds] }] };
}

/** Applies a runs intent to the session once the formats are known, then says it is done. */
export function useRunsIntent(intent: NavIntent | null, onDone: () => void, formats: readonly FormatSummary[] | null, onSessionChange: (update: (s: RunsSession) => RunsSession) => void): void {
  useEffect(() => {
    if (intent?.kind !== 'runs' || formats === null) {
      return;
    }
    const format = formats.find((f) => f.key === intent.format);
    if (format !== undefined && intent.runIds.length > 0) {
      onSessionChange((s) => updateView({ ...s, formatKey: format.key, active: null }, format, (v) => showOnlyRuns(v, intent.runIds)));
    }
    onDone();
    // Applied once per intent; the callbacks are new on every render of the mode.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intent, formats]);
}
