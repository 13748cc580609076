/**
 * The Canvas2D drawing of large lineage overviews (thousands of boxes): only what is on screen
 * is drawn, boxes and links batched into one path per style, labels only once zoomed in far
 * enough to read them, and while the user pans or zooms, a cached bitmap (bigger than the
 * screen) is moved and scaled instead of drawing again: the Perfetto way (reference page §1).
 */
import type { GraphLayout, PlacedNode } from '../../../shared/lineage/layout-types';
import { fitLabel } from '../../../shared/lineage/lineage-svg';
import type { Viewport } from './viewport';

/** Colours of the overview (read from CSS variables by the view). */
export interface OverviewStyle {
  readonly background: string;
  readonly box: string;
  readonly border: string;
  readonly text: string;
  readonly edge: string;
  readonly cycle: string;
  readonly selected: string;
}

/** Zoom from which labels are drawn (below it they would be unreadable smudges). */
export const LABEL_SCALE = 0.45;
/** The cached bitmap covers this much more than the screen on each side. */
const CACHE_MARGIN = 0.5;

interface Cache {
  readonly canvas: HTMLCanvasElement;
  readonly viewport: Viewport;
  readonly width: number;
  readonly height: number;
}

/** Draws a layout on a canvas at a viewport; `draw(v, true)` reuses the cached bitmap when it can. */
export class OverviewRenderer {
  private cache: Cache | null = null;
  private readonly byX: PlacedNode[];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly layout: GraphLayout,
    private readonly style: OverviewStyle,
    private readonly selected: string | null = null,
  ) {
    this.byX = [...layout.nodes].sort((a, b) => a.x - b.x);
  }

  /**
   * Draws one frame. While `interacting`, the cached bitmap moved and scaled when it still covers
   * the screen; otherwise the scene is drawn into a fresh cache (a margin around the screen) and
   * that is shown, so the next pan frames are cheap again.
   */
  draw(v: Viewport, interacting: boolean): 'cached' | 'full' {
    const ctx = this.canvas.getContext('2d');
    if (ctx === null) {
      return 'full';
    }
    const w = this.canvas.width;
    const h = this.canvas.height;
    let kind: 'cached' | 'full' = 'cached';
    if (!interacting || this.cache === null || !this.covers(this.cache, v, w, h)) {
      this.refreshCache(v, w, h);
      kind = 'full';
    }
    const c = this.cache;
    if (c === null) {
      drawScene(ctx, this.byX, this.layout, v, w, h, this.style, this.selected);
      return 'full';
    }
    const k = v.scale / c.viewport.scale;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = this.style.background;
    ctx.fillRect(0, 0, w, h);
    // The cache's pixel (mx, my) is the screen's origin under its own viewport.
    const mx = c.width * CACHE_MARGIN / (1 + 2 * CACHE_MARGIN);
    const my = c.height * CACHE_MARGIN / (1 + 2 * CACHE_MARGIN);
    ctx.setTransform(k, 0, 0, k, v.tx - c.viewport.tx * k - mx * k, v.ty - c.viewport.ty * k - my * k);
    ctx.drawImage(c.canvas, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    return kind;
  }

  /** Whether the cached bitmap, moved and scaled to `v`, still covers the whole screen. */
  private covers(c: Cache, v: Viewport, w: number, h: number): boolean {
    const k = v.scale / c.viewport.scale;
    if (k < 0.5 || k > 2) {
      return false;
    }
    const mx = c.width * CACHE_MARGIN / (1 + 2 * CACHE_MARGIN);
    const my = c.height * CACHE_MARGIN / (1 + 2 * CACHE_MARGIN);
    const left = v.tx - c.viewport.tx * k - mx * k;
    const top = v.ty - c.viewport.ty * k - my * k;
    return left <= 0 && top <= 0 && left + c.width * k >= w && top + c.height * k >= h;
  }

  private refreshCache(v: Viewport, w: number, h: number): void {
    const cw = Math.ceil(w * (1 + 2 * CACHE_MARGIN));
    const ch = Math.ceil(h * (1 + 2 * CACHE_MARGIN));
    const canvas = this.cache?.canvas ?? document.createElement('canvas');
    if (canvas.width !== cw || canvas.height !== ch) {
      canvas.width = cw;
      canvas.height = ch;
    }
    const ctx = canvas.getContext('2d');
    if (ctx === null) {
      return;
    }
    const shifted = { ...v, tx: v.tx + w * CACHE_MARGIN, ty: v.ty + h * CACHE_MARGIN };
    drawScene(ctx, this.byX, this.layout, shifted, cw, ch, this.style, this.selected);
    this.cache = { canvas, viewport: v, width: cw, height: ch };
  }
}

