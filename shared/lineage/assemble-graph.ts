/**
 * Turns the rows of a lineage walk into the graph the view draws: nodes with signed depths and
 * "N more" counts, edges merged per (source, target, via, relationship), and the edges that close
 * a cycle flagged (they lie inside a strongly connected component and point back toward the root).
 */
import type { LineageEdge, LineageGraph, LineageNode } from '../model/lineage-graph';

/** What the store says of one node. */
export interface NodeFacts {
  readonly id: string;
  readonly name: string;
  readonly namespace: string | null;
  readonly type: string | null;
  readonly table: string | null;
}

/** One edge row as the walk returns it. */
export interface EdgeRow {
  readonly source: NodeFacts;
  readonly target: NodeFacts;
  readonly relationship: string | null;
  readonly transformationType: string | null;
  readonly transformationSubtype: string | null;
  readonly description: string | null;
  readonly via: string | null;
  readonly recordedBy: string | null;
  readonly validFromMs: number | null;
  readonly validToMs: number | null;
}

/** The decoded walk: kept nodes by rank (hops × 2, plus 1 downstream), the reach, edges and left-out counts. */
export interface WalkRows {
  readonly root: NodeFacts;
  readonly kept: readonly { readonly id: string; readonly rank: number }[];
  readonly reached: number;
  readonly edges: readonly EdgeRow[];
  readonly edgesCapped: boolean;
  readonly moreUp: ReadonlyMap<string, number>;
  readonly moreDown: ReadonlyMap<string, number>;
}

/** Signed depth of a rank: negative upstream, positive downstream. */
export function depthOfRank(rank: number): number {
  const hops = Math.floor(rank / 2);
  return rank % 2 === 1 ? hops : -hops;
}

/** Node ids in strongly connected components of two or more nodes (or with a self-loop), by component. */
export function cyclicComponents(edges: readonly { readonly source: string; readonly target: string }[]): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const list = out.get(e.source);
    if (list) {
      list.push(e.target);
    } else {
      out.set(e.source, [e.target]);
    }
  }
  // Iterative Tarjan: real lineage can be deep enough to overflow a recursive one.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  let next = 0;
  let compId = 0;
  const nodes = new Set(edges.flatMap((e) => [e.source, e.target]));
  for (const start of nodes) {
    if (index.has(start)) {
      continue;
    }
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1] as { node: string; i: number };
      const succ = out.get(top.node) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++] as string;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.node, Math.min(low.get(top.node) ?? 0, index.get(w) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(top.node) ?? 0));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const members: string[] = [];
        let w: string | undefined;
        do {
          w = stack.pop();
          if (w !== undefined) {
            onStack.delete(w);
            members.push(w);
          }
        } while (w !== undefined && w !== top.node);
        const selfLoop = members.length === 1 && (out.get(top.node) ?? []).includes(top.node);
        if (members.length > 1 || selfLoop) {
          for (const m of members) {
            comp.set(m, compId);
          }
          compId++;
        }
      }
    }
  }
  return comp;
}

function mergeFacts(a: NodeFacts | undefined, b: NodeFacts): NodeFacts {
  if (!a) {
    return b;
  }
  // A structured name (namespace apart) beats a qualified one from a list of table names.
  if (a.namespace === null && b.namespace !== null) {
    return { ...b, type: b.type ?? a.type, table: b.table ?? a.table };
  }
  return { ...a, type: a.type ?? b.type, namespace: a.namespace ?? b.namespace, table: a.table ?? b.table };
}

/** How the runs that recorded one merged edge are joined in its `recordedBy` (run ids hold no such text: UUIDs, numbers, names). */
export const RECORDERS_JOIN = ', ';

/**
 * Merges the edges between two nodes that stopped holding at the same time (or still hold), of
 * the same transformation kind, into one: the operations or jobs between them listed in `via`, the earliest start. Records that
 * stopped at different times stay apart, so an invalidated record beside an open one keeps its end
 * instead of reading as one edge that held throughout. Rows that name their ends' kind
 * (table-level rows) lead, so a table edge keeps its own relationship over those of operations
 * and of the column edges projected onto it; every run that recorded the pair is listed.
 */
export function mergeEdges(rows: readonly EdgeRow[]): EdgeRow[] {
  const byKey = new Map<string, { row: EdgeRow; via: Set<string>; by: Set<string> }>();
  const ordered = [...rows.filter((r) => r.source.type !== null), ...rows.filter((r) => r.source.type === null)];
  for (const r of ordered) {
    // A column pair can depend both directly and indirectly (an identity and a sort): two records.
    const key = JSON.stringify([r.source.id, r.target.id, r.validToMs, r.transformationType, r.transformationSubtype]);
    const hit = byKey.get(key);
    if (!hit) {
      byKey.set(key, { row: r, via: new Set(r.via === null ? [] : [r.via]), by: new Set(r.recordedBy === null ? [] : [r.recordedBy]) });
      continue;
    }
    const prev = hit.row;
    if (r.via !== null) {
      hit.via.add(r.via);
    }
    // Every run that recorded the pair is kept, as `via` keeps every operation: the edge panel links to them all.
    if (r.recordedBy !== null) {
      hit.by.add(r.recordedBy);
    }
    const from = [prev.validFromMs, r.validFromMs].filter((v): v is number => v !== null);
    hit.row = {
      ...prev,
      relationship: prev.relationship ?? r.relationship,
      transformationType: prev.transformationType ?? r.transformationType,
      transformationSubtype: prev.transformationSubtype ?? r.transformationSubtype,
      description: prev.description ?? r.description,
      recordedBy: prev.recordedBy ?? r.recordedBy,
      validFromMs: from.length > 0 ? Math.min(...from) : null,
    };
  }
  return [...byKey.values()].map(({ row, via, by }) => ({
    ...row,
    via: via.size === 0 ? null : [...via].sort().join(', '),
    recordedBy: by.size === 0 ? null : [...by].sort().join(RECORDERS_JOIN),
  }));
}

