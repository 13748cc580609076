/**
 * The SQL console mode: one read-only statement at a time on the open store, typed with table
 * and column names completed, run with Ctrl+Enter, its rows in the app's grid, its time and row
 * count under them, a refusal or error as the engine's sentence, Cancel while it runs, and the
 * result exportable as CSV. The statement and the time limit are kept while another mode shows.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ApiError } from '../../../shared/api/result';
import type { CellValue } from '../../../shared/model/values';
import { call } from '../../app/api-client';
import type { ModeViewProps } from '../../app/explorer/explorer-modes';
import { keptSlot, useKeptState } from '../../app/kept-state';
import { newRequestId } from '../../app/request-id';
import { useOpenStore } from '../../app/store-context';
import { formatMs } from '../../components/format';
import { ExportButton } from '../../export/export-button';
import { gridColumnDef } from '../../grid/column-def';
import type { GridRow } from '../../grid/grid-row';
import { LazyPagedGrid } from '../../grid/lazy-paged-grid';
import { consoleExportSubject } from './console-export-subject';
import type { ConsoleRun } from './console-page-source';
import { columnIds, consolePageSource } from './console-page-source';
import { resultSummary } from './result-summary';
import { SqlEditor } from './sql-editor';
import './console.css';

/** Rows of the first window, and of each block the grid asks for later. */
const BLOCK = 200;
/** Time limits offered, in seconds. */
const LIMITS = [5, 30, 120, 600] as const;

/** What the console keeps while another mode is shown. */
interface ConsoleState {
  readonly sql: string;
  readonly limitS: number;
  readonly run: ConsoleRun | null;
  readonly error: ApiError | null;
}

const CONSOLE = keptSlot<ConsoleState>('console', { sql: '', limitS: 30, run: null, error: null });

/** The column family the grid aligns by: numbers right, the rest as text. */
function familyOf(rows: readonly (readonly CellValue[])[], i: number): 'real' | 'other' {
  const values = rows.map((r) => r[i]).filter((v) => v !== null && v !== undefined);
  return values.length > 0 && values.every((v) => typeof v === 'number' || (typeof v === 'object' && v !== null && v.t === 'int')) ? 'real' : 'other';
}

/** The SQL console mode. */
export function ConsoleMode(_props: ModeViewProps) {
  const { storeId, catalog, kind } = useOpenStore();
  const [state, setState] = useKeptState(CONSOLE);
  const [running, setRunning] = useState<{ readonly requestId: string; readonly started: number } | null>(null);
  const [now, setNow] = useState(0);
  const [lastRow, setLastRow] = useState<number | null>(null);
  const latest = useRef<string | null>(null);
  const { run, error } = state;

  useEffect(() => {
    if (!running) {
      return undefined;
    }
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [running]);

  const execute = async (): Promise<void> => {
    const sql = state.sql;
    if (sql.trim() === '' || running) {
      return;
    }
    const requestId = newRequestId();
    const started = performance.now();
    latest.current = requestId;
    setRunning({ requestId, started });
    setNow(started);
    const timeoutMs = state.limitS * 1_000;
    const r = await call('console.run', { storeId, sql, startRow: 0, endRow: BLOCK, timeoutMs, requestId });
    if (latest.current !== requestId) {
      return;
    }
    setRunning(null);
    setLastRow(null);
    setState((s) => (r.ok
      ? { ...s, error: null, run: { sql, timeoutMs, first: r.value, elapsedMs: performance.now() - started, runId: requestId } }
      : { ...s, error: r.error, run: null }));
  };

  const cancel = (): void => {
    if (running) {
      void call('query.cancel', { requestId: running.requestId });
    }
  };

  const columnDefs = useMemo<ColDef<GridRow, CellValue>[]>(() => {
    if (!run) {
      return [];
    }
    const ids = columnIds(run.first.columns);
    return run.first.columns.map((name, i) => {
      const family = familyOf(run.first.rows, i);
      return gridColumnDef({ column: ids[i] ?? `c${i}`, headerName: name, family, width: family === 'real' ? 120 : 200, hidden: false, initialSort: [] });
    });
  }, [run]);

  const source = useMemo(() => (run ? consolePageSource(call, storeId, run) : null), [run, storeId]);
  const subject = useMemo(() => (run ? consoleExportSubject(call, storeId, run) : null), [run, storeId]);
  const summary = run ? resultSummary(run.first, lastRow) : null;

  return (
    <section className="console-view" data-testid="console-view">
      <div className="toolbar">
        <h2 className="table-title">SQL console</h2>
        <span className="muted console-note">read-only · one statement · {kind === 'postgres' ? 'READ ONLY transaction' : 'query_only connection'}</span>
        <span className="spacer" />
        <label className="console-limit">
          Time limit
          <select
            data-testid="sql-time-limit"
            value={state.limitS}
            onChange={(e) => {
              const limitS = Number(e.target.value);
              setState((s) => ({ ...s, limitS }));
            }}
          >
            {LIMITS.map((s) => <option key={s} value={s}>{s < 60 ? `${s} s` : `${s / 60} min`}</option>)}
          </select>
        </label>
        {running ? (
          <button type="button" data-testid="sql-cancel" onClick={cancel} title="Stop the running statement">Cancel</button>
        ) : (
          <button type="button" className="primary" data-testid="sql-run" disabled={state.sql.trim() === ''} onClick={() => void execute()} title="Run the statement (Ctrl+Enter)">
            Run
          </button>
        )}
        {subject && <ExportButton subject={subject} title="Export every row of the statement as CSV (Ctrl+E)" />}
      </div>
      <SqlEditor value={state.sql} onChange={(sql) => setState((s) => ({ ...s, sql }))} onRun={() => void execute()} tables={catalog?.tables ?? []} />
      {error && (
        <div className="console-error" role="alert" data-testid="sql-error" data-code={error.code}>{error.message}</div>
      )}
      <div className="console-result">
        {run && source ? (
          <LazyPagedGrid
            testId="sql-grid"
            label="Result of the statement"
            columnDefs={columnDefs}
            queryKey={run.runId}
            source={source}
            blockSize={BLOCK}
            onPage={(info) => {
              if (info.lastRow !== null) {
                setLastRow(info.lastRow);
              }
            }}
            onError={(e) => setState((s) => ({ ...s, error: e }))}
          />
        ) : (
          <div className="empty-main muted" data-testid="sql-empty">
            {running ? 'Running…' : 'Type a statement and press Ctrl+Enter. Nothing you run here can change the store.'}
          </div>
        )}
      </div>
      <footer className="status-bar" data-testid="sql-status">
        {running ? (
          <span data-testid="sql-elapsed">running {formatMs(Math.max(0, now - running.started))}…</span>
        ) : run && summary ? (
          <>
            <span data-testid="sql-row-count" data-exact={String(summary.exact)} data-value={String(summary.rows)}>{summary.text}</span>
            <span data-testid="sql-elapsed">{formatMs(run.elapsedMs)}</span>
          </>
        ) : (
          <span>{error ? 'No result.' : 'No statement run yet.'}</span>
        )}
      </footer>
    </section>
  );
}
