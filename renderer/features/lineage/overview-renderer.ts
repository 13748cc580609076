/**
 * The Canvas2D drawing of large lineage overviews (thousands of boxes): only what is on screen
 * is drawn, boxes and links batched into one path per style, labels only once zoomed in far
 * enough to read them, and while the user pans or zooms, a cached bitmap (bigger than the
 * screen) is moved and scaled instead of drawing again: the Perfetto way (reference page §1).
 */
import type { GraphLayout } from '../../../shared/lineage/layout-types';
import { fitLabel } from '../../../shared/lineage/lineage-svg';
import type { XIndex } from '../../../shared/lineage/overview-cull';
import { edgeMayShow, nodesByX, visibleNodes, worldRect } from '../../../shared/lineage/overview-cull';
import { StyleBatch } from '../../components/canvas/style-batch';
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
  /** The other bitmap of the pair: the next refresh draws into it, moving this one's pixels. */
  readonly spare: HTMLCanvasElement | null;
  readonly viewport: Viewport;
  readonly width: number;
  readonly height: number;
}

/** Draws a layout on a canvas at a viewport; `draw(v, true)` reuses the cached bitmap when it can. */
export class OverviewRenderer {
  private cache: Cache | null = null;
  private readonly byX: XIndex;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly layout: GraphLayout,
    private readonly style: OverviewStyle,
    private readonly selected: string | null = null,
    /** Device pixels per CSS pixel: the canvas's bitmap is this much larger than its box. */
    private readonly dpr = 1,
  ) {
    this.byX = nodesByX(layout.nodes);
  }

  /**
   * Draws one frame. While `interacting`, the cached bitmap moved and scaled when it still covers
   * the screen; otherwise the scene is drawn into a fresh cache (a margin around the screen) and
   * that is shown, so the next pan frames are cheap again.
   */
  draw(css: Viewport, interacting: boolean): 'cached' | 'full' {
    // The viewport in the bitmap's device pixels; zoom thresholds stay in CSS pixels (`dpr`).
    const v = this.dpr === 1 ? css : { tx: css.tx * this.dpr, ty: css.ty * this.dpr, scale: css.scale * this.dpr };
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
      drawScene(ctx, this.byX, this.layout, v, w, h, this.style, this.selected, null, this.dpr);
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
    // Scaled while zooming, the nearest pixel is enough (and far cheaper than filtering without a
    // GPU); the frame after the gesture is drawn afresh.
    ctx.imageSmoothingEnabled = k === 1;
    ctx.drawImage(c.canvas, 0, 0);
    ctx.imageSmoothingEnabled = true;
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

  /**
   * Draws the cache for `v`. After a pan at the same zoom, the old cache's pixels are moved by
   * whole pixels (through a second canvas: a canvas drawn onto itself is slow in software
   * Chromium) and only the strips the move exposed are drawn: the bitmap pan cache in two axes.
   */
  private refreshCache(v: Viewport, w: number, h: number): void {
    const cw = Math.ceil(w * (1 + 2 * CACHE_MARGIN));
    const ch = Math.ceil(h * (1 + 2 * CACHE_MARGIN));
    const old = this.cache;
    const canvas = old?.spare ?? document.createElement('canvas');
    if (canvas.width !== cw || canvas.height !== ch) {
      canvas.width = cw;
      canvas.height = ch;
    }
    const ctx = canvas.getContext('2d');
    if (ctx === null) {
      return;
    }
    const dx = old === null ? 0 : Math.round(v.tx - old.viewport.tx);
    const dy = old === null ? 0 : Math.round(v.ty - old.viewport.ty);
    const reuse = old !== null && old.viewport.scale === v.scale && old.width === cw && old.height === ch && Math.abs(dx) < cw / 2 && Math.abs(dy) < ch / 2;
    if (old !== null && reuse) {
      // The pixels now show the old viewport moved by whole pixels; the fraction left is under half a pixel.
      const at = { scale: v.scale, tx: old.viewport.tx + dx, ty: old.viewport.ty + dy };
      const shifted = { ...at, tx: at.tx + w * CACHE_MARGIN, ty: at.ty + h * CACHE_MARGIN };
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(old.canvas, dx, dy);
      const strips = [
        dx > 0 ? { x: 0, y: 0, w: dx + 2, h: ch } : dx < 0 ? { x: cw + dx - 2, y: 0, w: 2 - dx, h: ch } : null,
        dy > 0 ? { x: 0, y: 0, w: cw, h: dy + 2 } : dy < 0 ? { x: 0, y: ch + dy - 2, w: cw, h: 2 - dy } : null,
      ];
      for (const r of strips) {
        if (r !== null) {
          drawScene(ctx, this.byX, this.layout, shifted, cw, ch, this.style, this.selected, r, this.dpr);
        }
      }
      this.cache = { canvas, spare: old.canvas, viewport: at, width: cw, height: ch };
      return;
    }
    const shifted = { ...v, tx: v.tx + w * CACHE_MARGIN, ty: v.ty + h * CACHE_MARGIN };
    drawScene(ctx, this.byX, this.layout, shifted, cw, ch, this.style, this.selected, null, this.dpr);
    this.cache = { canvas, spare: old?.canvas ?? null, viewport: v, width: cw, height: ch };
  }
}

