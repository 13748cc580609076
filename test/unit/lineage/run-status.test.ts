import { describe, expect, it } from 'vitest';
import { HISTORY_LENGTH, withRunStatus } from '../../../shared/lineage/run-status';
import type { LineageGraph, LineageNode } from '../../../shared/model/lineage-graph';

const node = (id: string): LineageNode => ({ id, name: id, namespace: null, type: 'TABLE', table: null, depth: 0, runs: { latest: null, history: [] }, more: { upstream: 0, downstream: 0 } });
const graph: LineageGraph = { root: 'a', nodes: [node('a'), node('b'), node('c')], edges: [], truncated: false };

describe('colour by run status', () => {
  it('takes the latest writer\'s status and the last runs newest first; a node no listed run wrote stays blank', () => {
    const g = withRunStatus(graph, [['a', 'r1'], ['a', 'r3'], ['a', 'r2'], ['b', 'gone']], [
      { run: 'r3', status: 'failed' }, { run: 'r2', status: 'ok' }, { run: 'r1', status: 'ok' },
    ]);
    expect(g.nodes.map((n) => [n.id, n.runs.latest, n.runs.history])).toEqual([['a', 'failed', ['failed', 'ok', 'ok']], ['b', null, []], ['c', null, []]]);
  });

  it('keeps at most HISTORY_LENGTH runs in the strip', () => {
    const runs = Array.from({ length: 20 }, (_, i) => ({ run: `r${i}`, status: i % 2 === 0 ? 'ok' as const : 'failed' as const }));
    const g = withRunStatus(graph, runs.map((r): [string, string] => ['c', r.run]), runs);
    expect(g.nodes[2]?.runs.history).toHaveLength(HISTORY_LENGTH);
    expect(g.nodes[2]?.runs.latest).toBe('ok');
  });
});
