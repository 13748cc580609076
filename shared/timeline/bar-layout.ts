/**
 * Bars of a timeline as the drawing loop wants them (the DevTools/Perfetto way): packed into
 * typed arrays sorted by lane and start, and turned, for the lanes on screen only, into the
 * rectangles to fill: bars narrower than a pixel merged per lane, runs still going drawn up to
 * now, bars without an end as ticks. Pure: the canvas and the SVG picture draw what it returns.
 */
import type { TimelineBar, TimelineLane, TimelineResult } from '../model/timeline';
import { mergeStatus, statusIndex } from './status-style';
import type { TimeScale } from './time-scale';
import { xOf } from './time-scale';

/** Flag bits of a packed bar. */
export const BAR_RUNNING = 1;
/** The bar has no end: a tick. */
export const BAR_TICK = 2;
/** Marked slower than usual by the engine. */
export const BAR_SLOW = 4;

/**
 * Every bar of a timeline in parallel arrays, sorted by lane then start. Lanes are packed when
 * first needed (`ensureLane`), so the first frame after an answer arrives packs only the lanes
 * on screen; every bar's index is fixed from the start by the lanes' bar counts.
 */
export interface PackedBars {
  readonly count: number;
  readonly laneCount: number;
  /** Index of each lane's first bar; `laneStart[laneCount]` is `count`. */
  readonly laneStart: Uint32Array;
  /** The longest bar of each lane, so a search from the window's start back finds bars reaching in. */
  readonly laneMaxSpan: Float64Array;
  readonly lane: Uint32Array;
  readonly start: Float64Array;
  /** The drawn end: the end, now for a running bar, the start for a tick. */
  readonly end: Float64Array;
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
  /** The bar's position in its lane of the answer (`lanes[lane].bars[src]`). */
  readonly src: Uint32Array;
  /** 1 for each lane already packed. */
  readonly ready: Uint8Array;
  readonly source: Pick<TimelineResult, 'lanes'>;
  readonly nowMs: number;
  /** The memory behind the per-bar arrays, which a later answer may pack into (`packBars`'s `spare`). */
  readonly buffer: ArrayBuffer;
}

/** Bytes per packed bar: start and end (8 each), lane and src (4 each), status and flags (1 each). */
const BAR_BYTES = 26;

/**
 * Packs a timeline answer's bars (`eager`: every lane now; else lanes as they are needed); `nowMs`
 * ends the bars still running. `spare`, a packing no longer drawn, lends its memory when it is
 * large enough: a new answer then allocates nothing per bar (and triggers no collection of the
 * last one's megabytes while its first frame is drawn).
 */
export function packBars(result: Pick<TimelineResult, 'lanes'>, nowMs: number, eager = true, spare: PackedBars | null = null): PackedBars {
  const laneCount = result.lanes.length;
  const laneStart = new Uint32Array(laneCount + 1);
  let count = 0;
  for (let li = 0; li < laneCount; li++) {
    laneStart[li] = count;
    count += (result.lanes[li] as TimelineLane).bars.length;
  }
  laneStart[laneCount] = count;
  // One buffer for the per-bar arrays: one allocation for 100k bars instead of six, or none.
  const buf = spare && spare.buffer.byteLength >= count * BAR_BYTES ? spare.buffer : new ArrayBuffer(count * BAR_BYTES);
  const p: PackedBars = {
    count, laneCount, laneStart, laneMaxSpan: new Float64Array(laneCount),
    start: new Float64Array(buf, 0, count), end: new Float64Array(buf, count * 8, count),
    lane: new Uint32Array(buf, count * 16, count), src: new Uint32Array(buf, count * 20, count),
    status: new Uint8Array(buf, count * 24, count), flags: new Uint8Array(buf, count * 25, count),
    ready: new Uint8Array(laneCount), source: result, nowMs, buffer: buf,
  };
  if (eager) {
    ensureAll(p);
  }
  return p;
}

/** Packs every lane not packed yet (searching and selecting look at all bars). */
export function ensureAll(p: PackedBars): void {
  for (let li = 0; li < p.laneCount; li++) {
    ensureLane(p, li);
  }
}

