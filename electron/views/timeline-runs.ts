/**
 * The runs timeline: the runs of a format in a window, in lanes by a runs-view column, each lane as
 * exact bars or as buckets, never more items than the budget whatever the store holds. The common
 * case is two queries (the filtered range, then one GROUP BY of (lane, time cell)); many lanes fall
 * back to counting lanes first; lanes with few runs get their bars in one more query.
 */
import type { TimelineBar, TimelineLane, TimelineResult } from '../../shared/model/timeline';
import type { CellValue } from '../../shared/model/values';
import type { Plan } from '../../shared/query/plan';
import { planFilters } from '../../shared/query/plan';
import type { BucketGrid, MsWindow, RunItems } from '../../shared/query/timeline-sql';
import { CELL_STATUSES, compileRunBars, compileRunCells, compileRunLanes, compileRunRange } from '../../shared/query/timeline-sql';
import { CELL_CAP, ITEM_BUDGET, LANE_BUDGET, bucketGrid, fineBuckets } from '../../shared/timeline/budget';
import type { ChosenLane, LaneChoice, TimeCell } from '../../shared/timeline/lane-layout';
import { chooseLanes, countLanes, laneId, mergeCells } from '../../shared/timeline/lane-layout';
import type { Source } from '../sources/source';
import type { FormatCatalog } from './format-catalog';
import { runsPlan } from './runs-plan';
import type { StoreFormat } from './store-formats';
import type { DecodedBar } from './timeline-bars';
import { resolveParents, runBarShape } from './timeline-bars';
import type { TimelineInput } from './timeline-plan';
import { bindable, countOf, laneColumn, msOf, requestWindow, runItems } from './timeline-plan';

/** What one runs-timeline request reads from: the store, the format, its plan and its items. */
interface RunsContext {
  readonly source: Source;
  readonly f: StoreFormat;
  readonly plan: Plan;
  readonly items: RunItems;
  readonly widthPx: number;
  readonly signal: AbortSignal | undefined;
}

function decodeCell(row: readonly CellValue[]): TimeCell {
  const count = countOf(row[2]);
  const byStatus: Record<string, number> = {};
  let known = 0;
  CELL_STATUSES.forEach((st, i) => {
    const n = countOf(row[3 + i]);
    known += n;
    if (n > 0) {
      byStatus[st] = n;
    }
  });
  if (count > known) {
    byStatus.unknown = count - known;
  }
  const at = 3 + CELL_STATUSES.length;
  return { lane: row[0] ?? null, bucket: countOf(row[1]), count, byStatus, minStartMs: msOf(row[at]), maxEndMs: msOf(row[at + 1]) };
}

/** Groups values by lane id. */
function byLaneId<T>(xs: readonly T[], lane: (x: T) => CellValue): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const id = laneId(lane(x));
    const list = out.get(id);
    if (list) {
      list.push(x);
    } else {
      out.set(id, [x]);
    }
  }
  return out;
}

/** The plan narrowed to some lanes (null when every lane is wanted); lanes that cannot be bound are left out. */
function withLanes(ctx: RunsContext, lanes: readonly ChosenLane[] | null): Plan {
  if (lanes === null) {
    return ctx.plan;
  }
  const values = lanes.map((l) => bindable(l.key)).filter((v): v is string | number | null => v !== undefined);
  const filter = planFilters(ctx.f.runs.table.columns, [{ column: ctx.items.lane, op: 'in', values }], 'runs');
  return { ...ctx.plan, filters: [...ctx.plan.filters, ...filter] };
}

/** The whole filtered range of runs with a start, plus the runs without one; null range when none has a start. */
async function filteredRange(ctx: RunsContext): Promise<{ window: MsWindow | null; untimed: number }> {
  const [row] = await ctx.source.rows(compileRunRange(ctx.plan, ctx.items, ctx.source.dialect), 1, ctx.signal);
  const n = countOf(row?.[0]);
  const timed = countOf(row?.[1]);
  const lo = msOf(row?.[2]);
  const hi = msOf(row?.[3]);
  // One past the last end, so the run that ends last is inside `[from, to)`.
  return { window: timed > 0 && lo !== null && hi !== null ? { fromMs: lo, toMs: Math.max(hi, lo) + 1 } : null, untimed: n - timed };
}

/** Lanes and buckets from the fine cells, when the store has few enough (lane, cell) pairs. */
function fromCells(ctx: RunsContext, cells: readonly TimeCell[], grid: BucketGrid): { choice: LaneChoice; buckets: Map<string, TimelineLane['buckets']>; bucketMs: number } {
  const choice = chooseLanes(countLanes(cells), ctx.widthPx);
  const k = Math.max(1, Math.ceil(fineBuckets(ctx.widthPx) / choice.share));
  const byLane = byLaneId(cells, (c) => c.lane);
  const buckets = new Map<string, TimelineLane['buckets']>();
  for (const lane of choice.lanes.filter((l) => !l.bars)) {
    buckets.set(laneId(lane.key), mergeCells(byLane.get(laneId(lane.key)) ?? [], grid, k));
  }
  return { choice, buckets, bucketMs: grid.widthMs * k };
}

