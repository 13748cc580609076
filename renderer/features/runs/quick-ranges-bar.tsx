/** "Last 1 h · 24 h · 7 d · 30 d" above the facets: a time window ending at the store's newest run. */
import type { TimeWindow } from '../../../shared/model/view-request';
import { QUICK_RANGES, isQuickWindow, quickWindow } from './quick-ranges';

/** The quick ranges; nothing while the newest run is unknown or the format has no start times. */
export function QuickRangesBar({ newest, window, onWindow }: {
  readonly newest: string | null;
  readonly window: TimeWindow | undefined;
  readonly onWindow: (window: TimeWindow | null) => void;
}) {
  if (newest === null) {
    return null;
  }
  const shown = `${newest.slice(0, 16).replace('T', ' ')} UTC`;
  return (
    <section className="facet quick-ranges" data-testid="quick-ranges" aria-label="Quick time ranges">
      <header className="facet-head">
        <span className="facet-title">Last</span>
        <span className="muted quick-ranges-anchor" title={`Counted back from the newest run in the store, which started ${newest}`}>to {shown}</span>
      </header>
      <div className="quick-ranges-buttons">
        {QUICK_RANGES.map(([label, span]) => {
          const on = isQuickWindow(window, newest, span);
          return (
            <button
              key={label}
              type="button"
              className={`quick-range${on ? ' on' : ''}`}
              aria-pressed={on}
              data-testid="quick-range"
              title={`Runs of the ${label} up to the newest run`}
              onClick={() => onWindow(on ? null : quickWindow(newest, span))}
            >
              {label}
            </button>
          );
        })}
      </div>
    </section>
  );
}
