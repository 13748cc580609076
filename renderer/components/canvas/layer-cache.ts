/**
 * A part of a canvas view kept as a bitmap and drawn again only when what it shows changes (its
 * `key`): a timeline's ruler when new data arrives at the same scale, for instance. Text is the
 * costly part of such layers without a GPU; a blit of the bitmap costs a copy.
 */

/** One cached layer: `draw` blits it at (x, y), repainting it first when the key changed. */
export class LayerCache {
  private key: readonly unknown[] | null = null;
  private canvas: HTMLCanvasElement | null = null;

  /**
   * Draws the layer of `w`×`h` CSS pixels at (x, y) on `ctx`, at the context's current scale (the
   * device pixel ratio): `paint` draws it in CSS pixels from (0, 0) when `key` differs from last time.
   */
  draw(ctx: CanvasRenderingContext2D, key: readonly unknown[], x: number, y: number, w: number, h: number, paint: (layer: CanvasRenderingContext2D) => void): void {
    const m = ctx.getTransform();
    const dpr = Math.abs(m.a) || 1;
    const pw = Math.max(1, Math.ceil(w * dpr));
    const ph = Math.max(1, Math.ceil(h * dpr));
    const fullKey = [...key, pw, ph, dpr];
    const same = this.key !== null && this.key.length === fullKey.length && this.key.every((k, i) => Object.is(k, fullKey[i]));
    this.canvas ??= document.createElement('canvas');
    const layer = this.canvas.getContext('2d');
    if (layer === null) {
      paint(ctx);
      return;
    }
    if (!same) {
      if (this.canvas.width !== pw || this.canvas.height !== ph) {
        this.canvas.width = pw;
        this.canvas.height = ph;
      }
      layer.setTransform(dpr, 0, 0, dpr, 0, 0);
      layer.clearRect(0, 0, w, h);
      paint(layer);
      this.key = fullKey;
    }
    ctx.drawImage(this.canvas, x, y, w, h);
  }
}
