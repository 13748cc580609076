/**
 * Draws a timeline on a Canvas2D context, DevTools-style: the ruler, the rows on screen only,
 * and the merged rectangles `layoutRects` gives for them, one fill colour set per status class
 * (not per bar), patterns and glyphs over bars wide enough to carry them, labels only where
 * they fit. Everything it draws is computed by the pure code in shared/timeline.
 */
import type { TimelineResult } from '../../../../shared/model/timeline';
import type { PackedBars, RectBatch } from '../../../../shared/timeline/bar-layout';
import { BAR_RUNNING, BAR_SLOW, BAR_TICK, bucketRects, layoutRects } from '../../../../shared/timeline/bar-layout';
import type { LaneRow } from '../../../../shared/timeline/lane-rows';
import { rowLanes } from '../../../../shared/timeline/lane-rows';
import type { BarPattern } from '../../../../shared/timeline/status-style';
import { STATUS_BY_INDEX, STATUS_STYLES } from '../../../../shared/timeline/status-style';
import type { TimeScale } from '../../../../shared/timeline/time-scale';
import { xOf } from '../../../../shared/timeline/time-scale';
import { formatDuration, timeTicks } from '../../../../shared/timeline/time-ticks';

/** Heights of the drawing, in CSS pixels. */
export const RULER_H = 24;
/** One row of bars. */
export const ROW_H = 22;
const BAR_PAD = 4;
/** The height of a run still going (a band, not a bar). */
const RUNNING_H = 4;

/** Colours of the chrome (ruler, grid, text), per theme. */
interface Chrome {
  readonly bg: string;
  readonly stripe: string;
  readonly grid: string;
  readonly gridMajor: string;
  readonly text: string;
  readonly muted: string;
  readonly accent: string;
  readonly select: string;
  readonly critical: string;
  readonly group: string;
}

const LIGHT: Chrome = { bg: '#ffffff', stripe: '#f6f8fa', grid: '#eaeef2', gridMajor: '#c8d1da', text: '#1f2328', muted: '#59636e', accent: '#0969da', select: '#1f2328', critical: '#bf5700', group: '#eef1f4' };
const DARK: Chrome = { bg: '#0d1117', stripe: '#131922', grid: '#21262d', gridMajor: '#3a424d', text: '#e6edf3', muted: '#9198a1', accent: '#4493f8', select: '#ffffff', critical: '#ff9e3d', group: '#1b222c' };

/** What one frame shows. */
export interface Frame {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly scale: TimeScale;
  readonly result: TimelineResult;
  readonly packed: PackedBars;
  readonly rows: readonly LaneRow[];
  readonly scrollTop: number;
  readonly dark: boolean;
  /** Minutes east of UTC of the clock the ruler shows. */
  readonly offsetMin: number;
  readonly nowMs: number;
  /** The packed index of the selected bar, -1 for none. */
  readonly selected: number;
  /** Packed indexes of bars matching the search (null: no search; others are dimmed). */
  readonly matches: ReadonlySet<number> | null;
  /** Ids of the bars on the critical path (a run's waterfall), empty for none. */
  readonly critical: ReadonlySet<string>;
  /** The time window filter, drawn as shading outside it. */
  readonly window: { readonly fromMs: number; readonly toMs: number } | null;
}

const patterns = new Map<string, CanvasPattern | null>();

/** A small tile for a status pattern, made once per context kind and theme. */
function patternOf(ctx: CanvasRenderingContext2D, p: BarPattern, stroke: string): CanvasPattern | null {
  const key = `${p}|${stroke}`;
  if (patterns.has(key)) {
    return patterns.get(key) ?? null;
  }
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const t = tile.getContext('2d');
  if (!t) {
    return null;
  }
  t.strokeStyle = stroke;
  t.fillStyle = stroke;
  t.lineWidth = 1.2;
  if (p === 'cross-hatch') {
    t.beginPath();
    t.moveTo(0, 0); t.lineTo(8, 8); t.moveTo(8, 0); t.lineTo(0, 8);
    t.stroke();
  } else if (p === 'stripes') {
    t.beginPath();
    t.moveTo(0, 8); t.lineTo(8, 0); t.moveTo(-2, 2); t.lineTo(2, -2); t.moveTo(6, 10); t.lineTo(10, 6);
    t.stroke();
  } else if (p === 'dots') {
    t.fillRect(3, 3, 2, 2);
  }
  const made = p === 'solid' || p === 'hollow' ? null : ctx.createPattern(tile, 'repeat');
  patterns.set(key, made);
  return made;
}

