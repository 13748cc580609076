/**
 * Text on canvases: widths measured once per string and font (a frame draws hundreds of labels,
 * and measuring is the costly part of fitting one), and labels cut to a width with an ellipsis.
 */

const widths = new Map<string, number>();

/** The width of `text` in the context's current font, measured once per font and string. */
export function textWidth(ctx: CanvasRenderingContext2D, text: string): number {
  const key = `${ctx.font}\u0000${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    if (widths.size > 20_000) {
      widths.clear();
    }
    w = ctx.measureText(text).width;
    widths.set(key, w);
  }
  return w;
}

/** `text` cut (with an ellipsis) to fit `maxWidth` in the context's current font; '' when nothing fits. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (textWidth(ctx, text) <= maxWidth) {
    return text;
  }
  // Binary search over the length: a few measurements, each cached.
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(ctx, `${text.slice(0, mid)}…`) <= maxWidth) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo === 0 ? '' : `${text.slice(0, lo)}…`;
}
