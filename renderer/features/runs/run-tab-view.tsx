/**
 * A run opened in its own tab: all its fields on the left (the whole row, fetched again), its
 * steps on the right. The tab stays valid while the user changes the runs view's filters.
 */
import type { FormatSummary } from '../../../shared/api/contract';
import type { PickedRun } from './compare/compare-picker';
import { CompareButton } from './compare/compare-picker';
import { FieldsPanel } from './fields-panel';
import { RunHeading } from './run-heading';
import type { RunTab } from './run-tabs';
import { StepsPane } from './steps-pane';
import type { TimeZoneMode } from './time-display';
import { useFullRun } from './use-full-run';
import { cellToText } from '../../../shared/model/values';

/** The content of a run's tab. */
export function RunTabView({ format, tab, zone, stepsHidden, search, onStepsHiddenChange, onOpenRuns, onCompare }: {
  readonly format: FormatSummary;
  readonly tab: RunTab;
  readonly zone: TimeZoneMode;
  readonly stepsHidden: readonly string[];
  /** The runs search: this run's matching steps are highlighted here too. */
  readonly search?: string | undefined;
  readonly onStepsHiddenChange: (hidden: readonly string[]) => void;
  /** Back on the Runs tab, filters the runs to those a step value names (its invocation_id). */
  readonly onOpenRuns: (column: string, value: string | number) => void;
  /** Opens a comparison of this run (A) with another run of its name (B). */
  readonly onCompare: (b: PickedRun) => void;
}) {
  const full = useFullRun(format.key, tab.runId, tab.cells);
  const cells = new Map(full.fields);
  return (
    <section className="run-tab" data-testid="run-tab-panel" data-run-id={cellToText(tab.runId ?? null)}>
      <FieldsPanel
        kind="runs"
        ownTable={format.runsTable}
        fields={full.fields}
        zone={zone}
        title="Run"
        note={full.complete ? format.title : 'loading…'}
        testId="run-fields"
        ownDuration={format.ownDuration}
      />
      <div className="run-tab-main">
        {format.stepsTable !== null ? (
          <StepsPane
            format={format}
            runKey={tab.key}
            runCells={cells}
            zone={zone}
            hidden={stepsHidden}
            search={search}
            onHiddenChange={onStepsHiddenChange}
            onOpenRuns={onOpenRuns}
            exportShortcut
            header={(
              <>
                <RunHeading cells={cells} zone={zone} />
                <CompareButton format={format.key} name={cells.get('run_name')} runKey={tab.key} zone={zone} onPick={onCompare} />
              </>
            )}
          />
        ) : (
          <div className="empty-main muted">The {format.id} format records no steps: the run's fields are on the left.</div>
        )}
      </div>
    </section>
  );
}