/** Packs one lane's bars into their places, sorted by start, unless done before. */
export function ensureLane(p: PackedBars, li: number): void {
  if (li < 0 || li >= p.laneCount || p.ready[li] === 1) {
    return;
  }
  p.ready[li] = 1;
  const bars = (p.source.lanes[li] as TimelineLane).bars;
  // The engine sends bars in start order; sort only when a lane is not.
  let sorted = true;
  for (let k = 1; k < bars.length && sorted; k++) {
    sorted = (bars[k] as TimelineBar).startMs >= (bars[k - 1] as TimelineBar).startMs;
  }
  const order = sorted ? null : startOrder(bars);
  let maxSpan = 0;
  let i = p.laneStart[li] ?? 0;
  for (let n = 0; n < bars.length; n++, i++) {
    const k = order === null ? n : (order[n] ?? n);
    const b = bars[k] as TimelineBar;
    const e = b.running ? Math.max(p.nowMs, b.startMs) : b.endMs === null ? b.startMs : Math.max(b.endMs, b.startMs);
    p.lane[i] = li;
    p.start[i] = b.startMs;
    p.end[i] = e;
    p.status[i] = statusIndex(b.status);
    p.flags[i] = (b.running ? BAR_RUNNING : 0) | (b.endMs === null && !b.running ? BAR_TICK : 0) | (b.slowerThanUsual === true ? BAR_SLOW : 0);
    p.src[i] = k;
    if (e - b.startMs > maxSpan) {
      maxSpan = e - b.startMs;
    }
  }
  p.laneMaxSpan[li] = maxSpan;
}

/** Scratch for `startOrder`, grown as needed: sorting a lane allocates nothing on the first frame of an answer. */
let orderScratch = new Uint32Array(256);
let startScratch = new Float64Array(256);

/**
 * Positions of bars in start order (stable), valid until the next call: sorts numbers in typed
 * arrays, not the bar objects; a lane of up to 64 bars by insertion (no comparator calls).
 */
function startOrder(bars: readonly TimelineBar[]): Uint32Array {
  const n = bars.length;
  if (orderScratch.length < n) {
    orderScratch = new Uint32Array(n * 2);
    startScratch = new Float64Array(n * 2);
  }
  const starts = startScratch;
  const order = orderScratch.subarray(0, n);
  for (let k = 0; k < n; k++) {
    starts[k] = (bars[k] as TimelineBar).startMs;
    order[k] = k;
  }
  if (n > 64) {
    return order.sort((a, b) => (starts[a] as number) - (starts[b] as number) || a - b);
  }
  for (let i = 1; i < n; i++) {
    const k = order[i] as number;
    const v = starts[k] as number;
    let j = i - 1;
    // Strictly greater: equal starts keep their order (stable).
    while (j >= 0 && (starts[order[j] as number] as number) > v) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = k;
  }
  return order;
}

/** Rectangles to fill, in row order: x and width in pixels, row index, status index and flags. */
export interface RectBatch {
  count: number;
  readonly x: Float32Array;
  readonly w: Float32Array;
  readonly lane: Uint32Array;
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
  /** The packed bar drawn, or -1 for a merge of several bars. */
  readonly bar: Int32Array;
}

/** A reusable batch for up to `capacity` rectangles (grown by `layoutRects` when needed). */
export function rectBatch(capacity: number): RectBatch {
  return {
    count: 0, x: new Float32Array(capacity), w: new Float32Array(capacity), lane: new Uint32Array(capacity),
    status: new Uint8Array(capacity), flags: new Uint8Array(capacity), bar: new Int32Array(capacity),
  };
}

/** A merged rectangle: several bars closer than a pixel. */
export const RECT_MERGED = 8;

