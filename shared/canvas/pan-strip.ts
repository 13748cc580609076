/**
 * The arithmetic of reusing the last frame while panning (the Perfetto/DevTools way): move the old
 * pixels by a whole number of device pixels and repaint only the strip the move exposed. Pure, so
 * the seams can be unit-tested without a browser.
 */

/** A horizontal span of the canvas to repaint, in device pixels. */
export interface Strip {
  readonly x: number;
  readonly w: number;
}

/** How to draw the next frame from the last one: shift by `dx`, repaint `strips`; `offset` is what the reused pixels now show. */
export interface PanPlan {
  readonly dx: number;
  readonly strips: readonly Strip[];
  readonly offset: number;
}

/**
 * The plan for content whose origin moved from `shownOffset` (what the canvas shows) to `offset`
 * (device pixels; content at x sits at x + offset), or null when a full redraw is cheaper: no
 * frame yet, or a move of `maxFraction` of the width or more. The shift is rounded to whole
 * pixels (a fractional copy would blur); the rest, under half a pixel, is kept in `offset` so
 * moves never drift. `seam` more pixels are repainted beside the exposed strip so anti-aliased
 * edges and text cut at the old border are drawn again, and `band` pixels at the left edge when
 * something is pinned there (labels of bars that start off screen). A move whose fraction of a
 * pixel exceeds `snap` redraws in full (for scenes snapped to whole pixels, pass a small one).
 */
export function panPlan(shownOffset: number | null, offset: number, widthPx: number, seam = 2, band = 0, maxFraction = 0.5, snap = 0.5): PanPlan | null {
  if (shownOffset === null || !Number.isFinite(offset) || !Number.isFinite(shownOffset) || widthPx <= 0) {
    return null;
  }
  const dx = Math.round(offset - shownOffset);
  // A scene snapped to whole pixels (grid lines, ticks) moved by a fraction changes pixels everywhere.
  if (Math.abs(dx) >= widthPx * maxFraction || Math.abs(offset - shownOffset - dx) > snap) {
    return null;
  }
  const strips: Strip[] = [];
  if (dx > 0) {
    strips.push(clampStrip(0, dx + seam, widthPx));
  } else if (dx < 0) {
    strips.push(clampStrip(widthPx + dx - seam, -dx + seam, widthPx));
  }
  if (band > 0 && dx !== 0) {
    strips.push(clampStrip(0, band, widthPx));
  }
  return { dx, strips: mergeStrips(strips), offset: shownOffset + dx };
}

function clampStrip(x: number, w: number, widthPx: number): Strip {
  const a = Math.max(0, Math.floor(x));
  const b = Math.min(widthPx, Math.ceil(x + w));
  return { x: a, w: Math.max(0, b - a) };
}

/** Strips sorted and overlapping ones joined, empty ones dropped. */
export function mergeStrips(strips: readonly Strip[]): Strip[] {
  const sorted = strips.filter((s) => s.w > 0).sort((a, b) => a.x - b.x);
  const out: Strip[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.x <= last.x + last.w) {
      out[out.length - 1] = { x: last.x, w: Math.max(last.x + last.w, s.x + s.w) - last.x };
    } else {
      out.push(s);
    }
  }
  return out;
}
