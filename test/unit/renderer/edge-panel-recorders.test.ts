import { describe, expect, it } from 'vitest';
import { recordersOf } from '../../../renderer/features/lineage/edge-panel';
import type { LineageEdge } from '../../../shared/model/lineage-graph';

const edge = (recordedBy: string | null, relationship: string): LineageEdge => ({
  source: 'silver.a', target: 'gold.b', relationship, transformation: null, via: null, recordedBy, validFromMs: null, validToMs: null, depth: 1, cycle: false,
});

describe('the runs an edge panel links to', () => {
  it('lists each recording run once, in the order the records are listed, without unknown recorders', () => {
    const link = { source: 'silver.a', target: 'gold.b', cycle: false, edges: [edge('s2', 'JOINS'), edge(null, 'COPIES'), edge('s1', 'AGGREGATES'), edge('s2', 'FILTERS'), edge('', 'X')] };
    expect(recordersOf(link)).toEqual(['s2', 's1']);
  });

  it('splits a merged record into the runs it lists', () => {
    expect(recordersOf({ source: 'a', target: 'b', cycle: false, edges: [edge('s1, s3', 'COPIES'), edge('s3', 'JOINS')] })).toEqual(['s1', 's3']);
  });

  it('is empty when no record names its run (edges that outlived their sessions)', () => {
    expect(recordersOf({ source: 'a', target: 'b', cycle: false, edges: [edge(null, 'COPIES')] })).toEqual([]);
  });
});
