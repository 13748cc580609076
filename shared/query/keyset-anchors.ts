/** A known position in an ordered result: rows from `position` on come after `key`. */
export interface Anchor {
  readonly position: number;
  readonly key: readonly unknown[];
}

/** How to reach `startRow`: continue after the nearest known key, then skip the remaining distance. */
export interface Seek {
  readonly after: readonly unknown[] | null;
  readonly offset: number;
}

/**
 * Picks the nearest anchor at or before `startRow`. Sequential scrolling always finds one exactly
 * at `startRow`, so a page deep in a table costs what the first page costs; a jump pays only the
 * distance from the nearest anchor instead of the distance from row 0.
 */
export function seekFor(anchors: readonly Anchor[], startRow: number): Seek {
  let best: Anchor | null = null;
  for (const a of anchors) {
    if (a.position <= startRow && (best === null || a.position > best.position)) {
      best = a;
    }
  }
  return best === null ? { after: null, offset: startRow } : { after: best.key, offset: startRow - best.position };
}

/** Adds an anchor, keeping at most `max` of them sorted by position (dropping the oldest far ones). */
export function withAnchor(anchors: readonly Anchor[], anchor: Anchor, max = 2_000): Anchor[] {
  const next = anchors.filter((a) => a.position !== anchor.position);
  next.push(anchor);
  next.sort((a, b) => a.position - b.position);
  while (next.length > max) {
    next.splice(Math.floor(next.length / 2), 1);
  }
  return next;
}
