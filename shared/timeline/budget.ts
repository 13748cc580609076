/**
 * How big a timeline answer may get, whatever the store holds (issue 11 item 8). The numbers come
 * from the drawing budget of timeline-lineage.md and from the 1M-run bench (README, performance):
 *
 * - A bucket is 2 px wide: the canvas merges bars narrower than a pixel per lane anyway, so a
 *   finer grid would carry nothing a person can see. At 1,600 px that is 800 buckets per lane.
 * - A lane gets its runs as exact bars when it has no more of them than buckets it would get:
 *   bars then cost no more items than buckets, and they carry names, ids and messages.
 * - At most 500 lanes (about eight screens of 16 px rows; the rest are counted in `moreLanes`), and
 *   at most 20,000 items (bars plus buckets) in all. On the bench machine (2-core EPYC, loaded,
 *   best of 7), 20,000 bars with ids, keys and messages are 3.7 MiB of JSON and take 160 ms to
 *   write and parse back, 20,000 buckets 2.7 MiB and 60 ms, 10,000 bars 67 ms. That is within the
 *   engine's own time for a window holding so many runs (the 1M-run overview takes seconds), and
 *   it still gives 25 lanes the full 800 buckets of a 1,600 px canvas. With many lanes each
 *   lane's share shrinks, down to 40 buckets.
 * - A run's waterfall lists at most 5,000 steps (one lane each) and 500 nested runs.
 */

/** Width of one bucket in pixels. */
export const BUCKET_PX = 2;
/** Most lanes listed; the others are counted. */
export const LANE_BUDGET = 500;
/** Most bars plus buckets in one answer. */
export const ITEM_BUDGET = 20_000;
/** Fewest buckets a lane is cut into, however many lanes share the budget. */
export const MIN_LANE_SHARE = 40;
/** Most (lane, bucket) cells read in one query before falling back to counting lanes first. */
export const CELL_CAP = 80_000;
/** Most steps (lanes) in a run's waterfall. */
export const STEP_BUDGET = 5_000;
/** Most nested runs shown under a run. */
export const CHILD_BUDGET = 500;
/** Characters of a message a bar carries (the runs view shows the whole). */
export const MESSAGE_CHARS = 500;
/** Earlier runs of the same name "slower than usual" compares a step with. */
export const USUAL_RUNS = 20;
/** Fewest earlier durations of a step name before it can be called slower than usual. */
export const USUAL_MIN_SAMPLES = 5;

/** Buckets across the window at this width: the finest grid an answer uses. */
export function fineBuckets(widthPx: number): number {
  return Math.max(1, Math.ceil(widthPx / BUCKET_PX));
}

/** Items one lane may cost when `lanes` lanes share the budget: its bucket count, and its bar limit. */
export function laneShare(widthPx: number, lanes: number): number {
  return Math.max(MIN_LANE_SHARE, Math.min(fineBuckets(widthPx), Math.floor(ITEM_BUDGET / Math.max(1, lanes))));
}

/** A grid of `n` whole-millisecond buckets from the window's start that covers the window. */
export function bucketGrid(fromMs: number, toMs: number, n: number): { readonly originMs: number; readonly widthMs: number } {
  return { originMs: fromMs, widthMs: Math.max(1, Math.ceil((toMs - fromMs) / Math.max(1, n))) };
}
