import { describe, expect, it } from 'vitest';
import { expandLayout } from '../../../shared/lineage/expand-layout';
import { layeredLayout } from '../../../shared/lineage/layered-layout';
import type { GraphLayout, LayoutEdgeInput, LayoutNodeInput, PlacedNode } from '../../../shared/lineage/layout-types';
import { estimateTextWidth, sizeNodes } from '../../../shared/lineage/node-size';
import { layeredDag } from '../../helpers/layered-dag';

const box = (id: string, width = 100, height = 30): LayoutNodeInput => ({ id, width, height });
const edge = (source: string, target: string): LayoutEdgeInput => ({ source, target });

/** Pairs of nodes whose boxes overlap (a sweep over x, so 10k nodes stay cheap). */
function overlaps(nodes: readonly PlacedNode[]): string[] {
  const sorted = [...nodes].sort((a, b) => a.x - b.x);
  const bad: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    if (a === undefined) {
      continue;
    }
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j];
      if (b === undefined || b.x >= a.x + a.width) {
        break;
      }
      if (b.y < a.y + a.height && a.y < b.y + b.height) {bad.push(`${a.id}/${b.id}`);}
    }
  }
  return bad;
}

function at(layout: GraphLayout, id: string): PlacedNode {
  const p = layout.nodes.find((n) => n.id === id);
  if (p === undefined) {throw new Error(`${id} not placed`);}
  return p;
}

describe('the layered layout', () => {
  it('puts every source left of what it feeds, in layers, without overlaps', () => {
    const { nodes, edges } = layeredDag(400, 7);
    const layout = layeredLayout(nodes, edges);
    expect(layout.nodes).toHaveLength(400);
    expect(overlaps(layout.nodes)).toEqual([]);
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const e of edges) {
      const s = byId.get(e.source);
      const t = byId.get(e.target);
      expect(s !== undefined && t !== undefined && s.layer < t.layer && s.x + s.width < t.x).toBe(true);
    }
    // Routes run left to right from the source's right side to the target's left side.
    for (const r of layout.edges) {
      const first = r.points[0];
      const last = r.points[r.points.length - 1];
      expect(r.reversed).toBe(false);
      expect(first?.x).toBe(at(layout, r.source).x + at(layout, r.source).width);
      expect(last?.x).toBe(at(layout, r.target).x);
    }
  });

  it('pulls a source next to what it feeds instead of the far left', () => {
    // a → b → c → d, and x feeds only d: x sits one layer before d, not in a's layer.
    const layout = layeredLayout(['a', 'b', 'c', 'd', 'x'].map((id) => box(id)), [edge('a', 'b'), edge('b', 'c'), edge('c', 'd'), edge('x', 'd')]);
    expect(at(layout, 'x').layer).toBe(at(layout, 'd').layer - 1);
  });

  it('untangles two crossed pairs', () => {
    // a1 → b2 and a2 → b1 in input order cross; after ordering they do not.
    const layout = layeredLayout([box('a1'), box('a2'), box('b1'), box('b2')], [edge('a1', 'b2'), edge('a2', 'b1')]);
    const above = (p: string, q: string) => at(layout, p).y < at(layout, q).y;
    expect(above('a1', 'a2')).toBe(above('b2', 'b1'));
  });

  it('breaks cycles the same way every time, and marks the edge that closes each', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => box(id));
    const edges = [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd'), edge('d', 'd')];
    const one = layeredLayout(nodes, edges);
    expect(one).toEqual(layeredLayout(nodes, edges));
    expect(overlaps(one.nodes)).toEqual([]);
    const back = one.edges.filter((e) => e.reversed).map((e) => `${e.source}>${e.target}`);
    expect(back).toEqual(['c>a', 'd>d']);
    // The closing edge is drawn against the flow: it starts right of where it ends.
    const closing = one.edges.find((e) => e.source === 'c' && e.target === 'a');
    expect((closing?.points[0]?.x ?? 0) > (closing?.points[closing.points.length - 1]?.x ?? 0)).toBe(true);
    expect(at(one, 'a').x < at(one, 'b').x && at(one, 'b').x < at(one, 'c').x).toBe(true);
  });

  it('drops edges to nodes it was not given, and lays out an empty graph', () => {
    expect(layeredLayout([box('a')], [edge('a', 'ghost')]).edges).toEqual([]);
    expect(layeredLayout([], [])).toEqual({ nodes: [], edges: [], bounds: { minX: 0, minY: 0, maxX: 0, maxY: 0 } });
  });

  it('lays out 10,000 nodes and 18,400 edges without overlaps, in seconds even on a busy machine', () => {
    const { nodes, edges } = layeredDag(10_000, 3);
    const t0 = performance.now();
    const layout = layeredLayout(nodes, edges);
    const ms = performance.now() - t0;
    expect(layout.nodes).toHaveLength(10_000);
    expect(overlaps(layout.nodes)).toEqual([]);
    // Generous: the speed target itself lives in the bench (npm run bench -- lineage).
    expect(ms).toBeLessThan(8_000);
  });
});

