/**
 * Text on canvases: widths measured once per string and font (a frame draws hundreds of labels,
 * and measuring is the costly part of fitting one).
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