let batch: RectBatch | undefined;

/** The y of a row's top on the canvas. */
export function rowTop(row: number, scrollTop: number): number {
  return RULER_H + row * ROW_H - scrollTop;
}

/** Draws one frame. */
export function drawFrame(ctx: CanvasRenderingContext2D, f: Frame): void {
  const c = f.dark ? DARK : LIGHT;
  const { widthPx: w, heightPx: h, scale: s } = f;
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, w, h);
  const first = Math.max(0, Math.floor(f.scrollTop / ROW_H));
  const last = Math.min(f.rows.length, Math.ceil((f.scrollTop + h - RULER_H) / ROW_H));
  for (let r = first; r < last; r++) {
    const row = f.rows[r];
    const y = rowTop(r, f.scrollTop);
    if (row?.kind === 'group') {
      ctx.fillStyle = c.group;
      ctx.fillRect(0, y, w, ROW_H);
    } else if (r % 2 === 1) {
      ctx.fillStyle = c.stripe;
      ctx.fillRect(0, y, w, ROW_H);
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
  drawRuler(ctx, f, ticks, c);
}

function drawBuckets(ctx: CanvasRenderingContext2D, f: Frame, lanes: Int32Array, first: number, c: Chrome): void {
  const buckets = bucketRects(f.result, f.scale, lanes, first);
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

function drawRects(ctx: CanvasRenderingContext2D, f: Frame, r: RectBatch, c: Chrome): void {
  const barH = ROW_H - 2 * BAR_PAD;
  const dim = f.matches !== null;
  const marks: number[] = [];
  for (let si = 0; si < STATUS_BY_INDEX.length; si++) {
    const st = STATUS_STYLES[STATUS_BY_INDEX[si] ?? 'unknown'];
    const fill = f.dark ? st.fillDark : st.fill;
    ctx.fillStyle = fill;
    ctx.globalAlpha = dim ? 0.3 : 1;
    marks.length = 0;
    // One fill style per status: the loop that matters for 100k bars. Rectangles that carry more
    // than their fill (wide enough for a pattern, hollow, ticks, running, flagged, selected, on
    // the critical path, matching a search) are kept for the passes below; most of a busy frame's
    // rectangles are slivers that need nothing else.
    const plain = st.pattern !== 'hollow' && !dim && f.critical.size === 0;
    for (let k = 0; k < r.count; k++) {
      if (r.status[k] !== si) {
        continue;
      }
      const flags = r.flags[k] ?? 0;
      const wd = r.w[k] ?? 1;
      if (!plain || wd >= 5 || (flags & (BAR_TICK | BAR_RUNNING | BAR_SLOW)) !== 0 || r.bar[k] === f.selected) {
        marks.push(k);
      }
      if ((flags & BAR_TICK) !== 0) {
        continue;
      }
      const y = rowTop(r.lane[k] ?? 0, f.scrollTop) + BAR_PAD;
      // A run still going is a thin band to "now", so stale runs never hide the bars under them.
      if ((flags & BAR_RUNNING) !== 0) {
        ctx.fillRect(r.x[k] ?? 0, y + barH - RUNNING_H, wd, RUNNING_H);
      } else {
        ctx.fillRect(r.x[k] ?? 0, y, wd, barH);
      }
    }
    ctx.globalAlpha = 1;
    if (marks.length === 0) {
      continue;
    }
    // Search matches come back to full colour before their pattern goes on.
    if (dim) {
      ctx.fillStyle = fill;
      for (const k of marks) {
        const bar = r.bar[k] ?? -1;
        const flags = r.flags[k] ?? 0;
        if (bar >= 0 && f.matches?.has(bar) && (flags & BAR_TICK) === 0) {
          const running = (flags & BAR_RUNNING) !== 0;
          const y = rowTop(r.lane[k] ?? 0, f.scrollTop) + BAR_PAD;
          ctx.fillRect(r.x[k] ?? 0, running ? y + barH - RUNNING_H : y, r.w[k] ?? 1, running ? RUNNING_H : barH);
        }
      }
    }
    // Patterns and outlines: one path each per status, filled and stroked once.
    const pat = patternOf(ctx, st.pattern, st.stroke);
    const patternPath = new Path2D();
    const outlinePath = new Path2D();
    let patterned = 0;
    let outlined = 0;
    for (const k of marks) {
      const flags = r.flags[k] ?? 0;
      if ((flags & (BAR_TICK | BAR_RUNNING)) !== 0) {
        continue;
      }
      const x = r.x[k] ?? 0;
      const wd = r.w[k] ?? 1;
      const y = rowTop(r.lane[k] ?? 0, f.scrollTop) + BAR_PAD;
      if (wd >= 5 && pat) {
        patternPath.rect(x, y, wd, barH);
        patterned++;
      }
      if (st.pattern === 'hollow' || wd >= 5) {
        outlinePath.rect(x + 0.5, y + 0.5, Math.max(0, wd - 1), barH - 1);
        outlined++;
      }
    }
    if (patterned > 0 && pat) {
      ctx.fillStyle = pat;
      ctx.fill(patternPath);
    }
    if (outlined > 0) {
      ctx.strokeStyle = st.stroke;
      ctx.lineWidth = 1;
      ctx.stroke(outlinePath);
    }
    for (const k of marks) {
      drawMarks(ctx, f, r, k, st, fill, c);
    }
  }
}

/** What goes over one rectangle beyond its fill: a tick, a running bar's ends, the slow flag, the critical path, the selection. */
function drawMarks(ctx: CanvasRenderingContext2D, f: Frame, r: RectBatch, k: number, st: (typeof STATUS_STYLES)[keyof typeof STATUS_STYLES], fill: string, c: Chrome): void {
  const barH = ROW_H - 2 * BAR_PAD;
  const x = r.x[k] ?? 0;
  const wd = r.w[k] ?? 1;
  const y = rowTop(r.lane[k] ?? 0, f.scrollTop) + BAR_PAD;
  const bar = r.bar[k] ?? -1;
  const flags = r.flags[k] ?? 0;
  if ((flags & BAR_TICK) !== 0) {
    // A point event or a run with no end: a tick with a diamond head, never a bar.
    ctx.strokeStyle = st.stroke;
    ctx.lineWidth = 1;
    ctx.fillStyle = st.stroke;
    ctx.fillRect(Math.round(x), y, 1, barH);
    ctx.fillStyle = fill;
    ctx.beginPath();
    ctx.moveTo(x + 0.5, y - 2); ctx.lineTo(x + 4, y + 2); ctx.lineTo(x + 0.5, y + 6); ctx.lineTo(x - 3, y + 2);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
    return;
  }
  if ((flags & BAR_RUNNING) !== 0) {
    // Its start as a full-height edge, its open end as an arrow at "now".
    ctx.fillStyle = st.stroke;
    ctx.fillRect(x, y, 1.5, barH);
    ctx.beginPath();
    ctx.moveTo(x + wd - 5, y + barH - RUNNING_H - 3); ctx.lineTo(x + wd + 1, y + barH - RUNNING_H / 2); ctx.lineTo(x + wd - 5, y + barH + 2);
    ctx.fill();
    if (bar === f.selected) {
      ctx.strokeStyle = c.select;
      ctx.lineWidth = 2;
      ctx.strokeRect(x - 1, y + barH - RUNNING_H - 1, wd + 2, RUNNING_H + 2);
    }
    return;
  }
  if ((flags & BAR_SLOW) !== 0) {
    // Slower than usual: a small flag over the bar's end.
    ctx.fillStyle = c.critical;
    ctx.beginPath();
    ctx.moveTo(x + wd - 6, y - 3); ctx.lineTo(x + wd, y - 3); ctx.lineTo(x + wd, y + 3);
    ctx.fill();
  }
  if (bar >= 0 && f.critical.size > 0) {
    const b = f.result.lanes[f.packed.lane[bar] ?? 0]?.bars[f.packed.src[bar] ?? 0];
    if (b && f.critical.has(b.id)) {
      ctx.fillStyle = c.critical;
      ctx.fillRect(x, y + barH + 1, wd, 2);
    }
  }
  if (bar === f.selected) {
    ctx.strokeStyle = c.select;
    ctx.lineWidth = 2;
    ctx.strokeRect(x - 1, y - 1, wd + 2, barH + 2);
  }
}

/** Widths of label texts in the label font, measured once each (a frame draws up to 400 labels). */
const widths = new Map<string, number>();

function labelWidth(ctx: CanvasRenderingContext2D, text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    if (widths.size > 20_000) {
      widths.clear();
    }
    w = ctx.measureText(text).width;
    widths.set(text, w);
  }
  return w;
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
    ctx.fillRect(x - 2, top + BAR_PAD + 1, Math.min(room + 2, labelWidth(ctx, text) + 4), ROW_H - 2 * BAR_PAD - 2);
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
