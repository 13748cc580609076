/**
 * Batched fills and strokes by style: shapes gathered into one Path2D per style and painted
 * with one call each, instead of a style change and a paint per shape (the cost that dominates
 * thousands of bars or boxes). Shared by the timeline's bars and the lineage overview's boxes.
 */

/** One path per style key, filled or stroked together by `fillAll`/`strokeAll`. */
export class StyleBatch {
  private readonly paths = new Map<string, Path2D>();

  /** The path shapes of style `style` go into. */
  path(style: string): Path2D {
    let p = this.paths.get(style);
    if (p === undefined) {
      p = new Path2D();
      this.paths.set(style, p);
    }
    return p;
  }

  /** Adds a rectangle to style `style`'s path. */
  rect(style: string, x: number, y: number, w: number, h: number): void {
    this.path(style).rect(x, y, w, h);
  }

  /** Fills every path with its style (a colour or, through `resolve`, a pattern). */
  fillAll(ctx: CanvasRenderingContext2D, resolve: (style: string) => string | CanvasPattern | null = (s) => s): void {
    for (const [style, p] of this.paths) {
      const fill = resolve(style);
      if (fill !== null) {
        ctx.fillStyle = fill;
        ctx.fill(p);
      }
    }
  }

  /** Strokes every path with its style at `lineWidth`. */
  strokeAll(ctx: CanvasRenderingContext2D, lineWidth: number): void {
    ctx.lineWidth = lineWidth;
    for (const [style, p] of this.paths) {
      ctx.strokeStyle = style;
      ctx.stroke(p);
    }
  }

  /** Whether nothing was added. */
  get empty(): boolean {
    return this.paths.size === 0;
  }
}
