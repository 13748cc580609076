/**
 * The lineage graph as files: CSV rows (the `auditlens lineage` columns, one row per edge),
 * Graphviz DOT (every name quoted and escaped, so hostile names cannot break out of a label or
 * add statements), and JSON.
 */
import type { LineageEdge, LineageGraph } from '../model/lineage-graph';

/** The CSV columns, in order. */
export const LINEAGE_CSV_COLUMNS = ['source', 'target', 'source_type', 'target_type', 'relationship', 'via', 'depth', 'recorded_by', 'valid_from', 'valid_to'] as const;

/** One CSV value: text, a number, or empty. */
export type LineageCell = string | number | null;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The CSV rows of a graph's edges (without the header), nearest first as the graph orders them. */
export function lineageCsvRows(g: LineageGraph): LineageCell[][] {
  const type = new Map(g.nodes.map((n) => [n.id, n.type]));
  return g.edges.map((e) => [
    e.source, e.target, type.get(e.source) ?? null, type.get(e.target) ?? null, e.relationship, e.via, e.depth, e.recordedBy, iso(e.validFromMs), iso(e.validToMs),
  ]);
}

/** A DOT quoted string: backslashes and quotes escaped, line breaks as `\n`, other control characters dropped. */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n|\r|\n/g, '\\n').replace(/[\u0000-\u001f\u007f]/g, '')}"`;
}

function edgeAttrs(e: LineageEdge): string {
  const a: string[] = [];
  const label = [e.relationship, e.via].filter((x): x is string => x !== null).join(' · ');
  if (label !== '') {
    a.push(`label=${dotString(label)}`);
  }
  if (e.transformation?.type === 'INDIRECT') {
    a.push('style=dashed');
  }
  if (e.cycle) {
    a.push('color="#c0392b"');
  }
  return a.length > 0 ? ` [${a.join(', ')}]` : '';
}

/** The graph in Graphviz DOT, left to right; the root in bold, "N more" as a note in the label. */
export function lineageDot(g: LineageGraph): string {
  const lines = ['digraph lineage {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  for (const n of g.nodes) {
    const more = [n.more.upstream > 0 ? `${n.more.upstream} more upstream` : '', n.more.downstream > 0 ? `${n.more.downstream} more downstream` : ''].filter((x) => x !== '');
    const label = [n.id, ...(n.type ? [n.type] : []), ...more].join('\n');
    lines.push(`  ${dotString(n.id)} [label=${dotString(label)}${n.id === g.root ? ', style=bold' : ''}];`);
  }
  for (const e of g.edges) {
    lines.push(`  ${dotString(e.source)} -> ${dotString(e.target)}${edgeAttrs(e)};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The graph as JSON, with edge times also as ISO text. */
export function lineageJson(g: LineageGraph): string {
  const edges = g.edges.map((e) => ({ ...e, validFrom: iso(e.validFromMs), validTo: iso(e.validToMs) }));
  return `${JSON.stringify({ ...g, edges }, null, 2)}\n`;
}
