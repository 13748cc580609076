/**
 * Filters across runs and steps in the runs toolbar: "Any step failed" and "Slower than
 * median" toggles, each also shown as a removable chip beside the column filters. The server
 * does the work (an EXISTS into the steps, per-name medians); the view only sets the flags.
 */
import type { ExtraChip } from '../../grid/filter-chips';
import type { CrossFilter, RunsViewState } from './runs-session';
import { activeCrossFilters, setCrossFilter, setSearch, setWindow } from './runs-session';
import { describeWindow } from './time-window';

/** What each cross-run filter says, on its toggle and its chip. */
const LABELS: Readonly<Record<CrossFilter, { readonly text: string; readonly title: string; readonly testId: string }>> = {
  anyStepFailed: { text: 'Any step failed', title: 'Only runs with at least one failed step', testId: 'toggle-any-step-failed' },
  slowerThanMedian: { text: 'Slower than median', title: 'Only runs slower than the median duration of runs with the same name (under the other filters)', testId: 'toggle-slower-than-median' },
};

/** The chips of the cross-run filters that are on, of the search, and of the time window brushed on the timeline. */
export function crossFilterChips(view: RunsViewState, onViewChange: (update: (v: RunsViewState) => RunsViewState) => void): ExtraChip[] {
  const chips: ExtraChip[] = activeCrossFilters(view).map((f) => ({
    id: f,
    text: LABELS[f].text,
    title: LABELS[f].title,
    onRemove: () => onViewChange((v) => setCrossFilter(v, f, false)),
  }));
  if (view.search) {
    chips.push({
      id: 'search',
      text: `“${view.search}” in runs or steps`,
      title: 'Only runs whose message, or any of whose steps\' messages, contains this text (not case-sensitive)',
      onRemove: () => onViewChange((v) => setSearch(v, '')),
    });
  }
  if (view.window) {
    chips.push({
      id: 'window',
      text: describeWindow(view.window),
      title: 'Only runs that overlap this time window (brushed on the timeline)',
      onRemove: () => onViewChange((v) => setWindow(v, null)),
    });
  }
  return chips;
}

/** The two toggles; "Any step failed" only for formats that record steps. */
export function CrossFilterToggles({ view, hasSteps, onViewChange }: {
  readonly view: RunsViewState;
  readonly hasSteps: boolean;
  readonly onViewChange: (update: (v: RunsViewState) => RunsViewState) => void;
}) {
  const shown: CrossFilter[] = hasSteps ? ['anyStepFailed', 'slowerThanMedian'] : ['slowerThanMedian'];
  return (
    <div className="cross-toggles" role="group" aria-label="Filters across runs">
      {shown.map((f) => {
        const on = view[f] === true;
        return (
          <button key={f} type="button" className={`toggle${on ? ' on' : ''}`} data-testid={LABELS[f].testId} aria-pressed={on} title={LABELS[f].title}
            onClick={() => onViewChange((v) => setCrossFilter(v, f, !on))}>
            {LABELS[f].text}
          </button>
        );
      })}
    </div>
  );
}
