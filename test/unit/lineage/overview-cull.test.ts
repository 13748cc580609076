import { describe, expect, it } from 'vitest';
import type { PlacedNode, RoutedEdge } from '../../../shared/lineage/layout-types';
import { edgeMayShow, nodesByX, visibleNodes, worldRect } from '../../../shared/lineage/overview-cull';

const node = (id: string, x: number, y: number, width = 100, height = 30): PlacedNode => ({ id, x, y, width, height, layer: 0 });
const edge = (points: readonly { x: number; y: number }[]): RoutedEdge => ({ source: 'a', target: 'b', points, reversed: false });

describe('overview culling', () => {
  it('maps canvas pixels to the world rectangle under a viewport', () => {
    expect(worldRect({ tx: 50, ty: -20, scale: 2 }, 0, 0, 200, 100)).toEqual({ x0: -25, y0: 10, x1: 75, y1: 60 });
  });

  it('finds exactly the boxes overlapping the rectangle, a wide box reaching in from far left included', () => {
    const nodes = [node('wide', -2_000, 0, 2_050), node('left', -300, 0), node('in', 10, 10), node('edge', 95, 45), node('below', 10, 200), node('right', 400, 0)];
    const found = visibleNodes(nodesByX(nodes), { x0: 0, y0: 0, x1: 100, y1: 50 }).map((n) => n.id);
    // Ground truth: the plain overlap test over every box.
    const truth = nodes.filter((n) => n.x <= 100 && n.x + n.width >= 0 && n.y <= 50 && n.y + n.height >= 0).map((n) => n.id);
    expect(found.sort()).toEqual(truth.sort());
    expect(found.sort()).toEqual(['edge', 'in', 'wide']);
  });

  it('drops a link only when both its ends lie past the same side', () => {
    const r = { x0: 0, y0: 0, x1: 100, y1: 100 };
    expect(edgeMayShow(edge([{ x: -50, y: 10 }, { x: -10, y: 90 }]), r)).toBe(false);
    expect(edgeMayShow(edge([{ x: -50, y: 50 }, { x: 150, y: 50 }]), r)).toBe(true);
    expect(edgeMayShow(edge([{ x: 10, y: 150 }, { x: 90, y: 300 }]), r)).toBe(false);
    expect(edgeMayShow(edge([]), r)).toBe(false);
  });
});
