/**
 * What a lineage picture draws, from a graph: one box per table or dataset (with its columns as
 * rows when columns are shown), the table-level links the layout places them by, the column
 * links drawn row to row, and "N more" stubs. Shared by the app's drawings and the SVG writer.
 */
import type { LineageEdge, LineageGraph, LineageNode } from '../model/lineage-graph';
import type { LayoutEdgeInput } from './layout-types';
import type { NodeLabel } from './node-size';

/** A box: a table, view, dataset or job, and its column rows when shown. */
export interface SceneBox {
  readonly id: string;
  readonly node: LineageNode;
  readonly label: string;
  readonly rows: readonly LineageNode[];
}

/** A drawn link between two boxes: every edge the store recorded between them. */
export interface SceneLink {
  readonly source: string;
  readonly target: string;
  readonly edges: readonly LineageEdge[];
  readonly cycle: boolean;
}

/** A link between two column rows (box id and row index at each end). */
export interface SceneColumnLink {
  readonly source: { readonly box: string; readonly row: number };
  readonly target: { readonly box: string; readonly row: number };
  readonly edge: LineageEdge;
  /** INDIRECT (filter, join…) column dependencies are drawn dashed. */
  readonly indirect: boolean;
}

/** The picture's content, before layout. */
export interface LineageScene {
  readonly boxes: readonly SceneBox[];
  readonly links: readonly SceneLink[];
  readonly columnLinks: readonly SceneColumnLink[];
}

const isColumn = (n: LineageNode): boolean => n.table !== null || n.type?.toUpperCase() === 'COLUMN';

/** The scene of a graph; with `columns` false, column nodes and column edges are left out. */
export function lineageScene(graph: LineageGraph, columns: boolean): LineageScene {
  const boxes = new Map<string, { node: LineageNode; rows: LineageNode[] }>();
  const rowOf = new Map<string, { box: string; row: number }>();
  for (const n of graph.nodes) {if (!isColumn(n)) {boxes.set(n.id, { node: n, rows: [] });}}
  if (columns) {
    for (const n of graph.nodes) {
      if (!isColumn(n)) {
        continue;
      }
      const tableId = n.table ?? n.id.slice(0, Math.max(0, n.id.lastIndexOf('.')));
      let box = boxes.get(tableId);
      if (box === undefined) {
        // A column whose table the walk did not reach still gets its table's box.
        const dot = tableId.lastIndexOf('.');
        box = { node: { ...n, id: tableId, name: tableId.slice(dot + 1), type: 'TABLE', table: null, more: { upstream: 0, downstream: 0 } }, rows: [] };
        boxes.set(tableId, box);
      }
      box.rows.push(n);
    }
    for (const [id, box] of boxes) {
      box.rows.sort((a, b) => a.name.localeCompare(b.name));
      box.rows.forEach((r, i) => rowOf.set(r.id, { box: id, row: i }));
    }
  }
  const links = new Map<string, { source: string; target: string; edges: LineageEdge[]; cycle: boolean }>();
  const columnLinks: SceneColumnLink[] = [];
  const link = (source: string, target: string, e: LineageEdge | null): void => {
    const key = `${source}\u0000${target}`;
    let l = links.get(key);
    if (l === undefined) {links.set(key, (l = { source, target, edges: [], cycle: false }));}
    if (e !== null) {
      l.edges.push(e);
      l.cycle ||= e.cycle;
    }
  };
  for (const e of graph.edges) {
    const s = rowOf.get(e.source);
    const t = rowOf.get(e.target);
    if (s !== undefined && t !== undefined) {
      columnLinks.push({ source: s, target: t, edge: e, indirect: e.transformation?.type?.toUpperCase() === 'INDIRECT' });
      // Column links also tie their tables, so the layout keeps them in flow order.
      if (s.box !== t.box && !links.has(`${s.box}\u0000${t.box}`)) {
        link(s.box, t.box, null);
      }
    } else if (boxes.has(e.source) && boxes.has(e.target)) {
      link(e.source, e.target, e);
    }
  }
  return {
    boxes: [...boxes.entries()].map(([id, b]) => ({ id, node: b.node, label: id, rows: b.rows })),
    links: [...links.values()],
    columnLinks,
  };
}

/** The labels the layout sizes boxes by. */
export function sceneLabels(scene: LineageScene): NodeLabel[] {
  return scene.boxes.map((b) => ({ id: b.id, label: b.label, ...(b.rows.length > 0 ? { rows: b.rows.map((r) => r.name) } : {}) }));
}

/** The links the layout places boxes by. */
export function sceneLayoutEdges(scene: LineageScene): LayoutEdgeInput[] {
  return scene.links.map((l) => ({ source: l.source, target: l.target }));
}