/** The first bar of a lane starting at or after `ms` (binary search over the lane's sorted starts). */
export function firstAtOrAfter(p: PackedBars, lane: number, ms: number): number {
  let lo = p.laneStart[lane] ?? 0;
  let hi = p.laneStart[lane + 1] ?? lo;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((p.start[mid] ?? 0) < ms) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * The rectangles of the rows on screen, `rowLanes[i]` being the lane shown in row `firstRow + i`
 * (-1: a row without bars, such as a group heading); `lane` of each rectangle is its row. Bars are at least `minPx` wide; a bar
 * that starts within `minPx` of the previous rectangle's end is merged into it when either is
 * narrower than `mergePx` (the merge keeps the status a reader must not miss). Off-screen bars
 * are skipped by a binary search, so the cost follows what is on screen, not the lane's size.
 */
export function layoutRects(p: PackedBars, s: TimeScale, rowLanes: ArrayLike<number>, firstRow = 0, out?: RectBatch, minPx = 1, mergePx = 1): RectBatch {
  let batch = out ?? rectBatch(1_024);
  batch.count = 0;
  const span = s.toMs - s.fromMs;
  for (let r = 0; r < rowLanes.length; r++) {
    const lane = rowLanes[r] ?? -1;
    if (lane < 0 || lane >= p.laneCount) {
      continue;
    }
    ensureLane(p, lane);
    const end = firstAtOrAfter(p, lane, s.toMs + 1e-9);
    let i = firstAtOrAfter(p, lane, s.fromMs - (p.laneMaxSpan[lane] ?? 0));
    let open = -1;
    let openEnd = -Infinity;
    let openNarrow = false;
    for (; i < end; i++) {
      const e = p.end[i] ?? 0;
      if (e < s.fromMs) {
        continue;
      }
      const x0 = ((p.start[i] ?? 0) - s.fromMs) / span * s.widthPx;
      const realX1 = (e - s.fromMs) / span * s.widthPx;
      const x1 = Math.max(x0 + minPx, realX1);
      const narrow = realX1 - x0 < mergePx;
      if (open >= 0 && narrow && openNarrow && x0 <= openEnd + minPx) {
        const nx = Math.max(openEnd, x1);
        batch.w[open] = nx - (batch.x[open] ?? 0);
        batch.status[open] = mergeStatus(batch.status[open] ?? 0, p.status[i] ?? 0);
        // A merge is neither a tick nor a single run still going: it is drawn as a plain bar.
        batch.flags[open] = ((batch.flags[open] ?? 0) | (p.flags[i] ?? 0) | RECT_MERGED) & ~(BAR_TICK | BAR_RUNNING);
        batch.bar[open] = -1;
        openEnd = nx;
        continue;
      }
      if (batch.count === batch.x.length) {
        batch = grow(batch);
      }
      const k = batch.count++;
      batch.x[k] = x0;
      batch.w[k] = x1 - x0;
      batch.lane[k] = firstRow + r;
      batch.status[k] = p.status[i] ?? 0;
      batch.flags[k] = p.flags[i] ?? 0;
      batch.bar[k] = i;
      open = k;
      openEnd = x1;
      openNarrow = narrow;
    }
  }
  return batch;
}

function grow(b: RectBatch): RectBatch {
  const n = b.x.length * 2;
  const g = rectBatch(n);
  g.x.set(b.x);
  g.w.set(b.w);
  g.lane.set(b.lane);
  g.status.set(b.status);
  g.flags.set(b.flags);
  g.bar.set(b.bar);
  g.count = b.count;
  return g;
}

/** The packed bar under an x in a lane (within `tolerancePx`): the nearest, the shortest among equals; -1 when none. */
export function hitBar(p: PackedBars, s: TimeScale, lane: number, x: number, tolerancePx = 3): number {
  if (lane < 0 || lane >= p.laneCount) {
    return -1;
  }
  ensureLane(p, lane);
  const pxMs = (s.toMs - s.fromMs) / s.widthPx;
  const t = s.fromMs + x * pxMs;
  const tol = tolerancePx * pxMs;
  const end = firstAtOrAfter(p, lane, t + tol + 1e-9);
  let best = -1;
  let bestD = Infinity;
  let bestSpan = Infinity;
  for (let i = firstAtOrAfter(p, lane, t - tol - (p.laneMaxSpan[lane] ?? 0)); i < end; i++) {
    const a = p.start[i] ?? 0;
    const b = p.end[i] ?? 0;
    const d = t < a ? a - t : t > b ? t - b : 0;
    // Among bars under the pointer, the shortest wins: a run still going never hides the ones it spans.
    if (d <= tol && (d < bestD || (d === bestD && b - a < bestSpan))) {
      best = i;
      bestD = d;
      bestSpan = b - a;
    }
  }
  return best;
}

/** A bucket of a lane as a rectangle: x, width and how full it is against the fullest bucket shown. */
export interface BucketRect {
  readonly lane: number;
  readonly x: number;
  readonly w: number;
  readonly count: number;
  /** 0..1: the bucket's count against the largest count of the answer. */
  readonly level: number;
  /** The status a reader must not miss among the bucket's items. */
  readonly status: number;
}

/** The buckets of the rows on screen (`rowLanes` as for `layoutRects`; `lane` is the row) that fall on a scale. */
export function bucketRects(result: Pick<TimelineResult, 'lanes'>, s: TimeScale, rowLanes: ArrayLike<number>, firstRow = 0): BucketRect[] {
  let max = 1;
  for (const l of result.lanes) {
    for (const b of l.buckets) {
      max = Math.max(max, b.count);
    }
  }
  const out: BucketRect[] = [];
  for (let r = 0; r < rowLanes.length; r++) {
    const lane = rowLanes[r] ?? -1;
    for (const b of result.lanes[lane]?.buckets ?? []) {
      if (b.toMs < s.fromMs || b.fromMs > s.toMs) {
        continue;
      }
      const x0 = xOf(s, b.fromMs);
      const x1 = Math.max(x0 + 1, xOf(s, b.toMs));
      let status = statusIndex('skipped');
      for (const [k, n] of Object.entries(b.byStatus)) {
        if ((n ?? 0) > 0) {
          status = mergeStatus(status, statusIndex(k as Parameters<typeof statusIndex>[0]));
        }
      }
      out.push({ lane: firstRow + r, x: x0, w: x1 - x0, count: b.count, level: Math.sqrt(b.count / max), status });
    }
  }
  return out;
}
