/**
 * Canvas sizing for the device pixel ratio, shared by every canvas view (timeline, minimap,
 * lineage overview): the bitmap has device pixels, drawing code works in CSS pixels.
 */

/** The device pixel ratio, at least 1. */
export function pixelRatio(): number {
  return typeof window === 'undefined' ? 1 : Math.max(1, window.devicePixelRatio || 1);
}

/** Sizes `el`'s bitmap to `cssW`×`cssH` CSS pixels at `dpr`; true when it changed (which clears it). */
export function sizeCanvas(el: HTMLCanvasElement, cssW: number, cssH: number, dpr = pixelRatio()): boolean {
  const w = Math.max(1, Math.round(cssW * dpr));
  const h = Math.max(1, Math.round(cssH * dpr));
  if (el.width === w && el.height === h) {
    return false;
  }
  el.width = w;
  el.height = h;
  return true;
}
