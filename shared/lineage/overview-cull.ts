/**
 * What of a large lineage layout is on screen: the world rectangle a viewport shows, the links
 * that may cross it and the boxes inside it (found by binary search over boxes sorted by x, so
 * the cost follows the screen, not the graph). Used by the overview renderer and by the drawing
 * bench's bare loop, so both draw the same shapes.
 */
import type { PlacedNode, RoutedEdge } from './layout-types';

/** A rectangle in layout (world) coordinates. */
export interface WorldRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The world rectangle under canvas pixels (x, y, w, h) when screen = world × scale + (tx, ty). */
export function worldRect(v: { readonly tx: number; readonly ty: number; readonly scale: number }, x: number, y: number, w: number, h: number): WorldRect {
  return { x0: (x - v.tx) / v.scale, y0: (y - v.ty) / v.scale, x1: (x + w - v.tx) / v.scale, y1: (y + h - v.ty) / v.scale };
}

/** Whether a link may show in `r`: false only when both its ends lie past the same side. */
export function edgeMayShow(e: RoutedEdge, r: WorldRect): boolean {
  const a = e.points[0];
  const b = e.points[e.points.length - 1];
  if (a === undefined || b === undefined) {
    return false;
  }
  return !((a.x < r.x0 && b.x < r.x0) || (a.x > r.x1 && b.x > r.x1) || (a.y < r.y0 && b.y < r.y0) || (a.y > r.y1 && b.y > r.y1));
}

/** Boxes sorted by their left x, with the widest box's width: the index `visibleNodes` searches. */
export interface XIndex {
  readonly byX: readonly PlacedNode[];
  readonly maxWidth: number;
}

/** The index of `nodes` for `visibleNodes`. */
export function nodesByX(nodes: readonly PlacedNode[]): XIndex {
  return { byX: [...nodes].sort((a, b) => a.x - b.x), maxWidth: nodes.reduce((m, n) => Math.max(m, n.width), 0) };
}

/** The boxes that overlap `r`, in x order. */
export function visibleNodes(index: XIndex, r: WorldRect): PlacedNode[] {
  const { byX, maxWidth } = index;
  let lo = 0;
  let hi = byX.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((byX[mid]?.x ?? 0) < r.x0 - maxWidth) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const out: PlacedNode[] = [];
  for (let i = lo; i < byX.length; i++) {
    const n = byX[i];
    if (n === undefined || n.x > r.x1) {
      break;
    }
    if (n.x + n.width >= r.x0 && n.y <= r.y1 && n.y + n.height >= r.y0) {
      out.push(n);
    }
  }
  return out;
}
