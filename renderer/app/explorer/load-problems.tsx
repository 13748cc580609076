import { useMemo, useState } from 'react';
import type { LoadProblem } from '../../../shared/model/catalog';
import { Popover, anchorOf, type Anchor } from '../../components/popover';
import { filterProblems, problemsBadgeText } from './problem-paths';

/**
 * The store bar's "N load problems" badge: parts of the store that could not be read (a JSON
 * file with a syntax error, a skipped link). Clicking it lists each problem, file path relative
 * to the store's folder, with a text filter for stores with many.
 */
export function LoadProblems({ problems, storeLocation }: { readonly problems: readonly LoadProblem[]; readonly storeLocation: string }) {
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  const [needle, setNeedle] = useState('');
  const shown = useMemo(() => filterProblems(problems, needle, storeLocation), [problems, needle, storeLocation]);
  if (problems.length === 0) {
    return null;
  }
  return (
    <>
      <button
        type="button"
        className="problems-badge"
        data-testid="load-problems-badge"
        data-count={problems.length}
        aria-haspopup="dialog"
        title="Parts of this store that could not be read: click for the list"
        onClick={(e) => setAnchor(anchorOf(e.currentTarget))}
      >
        ⚠ {problemsBadgeText(problems.length)}
      </button>
      {anchor && (
        <Popover anchor={anchor} onClose={() => setAnchor(null)} label="Load problems" testId="load-problems-panel" className="problems-popover">
          <div className="popover-title">
            <strong>{problemsBadgeText(problems.length)}</strong>
            <span className="muted">The rest of the store was read.</span>
          </div>
          <input
            type="search"
            className="problems-filter"
            data-testid="problems-filter"
            placeholder="Filter by file or message"
            aria-label="Filter load problems"
            value={needle}
            onChange={(e) => setNeedle(e.target.value)}
          />
          {shown.length === 0 ? (
            <p className="muted problems-none">No problem matches.</p>
          ) : (
            <ul className="problem-list" data-testid="problem-list">
              {shown.map(({ problem, shown: path }, i) => (
                <li key={i} className="problem-item" data-testid="load-problem">
                  <span className="problem-path" title={problem.path}>{path}</span>
                  <span className="problem-message">{problem.message}</span>
                </li>
              ))}
            </ul>
          )}
        </Popover>
      )}
    </>
  );
}