/** A rectangle of the canvas, in its pixels. */
export interface Region {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * Draws the visible part of a layout (with `region`, only that rectangle of the canvas, clipped):
 * links, then boxes, then labels when zoomed in, each kind one batched path per style.
 */
export function drawScene(
  ctx: CanvasRenderingContext2D, byX: XIndex, layout: GraphLayout, v: Viewport, w: number, h: number, style: OverviewStyle, selected: string | null, region: Region | null = null, dpr = 1,
): void {
  // The zoom a reader sees (CSS pixels), for what to draw at all; `v.scale` places in device pixels.
  const zoom = v.scale / dpr;
  const rg = region ?? { x: 0, y: 0, w, h };
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (region !== null) {
    ctx.beginPath();
    ctx.rect(rg.x, rg.y, rg.w, rg.h);
    ctx.clip();
  }
  ctx.fillStyle = style.background;
  ctx.fillRect(rg.x, rg.y, rg.w, rg.h);
  // A little more than the region, so strokes and text reaching in from outside are drawn.
  const r = worldRect(v, rg.x - 4, rg.y - 4, rg.w + 8, rg.h + 8);
  ctx.setTransform(v.scale, 0, 0, v.scale, v.tx, v.ty);
  const links = new StyleBatch();
  for (const e of layout.edges) {
    if (!edgeMayShow(e, r)) {
      continue;
    }
    const path = links.path(e.reversed ? style.cycle : style.edge);
    const first = e.points[0];
    if (first === undefined) {
      continue;
    }
    path.moveTo(first.x, first.y);
    for (let i = 1; i < e.points.length; i++) {
      const p = e.points[i];
      if (p !== undefined) {
        path.lineTo(p.x, p.y);
      }
    }
  }
  // Zoomed out, thousands of links would bury the boxes: they fade and the boxes darken.
  const far = zoom < 0.3;
  ctx.globalAlpha = far ? 0.3 : 1;
  links.strokeAll(ctx, Math.max(1, 1 / zoom) * 0.8);
  ctx.globalAlpha = 1;
  const visible = visibleNodes(byX, r);
  const boxes = new Path2D();
  for (const n of visible) {
    boxes.rect(n.x, n.y, n.width, n.height);
  }
  ctx.fillStyle = far ? style.border : style.box;
  ctx.fill(boxes);
  if (zoom >= 0.2) {
    ctx.strokeStyle = style.border;
    ctx.lineWidth = 1 / zoom;
    ctx.stroke(boxes);
  }
  const sel = selected === null ? undefined : visible.find((n) => n.id === selected);
  if (sel !== undefined) {
    ctx.strokeStyle = style.selected;
    ctx.lineWidth = 3 / zoom;
    ctx.strokeRect(sel.x, sel.y, sel.width, sel.height);
  }
  if (zoom >= LABEL_SCALE && visible.length <= 3_000) {
    ctx.fillStyle = style.text;
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const n of visible) {
      ctx.fillText(fitLabel(n.id, n.width), n.x + 12, n.y + Math.min(15, n.height / 2));
    }
  }
  ctx.restore();
}
