/**
 * The page side of the timeline drawing bench (bundled for Chromium by timeline-draw-bench.mjs):
 * 100k bars in 2,000 lanes drawn by the timeline's own code (pack, lay out, draw a frame) and,
 * in the same page, by a bare Canvas2D loop that fills the same merged rectangles; and 1,000 bars
 * drawn by vis-timeline. Every timing ends with a one-pixel read so the raster work is counted.
 */
import { Timeline } from 'vis-timeline/standalone';
import type { TimelineBar, TimelineLane, TimelineResult } from '../../shared/model/timeline';
import type { PackedBars, RectBatch } from '../../shared/timeline/bar-layout';
import { layoutRects, packBars } from '../../shared/timeline/bar-layout';
import { laneRows, rowLanes, visibleRows } from '../../shared/timeline/lane-rows';
import { STATUS_BY_INDEX, STATUS_STYLES } from '../../shared/timeline/status-style';
import type { TimeScale } from '../../shared/timeline/time-scale';
import { panBy, timeScale, zoomAt } from '../../shared/timeline/time-scale';
import { PINNED_BAND, ROW_H, RULER_H, drawFrame, panKey } from '../../renderer/features/runs/timeline/draw-timeline';
import type { Frame } from '../../renderer/features/runs/timeline/draw-timeline';
import { PanCache } from '../../renderer/components/canvas/pan-cache';

const W = 1_920;
const H = 1_080;
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/** A deterministic pseudo-random sequence. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** `bars` bars spread over `lanes` lanes and 30 days, 5% failed, a few running. */
function makeResult(bars: number, lanes: number, seed = 7): TimelineResult {
  const r = rng(seed);
  const out: TimelineLane[] = [];
  const per = Math.floor(bars / lanes);
  for (let l = 0; l < lanes; l++) {
    const list: TimelineBar[] = [];
    for (let k = 0; k < per; k++) {
      const start = T0 + r() * 30 * DAY;
      const roll = r();
      list.push({
        id: `${l}-${k}`, runKey: [`${l}-${k}`], name: `model_${l}`, startMs: start, endMs: start + 60_000 + r() * 3_600_000, running: false,
        status: roll < 0.05 ? 'failed' : roll < 0.07 ? 'skipped' : 'ok', parent: null, message: null,
      });
    }
    out.push({ key: `model_${l}`, label: `model_${l}`, count: per, bars: list, buckets: [] });
  }
  return { window: { fromMs: T0, toMs: T0 + 31 * DAY }, laneColumn: 'run_name', lanes: out, moreLanes: 0, total: per * lanes, untimed: 0 };
}

function canvas(): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = W;
  c.height = H;
  document.body.appendChild(c);
  const ctx = c.getContext('2d', { alpha: false });
  if (!ctx) {
    throw new Error('No 2D context.');
  }
  return ctx;
}

/** The frames of a pan-and-zoom gesture over the whole range: pans, zooms in, pans, zooms out. */
function gesture(start: TimeScale, frames: number): TimeScale[] {
  const out: TimeScale[] = [];
  let s = start;
  for (let i = 0; i < frames; i++) {
    const phase = Math.floor((i / frames) * 4);
    s = phase === 0 || phase === 2 ? panBy(s, phase === 0 ? 12 : -12) : zoomAt(s, phase === 1 ? 0.97 : 1 / 0.97, W / 2);
    out.push(s);
  }
  return out;
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? 0;
}

function p95(xs: readonly number[]): number {
  return quantile(xs, 0.95);
}

function flush(ctx: CanvasRenderingContext2D): void {
  ctx.getImageData(0, 0, 1, 1);
}

/** The bare loop: fill the given rectangles, one colour per status, nothing else. */
function bareLoop(ctx: CanvasRenderingContext2D, r: RectBatch): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  for (let si = 0; si < STATUS_BY_INDEX.length; si++) {
    ctx.fillStyle = STATUS_STYLES[STATUS_BY_INDEX[si] ?? 'ok'].fill;
    for (let k = 0; k < r.count; k++) {
      if (r.status[k] === si) {
        ctx.fillRect(r.x[k] ?? 0, RULER_H + (r.lane[k] ?? 0) * ROW_H + 4, r.w[k] ?? 1, ROW_H - 8);
      }
    }
  }
}

