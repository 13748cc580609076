/**
 * Draws a timeline on a Canvas2D context, DevTools-style: the ruler, the rows on screen only,
 * and the merged rectangles `layoutRects` gives for them, one fill colour set per status class
 * (not per bar), patterns and glyphs over bars wide enough to carry them, labels only where
 * they fit. Everything it draws is computed by the pure code in shared/timeline.
 */
import type { Strip } from '../../../../shared/canvas/pan-strip';
import type { RectBatch } from '../../../../shared/timeline/bar-layout';
import { BAR_RUNNING, bucketRects, layoutRects } from '../../../../shared/timeline/bar-layout';
import { rowLanes } from '../../../../shared/timeline/lane-rows';
import { STATUS_BY_INDEX, STATUS_STYLES } from '../../../../shared/timeline/status-style';
import { xOf } from '../../../../shared/timeline/time-scale';
import { formatDuration, timeTicks } from '../../../../shared/timeline/time-ticks';
import type { Chrome, Frame } from './draw-geometry';
import { BAR_PAD, DARK, LIGHT, ROW_H, RULER_H, rowTop } from './draw-geometry';
import { LayerCache } from '../../../components/canvas/layer-cache';
import { textWidth } from '../../../components/canvas/text-fit';
import { drawRects } from './draw-rects';

export type { Frame } from './draw-geometry';
export { ROW_H, RULER_H, rowTop } from './draw-geometry';

let batch: RectBatch | undefined;
/** The ruler as a bitmap: new data arriving at the scale on screen blits it instead of drawing its text again. */
const ruler = new LayerCache();

/** Labels of bars that start left of the screen are pinned to its left edge: a pan draws this band again. */
export const PINNED_BAND = 240;

/**
 * What a frame shows apart from where it is panned to (`key`: any change redraws in full), and
 * where the time origin sits in device pixels (`offsetPx`): the pan cache's inputs.
 */
export function panKey(f: Frame, dpr: number): { readonly key: readonly unknown[]; readonly offsetPx: number } {
  const span = f.scale.toMs - f.scale.fromMs;
  return {
    key: [f.result, f.packed, f.rows, span, f.widthPx, f.heightPx, f.scrollTop, f.dark, f.offsetMin, f.nowMs, f.selected, f.matches, f.critical, f.window, dpr],
    offsetPx: -f.scale.fromMs / span * f.widthPx * dpr,
  };
}

/** Beyond a strip, how much more of the scene its drawing lays out (text and merges reaching in). */
const STRIP_MARGIN = 160;

/**
 * Draws one frame, or with `strips` (CSS pixels) only those vertical strips of it: the rest of
 * the canvas keeps the pixels a pan moved there (components/canvas/pan-cache). A strip is drawn
 * as a frame of its own, a narrower time window translated into place and clipped, so its cost
 * follows its width.
 */
export function drawFrame(ctx: CanvasRenderingContext2D, f: Frame, strips: readonly Strip[] | null = null): void {
  if (strips === null) {
    drawWhole(ctx, f);
    return;
  }
  const per = (f.scale.toMs - f.scale.fromMs) / f.scale.widthPx;
  for (const st of strips) {
    const a = Math.max(0, st.x - STRIP_MARGIN);
    const b = Math.min(f.widthPx, st.x + st.w + STRIP_MARGIN);
    if (b <= a) {
      continue;
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(st.x, 0, st.w, f.heightPx);
    ctx.clip();
    ctx.translate(a, 0);
    drawWhole(ctx, { ...f, widthPx: b - a, scale: { ...f.scale, fromMs: f.scale.fromMs + a * per, toMs: f.scale.fromMs + b * per, widthPx: b - a } });
    ctx.restore();
  }
}

function drawWhole(ctx: CanvasRenderingContext2D, f: Frame): void {
  const c = f.dark ? DARK : LIGHT;
  const { widthPx: w, heightPx: h, scale: s } = f;
  const first = Math.max(0, Math.floor(f.scrollTop / ROW_H));
  const last = Math.min(f.rows.length, Math.ceil((f.scrollTop + h - RULER_H) / ROW_H));
  // Every pixel of the background is filled once: each row in its own colour, then what is below
  // the rows (the ruler covers the top). Filling the whole canvas first and the stripes over it
  // rasterized half a screen twice, most of what a frame costs beyond its bars without a GPU.
  const rowsEnd = Math.max(RULER_H, rowTop(last, f.scrollTop));
  ctx.fillStyle = c.bg;
  if (rowsEnd < h) {
    ctx.fillRect(0, rowsEnd, w, h - rowsEnd);
  }
  for (let r = first; r < last; r++) {
    if (f.rows[r]?.kind !== 'group' && r % 2 === 0) {
      ctx.fillRect(0, rowTop(r, f.scrollTop), w, ROW_H);
    }
  }
  ctx.fillStyle = c.stripe;
  for (let r = first; r < last; r++) {
    if (f.rows[r]?.kind !== 'group' && r % 2 === 1) {
      ctx.fillRect(0, rowTop(r, f.scrollTop), w, ROW_H);
    }
  }
  ctx.fillStyle = c.group;
  for (let r = first; r < last; r++) {
    if (f.rows[r]?.kind === 'group') {
      ctx.fillRect(0, rowTop(r, f.scrollTop), w, ROW_H);
    }
  }
  const ticks = timeTicks(s, 96, f.offsetMin);
  for (const t of ticks) {
    ctx.fillStyle = t.major ? c.gridMajor : c.grid;
    ctx.fillRect(Math.round(t.x), RULER_H, 1, h - RULER_H);
  }
  const lanes = rowLanes(f.rows, first, last);
  drawBuckets(ctx, f, lanes, first, c);
  batch = layoutRects(f.packed, s, lanes, first, batch);
  drawRects(ctx, f, batch, c);
  drawLabels(ctx, f, batch);
  if (f.window) {
    ctx.fillStyle = f.dark ? 'rgba(0,0,0,0.35)' : 'rgba(31,35,40,0.08)';
    const a = xOf(s, f.window.fromMs);
    const b = xOf(s, f.window.toMs);
    if (a > 0) {
      ctx.fillRect(0, RULER_H, Math.min(w, a), h);
    }
    if (b < w) {
      ctx.fillRect(Math.max(0, b), RULER_H, w, h);
    }
  }
  const nowX = xOf(s, f.nowMs);
  if (nowX >= 0 && nowX <= w) {
    ctx.fillStyle = c.accent;
    for (let y = RULER_H; y < h; y += 6) {
      ctx.fillRect(Math.round(nowX), y, 1, 3);
    }
  }
  // The ruler depends on the window, the clock and the theme only, not on the data.
  ruler.draw(ctx, [s.fromMs, s.toMs, w, f.offsetMin, f.dark], 0, 0, w, RULER_H, (layer) => drawRuler(layer, f, ticks, c));
}

function drawBuckets(ctx: CanvasRenderingContext2D, f: Frame, lanes: Int32Array, first: number, c: Chrome): void {
  const buckets = bucketRects(f.result, f.scale, lanes, first);
  if (buckets.length === 0) {
    return;
  }
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const b of buckets) {
    const st = STATUS_STYLES[STATUS_BY_INDEX[b.status] ?? 'unknown'];
    const y = rowTop(b.lane, f.scrollTop);
    const barH = ROW_H - 2 * BAR_PAD;
    // The bucket's height says how many items it holds (a small histogram per lane).
    const bh = Math.max(2, Math.round(barH * b.level));
    ctx.globalAlpha = 0.85;
    ctx.fillStyle = f.dark ? st.fillDark : st.fill;
    ctx.fillRect(b.x, y + BAR_PAD + barH - bh, Math.max(1, b.w - 0.5), bh);
    ctx.globalAlpha = 1;
    if (b.w > 26) {
      ctx.fillStyle = c.text;
      ctx.fillText(String(b.count), b.x + 3, y + ROW_H / 2);
    }
  }
}

