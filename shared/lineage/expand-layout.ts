/**
 * Layout after an expand: every node the user already saw keeps its place (a graph that jumps
 * on each click loses the reader), and new nodes go beside the nodes they join, upstream to the
 * left and downstream to the right, in the nearest free slot of that column.
 */
import { layeredLayout, selfLoop } from './layered-layout';
import type { GraphLayout, LayoutEdgeInput, LayoutNodeInput, LayoutOptions, PlacedNode, RoutedEdge } from './layout-types';
import { boundsOf, DEFAULT_LAYOUT_OPTIONS } from './layout-types';

/**
 * Lays out `nodes` keeping the places of those in `previous` that kept their size. When none is
 * kept, or a kept node changed size (the columns toggle), it lays out from scratch.
 */
export function expandLayout(
  previous: GraphLayout | null,
  nodes: readonly LayoutNodeInput[],
  edges: readonly LayoutEdgeInput[],
  options: Partial<LayoutOptions> = {},
): GraphLayout {
  const opts = { ...DEFAULT_LAYOUT_OPTIONS, ...options };
  const before = new Map((previous?.nodes ?? []).map((p) => [p.id, p]));
  const placed = new Map<string, PlacedNode>();
  for (const node of nodes) {
    const p = before.get(node.id);
    if (p === undefined) {
      continue;
    }
    if (p.width !== node.width || p.height !== node.height) {
      return layeredLayout(nodes, edges, options);
    }
    placed.set(node.id, p);
  }
  if (placed.size === 0) {
    return layeredLayout(nodes, edges, options);
  }

  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links = new Map<string, { readonly upstreamOf: string[]; readonly downstreamOf: string[] }>();
  const linksOf = (id: string) => {
    let l = links.get(id);
    if (l === undefined) {links.set(id, (l = { upstreamOf: [], downstreamOf: [] }));}
    return l;
  };
  for (const e of edges) {
    if (e.source === e.target || !byId.has(e.source) || !byId.has(e.target)) {
      continue;
    }
    linksOf(e.source).upstreamOf.push(e.target);
    linksOf(e.target).downstreamOf.push(e.source);
  }
  const columns = new FreeSlots(opts.nodeGap);
  for (const p of placed.values()) {
    columns.add(p);
  }

  // Waves outward from what is placed: a node goes in once a neighbour of it has a place.
  let waiting = nodes.filter((node) => !placed.has(node.id));
  while (waiting.length > 0) {
    const next: LayoutNodeInput[] = [];
    const wave: PlacedNode[] = [];
    for (const node of waiting) {
      const p = besideNeighbours(node, links.get(node.id), placed, columns, opts.layerGap);
      if (p === null) {
        next.push(node);
      }
      else {wave.push(p);}
    }
    if (wave.length === 0) {
      // Parts joined to nothing on screen: laid out on their own, under everything.
      const rest = new Set(next.map((node) => node.id));
      const own = layeredLayout(next, edges.filter((e) => rest.has(e.source) && rest.has(e.target)), options);
      const b = boundsOf([...placed.values()]);
      for (const p of own.nodes) {placed.set(p.id, { ...p, x: p.x + b.minX, y: p.y + b.maxY + opts.nodeGap * 3 });}
      break;
    }
    for (const p of wave) {
      placed.set(p.id, p);
    }
    waiting = next;
  }

  const oldRoutes = new Map((previous?.edges ?? []).map((e) => [`${e.source}\u0000${e.target}`, e]));
  const out: PlacedNode[] = [];
  for (const node of nodes) {
    const p = placed.get(node.id);
    if (p !== undefined) {
      out.push(p);
    }
  }
  const routed: RoutedEdge[] = [];
  for (const e of edges) {
    const s = placed.get(e.source);
    const t = placed.get(e.target);
    if (s === undefined || t === undefined) {
      continue;
    }
    const old = oldRoutes.get(`${e.source}\u0000${e.target}`);
    if (old !== undefined && before.has(e.source) && before.has(e.target)) {
      routed.push(old);
    }
    else if (s === t) {routed.push({ source: e.source, target: e.target, points: selfLoop(s), reversed: true });}
    else {
      const back = t.x < s.x + s.width;
      routed.push({
        source: e.source,
        target: e.target,
        points: back ? [{ x: s.x, y: s.y + s.height / 2 }, { x: t.x + t.width, y: t.y + t.height / 2 }] : [{ x: s.x + s.width, y: s.y + s.height / 2 }, { x: t.x, y: t.y + t.height / 2 }],
        reversed: back,
      });
    }
  }
  return { nodes: out, edges: routed, bounds: boundsOf(out) };
}

/** Where a new node goes: left of what it feeds or right of what feeds it, level with them. */
function besideNeighbours(
  node: LayoutNodeInput,
  links: { readonly upstreamOf: readonly string[]; readonly downstreamOf: readonly string[] } | undefined,
  placed: ReadonlyMap<string, PlacedNode>,
  columns: FreeSlots,
  layerGap: number,
): PlacedNode | null {
  const feeds = (links?.upstreamOf ?? []).flatMap((id) => placed.get(id) ?? []);
  const fedBy = (links?.downstreamOf ?? []).flatMap((id) => placed.get(id) ?? []);
  if (feeds.length === 0 && fedBy.length === 0) {
    return null;
  }
  const downstream = fedBy.length >= feeds.length;
  const anchors = downstream ? fedBy : feeds;
  const x = downstream ? Math.max(...anchors.map((a) => a.x + a.width)) + layerGap : Math.min(...anchors.map((a) => a.x)) - layerGap - node.width;
  const layer = downstream ? Math.max(...anchors.map((a) => a.layer)) + 1 : Math.min(...anchors.map((a) => a.layer)) - 1;
  const centre = anchors.reduce((s, a) => s + a.y + a.height / 2, 0) / anchors.length;
  const y = columns.nearestFree(x, node.width, centre - node.height / 2, node.height);
  const p: PlacedNode = { id: node.id, x, y, width: node.width, height: node.height, layer };
  columns.add(p);
  return p;
}

/** The placed boxes, to find the free vertical slot nearest a wanted one in a column. */
class FreeSlots {
  private readonly boxes: PlacedNode[] = [];
  constructor(private readonly gap: number) {}

  add(p: PlacedNode): void {
    this.boxes.push(p);
  }

  /** The top nearest `want` where a box `x..x+width`, `height` tall overlaps nothing (with the gap). */
  nearestFree(x: number, width: number, want: number, height: number): number {
    const g = this.gap;
    const blocking = this.boxes
      .filter((b) => b.x < x + width + g && x < b.x + b.width + g)
      .map((b) => ({ top: b.y - g, bottom: b.y + b.height + g }))
      .sort((a, b) => a.top - b.top);
    const fits = (top: number): boolean => blocking.every((b) => top + height <= b.top || top >= b.bottom);
    if (fits(want)) {
      return want;
    }
    const candidates = blocking.flatMap((b) => [b.bottom, b.top - height]).filter(fits);
    let best = want;
    let bestDistance = Infinity;
    for (const c of candidates) {
      const d = Math.abs(c - want);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }
}
