/** Sizing of a two-part split pane, kept pure so dragging and arrow keys share one rule. */

/** Keeps the first part's share of a split between the minimum sizes of both parts. */
export function clampSplit(ratio: number, total: number, minFirst: number, minSecond: number): number {
  if (!Number.isFinite(ratio) || total <= 0) {
    return 0.5;
  }
  if (minFirst + minSecond >= total) {
    // Too small for both minimums: share the room in proportion to them.
    return minFirst / Math.max(1, minFirst + minSecond);
  }
  const lo = minFirst / total;
  const hi = 1 - minSecond / total;
  return Math.min(hi, Math.max(lo, ratio));
}

/**
 * The width of a side panel dragged to `wanted` pixels: at least `min`, and never so wide that
 * the part beside it gets less than `minOther` of the `total` both share.
 */
export function clampWidth(wanted: number, total: number, min: number, minOther: number): number {
  if (!Number.isFinite(wanted)) {
    return min;
  }
  const max = Math.max(min, total - minOther);
  return Math.round(Math.min(max, Math.max(min, wanted)));
}