function drawLabels(ctx: CanvasRenderingContext2D, f: Frame, r: RectBatch): void {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  let drawn = 0;
  for (let k = 0; k < r.count && drawn < 400; k++) {
    const wd = r.w[k] ?? 0;
    const bar = r.bar[k] ?? -1;
    if (wd < 36 || bar < 0 || ((r.flags[k] ?? 0) & BAR_RUNNING) !== 0) {
      continue;
    }
    const b = f.result.lanes[f.packed.lane[bar] ?? 0]?.bars[f.packed.src[bar] ?? 0];
    if (!b) {
      continue;
    }
    const st = STATUS_STYLES[b.status];
    const x = Math.max(0, r.x[k] ?? 0) + 4;
    const room = (r.x[k] ?? 0) + wd - x - 4;
    if (room < 20) {
      continue;
    }
    // The duration after the name, as a waterfall is read: what took how long.
    const took = b.endMs === null ? '' : ` · ${formatDuration(b.endMs - b.startMs)}`;
    const text = `${st.glyph} ${b.name ?? b.id}${room > 90 ? took : ''}`;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, rowTop(r.lane[k] ?? 0, f.scrollTop), room, ROW_H);
    ctx.clip();
    // The status's ink (4.5:1 on its fill) on a plate of the plain fill, so the hatch never crosses a letter.
    const top = rowTop(r.lane[k] ?? 0, f.scrollTop);
    const ty = top + ROW_H / 2 + 0.5;
    ctx.fillStyle = f.dark ? st.fillDark : st.fill;
    ctx.fillRect(x - 2, top + BAR_PAD + 1, Math.min(room + 2, textWidth(ctx, text) + 4), ROW_H - 2 * BAR_PAD - 2);
    ctx.fillStyle = f.dark ? st.inkDark : st.ink;
    ctx.fillText(text, x, ty);
    ctx.restore();
    drawn++;
  }
}

function drawRuler(ctx: CanvasRenderingContext2D, f: Frame, ticks: ReturnType<typeof timeTicks>, c: Chrome): void {
  ctx.fillStyle = f.dark ? '#161b22' : '#f6f8fa';
  ctx.fillRect(0, 0, f.widthPx, RULER_H);
  ctx.fillStyle = c.gridMajor;
  ctx.fillRect(0, RULER_H - 1, f.widthPx, 1);
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    ctx.fillStyle = t.major ? c.gridMajor : c.grid;
    ctx.fillRect(Math.round(t.x), RULER_H - 7, 1, 7);
  }
  // Minor labels, then major ones: the font is set twice a frame, not once per tick (each set parses it).
  for (const major of [false, true]) {
    ctx.font = major ? '600 10.5px system-ui, sans-serif' : '10.5px system-ui, sans-serif';
    ctx.fillStyle = major ? c.text : c.muted;
    for (const t of ticks) {
      if (t.major === major) {
        ctx.fillText(t.label, Math.round(t.x) + 3, RULER_H / 2 - 1);
      }
    }
  }
}
