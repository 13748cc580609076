/**
 * A run's waterfall: its steps in step order, one lane each, from their start to their end as the
 * format's interval rule says (computed in the engine), then the runs nested under it. Each step
 * carries its usual duration where earlier runs of the same name give one, and the run its
 * critical path. Hiding steps shorter than a chosen duration is left to the view: every step
 * comes with its start and end, a waterfall holds at most STEP_BUDGET of them, and a slider then
 * filters them at once, without asking the engine again.
 */
import { AuditlensError } from '../../shared/api/result';
import type { TimelineBar, TimelineLane, TimelineResult } from '../../shared/model/timeline';
import type { CellValue } from '../../shared/model/values';
import { cellToText, isEmptyCell } from '../../shared/model/values';
import type { StepItems } from '../../shared/query/step-intervals-sql';
import { compileStepCounts, compileStepIntervals } from '../../shared/query/step-intervals-sql';
import type { MsWindow } from '../../shared/query/timeline-sql';
import { compileRunBars, compileRunLanes } from '../../shared/query/timeline-sql';
import { CHILD_BUDGET, STEP_BUDGET } from '../../shared/timeline/budget';
import { criticalPath } from '../../shared/timeline/critical-path';
import type { Source } from '../sources/source';
import type { FormatCatalog } from './format-catalog';
import type { StoreFormat } from './store-formats';
import type { DecodedBar } from './timeline-bars';
import { messageOf, resolveParents, runBarShape, statusOf } from './timeline-bars';
import { stepDependencies, usualDurations } from './timeline-marks';
import type { TimelineInput } from './timeline-plan';
import { bindable, countOf, msOf, requestWindow, runItems, stepItems, timedRuns } from './timeline-plan';
import { runKeyFilters, stepsPlan, viewPlan } from './view-plans';

/** The run of a key, as a bar (its start may not parse: then it has none), or a typed error when it is not in the store. */
async function runOf(source: Source, f: StoreFormat, key: readonly CellValue[], zone: string, signal?: AbortSignal): Promise<DecodedBar & { timed: boolean }> {
  const shape = runBarShape(f);
  const plan = viewPlan(f.runs, { filters: runKeyFilters(f.runs, key), sort: [] });
  const rows = await source.rows(compileRunBars(plan, runItems(f, 'run_id', zone), { window: null, timedOnly: false, order: 'latest' }, shape.extra, source.dialect, 1), 1, signal);
  const row = rows[0];
  if (!row) {
    throw new AuditlensError('not-found', `That run is not in the ${f.model.formatId} runs (it may have been removed, or the key is wrong).`);
  }
  const [decoded] = await resolveParents(source, f, [shape.decode(row)], signal);
  return { ...(decoded as DecodedBar), timed: msOf(row[1]) !== null };
}

interface StepRows {
  readonly bars: TimelineBar[];
  readonly nodes: Map<string, CellValue>;
  readonly inWindow: number;
  readonly untimed: number;
  readonly lo: number | null;
  readonly hi: number | null;
}

/** The run's steps in the window as bars, with the nodes they produce. */
async function stepRows(source: Source, f: StoreFormat, si: StepItems, run: TimelineBar, w: MsWindow | null, signal?: AbortSignal): Promise<StepRows> {
  const plan = stepsPlan(f, { filters: [], sort: [] }, run.runKey);
  const d = source.dialect;
  const [counts] = await source.rows(compileStepCounts(plan, si, d), 1, signal);
  const rows = await source.rows(compileStepIntervals(plan, si, run.endMs, w, d, STEP_BUDGET), STEP_BUDGET, signal);
  const nodes = new Map<string, CellValue>();
  const bars = rows.map((r): TimelineBar => {
    const id = String(countOf(r[0]));
    const status = statusOf(r[2]);
    const endMs = msOf(r[6]);
    if (r[4] !== null && r[4] !== undefined) {
      nodes.set(id, r[4]);
    }
    return {
      id,
      runKey: run.runKey,
      name: r[1] === null || r[1] === undefined || isEmptyCell(r[1]) ? null : cellToText(r[1]),
      startMs: msOf(r[5]) ?? 0,
      endMs,
      // The last step of a running run with no end runs on with it.
      running: status === 'running' || (endMs === null && si.interval.kind === 'next' && run.running),
      status,
      parent: null,
      message: messageOf(r[3]),
    };
  });
  const first = rows[0];
  return {
    bars, nodes, inWindow: countOf(first?.[7]), untimed: countOf(counts?.[0]) - countOf(counts?.[1]),
    lo: msOf(first?.[8]), hi: msOf(first?.[9]),
  };
}

