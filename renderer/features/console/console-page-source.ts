/**
 * The SQL console's rows as the grid kit's page source: the first window comes from the run the
 * user started (shown at once, not run twice); the grid's later blocks run the statement again
 * for their window, cancellable like every page.
 */
import type { ConsoleResult, PageResult } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { ApiCall } from '../../app/api-types';
import type { PageSource } from '../../grid/paged-datasource';

/** A statement that ran, with its first window of rows. */
export interface ConsoleRun {
  readonly sql: string;
  readonly timeoutMs: number;
  readonly first: ConsoleResult;
  /** Wall time of the first run, as the user waited for it. */
  readonly elapsedMs: number;
  /** New for every run, so the grid reloads even when the statement is the same. */
  readonly runId: string;
}

/** Grid column ids by position: a result may repeat a name (`SELECT 1, 1`). */
export function columnIds(columns: readonly string[]): string[] {
  return columns.map((_, i) => `c${i}`);
}

/** A console window as the grid kit's page: columns by position, no row keys, the end when known. */
export function toPage(r: ConsoleResult): PageResult {
  return {
    columns: columnIds(r.columns),
    rows: r.rows,
    keys: [],
    lastRow: r.more ? null : r.startRow + r.rows.length,
    tookMs: r.tookMs,
  };
}

/** The page source of one run. */
export function consolePageSource(call: ApiCall, storeId: string, run: ConsoleRun): PageSource {
  const { first } = run;
  return {
    fetchPage: async (_sort, startRow, endRow, requestId): Promise<Result<PageResult>> => {
      const cached = startRow >= first.startRow && (endRow <= first.startRow + first.rows.length || !first.more);
      if (cached) {
        const from = startRow - first.startRow;
        const rows = first.rows.slice(from, from + (endRow - startRow));
        return { ok: true, value: toPage({ ...first, startRow, rows, more: first.more || from + rows.length < first.rows.length }) };
      }
      const r = await call('console.run', { storeId, sql: run.sql, startRow, endRow, timeoutMs: run.timeoutMs, requestId });
      return r.ok ? { ok: true, value: toPage(r.value) } : r;
    },
    cancel: (requestId) => {
      void call('query.cancel', { requestId });
    },
  };
}
