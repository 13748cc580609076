/** A timeline bar as the rest of the runs feature reads it: a grid row, a run key as text. */
import type { TimelineBar } from '../../../../shared/model/timeline';
import type { CellValue } from '../../../../shared/model/values';
import { cellToText } from '../../../../shared/model/values';
import type { GridRow } from '../../../grid/grid-row';

/** A bar as the run detail pane's row: its key and the normalised cells the heading reads. */
export function barRow(b: TimelineBar, nowMs: number): GridRow {
  const end = b.running ? nowMs : b.endMs;
  return {
    key: b.runKey,
    cells: new Map<string, CellValue>([
      ['run_id', b.id],
      ['run_name', b.name],
      ['started_at', new Date(b.startMs).toISOString()],
      ['ended_at', b.endMs === null ? null : new Date(b.endMs).toISOString()],
      ['duration_s', end === null ? null : (end - b.startMs) / 1_000],
      ['status', b.status],
    ]),
  };
}

/** A run key as one line of text (`invocation / model`). */
export function keyText(key: readonly CellValue[]): string {
  return key.map((k) => cellToText(k)).join(' / ');
}
