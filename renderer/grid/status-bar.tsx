import type { ApiError } from '../../shared/api/result';
import type { RowCount } from '../../shared/model/catalog';
import { useOpenStore } from '../app/store-context';
import { formatMs } from '../components/format';
import { countText } from './count-text';

/** How long the count under a grid may run before the status bar says "at least N". */
export const COUNT_BUDGET_MS = 1_500;

/** The line under the grid: matching rows, the last page's query time, and the open store. */
export function StatusBar({ count, countError = null, tookMs, filtered }: {
  readonly count: RowCount | null;
  /** Why the count has no answer (failed, timed out); without it a missing count reads "counting…". */
  readonly countError?: ApiError | null;
  readonly tookMs: number | null;
  readonly filtered: boolean;
}) {
  const storePath = useOpenStore().location;
  const said = countText(count, countError, filtered, COUNT_BUDGET_MS);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="row-count" data-exact={count ? String(count.exact) : undefined} data-value={count ? String(count.value) : undefined}
        data-failed={countError && !count ? 'true' : undefined} title={said.title}>
        {said.text}
      </span>
      {tookMs !== null && <span data-testid="page-time">page {formatMs(tookMs)}</span>}
      <span className="spacer" />
      <span className="status-path" data-testid="store-path-status" title={storePath}>{storePath}</span>
    </footer>
  );
}
