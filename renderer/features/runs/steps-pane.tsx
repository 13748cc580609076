/**
 * The steps of one run, in the format's order (`runs.steps`), with their status pills, times
 * and messages; a step opens beside the grid with all its fields, and "Export steps…" writes them
 * with the run's columns in front. Used under the runs grid and in a run's own tab.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { FormatSummary } from '../../../shared/api/contract';
import type { CellValue } from '../../../shared/model/values';
import { cellToText } from '../../../shared/model/values';
import { call } from '../../app/api-client';
import { useApiCall } from '../../app/use-api-call';
import { useLatestCallback } from '../../app/use-latest-callback';
import { useReportError } from '../../app/error-context';
import { useOpenStore } from '../../app/store-context';
import { formatInt } from '../../components/format';
import { useEscape } from '../../components/use-escape';
import { ExportButton } from '../../export/export-button';
import { ColumnChooser } from '../../grid/column-chooser';
import type { GridRow } from '../../grid/grid-row';
import { LazyPagedGrid } from '../../grid/lazy-paged-grid';
import { viewColumnDefs } from './column-defs';
import { FieldsPanel } from './fields-panel';
import { stepLinks, withRunLinks } from './run-links';
import { FAILED_STEPS, firstFailedStep } from './first-failure';
import { FirstFailureCallout } from './first-failure-callout';
import { columnFamily, headerLabel, viewTableInfo, visibleStepColumns } from './run-columns';
import { stepsExportSubject } from './runs-export-subject';
import { withSearchHits } from './step-search-hits';
import { StepSearchCallout } from './step-search-callout';
import type { TimeZoneMode } from './time-display';
import { withShortcut } from '../../app/shortcuts';

/** Steps per `runs.steps` call. */
const STEPS_BLOCK = 200;

