/**
 * A lineage picture as a standalone SVG document, from a scene and its layout: what the app's
 * "Export SVG" saves and what `auditlens lineage --out x.svg` writes. Pure text out; every name
 * from the store is XML-escaped, so a hostile table name cannot inject markup or script.
 */
import type { GraphLayout, PlacedNode, Point } from './layout-types';
import type { LineageScene } from './lineage-scene';
import { estimateTextWidth, NODE_METRICS, type NodeMetrics } from './node-size';

/** Colours of the picture (the app's light theme). */
const INK = { node: '#ffffff', border: '#8a94a6', root: '#2f6fd6', text: '#1d2330', muted: '#5b6475', edge: '#7b8494', cycle: '#c2410c', column: '#3b82a0', stub: '#eef1f6' };

/** XML-escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'))
    // Characters XML 1.0 forbids even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
}

/** An SVG path through route points: a smooth curve for two points, else rounded polyline. */
export function edgePath(points: readonly Point[]): string {
  const first = points[0];
  if (first === undefined) {
    return '';
  }
  const f = (n: number): string => (Math.round(n * 10) / 10).toString();
  if (points.length === 2) {
    const last = points[1] ?? first;
    const dx = Math.max(24, Math.abs(last.x - first.x) / 2);
    const dir = last.x >= first.x ? 1 : -1;
    return `M${f(first.x)},${f(first.y)} C${f(first.x + dx * dir)},${f(first.y)} ${f(last.x - dx * dir)},${f(last.y)} ${f(last.x)},${f(last.y)}`;
  }
  return `M${f(first.x)},${f(first.y)} ` + points.slice(1).map((p) => `L${f(p.x)},${f(p.y)}`).join(' ');
}

/** The y of a column row's centre inside its box. */
export function rowCentre(box: PlacedNode, row: number, metrics: NodeMetrics = NODE_METRICS): number {
  return box.y + metrics.headerHeight + row * metrics.rowHeight + metrics.rowHeight / 2;
}

/** A box's label shortened (with an ellipsis) to fit its width, measured as the sizes were. */
export function fitLabel(text: string, width: number, metrics: NodeMetrics = NODE_METRICS, measure: (text: string) => number = estimateTextWidth): string {
  const room = width - 2 * metrics.padX + 2;
  if (measure(text) <= room) {
    return text;
  }
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(`${text.slice(0, mid)}…`) <= room) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return `${text.slice(0, lo)}…`;
}

/** The SVG document of a laid-out scene; `root` is drawn highlighted. */
export function lineageSvg(scene: LineageScene, layout: GraphLayout, root: string | null, metrics: NodeMetrics = NODE_METRICS): string {
  const pad = 40;
  const b = layout.bounds;
  const w = Math.ceil(b.maxX - b.minX + 2 * pad);
  const h = Math.ceil(b.maxY - b.minY + 2 * pad);
  const at = new Map(layout.nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${b.minX - pad} ${b.minY - pad} ${w} ${h}" font-family="system-ui, sans-serif" font-size="12">`);
  out.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
    + `<path d="M0,0 L10,5 L0,10 z" fill="${INK.edge}"/></marker>`
    + '<marker id="arrow-cycle" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
    + `<path d="M0,0 L10,5 L0,10 z" fill="${INK.cycle}"/></marker></defs>`);
  out.push(`<rect x="${b.minX - pad}" y="${b.minY - pad}" width="${w}" height="${h}" fill="#f7f8fa"/>`);
  const cycles = new Set(scene.links.filter((l) => l.cycle).map((l) => `${l.source}\u0000${l.target}`));
  for (const e of layout.edges) {
    const cyc = e.reversed || cycles.has(`${e.source}\u0000${e.target}`);
    out.push(`<path d="${edgePath(e.points)}" fill="none" stroke="${cyc ? INK.cycle : INK.edge}" stroke-width="1.4"${cyc ? ' stroke-dasharray="6 3"' : ''} marker-end="url(#${cyc ? 'arrow-cycle' : 'arrow'})"><title>${escapeXml(`${e.source} → ${e.target}`)}</title></path>`);
  }
  for (const box of scene.boxes) {
    const p = at.get(box.id);
    if (p === undefined) {
      continue;
    }
    const isRoot = box.id === root;
    out.push(`<g><rect x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" rx="6" fill="${INK.node}" stroke="${isRoot ? INK.root : INK.border}" stroke-width="${isRoot ? 2.5 : 1}"/>`);
    out.push(`<text x="${p.x + metrics.padX}" y="${p.y + metrics.headerHeight / 2 + 4}" fill="${INK.text}" font-weight="600">${escapeXml(fitLabel(box.label, p.width, metrics))}</text>`);
    if (box.node.type !== null) {out.push(`<title>${escapeXml(`${box.label} (${box.node.type})`)}</title>`);}
    box.rows.forEach((r, i) => {
      out.push(`<text x="${p.x + metrics.padX + 4}" y="${rowCentre(p, i, metrics) + 4}" fill="${INK.muted}">${escapeXml(fitLabel(r.name, p.width - 4, metrics))}</text>`);
    });
    const more = box.node.more;
    if (more.upstream > 0) {out.push(`<text x="${p.x - 6}" y="${p.y - 4}" text-anchor="end" fill="${INK.muted}" font-size="11">${more.upstream} more</text>`);}
    if (more.downstream > 0) {out.push(`<text x="${p.x + p.width + 6}" y="${p.y - 4}" fill="${INK.muted}" font-size="11">${more.downstream} more</text>`);}
    out.push('</g>');
  }
  for (const c of scene.columnLinks) {
    const s = at.get(c.source.box);
    const t = at.get(c.target.box);
    if (s === undefined || t === undefined) {
      continue;
    }
    const points = [{ x: s.x + s.width, y: rowCentre(s, c.source.row, metrics) }, { x: t.x, y: rowCentre(t, c.target.row, metrics) }];
    out.push(`<path d="${edgePath(points)}" fill="none" stroke="${INK.column}" stroke-width="1.2"${c.indirect ? ' stroke-dasharray="3 3"' : ''} marker-end="url(#arrow)"/>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
