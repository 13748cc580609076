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
  /** A step longer than its name's p90 over the last runs of the same name (a run's waterfall only). */
  readonly slowerThanUsual?: boolean;
  /** That p90 in milliseconds, when the step's name had earlier runs to compare with. */
  readonly usualMs?: number;
  /** Ids of the bars (steps) this one waited for, where the store records dependencies. */
  readonly dependsOn?: readonly string[];
}

/** Items of one lane too close together to draw one by one: counted per time slice in the engine. */
export interface TimelineBucket {
  readonly fromMs: number;
  readonly toMs: number;
  readonly count: number;
  readonly byStatus: Readonly<Partial<Record<StatusClass, number>>>;
  /** The earliest start and the latest end (or start, for ticks) of the bucket's items. */
  readonly minStartMs?: number;
  readonly maxEndMs?: number;
}

/** One lane: a value of the lane column (a model, a connection, an agent), or one step row of a run. */
export interface TimelineLane {
  readonly key: CellValue;
  readonly label: string;
  /** Items of this lane in the window, as bars or inside buckets. */
  readonly count: number;
  readonly bars: readonly TimelineBar[];
  readonly buckets: readonly TimelineBucket[];
  /** In a run's waterfall: one of its steps, or a nested (child) run. */
  readonly kind?: 'step' | 'child';
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
  /** Runs or steps: what `total`, `untimed` and the bars count. */
  readonly items?: 'runs' | 'steps';
  /** The width of every bucket in this answer, in milliseconds (one grid for all lanes). */
  readonly bucketMs?: number;
  /** What a bar's `parent` names: another run's bar (parent-run), or a value gathering runs with no bar of its own (group, e.g. a dbt invocation). */
  readonly nesting?: 'parent-run' | 'group' | null;
  /** A run's waterfall: the run itself. */
  readonly run?: TimelineBar;
  /** A run's waterfall: ids of the steps on its critical path, first to last. */
  readonly criticalPath?: readonly string[];
  /** Where the critical path comes from: the store's dependencies, or the longest chain of back-to-back steps. */
  readonly criticalPathBasis?: 'dependencies' | 'back-to-back';
}
