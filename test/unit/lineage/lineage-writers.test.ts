import { describe, expect, it } from 'vitest';
import { cyclicComponents } from '../../../shared/lineage/assemble-graph';
import { dotString, lineageCsvRows, lineageDot } from '../../../shared/lineage/lineage-writers';
import { nearestNames } from '../../../shared/lineage/nearest-names';
import type { LineageGraph } from '../../../shared/model/lineage-graph';

const node = (id: string, depth: number, type: string | null = 'TABLE') => ({ id, name: id, namespace: null, type, table: null, depth, runs: { latest: null, history: [] }, more: { upstream: 0, downstream: 0 } });
const edge = (source: string, target: string, depth: number, extra: Partial<LineageGraph['edges'][number]> = {}) => ({
  source, target, relationship: null, transformation: null, via: null, recordedBy: null, validFromMs: null, validToMs: null, depth, cycle: false, ...extra,
});

describe('lineage writers', () => {
  const hostile = 'x"; evil -> pwned [label="\\N\n';
  const g: LineageGraph = {
    root: 'gold.c', truncated: false,
    nodes: [node('gold.c', 0, 'VIEW'), node(hostile, -1), node('silver.b', -1)],
    edges: [edge(hostile, 'gold.c', -1, { transformation: { type: 'INDIRECT', subtype: 'FILTER', description: null } }), edge('silver.b', 'gold.c', -1, { relationship: 'AGGREGATES', via: 'JOIN', validFromMs: Date.UTC(2026, 0, 1), cycle: true })],
  };

  it('writes one CSV row per edge with the ends\' types and ISO times', () => {
    expect(lineageCsvRows(g)).toEqual([
      [hostile, 'gold.c', 'TABLE', 'VIEW', null, null, -1, null, null, null],
      ['silver.b', 'gold.c', 'TABLE', 'VIEW', 'AGGREGATES', 'JOIN', -1, null, '2026-01-01T00:00:00.000Z', null],
    ]);
  });

  it('quotes every DOT name so a hostile one stays one string', () => {
    expect(dotString(hostile)).toBe('"x\\"; evil -> pwned [label=\\"\\\\N\\n"');
    const dot = lineageDot(g);
    // Every statement line is a node or an edge between two quoted strings, nothing else.
    const body = dot.split('\n').slice(4, -2);
    for (const line of body) {
      expect(line).toMatch(/^ {2}"(?:[^"\\]|\\.)*"(?: -> "(?:[^"\\]|\\.)*")? \[[^\n]*\];$/);
    }
    expect(dot).toContain('style=dashed');
    expect(dot).toContain('color="#c0392b"');
  });
});

describe('nearest names', () => {
  it('suggests names containing the text first, then by edit distance, at most three', () => {
    expect(nearestNames('gold.sales', ['gold.sale', 'gold.sales_daily', 'silver.sales', 'bronze.zzz', 'gold.orders'])).toEqual(['silver.sales', 'gold.sales_daily', 'gold.sale']);
    expect(nearestNames('qqqqqqqq', ['gold.sales'])).toEqual([]);
  });
});

describe('cycles', () => {
  it('finds strongly connected components and self-loops, not mere diamonds', () => {
    const comp = cyclicComponents([
      { source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'c', target: 'a' },
      { source: 'c', target: 'd' }, { source: 'x', target: 'y' }, { source: 'x', target: 'z' }, { source: 'y', target: 'w' }, { source: 'z', target: 'w' },
      { source: 's', target: 's' },
    ]);
    expect(comp.get('a')).toBe(comp.get('b'));
    expect(comp.get('b')).toBe(comp.get('c'));
    expect(comp.has('d')).toBe(false);
    expect(['x', 'y', 'z', 'w'].some((n) => comp.has(n))).toBe(false);
    expect(comp.has('s')).toBe(true);
  });
});