/** Runs nested under the run (children pointing at it), in the window, as bars. */
async function childRows(source: Source, f: StoreFormat, run: DecodedBar, w: MsWindow | null, zone: string, signal?: AbortSignal): Promise<{ bars: TimelineBar[]; inWindow: number }> {
  const parent = f.model.runs.parent;
  const ref = bindable(run.ownRef);
  if (!parent || ref === undefined || ref === null) {
    return { bars: [], inWindow: 0 };
  }
  const shape = runBarShape(f);
  const items = runItems(f, 'run_id', zone);
  const plan = viewPlan(f.runs, {
    filters: [{ column: `${f.model.runs.table.name}.${parent.column}`, op: 'eq', value: ref }, { column: 'run_id', op: 'neq', value: run.bar.id }],
    sort: [],
  });
  const rows = await source.rows(compileRunBars(plan, items, { window: w, timedOnly: true, order: 'lane' }, shape.extra, source.dialect, CHILD_BUDGET + 1), CHILD_BUDGET + 1, signal);
  const bars = rows.slice(0, CHILD_BUDGET).map((r) => ({ ...shape.decode(r).bar, parent: run.bar.id })).sort((a, b) => a.startMs - b.startMs);
  if (rows.length <= CHILD_BUDGET) {
    return { bars, inWindow: bars.length };
  }
  const everything = { fromMs: -8_640_000_000_000_000, toMs: 8_640_000_000_000_000 };
  const [count] = await source.rows(compileRunLanes(plan, { ...items, lane: 'run_name' }, w ?? everything, source.dialect, 1), 1, signal);
  return { bars, inWindow: countOf(count?.[3]) };
}

/** Adds each step's usual duration and "slower than usual" where the earlier runs give a p90. */
function withUsual(bars: readonly TimelineBar[], usual: ReadonlyMap<string, number>): TimelineBar[] {
  return bars.map((b) => {
    const p90 = b.name === null ? undefined : usual.get(b.name);
    if (p90 === undefined || b.endMs === null) {
      return b;
    }
    return { ...b, usualMs: p90, slowerThanUsual: b.endMs - b.startMs > p90 };
  });
}

/** The waterfall of the run with `req.runKey`: see the file comment. */
export async function stepsTimeline(fc: FormatCatalog, f: StoreFormat, req: TimelineInput & { readonly runKey: readonly CellValue[] }, zone: string, signal?: AbortSignal): Promise<TimelineResult> {
  timedRuns(f);
  const source = fc.source;
  const run = await runOf(source, f, req.runKey, zone, signal);
  const w = requestWindow(req);
  const si = stepItems(f, zone);
  const steps = si ? await stepRows(source, f, si, run.bar, w, signal) : null;
  const children = await childRows(source, f, run, w, zone, signal);
  let bars = steps?.bars ?? [];
  let path: ReturnType<typeof criticalPath> | null = null;
  if (si && steps && run.timed) {
    bars = withUsual(bars, await usualDurations(source, f, run.bar, si, zone, signal));
    const deps = await stepDependencies(source, f, steps.nodes, signal);
    if (deps) {
      bars = bars.map((b) => (deps.has(b.id) ? { ...b, dependsOn: deps.get(b.id) ?? [] } : b));
    }
    path = bars.length > 0 ? criticalPath(bars, deps) : null;
  }
  const lanes: TimelineLane[] = [
    ...bars.map((b) => ({ key: Number(b.id), label: b.name ?? '(unnamed)', count: 1, bars: [b], buckets: [], kind: 'step' as const })),
    ...children.bars.map((b) => ({ key: b.id, label: b.name ?? b.id, count: 1, bars: [b], buckets: [], kind: 'child' as const })),
  ];
  const window = w ? { fromMs: w.fromMs, toMs: w.toMs } : spanOf(run.timed ? run.bar : null, steps, children.bars);
  const total = (steps?.inWindow ?? 0) + children.inWindow;
  return {
    window, laneColumn: null, lanes, moreLanes: total - lanes.length, total,
    untimed: steps ? steps.untimed : 0, items: 'steps', nesting: f.model.runs.parent ? 'parent-run' : null,
    ...(run.timed ? { run: run.bar } : {}),
    ...(path && path.ids.length > 0 ? { criticalPath: path.ids, criticalPathBasis: path.basis } : {}),
  };
}

/** The whole run: from the first start to one past the last end of the run, its steps and its children. */
function spanOf(run: TimelineBar | null, steps: StepRows | null, children: readonly TimelineBar[]): { fromMs: number; toMs: number } | null {
  const starts = [run?.startMs, steps?.lo, ...children.map((c) => c.startMs)].filter((x): x is number => typeof x === 'number');
  const ends = [run?.endMs ?? run?.startMs, steps?.hi, ...children.map((c) => c.endMs ?? c.startMs)].filter((x): x is number => typeof x === 'number');
  if (starts.length === 0) {
    return null;
  }
  const from = Math.min(...starts);
  return { fromMs: from, toMs: Math.max(from, ...ends) + 1 };
}