/** Ours against the bare loop: the first frame after the data arrives, then p95 over a gesture. */
export function drawing(frames: number): Record<string, number> {
  const result = makeResult(100_000, 2_000);
  // The answers that arrive later (a zoom, a new filter), made before any timing so that building
  // them (and collecting their garbage) is not counted as drawing.
  const arrivals = [11, 13, 17, 19, 23].map((seed) => makeResult(100_000, 2_000, seed));
  const ctx = canvas();
  const rows = laneRows(result, { collapsed: new Set() });
  const start = timeScale(T0, T0 + 31 * DAY, W);
  const vis = visibleRows(rows.length, ROW_H, 0, H - RULER_H);
  const lanes = rowLanes(rows, vis.first, vis.last);
  // As the plot does: through the pan cache (a pan moves the last frame and draws the exposed strip).
  const cache = new PanCache();
  const none = new Set<string>();
  const frame = (packed: ReturnType<typeof packBars>, s: TimeScale): void => {
    const f: Frame = {
      widthPx: W, heightPx: H, scale: s, result, packed, rows, scrollTop: 0, dark: false, offsetMin: 0, nowMs: T0 + 40 * DAY,
      selected: -1, matches: null, critical: none, window: null,
    };
    const k = panKey(f, 1);
    drawFrame(ctx, f, cache.next(ctx, k.key, k.offsetPx, PINNED_BAND));
  };
  // First frame: from the answer to pixels (pack, lay out, draw), against filling its rectangles.
  let t = performance.now();
  const packed = packBars(result, T0 + 40 * DAY, false);
  frame(packed, start);
  flush(ctx);
  const oursFirst = performance.now() - t;
  const firstRects = layoutRects(packed, start, lanes, vis.first);
  t = performance.now();
  bareLoop(ctx, firstRects);
  flush(ctx);
  const loopFirst = performance.now() - t;
  const steps = gesture(start, frames);
  const ours: number[] = [];
  for (const s of steps) {
    t = performance.now();
    frame(packed, s);
    flush(ctx);
    ours.push(performance.now() - t);
  }
  const loop: number[] = [];
  const prepared = steps.map((s) => {
    const b = layoutRects(packed, s, lanes, vis.first);
    return { ...b, x: b.x.slice(0, b.count), w: b.w.slice(0, b.count), lane: b.lane.slice(0, b.count), status: b.status.slice(0, b.count) };
  });
  for (const r of prepared) {
    t = performance.now();
    bareLoop(ctx, r);
    flush(ctx);
    loop.push(performance.now() - t);
  }
  // A new answer arriving in a page that has drawn before (a zoom, a new filter): the first frame
  // of fresh data with warm code and fonts, against the loop filling that frame's rectangles; the
  // median over five arrivals, each drawn once.
  const shift = timeScale(T0 + DAY, T0 + 32 * DAY, W);
  const warmOurs: number[] = [];
  const warmLoop: number[] = [];
  // As the view does (use-packed-bars): a new answer packs into the memory of the packing drawn
  // before the one on screen; the first arrival has none to borrow and allocates.
  let drawn = packed;
  let spare: PackedBars | null = null;
  for (const next of arrivals) {
    t = performance.now();
    const packedNext = packBars(next, T0 + 40 * DAY, false, spare);
    spare = drawn;
    drawn = packedNext;
    drawFrame(ctx, {
      widthPx: W, heightPx: H, scale: shift, result: next, packed: packedNext, rows, scrollTop: 0, dark: false, offsetMin: 0, nowMs: T0 + 40 * DAY,
      selected: -1, matches: null, critical: new Set(), window: null,
    });
    flush(ctx);
    warmOurs.push(performance.now() - t);
    const nextRects = layoutRects(packedNext, shift, lanes, vis.first);
    const copy = { ...nextRects, x: nextRects.x.slice(0, nextRects.count), w: nextRects.w.slice(0, nextRects.count), lane: nextRects.lane.slice(0, nextRects.count), status: nextRects.status.slice(0, nextRects.count) };
    t = performance.now();
    bareLoop(ctx, copy);
    flush(ctx);
    warmLoop.push(performance.now() - t);
  }
  const oursWarmFirst = quantile(warmOurs, 0.5);
  const pannedFrames = steps.filter((st, i) => i > 0 && Math.abs((st.toMs - st.fromMs) - ((steps[i - 1]?.toMs ?? 0) - (steps[i - 1]?.fromMs ?? 0))) < 1e-6).length;
  const loopWarmFirst = quantile(warmLoop, 0.5);
  return {
    bars: packed.count, rects: firstRects.count, oursFirst, loopFirst, oursWarmFirst, loopWarmFirst,
    oursP95: p95(ours), loopP95: p95(loop), oursMedian: quantile(ours, 0.5), loopMedian: quantile(loop, 0.5), pannedFrames,
  };
}