/** The steps pane of one run. */
export function StepsPane({ format, runKey, runCells, zone, hidden, search, onHiddenChange, onOpenRuns, header, active = true, exportShortcut = false }: {
  readonly format: FormatSummary;
  readonly runKey: readonly CellValue[];
  /** The run's normalised cells (run_id, run_name), to name its steps export. */
  readonly runCells: ReadonlyMap<string, CellValue>;
  readonly zone: TimeZoneMode;
  readonly hidden: readonly string[];
  /** The runs search: steps whose message contains it are highlighted. */
  readonly search?: string | undefined;
  readonly onHiddenChange: (hidden: readonly string[]) => void;
  /** Shows the runs a step value names (a step's invocation_id): filters the runs view on that column. */
  readonly onOpenRuns?: ((column: string, value: string | number) => void) | undefined;
  /** Shown at the left of the pane's bar (the run it belongs to). */
  readonly header: ReactNode;
  /** False while the pane sits in a hidden tab: its keys must not act. */
  readonly active?: boolean;
  /** Whether Ctrl+E opens this pane's steps export: in a run's own tab, where no runs toolbar is on screen. */
  readonly exportShortcut?: boolean;
}) {
  const report = useReportError();
  const { storeId, catalog } = useOpenStore();
  const [total, setTotal] = useState<number | null>(null);
  const [detail, setDetail] = useState<GridRow | null>(null);
  const ownTable = format.stepsTable;
  const table = useMemo(() => viewTableInfo('steps', `steps of ${format.title}`, format.stepColumns, ownTable, catalog), [format, ownTable, catalog]);
  // Every column is fetched, hidden or not: a run has few steps, and the step detail shows them all.
  const signature = JSON.stringify([storeId, format.key, runKey]);
  // A step value naming runs (its invocation_id, its session) is a link, as in the runs grid.
  const links = useMemo(() => {
    const steps = catalog?.tables.find((t) => t.name === ownTable);
    const runs = catalog?.tables.find((t) => t.name === format.runsTable);
    return steps && runs && catalog ? stepLinks(steps, runs, catalog) : new Map<string, string>();
  }, [catalog, ownTable, format.runsTable]);
  // Parents pass the link handler inline: a stable one keeps the column definitions from being rebuilt on every render.
  const openRuns = useLatestCallback((column: string, value: string | number) => onOpenRuns?.(column, value));
  const linked = onOpenRuns !== undefined;
  const columnDefs = useMemo(
    () => {
      const defs = withSearchHits(viewColumnDefs({ kind: 'steps', columns: format.stepColumns, ownTable, hidden, zone, familyOf: (c) => columnFamily('steps', c, ownTable, catalog) }), search);
      return linked ? withRunLinks(defs, links, openRuns) : defs;
    },
    [format, ownTable, hidden, zone, catalog, search, links, linked, openRuns],
  );

  const runId = textOf(runCells.get('run_id'));
  const runName = textOf(runCells.get('run_name'));
  const exportSubject = useMemo(
    () => stepsExportSubject(
      call, storeId, format, { kind: 'run', runKey, runId: runId ?? '', runName },
      visibleStepColumns(format.stepColumns, ownTable, hidden), total === null ? null : { value: total, exact: true },
    ),
    [storeId, format, runKey, runId, runName, ownTable, hidden, total],
  );

  // A failed run opens on its first failed step: asked apart from the paged grid, so it shows
  // however deep in the steps it sits.
  const failed = runCells.get('status') === 'failed';
  const firstFailure = useApiCall('runs.steps', failed
    ? { storeId, format: format.key, runKey: [...runKey], query: { filters: [...FAILED_STEPS], sort: [] }, startRow: 0, endRow: 1 }
    : null, { report: 'Finding the first failed step' });
  const failedStep = firstFailure.value ? firstFailedStep(firstFailure.value) : null;

  useEscape(active && detail !== null, () => setDetail(null), 'inner');

  return (
    <div className="steps-pane" data-testid="steps-pane">
      <div className="pane-bar">
        {header}
        <span className="spacer" />
        {search && <span className="search-note" data-testid="steps-search-note" title="Steps whose message contains the runs search are highlighted">matches of “{search}” highlighted</span>}
        <span className="muted pane-count" data-testid="steps-count" data-value={total ?? undefined}>
          {total === null ? 'loading steps…' : `${formatInt(total)} step${total === 1 ? '' : 's'} · in the format's order`}
        </span>
        {/* Beside the runs grid the runs toolbar owns Ctrl+E, for the runs (or the steps of all of them). */}
        <ExportButton subject={exportSubject} label="Export steps…" title={exportShortcut ? withShortcut("Export this run's steps with the run's columns as CSV", 'export') : "Export this run's steps with the run's columns as CSV"}
          testId="export-steps-button" className="small" shortcut={exportShortcut} />
        <ColumnChooser table={table} hidden={hidden} labelOf={(c) => headerLabel('steps', c, ownTable)} onChange={(c, hide) => onHiddenChange(hide ? [...hidden.filter((h) => h !== c), c] : hidden.filter((h) => h !== c))} />
      </div>
      {failedStep && <FirstFailureCallout step={failedStep} zone={zone} onOpen={() => setDetail({ key: [], cells: failedStep.cells })} />}
      {search && <StepSearchCallout format={format} runKey={runKey} search={search} onOpen={(step) => setDetail({ key: [], cells: step.cells })} />}
      <div className="grid-and-detail">
        <LazyPagedGrid
          key={signature}
          testId="steps-grid"
          label="Steps of the run"
          columnDefs={columnDefs}
          queryKey={signature}
          blockSize={STEPS_BLOCK}
          renderKey={zone}
          source={{
            fetchPage: (_sort, startRow, endRow, requestId) => call('runs.steps', { storeId, format: format.key, runKey: [...runKey], query: { filters: [], sort: [] }, startRow, endRow, requestId }),
          }}
          onPage={(info) => {
            if (info.lastRow !== null) {
              setTotal(info.lastRow);
            }
          }}
          onRowOpen={(row) => setDetail(row)}
          onRowFocus={(row) => setDetail((d) => (d ? row : d))}
          onError={(e) => report(e, 'Reading the steps of the run')}
        />
        {detail && (
          <FieldsPanel
            kind="steps"
            ownTable={ownTable}
            fields={[...detail.cells.entries()]}
            zone={zone}
            title={`Step ${stepTitle(detail)}`}
            testId="step-detail"
            onClose={() => setDetail(null)}
          />
        )}
      </div>
    </div>
  );
}

function textOf(value: CellValue | undefined): string | null {
  return value === null || value === undefined || cellToText(value) === '' ? null : cellToText(value);
}

function stepTitle(row: GridRow): string {
  const name = row.cells.get('step_name');
  return typeof name === 'string' && name !== '' ? name : '';
}
