import type { RowCount } from '../../shared/model/catalog';
import { useOpenStore } from '../app/store-context';
import { formatMs, formatRowCount, rowsNoun } from '../components/format';

/** How long the count under a grid may run before the status bar says "at least N". */
export const COUNT_BUDGET_MS = 1_500;

/** The line under the grid: matching rows, the last page's query time, and the open store. */
export function StatusBar({ count, tookMs, filtered }: {
  readonly count: RowCount | null;
  readonly tookMs: number | null;
  readonly filtered: boolean;
}) {
  const storePath = useOpenStore().location;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="row-count" data-exact={count ? String(count.exact) : undefined} data-value={count ? String(count.value) : undefined}>
        {count ? `${formatRowCount(count)} ${rowsNoun(count)}${filtered ? ' match' : ''}` : 'counting…'}
      </span>
      {tookMs !== null && <span data-testid="page-time">page {formatMs(tookMs)}</span>}
      <span className="spacer" />
      <span className="status-path" data-testid="store-path-status" title={storePath}>{storePath}</span>
    </footer>
  );
}