/** Too many (lane, cell) pairs: count lanes first, then bucket only the listed busy lanes on a coarser grid. */
async function fromLaneCounts(ctx: RunsContext, window: MsWindow): Promise<{ choice: LaneChoice; buckets: Map<string, TimelineLane['buckets']>; bucketMs: number }> {
  const d = ctx.source.dialect;
  const rows = await ctx.source.rows(compileRunLanes(ctx.plan, ctx.items, window, d, LANE_BUDGET), LANE_BUDGET, ctx.signal);
  const first = rows[0];
  const counts = rows.map((r) => ({ key: r[0] ?? null, count: countOf(r[1]), untimed: 0 }));
  const listed = chooseLanes(counts, ctx.widthPx);
  const lanesInWindow = countOf(first?.[2]);
  const choice: LaneChoice = { ...listed, moreLanes: Math.max(0, lanesInWindow - listed.lanes.length), total: countOf(first?.[3]), untimed: countOf(first?.[4]) };
  const grid: BucketGrid = { ...window, ...bucketGrid(window.fromMs, window.toMs, choice.share) };
  const busy = choice.lanes.filter((l) => !l.bars);
  const buckets = new Map<string, TimelineLane['buckets']>();
  if (busy.length > 0) {
    const sql = compileRunCells(withLanes(ctx, busy), ctx.items, grid, d, choice.share * busy.length);
    const cells = (await ctx.source.rows(sql, choice.share * busy.length + 1, ctx.signal)).map(decodeCell);
    const byLane = byLaneId(cells, (c) => c.lane);
    for (const lane of busy) {
      buckets.set(laneId(lane.key), mergeCells(byLane.get(laneId(lane.key)) ?? [], grid, 1));
    }
  }
  return { choice, buckets, bucketMs: grid.widthMs };
}

/** The exact bars of the lanes that get them, grouped by lane. */
async function barsOf(ctx: RunsContext, window: MsWindow, lanes: readonly ChosenLane[], all: boolean): Promise<Map<string, TimelineBar[]>> {
  if (lanes.length === 0) {
    return new Map();
  }
  const shape = runBarShape(ctx.f);
  const sql = compileRunBars(withLanes(ctx, all ? null : lanes), ctx.items, { window, timedOnly: true, order: 'lane' }, shape.extra, ctx.source.dialect, ITEM_BUDGET + 1);
  const decoded: DecodedBar[] = (await ctx.source.rows(sql, ITEM_BUDGET + 1, ctx.signal)).map((r) => shape.decode(r));
  const resolved = await resolveParents(ctx.source, ctx.f, decoded, ctx.signal);
  return new Map([...byLaneId(resolved, (b) => b.lane)].map(([id, list]) => [id, list.map((b) => b.bar)]));
}

/**
 * The runs timeline of a format (no run key): see the file comment. `cellCap` is the most
 * (lane, cell) pairs read before counting lanes first (tests lower it to reach that path).
 */
export async function runsTimeline(fc: FormatCatalog, f: StoreFormat, req: TimelineInput, zone: string, signal?: AbortSignal, cellCap = CELL_CAP): Promise<TimelineResult> {
  const lane = laneColumn(f, req.lanes);
  const items = runItems(f, lane, zone);
  // The timeline's own window says what it shows; a window filter of the grid's query does not narrow it.
  const { window: _ignored, ...query } = req.query;
  const ctx: RunsContext = { source: fc.source, f, plan: await runsPlan(fc.source, f, query, fc.medians), items, widthPx: req.widthPx, signal };
  const nesting = runBarShape(f).nesting;
  const asked = requestWindow(req);
  const range = asked ? { window: asked, untimed: null } : await filteredRange(ctx);
  const empty: TimelineResult = { window: null, laneColumn: lane, lanes: [], moreLanes: 0, total: 0, untimed: range.untimed ?? 0, items: 'runs', nesting };
  const window = range.window;
  if (!window) {
    return empty;
  }
  const fine = fineBuckets(req.widthPx);
  const grid: BucketGrid = { ...window, ...bucketGrid(window.fromMs, window.toMs, fine) };
  const cellRows = await fc.source.rows(compileRunCells(ctx.plan, items, grid, fc.source.dialect, cellCap), cellCap + 1, signal);
  const laid = cellRows.length <= cellCap ? fromCells(ctx, cellRows.map(decodeCell), grid) : await fromLaneCounts(ctx, window);
  const { choice } = laid;
  const barLanes = choice.lanes.filter((l) => l.bars);
  const bars = await barsOf(ctx, window, barLanes, barLanes.length === choice.lanes.length && choice.moreLanes === 0);
  const lanes: TimelineLane[] = choice.lanes.map((l) => ({
    key: l.key,
    label: l.label,
    count: l.count,
    bars: l.bars ? (bars.get(laneId(l.key)) ?? []) : [],
    buckets: l.bars ? [] : (laid.buckets.get(laneId(l.key)) ?? []),
  }));
  return {
    window, laneColumn: lane, lanes, moreLanes: choice.moreLanes, total: choice.total,
    untimed: range.untimed ?? choice.untimed, items: 'runs', bucketMs: laid.bucketMs, nesting,
  };
}
