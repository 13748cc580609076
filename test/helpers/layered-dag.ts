/**
 * A seeded layered DAG like the reference page's layout measurements: `layers` layers, about
 * `edgesPerNode` edges per node, each edge from one layer to a later one (mostly the next).
 * Shared by the layout tests and the lineage benches so both measure the same graphs.
 */
import type { LayoutEdgeInput, LayoutNodeInput } from '../../shared/lineage/layout-types';

/** A small fast PRNG (mulberry32), so a seed always gives the same graph. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A layered DAG of `n` nodes (ids `n0…`), 12 layers and ~1.84 edges per node unless told. */
export function layeredDag(n: number, seed = 1, layers = 12, edgesPerNode = 1.84): { nodes: LayoutNodeInput[]; edges: LayoutEdgeInput[] } {
  const rnd = seeded(seed);
  const nodes: LayoutNodeInput[] = [];
  const byLayer: string[][] = Array.from({ length: layers }, () => []);
  for (let i = 0; i < n; i++) {
    const id = `n${i}`;
    nodes.push({ id, width: 90 + Math.floor(rnd() * 120), height: 30 });
    byLayer[i % layers]?.push(id);
  }
  const edges: LayoutEdgeInput[] = [];
  const m = Math.round(n * edgesPerNode);
  for (let k = 0; k < m; k++) {
    const l = Math.floor(rnd() * (layers - 1));
    const span = rnd() < 0.8 ? 1 : 2 + Math.floor(rnd() * 2);
    const a = byLayer[l] ?? [];
    const b = byLayer[Math.min(layers - 1, l + span)] ?? [];
    const s = a[Math.floor(rnd() * a.length)];
    const t = b[Math.floor(rnd() * b.length)];
    if (s !== undefined && t !== undefined) {edges.push({ source: s, target: t });}
  }
  return { nodes, edges };
}
