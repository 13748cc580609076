/**
 * The order of nodes within each layer of a proper layered graph (every edge joins two adjacent
 * layers): barycenter sweeps down and up, keeping the order with the fewest crossings, which are
 * counted exactly per layer pair with a Fenwick tree (O(E log V)).
 */

/** A proper layered graph: `layerOf[v]`, and per node its neighbours one layer up and one down. */
export interface ProperGraph {
  readonly layerCount: number;
  readonly layerOf: Int32Array;
  readonly up: readonly (readonly number[])[];
  readonly down: readonly (readonly number[])[];
}

/** Each layer's nodes, top to bottom, after `sweeps` rounds of barycenter ordering from `initial`. */
export function orderLayers(g: ProperGraph, initial: readonly (readonly number[])[], sweeps: number): number[][] {
  let order = initial.map((l) => [...l]);
  const pos = new Float64Array(g.layerOf.length);
  const place = (layers: readonly (readonly number[])[]): void => {
    for (const l of layers) {l.forEach((v, i) => (pos[v] = i));}
  };
  place(order);
  let best = order.map((l) => [...l]);
  let bestCrossings = countCrossings(g, best);
  for (let s = 0; s < sweeps && bestCrossings > 0; s++) {
    for (let l = 1; l < g.layerCount; l++) {
      order[l] = sortByBarycenter(order[l] ?? [], g.up, pos);
    }
    for (let l = g.layerCount - 2; l >= 0; l--) {
      order[l] = sortByBarycenter(order[l] ?? [], g.down, pos);
    }
    const c = countCrossings(g, order);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = order.map((l) => [...l]);
    } else if (c > bestCrossings) {
      // A worse round: start the next one from the best order seen.
      order = best.map((l) => [...l]);
      place(order);
    }
  }
  return best;
}

/** Sorts one layer by the mean position of each node's neighbours (those without keep their place), and records the new positions. */
function sortByBarycenter(layer: readonly number[], neighbours: readonly (readonly number[])[], pos: Float64Array): number[] {
  const key = new Float64Array(layer.length);
  for (let i = 0; i < layer.length; i++) {
    const ns = neighbours[layer[i] ?? 0] ?? [];
    // Nodes without neighbours hold their index as a key, so they stay near where they were.
    let sum = 0;
    for (const w of ns) {
      sum += pos[w] ?? 0;
    }
    key[i] = ns.length === 0 ? i : sum / ns.length;
  }
  const idx = Array.from(layer, (_, i) => i).sort((a, b) => (key[a] ?? 0) - (key[b] ?? 0) || a - b);
  const out = idx.map((i) => layer[i] ?? 0);
  for (let i = 0; i < out.length; i++) {
    pos[out[i] ?? 0] = i;
  }
  return out;
}

/** Crossings between every pair of adjacent layers for the given order. */
export function countCrossings(g: ProperGraph, order: readonly (readonly number[])[]): number {
  const pos = new Int32Array(g.layerOf.length);
  for (const l of order) {
    for (let i = 0; i < l.length; i++) {
      pos[l[i] ?? 0] = i;
    }
  }
  let edges = 0;
  for (const ns of g.down) {
    edges += ns.length;
  }
  const ends = new Int32Array(edges);
  const tree = new Int32Array(g.layerOf.length + 1);
  let total = 0;
  for (let l = 0; l + 1 < order.length; l++) {
    // Edges sorted by upper end then lower end: crossings are the inversions of the lower ends.
    let count = 0;
    for (const v of order[l] ?? []) {
      const start = count;
      for (const w of g.down[v] ?? []) {
        // Insertion sort within one node's few edges.
        let k = count++;
        const p = pos[w] ?? 0;
        while (k > start && (ends[k - 1] ?? 0) > p) {
          ends[k] = ends[k - 1] ?? 0;
          k--;
        }
        ends[k] = p;
      }
    }
    total += inversions(ends, count, (order[l + 1] ?? []).length, tree);
  }
  return total;
}

function inversions(values: Int32Array, length: number, size: number, tree: Int32Array): number {
  tree.fill(0, 0, size + 1);
  let count = 0;
  for (let i = length - 1; i >= 0; i--) {
    // Values already seen (to the right) that are smaller than this one cross it.
    let k = values[i] ?? 0;
    while (k > 0) {
      count += tree[k] ?? 0;
      k -= k & -k;
    }
    k = (values[i] ?? 0) + 1;
    while (k <= size) {
      tree[k] = (tree[k] ?? 0) + 1;
      k += k & -k;
    }
  }
  return count;
}