/** vis-timeline drawing 1,000 bars in 20 groups: from creation to its first "changed" (drawn) event. */
export function visTimeline(): Promise<number> {
  const result = makeResult(1_000, 20);
  const host = document.createElement('div');
  host.style.width = `${W}px`;
  host.style.height = `${H}px`;
  document.body.appendChild(host);
  const items = result.lanes.flatMap((l, g) => l.bars.map((b) => ({ id: b.id, group: g, start: new Date(b.startMs), end: new Date(b.endMs ?? b.startMs), content: '' })));
  const groups = result.lanes.map((l, g) => ({ id: g, content: l.label }));
  return new Promise((resolve) => {
    const t = performance.now();
    const tl = new Timeline(host, items, groups, { stack: false });
    const done = (): void => {
      tl.off('changed', done);
      host.getBoundingClientRect();
      resolve(performance.now() - t);
    };
    tl.on('changed', done);
  });
}

/**
 * Whether a panned frame (the last one moved, the exposed strip drawn) looks like a full redraw:
 * pans of whole and fractional pixels at three zooms, each frame compared pixel by pixel with a
 * full redraw on a second canvas. Returns the largest share of pixels differing by more than 48
 * in a channel over all frames, the frames compared and how many reused the last frame.
 */
export function panCheck(): { worstShare: number; frames: number; reused: number } {
  const result = makeResult(20_000, 400, 5);
  const packed = packBars(result, T0 + 40 * DAY, false);
  const rows = laneRows(result, { collapsed: new Set() });
  const a = canvas();
  const b = canvas();
  const cache = new PanCache();
  const none = new Set<string>();
  let worst = 0;
  let frames = 0;
  let reused = 0;
  for (const days of [31, 3, 0.25]) {
    let s = timeScale(T0 + 5 * DAY, T0 + 5 * DAY + days * DAY, W);
    for (let i = 0; i < 24; i++) {
      s = panBy(s, i < 12 ? 7.4 : -13);
      const f: Frame = {
        widthPx: W, heightPx: H, scale: s, result, packed, rows, scrollTop: 0, dark: false, offsetMin: 0, nowMs: T0 + 40 * DAY,
        selected: -1, matches: null, critical: none, window: null,
      };
      const k = panKey(f, 1);
      const strips = cache.next(a, k.key, k.offsetPx, PINNED_BAND);
      reused += strips === null ? 0 : 1;
      drawFrame(a, f, strips);
      drawFrame(b, f);
      const pa = a.getImageData(0, 0, W, H).data;
      const pb = b.getImageData(0, 0, W, H).data;
      let diff = 0;
      for (let p = 0; p < pa.length; p += 4) {
        if (Math.abs((pa[p] ?? 0) - (pb[p] ?? 0)) > 48 || Math.abs((pa[p + 1] ?? 0) - (pb[p + 1] ?? 0)) > 48 || Math.abs((pa[p + 2] ?? 0) - (pb[p + 2] ?? 0)) > 48) {
          diff++;
        }
      }
      worst = Math.max(worst, diff / (W * H));
      frames++;
    }
  }
  return { worstShare: worst, frames, reused };
}
