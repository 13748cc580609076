/**
 * Which lanes a timeline answer lists and what each lane carries: exact bars, or buckets merged
 * from the engine's (lane, time) cells. Pure, so the budget rules are tested without a store.
 */
import type { StatusClass } from '../model/status';
import type { TimelineBucket } from '../model/timeline';
import type { CellValue } from '../model/values';
import { cellToText } from '../model/values';
import { LANE_BUDGET, laneShare } from './budget';

/** What the engine counted for one lane and one bucket of the grid (bucket -1: items with no start). */
export interface TimeCell {
  readonly lane: CellValue;
  readonly bucket: number;
  readonly count: number;
  readonly byStatus: Readonly<Partial<Record<StatusClass, number>>>;
  readonly minStartMs: number | null;
  readonly maxEndMs: number | null;
}

/** One lane's items in the window, and those without a start. */
export interface LaneCount {
  readonly key: CellValue;
  readonly count: number;
  readonly untimed: number;
}

/** A listed lane: its key, label and count; its items come as bars when `bars`, else as buckets. */
export interface ChosenLane {
  readonly key: CellValue;
  readonly label: string;
  readonly count: number;
  readonly bars: boolean;
}

/** The lanes an answer lists (by label), how many it leaves out, and each lane's item share. */
export interface LaneChoice {
  readonly lanes: readonly ChosenLane[];
  readonly moreLanes: number;
  /** Items in the window, in every lane (listed or not). */
  readonly total: number;
  readonly untimed: number;
  /** Most items (bars or buckets) each listed lane may carry. */
  readonly share: number;
}

/** How a lane key is named for people: its text, or "(none)" when empty. */
export function laneLabel(key: CellValue): string {
  const text = cellToText(key);
  return text === '' ? '(none)' : text;
}

/** A stable identity for a lane key (keys are JSON values). */
export function laneId(key: CellValue): string {
  return JSON.stringify(key);
}

/** Lane counts from cells: timed cells count, bucket -1 is untimed. */
export function countLanes(cells: readonly TimeCell[]): LaneCount[] {
  const byLane = new Map<string, { key: CellValue; count: number; untimed: number }>();
  for (const c of cells) {
    const id = laneId(c.lane);
    const lane = byLane.get(id) ?? { key: c.lane, count: 0, untimed: 0 };
    if (c.bucket < 0) {
      lane.untimed += c.count;
    } else {
      lane.count += c.count;
    }
    byLane.set(id, lane);
  }
  return [...byLane.values()];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Orders lanes by label, numbers in number order, "(none)" last. */
function byLabel(a: ChosenLane, b: ChosenLane): number {
  const [na, nb] = [a.key === null || a.label === '(none)', b.key === null || b.label === '(none)'];
  return na !== nb ? (na ? 1 : -1) : collator.compare(a.label, b.label) || laneId(a.key).localeCompare(laneId(b.key));
}

/**
 * Lists the busiest lanes (up to the lane budget; ties by label), gives each the same share of the
 * item budget, and marks the lanes with no more items than their share for exact bars.
 */
export function chooseLanes(counts: readonly LaneCount[], widthPx: number, laneBudget = LANE_BUDGET): LaneChoice {
  const timed = counts.filter((c) => c.count > 0);
  const ranked = timed
    .map((c) => ({ key: c.key, label: laneLabel(c.key), count: c.count }))
    .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
  const listed = ranked.slice(0, laneBudget);
  const share = laneShare(widthPx, listed.length);
  const lanes = listed.map((l) => ({ ...l, bars: l.count <= share })).sort(byLabel);
  return {
    lanes,
    moreLanes: ranked.length - listed.length,
    total: timed.reduce((a, c) => a + c.count, 0),
    untimed: counts.reduce((a, c) => a + c.untimed, 0),
    share,
  };
}

/**
 * Merges one lane's fine cells into buckets `k` cells wide on the same grid: counts and statuses
 * add up, first starts and last ends carry over. Buckets are cut at the window's end.
 */
export function mergeCells(cells: readonly TimeCell[], grid: { readonly originMs: number; readonly widthMs: number; readonly toMs: number }, k: number): TimelineBucket[] {
  const merged = new Map<number, { count: number; byStatus: Partial<Record<StatusClass, number>>; lo: number | null; hi: number | null }>();
  for (const c of cells) {
    if (c.bucket < 0) {
      continue;
    }
    const j = Math.floor(c.bucket / k);
    const m = merged.get(j) ?? { count: 0, byStatus: {}, lo: null, hi: null };
    m.count += c.count;
    for (const [status, n] of Object.entries(c.byStatus) as [StatusClass, number][]) {
      if (n > 0) {
        m.byStatus[status] = (m.byStatus[status] ?? 0) + n;
      }
    }
    m.lo = minOf(m.lo, c.minStartMs);
    m.hi = maxOf(m.hi, c.maxEndMs);
    merged.set(j, m);
  }
  const width = grid.widthMs * k;
  return [...merged.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([j, m]) => ({
      fromMs: grid.originMs + j * width,
      toMs: Math.min(grid.originMs + (j + 1) * width, grid.toMs),
      count: m.count,
      byStatus: m.byStatus,
      ...(m.lo === null ? {} : { minStartMs: m.lo }),
      ...(m.hi === null ? {} : { maxEndMs: m.hi }),
    }));
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
