import type { CellValue } from '../../../shared/model/values';
import { cellToText } from '../../../shared/model/values';
import { durationSeconds, formatDuration } from './duration-format';
import { runErrorText } from './first-failure';
import { TimeText } from './run-cells';
import { StatusPill } from './status-pill';
import type { TimeZoneMode } from './time-display';

/** A run in one line: status pill, name, start time and duration (from its normalised cells). */
export function RunHeading({ cells, zone }: { readonly cells: ReadonlyMap<string, CellValue>; readonly zone: TimeZoneMode }) {
  const name = runTitle(cells);
  const started = cells.get('started_at');
  const duration = formatDuration(durationSeconds(cells.get('duration_s')));
  // A failed run says why in its heading (the first line; the whole text on hover).
  const error = runErrorText(cells.get('status'), cells.get('message'), null);
  return (
    <span className="run-heading" data-testid="run-heading">
      <StatusPill status={cells.get('status')} />
      <strong className="run-heading-name" title={name}>{name}</strong>
      {started !== null && started !== undefined && <span className="muted"><TimeText stored={cellToText(started)} zone={zone} maxFractionDigits={0} /></span>}
      {duration !== '' && <span className="muted">· {duration}</span>}
      {error !== null && <span className="run-heading-error" data-testid="run-heading-error" title={error}>{error.split(/\r?\n/, 1)[0]}</span>}
    </span>
  );
}

/** A run's short title: its name, else its id, else "Run". */
export function runTitle(cells: ReadonlyMap<string, CellValue>): string {
  for (const column of ['run_name', 'run_id']) {
    const v = cells.get(column);
    if (v !== null && v !== undefined && cellToText(v) !== '') {
      return cellToText(v);
    }
  }
  return 'Run';
}
