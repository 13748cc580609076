/**
 * What a timeline request answers: lanes of bars and buckets in a time window, bounded by the
 * pixel width asked for. Times are epoch milliseconds on the wire (the renderer draws numbers);
 * the CLI writes them as ISO 8601 with an offset.
 */
import type { StatusClass } from './status';
import type { CellValue } from './values';

/** One run, or one step of a run, from its start to its end. */
export interface TimelineBar {
  /** The run's id as the runs view shows it (`run_id`); for a step, its 0-based position in the run. */
  readonly id: string;
  /** The key of the run (the bar's own run, or the step's run): what opening or selecting it sends. */
  readonly runKey: readonly CellValue[];
  readonly name: string | null;
  readonly startMs: number;
  /** Null: a point event or a run with no end, drawn as a tick. */
  readonly endMs: number | null;
  /** Still running: drawn up to "now" with a distinct end. */
  readonly running: boolean;
  readonly status: StatusClass;
  /** The id of the bar this one nests under (a parent run, an invocation), or null. */
  readonly parent: string | null;
  readonly message: string | null;
}

/** Items of one lane too close together to draw one by one: counted per time slice in the engine. */
export interface TimelineBucket {
  readonly fromMs: number;
  readonly toMs: number;
  readonly count: number;
  readonly byStatus: Readonly<Partial<Record<StatusClass, number>>>;
}

/** One lane: a value of the lane column (a model, a connection, an agent), or one step row of a run. */
export interface TimelineLane {
  readonly key: CellValue;
  readonly label: string;
  /** Items of this lane in the window, as bars or inside buckets. */
  readonly count: number;
  readonly bars: readonly TimelineBar[];
  readonly buckets: readonly TimelineBucket[];
}

/** A timeline, as the view draws it and `auditlens timeline --out x.json` writes it. */
export interface TimelineResult {
  /** The window shown: the one asked for, or the whole filtered range; null when nothing has a time. */
  readonly window: { readonly fromMs: number; readonly toMs: number } | null;
  /** The runs-view column the lanes group by (null for one run's steps, one lane per step). */
  readonly laneColumn: string | null;
  readonly lanes: readonly TimelineLane[];
  /** Lanes beyond the budget, not listed (their items are still in `total`). */
  readonly moreLanes: number;
  /** Items in the window: every one appears once, as a bar or inside a bucket's count. */
  readonly total: number;
  /** Items left out because their start time does not parse ("312 runs have no start time"). */
  readonly untimed: number;
}
