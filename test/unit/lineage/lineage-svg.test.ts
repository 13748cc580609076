import { describe, expect, it } from 'vitest';
import type { LineageEdge, LineageGraph, LineageNode } from '../../../shared/model/lineage-graph';
import { layeredLayout } from '../../../shared/lineage/layered-layout';
import { lineageScene, sceneLabels, sceneLayoutEdges } from '../../../shared/lineage/lineage-scene';
import { escapeXml, lineageSvg } from '../../../shared/lineage/lineage-svg';
import { estimateTextWidth, sizeNodes } from '../../../shared/lineage/node-size';

const node = (id: string, table: string | null = null, more = { upstream: 0, downstream: 0 }): LineageNode => ({
  id, name: id.slice(id.lastIndexOf('.') + 1), namespace: null, type: table === null ? 'TABLE' : 'COLUMN', table, depth: 0, runs: { latest: null, history: [] }, more,
});
const edge = (source: string, target: string, over: Partial<LineageEdge> = {}): LineageEdge => ({
  source, target, relationship: 'DERIVES_FROM', transformation: null, via: null, recordedBy: 's1', validFromMs: null, validToMs: null, depth: 1, cycle: false, ...over,
});

const HOSTILE = 'evil.<script>alert("x")</script>&';
const graph: LineageGraph = {
  root: 'gold.rev',
  truncated: false,
  nodes: [
    node('silver.o', null, { upstream: 3, downstream: 0 }), node('gold.rev'), node(HOSTILE),
    node('silver.o.amount', 'silver.o'), node('gold.rev.total', 'gold.rev'), node('gold.rev.region', 'gold.rev'), node('silver.o.region', 'silver.o'),
  ],
  edges: [
    edge('silver.o', 'gold.rev'), edge('silver.o', 'gold.rev', { relationship: 'AGGREGATES' }), edge('gold.rev', HOSTILE), edge(HOSTILE, 'silver.o', { cycle: true }),
    edge('silver.o.amount', 'gold.rev.total', { transformation: { type: 'DIRECT', subtype: 'AGGREGATION', description: null } }),
    edge('silver.o.region', 'gold.rev.total', { transformation: { type: 'INDIRECT', subtype: 'GROUP_BY', description: null } }),
  ],
};

describe('the lineage scene', () => {
  it('draws one link per pair of boxes, and leaves columns out unless asked', () => {
    const scene = lineageScene(graph, false);
    expect(scene.boxes.map((b) => b.id)).toEqual(['silver.o', 'gold.rev', HOSTILE]);
    expect(scene.links.map((l) => [l.source, l.target, l.edges.length, l.cycle])).toEqual([
      ['silver.o', 'gold.rev', 2, false], ['gold.rev', HOSTILE, 1, false], [HOSTILE, 'silver.o', 1, true],
    ]);
    expect(scene.columnLinks).toEqual([]);
  });

  it('puts columns inside their tables, sorted, with direct and indirect column links', () => {
    const scene = lineageScene(graph, true);
    expect(scene.boxes.find((b) => b.id === 'gold.rev')?.rows.map((r) => r.name)).toEqual(['region', 'total']);
    expect(scene.columnLinks.map((c) => [c.source, c.target, c.indirect])).toEqual([
      [{ box: 'silver.o', row: 0 }, { box: 'gold.rev', row: 1 }, false],
      [{ box: 'silver.o', row: 1 }, { box: 'gold.rev', row: 1 }, true],
    ]);
    expect(sizeNodes(sceneLabels(scene), estimateTextWidth).find((s) => s.id === 'gold.rev')?.height).toBeGreaterThan(30);
  });
});

describe('the SVG writer', () => {
  it('escapes names from the store, and draws cycles and stubs', () => {
    const scene = lineageScene(graph, true);
    const layout = layeredLayout(sizeNodes(sceneLabels(scene), estimateTextWidth), sceneLayoutEdges(scene));
    const svg = lineageSvg(scene, layout, 'gold.rev');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('3 more');
    expect(svg).toContain('marker-end="url(#arrow-cycle)"');
    expect(svg).toContain('stroke-dasharray="3 3"');
    // Every element opened is closed: the document parses as XML.
    const opened = [...svg.matchAll(/<([a-z]+)\b[^>]*?(\/?)>/g)].filter((m) => m[2] !== '/').length;
    const closed = (svg.match(/<\/[a-z]+>/g) ?? []).length;
    expect(opened).toBe(closed);
  });

  it('escapes every XML special character and drops control characters', () => {
    expect(escapeXml(`a&b<c>d"e'f\u0001`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f\ufffd');
  });
});