/** The graph of a walk. Extra nodes (columns beside their tables) take the depth given. */
export function assembleGraph(w: WalkRows): LineageGraph {
  const depth = new Map<string, number>();
  for (const k of w.kept) {
    depth.set(k.id, depthOfRank(k.rank));
  }
  depth.set(w.root.id, 0);
  const facts = new Map<string, NodeFacts>([[w.root.id, w.root]]);
  const rows = mergeEdges(w.edges.filter((e) => depth.has(e.source.id) && depth.has(e.target.id)));
  for (const e of rows) {
    facts.set(e.source.id, mergeFacts(facts.get(e.source.id), e.source));
    facts.set(e.target.id, mergeFacts(facts.get(e.target.id), e.target));
  }
  const comp = cyclicComponents(rows.map((e) => ({ source: e.source.id, target: e.target.id })));
  const d = (id: string): number => depth.get(id) ?? 0;
  const edges: LineageEdge[] = rows.map((e) => {
    const [s, t] = [e.source.id, e.target.id];
    const cs = comp.get(s);
    const cycle = cs !== undefined && cs === comp.get(t) && d(t) <= d(s);
    return {
      source: s, target: t, relationship: e.relationship,
      transformation: e.transformationType === null && e.transformationSubtype === null && e.description === null
        ? null
        : { type: e.transformationType, subtype: e.transformationSubtype, description: e.description },
      via: e.via, recordedBy: e.recordedBy, validFromMs: e.validFromMs, validToMs: e.validToMs,
      depth: Math.abs(d(s)) >= Math.abs(d(t)) ? d(s) : d(t),
      cycle,
    };
  });
  edges.sort(byEdge);
  const nodes: LineageNode[] = [...depth.keys()].map((id) => {
    const f = facts.get(id) ?? { id, name: id, namespace: null, type: null, table: null };
    return {
      id, name: f.name, namespace: f.namespace, type: f.type, table: f.table, depth: d(id),
      runs: { latest: null, history: [] },
      more: { upstream: w.moreUp.get(id) ?? 0, downstream: w.moreDown.get(id) ?? 0 },
    };
  });
  nodes.sort((a, b) => Math.abs(a.depth) - Math.abs(b.depth) || a.depth - b.depth || cmp(a.id, b.id));
  return { root: w.root.id, nodes, edges, truncated: w.reached > w.kept.length || w.edgesCapped };
}

/** Adds column nodes and column edges to a table-level graph; each column sits at its table's depth. */
export function withColumns(g: LineageGraph, columnEdges: readonly EdgeRow[]): LineageGraph {
  const tableDepth = new Map(g.nodes.map((n) => [n.id, n.depth]));
  const cols = new Map<string, NodeFacts>();
  for (const e of columnEdges) {
    cols.set(e.source.id, mergeFacts(cols.get(e.source.id), e.source));
    cols.set(e.target.id, mergeFacts(cols.get(e.target.id), e.target));
  }
  const depthOf = (f: NodeFacts): number => tableDepth.get(f.table ?? '') ?? 0;
  const known = new Set(g.nodes.map((n) => n.id));
  const nodes: LineageNode[] = [...cols.values()].filter((f) => !known.has(f.id)).map((f) => ({
    id: f.id, name: f.name, namespace: f.namespace, type: f.type, table: f.table, depth: depthOf(f),
    runs: { latest: null, history: [] }, more: { upstream: 0, downstream: 0 },
  }));
  const edges: LineageEdge[] = mergeEdges(columnEdges).map((e) => ({
    source: e.source.id, target: e.target.id, relationship: e.relationship,
    transformation: { type: e.transformationType, subtype: e.transformationSubtype, description: e.description },
    via: e.via, recordedBy: e.recordedBy, validFromMs: e.validFromMs, validToMs: e.validToMs,
    depth: Math.abs(depthOf(e.source)) >= Math.abs(depthOf(e.target)) ? depthOf(e.source) : depthOf(e.target),
    cycle: false,
  }));
  nodes.sort((a, b) => cmp(a.id, b.id));
  edges.sort(byEdge);
  return { ...g, nodes: [...g.nodes, ...nodes], edges: [...g.edges, ...edges] };
}

/** Nearest edges first, then by ends and via: the same order whatever order the engine returned. */
function byEdge(a: LineageEdge, b: LineageEdge): number {
  return Math.abs(a.depth) - Math.abs(b.depth) || cmp(a.source, b.source) || cmp(a.target, b.target) || cmp(a.via ?? '', b.via ?? '');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
