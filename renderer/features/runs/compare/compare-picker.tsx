/**
 * "Compare with…" on a run's tab: a small list of the other runs of the same name, newest
 * first (`runs.page` filtered on `run_name`), to pick run B from.
 */
import { useState } from 'react';
import type { CellValue } from '../../../../shared/model/values';
import { cellToText } from '../../../../shared/model/values';
import type { ColumnFilter } from '../../../../shared/model/view-request';
import { useOpenStore } from '../../../app/store-context';
import { useApiCall } from '../../../app/use-api-call';
import { Popover, anchorOf, type Anchor } from '../../../components/popover';
import type { GridRow } from '../../../grid/grid-row';
import { pageToRows } from '../../../grid/grid-row';
import { durationSeconds, formatDuration } from '../duration-format';
import { TimeText } from '../run-cells';
import { StatusPill } from '../status-pill';
import type { TimeZoneMode } from '../time-display';

/** Runs listed to pick from (the newest of that name). */
const LISTED = 20;
const COLUMNS = ['run_id', 'run_name', 'started_at', 'duration_s', 'status', 'raw_status'];

/** A run picked to compare with. */
export interface PickedRun {
  readonly key: readonly CellValue[];
  readonly label: string;
}

/** The button and its popover. `name` is the run's name (null while the whole run loads). */
export function CompareButton({ format, name, runKey, zone, onPick }: {
  readonly format: string;
  readonly name: CellValue | undefined;
  readonly runKey: readonly CellValue[];
  readonly zone: TimeZoneMode;
  readonly onPick: (run: PickedRun) => void;
}) {
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  return (
    <>
      <button type="button" className="small" data-testid="compare-with" aria-haspopup="dialog" disabled={name === undefined}
        title="Compare this run's steps with another run of the same name" onClick={(e) => setAnchor(anchorOf(e.currentTarget))}>
        Compare with…
      </button>
      {anchor && name !== undefined && (
        <Popover anchor={anchor} onClose={() => setAnchor(null)} label="Compare with another run" testId="compare-picker">
          <SameNameRuns format={format} name={name} runKey={runKey} zone={zone}
            onPick={(run) => {
              setAnchor(null);
              onPick(run);
            }} />
        </Popover>
      )}
    </>
  );
}

function SameNameRuns({ format, name, runKey, zone, onPick }: {
  readonly format: string;
  readonly name: CellValue;
  readonly runKey: readonly CellValue[];
  readonly zone: TimeZoneMode;
  readonly onPick: (run: PickedRun) => void;
}) {
  const { storeId } = useOpenStore();
  const nameText = name === null ? '' : cellToText(name);
  const filter: ColumnFilter = name === null ? { column: 'run_name', op: 'empty' } : { column: 'run_name', op: 'eq', value: nameText };
  const listed = useApiCall('runs.page', {
    storeId, format, startRow: 0, endRow: LISTED + 1,
    query: { columns: COLUMNS, filters: [filter], sort: [{ column: 'started_at', desc: true }] },
  });

  const self = JSON.stringify(runKey);
  const others: readonly GridRow[] = listed.value ? pageToRows(listed.value).filter((r) => JSON.stringify(r.key) !== self).slice(0, LISTED) : [];
  return (
    <div className="compare-picker">
      <div className="popover-title">
        <strong>Compare with another run of {nameText === '' ? '(no name)' : nameText}</strong>
      </div>
      {listed.error ? (
        <p className="field-error" role="alert">{listed.error.message}</p>
      ) : listed.value === null ? (
        <p className="muted">Looking for runs of the same name…</p>
      ) : others.length === 0 ? (
        <p className="muted" data-testid="compare-none">No other run has this name.</p>
      ) : (
        <ul className="compare-choices">
          {others.map((r, i) => {
            const started = r.cells.get('started_at') ?? null;
            const id = cellToText(r.cells.get('run_id') ?? null);
            const label = started !== null ? cellToText(started) : id;
            return (
              <li key={i}>
                <button type="button" className="compare-choice" data-testid="compare-choice" data-run-id={id} autoFocus={i === 0} onClick={() => onPick({ key: r.key, label })}>
                  <StatusPill status={r.cells.get('status')} />
                  <span className="compare-choice-time">{started !== null ? <TimeText stored={cellToText(started)} zone={zone} maxFractionDigits={0} /> : <span className="muted">no start time</span>}</span>
                  <span className="muted compare-choice-duration">{formatDuration(durationSeconds(r.cells.get('duration_s')))}</span>
                  <span className="compare-choice-id" title={id}>{id}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
