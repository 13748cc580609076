/**
 * The graph on screen after expands: the union of the answers fetched (the focused
 * neighbourhood, then one answer per `+`), nodes and edges once each. A node's "N more" is the
 * least any answer reported, since an answer that walked past it saw what another left out.
 */
import type { LineageEdge, LineageGraph, LineageNode } from '../model/lineage-graph';

/** The key that makes an edge one edge, whichever answer brought it. */
export function edgeKey(e: LineageEdge): string {
  return JSON.stringify([e.source, e.target, e.relationship, e.via, e.recordedBy, e.validFromMs, e.validToMs, e.transformation?.type ?? null, e.transformation?.subtype ?? null]);
}

/** The union of answers; the first answer's root stays the root and its depths win. */
export function mergeGraphs(graphs: readonly LineageGraph[]): LineageGraph | null {
  const first = graphs[0];
  if (first === undefined) {
    return null;
  }
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  for (const g of graphs) {
    for (const n of g.nodes) {
      const had = nodes.get(n.id);
      nodes.set(n.id, had === undefined ? n : {
        ...had,
        more: { upstream: Math.min(had.more.upstream, n.more.upstream), downstream: Math.min(had.more.downstream, n.more.downstream) },
      });
    }
    for (const e of g.edges) {
      const k = edgeKey(e);
      if (!edges.has(k)) {
        edges.set(k, e);
      }
    }
  }
  return { root: first.root, nodes: [...nodes.values()], edges: [...edges.values()], truncated: graphs.some((g) => g.truncated) };
}
