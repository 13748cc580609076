/**
 * The bars of a frame: one fill colour set per status class (not per bar), then, for the
 * rectangles that carry more than their fill, the status pattern and outline as one path each
 * per status, and the marks over single bars (ticks, running ends, slow flags, the critical path,
 * the selection).
 */
import type { RectBatch } from '../../../../shared/timeline/bar-layout';
import { BAR_RUNNING, BAR_SLOW, BAR_TICK } from '../../../../shared/timeline/bar-layout';
import type { BarPattern } from '../../../../shared/timeline/status-style';
import { STATUS_BY_INDEX, STATUS_STYLES } from '../../../../shared/timeline/status-style';
import type { Chrome, Frame } from './draw-geometry';
import { BAR_PAD, ROW_H, RUNNING_H, rowTop } from './draw-geometry';

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

/** Draws the rectangles of a frame's rows. */
export function drawRects(ctx: CanvasRenderingContext2D, f: Frame, r: RectBatch, c: Chrome): void {
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
