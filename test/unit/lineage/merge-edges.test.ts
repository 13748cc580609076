import { describe, expect, it } from 'vitest';
import type { EdgeRow, NodeFacts } from '../../../shared/lineage/assemble-graph';
import { assembleGraph, mergeEdges } from '../../../shared/lineage/assemble-graph';
import { mergeGraphs } from '../../../shared/lineage/merge-graphs';

const node = (id: string, type: string | null = 'TABLE'): NodeFacts => ({ id, name: id, namespace: null, type, table: null });
const row = (s: string, t: string, over: Partial<EdgeRow> = {}): EdgeRow => ({
  source: node(s), target: node(t), relationship: 'DERIVES_FROM', transformationType: null, transformationSubtype: null, description: null,
  via: null, recordedBy: 's1', validFromMs: 100, validToMs: null, ...over,
});

describe('merging the records of one pair', () => {
  it('keeps an invalidated record apart from an open one, each with its own end', () => {
    const merged = mergeEdges([row('a', 'b', { recordedBy: 's1', validFromMs: 100, validToMs: 500 }), row('a', 'b', { recordedBy: 's2', validFromMs: 300, validToMs: null })]);
    expect(merged.map((e) => [e.recordedBy, e.validFromMs, e.validToMs])).toEqual([['s1', 100, 500], ['s2', 300, null]]);
  });

  it('merges records that end together: the operations between them in via, the earliest start', () => {
    const merged = mergeEdges([
      row('a', 'b', { via: 'op2', validFromMs: 200 }),
      row('a', 'b', { via: 'op1', validFromMs: 100, source: node('a', null), relationship: null }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ via: 'op1, op2', validFromMs: 100, validToMs: null, relationship: 'DERIVES_FROM' });
  });

  it('keeps every run that recorded a merged pair, each once, for the edge panel to link to', () => {
    const merged = mergeEdges([
      row('a', 'b', { recordedBy: 's2' }),
      row('a', 'b', { recordedBy: 's1', source: node('a', null) }),
      row('a', 'b', { recordedBy: null }),
      row('a', 'b', { recordedBy: 's2' }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.recordedBy).toBe('s1, s2');
    expect(mergeEdges([row('a', 'b', { recordedBy: null })])[0]?.recordedBy).toBeNull();
  });

  it('draws both records through the graph and its expands, once each', () => {
    const walk = {
      root: node('b'), kept: [{ id: 'a', rank: 2 }, { id: 'b', rank: 0 }], reached: 2, edgesCapped: false, moreUp: new Map(), moreDown: new Map(),
      edges: [row('a', 'b', { validToMs: 500 }), row('a', 'b', { recordedBy: 's2', validFromMs: 300 })],
    };
    const g = assembleGraph(walk);
    expect(g.edges.map((e) => e.validToMs).sort()).toEqual([500, null]);
    expect(mergeGraphs([g, g])?.edges).toHaveLength(2);
  });
});
