/**
 * The rows of a timeline picture, top to bottom: the rows the Timeline mode shows (lane-rows.ts:
 * lanes, or a run's steps and nested runs under group headings, all expanded), with the run itself
 * on top of a waterfall as its root row (Jaeger's layout). Long answers are cut to a number of
 * rows a page can hold, and the cut is said.
 */
import type { TimelineBar, TimelineResult } from '../model/timeline';
import type { LaneRow } from './lane-rows';
import { laneRows } from './lane-rows';

/** One row of the picture: a row of the view, or the run a waterfall is of. */
export type PictureRow = LaneRow | { readonly kind: 'run'; readonly bar: TimelineBar };

/** The rows, and how many lanes did not fit. */
export interface PictureRows {
  readonly rows: readonly PictureRow[];
  readonly omitted: number;
}

/** Most lane rows a picture draws by default: about 9,000 px at waterfall row height. */
export const MAX_ROWS = 400;

/** True when the answer is one run's waterfall rather than runs over time. */
export function isWaterfall(r: TimelineResult): boolean {
  return r.items === 'steps' || r.run !== undefined;
}

/** The rows of an answer, cut after `maxRows` lanes (a group heading left with no lanes goes too). */
export function pictureRows(r: TimelineResult, maxRows = MAX_ROWS): PictureRows {
  const rows: PictureRow[] = r.run ? [{ kind: 'run', bar: r.run }] : [];
  let lanes = 0;
  let omitted = 0;
  for (const row of laneRows(r, { collapsed: new Set() })) {
    if (row.kind === 'lane' && lanes >= maxRows) {
      omitted++;
      continue;
    }
    if (row.kind === 'group' && lanes >= maxRows) {
      continue;
    }
    lanes += row.kind === 'lane' ? 1 : 0;
    rows.push(row);
  }
  return { rows, omitted };
}
