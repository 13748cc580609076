/**
 * Pan and zoom of the lineage picture, and moving the selection with the arrow keys: plain
 * arithmetic shared by the SVG and the canvas drawings. Screen = world × scale + (tx, ty).
 */
import type { Bounds, PlacedNode } from '../../../shared/lineage/layout-types';

/** Where the picture sits on screen. */
export interface Viewport {
  readonly tx: number;
  readonly ty: number;
  readonly scale: number;
}

/** The closest and farthest zoom. */
export const MIN_SCALE = 0.02;
export const MAX_SCALE = 3;

const clampScale = (s: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** The viewport that shows all of `b` in a `width` × `height` area, never zoomed past 1. */
export function fitViewport(b: Bounds, width: number, height: number, pad = 32): Viewport {
  const w = Math.max(1, b.maxX - b.minX);
  const h = Math.max(1, b.maxY - b.minY);
  const scale = clampScale(Math.min(1, (width - 2 * pad) / w, (height - 2 * pad) / h));
  return { scale, tx: (width - w * scale) / 2 - b.minX * scale, ty: (height - h * scale) / 2 - b.minY * scale };
}

/** Zooms by `factor` keeping the screen point (sx, sy) still. */
export function zoomAt(v: Viewport, factor: number, sx: number, sy: number): Viewport {
  const scale = clampScale(v.scale * factor);
  const k = scale / v.scale;
  return { scale, tx: sx - (sx - v.tx) * k, ty: sy - (sy - v.ty) * k };
}

/** Moves the picture so world point (x, y) is at the centre of a `width` × `height` area. */
export function centreOn(v: Viewport, x: number, y: number, width: number, height: number): Viewport {
  return { ...v, tx: width / 2 - x * v.scale, ty: height / 2 - y * v.scale };
}

/** Whether a node's box is at least partly inside the area (with a margin in screen pixels). */
export function isVisible(v: Viewport, n: PlacedNode, width: number, height: number, margin = 0): boolean {
  const x = n.x * v.scale + v.tx;
  const y = n.y * v.scale + v.ty;
  return x + n.width * v.scale >= -margin && y + n.height * v.scale >= -margin && x <= width + margin && y <= height + margin;
}

/** An arrow key's direction. */
export type Direction = 'left' | 'right' | 'up' | 'down';

/** The node an arrow key moves to: the nearest whose centre lies that way, favouring straight lines. */
export function nextNode(nodes: readonly PlacedNode[], from: PlacedNode, dir: Direction): PlacedNode | null {
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  let best: PlacedNode | null = null;
  let bestScore = Infinity;
  for (const n of nodes) {
    if (n.id === from.id) {
      continue;
    }
    const dx = n.x + n.width / 2 - cx;
    const dy = n.y + n.height / 2 - cy;
    const along = dir === 'left' ? -dx : dir === 'right' ? dx : dir === 'up' ? -dy : dy;
    const across = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 1) {
      continue;
    }
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = n;
    }
  }
  return best;
}