/** Draws the visible part of a layout: links, then boxes, then labels when zoomed in. */
export function drawScene(
  ctx: CanvasRenderingContext2D, byX: readonly PlacedNode[], layout: GraphLayout, v: Viewport, w: number, h: number, style: OverviewStyle, selected: string | null,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = style.background;
  ctx.fillRect(0, 0, w, h);
  const x0 = -v.tx / v.scale;
  const y0 = -v.ty / v.scale;
  const x1 = x0 + w / v.scale;
  const y1 = y0 + h / v.scale;
  ctx.setTransform(v.scale, 0, 0, v.scale, v.tx, v.ty);
  const plain = new Path2D();
  const back = new Path2D();
  for (const e of layout.edges) {
    const first = e.points[0];
    const last = e.points[e.points.length - 1];
    if (first === undefined || last === undefined) {
      continue;
    }
    // Culled when both ends lie past the same side of the screen.
    if ((first.x < x0 && last.x < x0) || (first.x > x1 && last.x > x1) || (first.y < y0 && last.y < y0) || (first.y > y1 && last.y > y1)) {
      continue;
    }
    const path = e.reversed ? back : plain;
    path.moveTo(first.x, first.y);
    for (let i = 1; i < e.points.length; i++) {
      const p = e.points[i];
      if (p !== undefined) {
        path.lineTo(p.x, p.y);
      }
    }
  }
  ctx.lineWidth = Math.max(1, 1 / v.scale) * 0.8;
  // Zoomed out, thousands of links would bury the boxes: they fade and the boxes darken.
  const far = v.scale < 0.3;
  ctx.globalAlpha = far ? 0.3 : 1;
  ctx.strokeStyle = style.edge;
  ctx.stroke(plain);
  ctx.strokeStyle = style.cycle;
  ctx.stroke(back);
  ctx.globalAlpha = 1;
  const boxes = new Path2D();
  const visible: PlacedNode[] = [];
  // Boxes sorted by x: skip those left of the screen quickly, stop past its right.
  let lo = 0;
  let hi = byX.length;
  const maxWidth = 400;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((byX[mid]?.x ?? 0) < x0 - maxWidth) {
      lo = mid + 1;
    }
    else {hi = mid;}
  }
  for (let i = lo; i < byX.length; i++) {
    const n = byX[i];
    if (n === undefined || n.x > x1) {
      break;
    }
    if (n.x + n.width < x0 || n.y > y1 || n.y + n.height < y0) {
      continue;
    }
    boxes.rect(n.x, n.y, n.width, n.height);
    visible.push(n);
  }
  ctx.fillStyle = far ? style.border : style.box;
  ctx.fill(boxes);
  if (v.scale >= 0.2) {
    ctx.strokeStyle = style.border;
    ctx.lineWidth = 1 / v.scale;
    ctx.stroke(boxes);
  }
  const sel = selected === null ? undefined : visible.find((n) => n.id === selected);
  if (sel !== undefined) {
    ctx.strokeStyle = style.selected;
    ctx.lineWidth = 3 / v.scale;
    ctx.strokeRect(sel.x, sel.y, sel.width, sel.height);
  }
  if (v.scale >= LABEL_SCALE && visible.length <= 3_000) {
    ctx.fillStyle = style.text;
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const n of visible) {
      ctx.fillText(fitLabel(n.id, n.width), n.x + 12, n.y + Math.min(15, n.height / 2));
    }
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}
