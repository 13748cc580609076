/**
 * Vertical positions within ordered layers: each node pulled toward the mean centre of its
 * neighbours while keeping the layer's order and spacing. Each pull is an isotonic regression
 * (pool adjacent violators), so a layer is placed in one linear pass and never overlaps.
 */
import type { ProperGraph } from './crossing-reduction';

/** Top y of every node, from the layers' order, node heights and the gap between two neighbours. */
export function placeVertically(
  g: ProperGraph,
  order: readonly (readonly number[])[],
  height: Float64Array,
  gapBetween: (a: number, b: number) => number,
  rounds: number,
): Float64Array {
  const y = new Float64Array(height.length);
  for (const layer of order) {
    let at = 0;
    layer.forEach((v, i) => {
      if (i > 0) {
        at += gapBetween(layer[i - 1] ?? 0, v);
      }
      y[v] = at;
      at += height[v] ?? 0;
    });
  }
  // Start from centred layers so a short layer sits level with the tall one beside it.
  const centre = (v: number): number => (y[v] ?? 0) + (height[v] ?? 0) / 2;
  for (let r = 0; r < rounds; r++) {
    const downward = r % 2 === 0;
    const sequence = order.map((_, i) => (downward ? i : order.length - 1 - i));
    for (const l of sequence) {
      const layer = order[l] ?? [];
      const neighbours = downward ? g.up : g.down;
      const targets = layer.map((v) => {
        const ns = neighbours[v] ?? [];
        if (ns.length === 0) {
          return centre(v);
        }
        let s = 0;
        for (const w of ns) {
          s += centre(w);
        }
        return s / ns.length;
      });
      alignLayer(layer, targets, height, gapBetween, y);
    }
  }
  return y;
}

/** Places one layer's tops as near their targets (centres) as order and spacing allow. */
function alignLayer(
  layer: readonly number[],
  targets: readonly number[],
  height: Float64Array,
  gapBetween: (a: number, b: number) => number,
  y: Float64Array,
): void {
  // Offsets o_i make the constraint y_i ≥ y_{i-1} + h_{i-1} + gap into z_i = y_i - o_i nondecreasing.
  const n = layer.length;
  const offset = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const a = layer[i - 1] ?? 0;
    offset[i] = (offset[i - 1] ?? 0) + (height[a] ?? 0) + gapBetween(a, layer[i] ?? 0);
  }
  // Pool adjacent violators over the wanted z values.
  const blockValue: number[] = [];
  const blockWeight: number[] = [];
  const blockEnd: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = layer[i] ?? 0;
    let value = (targets[i] ?? 0) - (height[v] ?? 0) / 2 - (offset[i] ?? 0);
    let weight = 1;
    while (blockValue.length > 0 && (blockValue[blockValue.length - 1] ?? 0) > value) {
      const w = blockWeight.pop() ?? 0;
      const bv = blockValue.pop() ?? 0;
      blockEnd.pop();
      value = (bv * w + value * weight) / (w + weight);
      weight += w;
    }
    blockValue.push(value);
    blockWeight.push(weight);
    blockEnd.push(i);
  }
  let i = 0;
  for (let b = 0; b < blockValue.length; b++) {
    for (; i <= (blockEnd[b] ?? 0); i++) {
      y[layer[i] ?? 0] = (blockValue[b] ?? 0) + (offset[i] ?? 0);
    }
  }
}