describe('the layout after an expand', () => {
  const root = ['orders', 'silver.orders', 'gold.revenue'];
  const first = layeredLayout(root.map((id) => box(id)), [edge('orders', 'silver.orders'), edge('silver.orders', 'gold.revenue')]);

  it('keeps every node where it was and puts new ones beside their neighbours', () => {
    const nodes = [...root, 'raw.orders', 'raw.refunds', 'gold.churn'].map((id) => box(id));
    const edges = [
      edge('orders', 'silver.orders'), edge('silver.orders', 'gold.revenue'),
      edge('raw.orders', 'orders'), edge('raw.refunds', 'orders'), edge('silver.orders', 'gold.churn'),
    ];
    const next = expandLayout(first, nodes, edges);
    for (const id of root) {
      expect(at(next, id)).toEqual(at(first, id));
    }
    expect(overlaps(next.nodes)).toEqual([]);
    // Upstream of `orders` goes left of it; `gold.churn` goes right of what feeds it.
    expect(at(next, 'raw.orders').x + 100).toBeLessThan(at(next, 'orders').x);
    expect(at(next, 'raw.refunds').x).toBe(at(next, 'raw.orders').x);
    expect(at(next, 'gold.churn').x).toBe(at(next, 'gold.revenue').x);
    // Two hops at once: a node joined only to a new node still finds a place.
    const deeper = expandLayout(next, [...nodes, box('files.orders')], [...edges, edge('files.orders', 'raw.orders')]);
    for (const p of next.nodes) {
      expect(at(deeper, p.id)).toEqual(p);
    }
    expect(at(deeper, 'files.orders').x).toBeLessThan(at(deeper, 'raw.orders').x);
    expect(overlaps(deeper.nodes)).toEqual([]);
  });

  it('keeps places over many random expansions of a big graph', () => {
    const { nodes, edges } = layeredDag(600, 11);
    let shown = new Set(nodes.slice(0, 40).map((n) => n.id));
    let layout = expandLayout(null, nodes.filter((n) => shown.has(n.id)), edges.filter((e) => shown.has(e.source) && shown.has(e.target)));
    for (let round = 0; round < 5; round++) {
      const grown = new Set(shown);
      for (const e of edges) {if (shown.has(e.source) || shown.has(e.target)) {
        grown.add(e.source).add(e.target);
      }}
      const next = expandLayout(layout, nodes.filter((n) => grown.has(n.id)), edges.filter((e) => grown.has(e.source) && grown.has(e.target)));
      for (const p of layout.nodes) {
        expect(at(next, p.id)).toEqual(p);
      }
      expect(overlaps(next.nodes)).toEqual([]);
      layout = next;
      shown = grown;
    }
    expect(layout.nodes.length).toBe(shown.size);
  });

  it('lays out afresh when a kept node changed size (columns shown)', () => {
    const tall = root.map((id) => box(id, 100, id === 'orders' ? 90 : 30));
    const next = expandLayout(first, tall, [edge('orders', 'silver.orders'), edge('silver.orders', 'gold.revenue')]);
    expect(at(next, 'orders').height).toBe(90);
    expect(overlaps(next.nodes)).toEqual([]);
  });
});

describe('node sizes', () => {
  it('fit the label and rows, within the minimum and maximum widths', () => {
    const [short, long, table] = sizeNodes(
      [{ id: 'a', label: 'a' }, { id: 'b', label: 'x'.repeat(200) }, { id: 'c', label: 'gold.revenue', rows: ['amount', 'a_very_long_column_name_indeed'] }],
      estimateTextWidth,
    );
    expect(short).toEqual({ id: 'a', width: 90, height: 30 });
    expect(long?.width).toBe(300);
    expect(table?.height).toBe(30 + 2 * 20 + 6);
    expect(table?.width).toBeGreaterThan(estimateTextWidth('a_very_long_column_name_indeed'));
  });
});
