/**
 * The bitmap reused while panning, for any canvas view: the last frame's pixels are moved by a
 * whole number of device pixels (a copy of the canvas onto itself) and only the exposed strip is
 * drawn again. Anything else that changed (zoom, data, size, theme: the `key`) redraws in full.
 */
import type { PanPlan, Strip } from '../../../shared/canvas/pan-strip';
import { panPlan } from '../../../shared/canvas/pan-strip';

/** Remembers what a canvas shows; `next` says whether and how the next frame can reuse it. */
export class PanCache {
  private key: readonly unknown[] | null = null;
  private offset: number | null = null;
  /** A canvas drawn onto itself is slow in software Chromium (a snapshot per copy): the pixels go through this. */
  private back: HTMLCanvasElement | null = null;

  /**
   * The strips to draw for a frame whose scene is `key` (compared item by item) with its content
   * origin at `offsetPx` device pixels, after moving the canvas's pixels; null: draw everything.
   * `band` device pixels at the left are drawn again too (things pinned to the left edge); a
   * move by more than `snap` of a pixel off a whole number redraws in full.
   */
  next(ctx: CanvasRenderingContext2D, key: readonly unknown[], offsetPx: number, band = 0, snap = 0.05): readonly Strip[] | null {
    const same = this.key !== null && this.key.length === key.length && this.key.every((k, i) => Object.is(k, key[i]));
    const plan: PanPlan | null = same ? panPlan(this.offset, offsetPx, ctx.canvas.width, 2, band, 0.5, snap) : null;
    this.key = key;
    if (plan === null) {
      this.offset = offsetPx;
      return null;
    }
    this.offset = plan.offset;
    if (plan.dx !== 0) {
      const { width, height } = ctx.canvas;
      this.back ??= document.createElement('canvas');
      if (this.back.width !== width || this.back.height !== height) {
        this.back.width = width;
        this.back.height = height;
      }
      const b = this.back.getContext('2d', { alpha: false });
      if (b === null || !(ctx.canvas instanceof HTMLCanvasElement)) {
        this.offset = offsetPx;
        return null;
      }
      b.drawImage(ctx.canvas, 0, 0);
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(this.back, plan.dx, 0);
      ctx.restore();
    }
    return plan.strips;
  }

  /** Forgets the frame (the canvas was cleared or drawn by someone else). */
  reset(): void {
    this.key = null;
    this.offset = null;
  }
}
