/**
 * The selected run under the runs grid: its heading, "Open in tab", and its steps (or, for a
 * format without steps, all its fields).
 */
import type { ReactNode } from 'react';
import type { FormatSummary } from '../../../shared/api/contract';
import { withShortcut } from '../../app/shortcuts';
import type { GridRow } from '../../grid/grid-row';
import { FieldsPanel } from './fields-panel';
import { RunHeading } from './run-heading';
import { StepsPane } from './steps-pane';
import type { TimeZoneMode } from './time-display';
import { useFullRun } from './use-full-run';
import { cellToText } from '../../../shared/model/values';

/** The run detail pane. */
export function RunDetailPane({ format, run, zone, active, stepsHidden, search, onStepsHiddenChange, onOpenRuns, onOpenTab, onShowLineage = null, onClose }: {
  readonly format: FormatSummary;
  readonly run: GridRow;
  readonly zone: TimeZoneMode;
  readonly active: boolean;
  readonly stepsHidden: readonly string[];
  /** The runs search, whose matching steps the pane highlights. */
  readonly search?: string | undefined;
  readonly onStepsHiddenChange: (hidden: readonly string[]) => void;
  /** Filters the runs to those a step value names (its invocation_id). */
  readonly onOpenRuns?: (column: string, value: string | number) => void;
  readonly onOpenTab: () => void;
  /** Opens the lineage this run recorded (by its `run_id`); null when the format records none. */
  readonly onShowLineage?: ((runId: string) => void) | null;
  readonly onClose: () => void;
}) {
  const runId = run.cells.get('run_id') ?? null;
  const header = (
    <>
      <RunHeading cells={run.cells} zone={zone} />
      <button type="button" className="small" data-testid="open-run-tab" title="Open this run in its own tab" onClick={onOpenTab}>Open in tab</button>
      {onShowLineage !== null && runId !== null && (
        <button type="button" className="small" data-testid="run-show-lineage" title="The tables, columns or datasets this run read and wrote, in the Lineage mode"
          onClick={() => onShowLineage(cellToText(runId))}>Show lineage</button>
      )}
      <button type="button" className="icon-button" data-testid="run-detail-close" aria-label={withShortcut("Close the run's steps", 'close')} title={withShortcut('Close', 'close')} onClick={onClose}>×</button>
    </>
  );
  return (
    <div className="run-detail-pane" data-testid="run-detail" data-run-id={cellToText(run.cells.get('run_id') ?? null)}>
      {format.stepsTable !== null ? (
        <StepsPane
          format={format}
          runKey={run.key}
          runCells={run.cells}
          zone={zone}
          active={active}
          hidden={stepsHidden}
          search={search}
          onHiddenChange={onStepsHiddenChange}
          onOpenRuns={onOpenRuns}
          header={header}
        />
      ) : (
        <NoStepsRun format={format} run={run} zone={zone} header={header} />
      )}
    </div>
  );
}

function NoStepsRun({ format, run, zone, header }: {
  readonly format: FormatSummary;
  readonly run: GridRow;
  readonly zone: TimeZoneMode;
  readonly header: ReactNode;
}) {
  const full = useFullRun(format.key, run.cells.get('run_id') ?? null, [...run.cells.entries()]);
  return (
    <div className="steps-pane">
      <div className="pane-bar">
        {header}
        <span className="spacer" />
        <span className="muted pane-count">This format records no steps</span>
      </div>
      <FieldsPanel kind="runs" ownTable={format.runsTable} fields={full.fields} zone={zone} title="Fields" note={full.complete ? undefined : 'loading…'}
        testId="run-fields" className="fields-wide" ownDuration={format.ownDuration} />
    </div>
  );
}
