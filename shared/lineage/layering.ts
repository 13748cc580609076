/**
 * Layers of a directed graph for a left-to-right drawing: cycles broken by reversing the back
 * edges of a depth-first walk in input order (deterministic), then longest-path layering with
 * sources pulled next to what they feed, so a table read only by a late job is not drawn far left.
 */

/** The graph as index arrays; `reversed[e]` says edge e was turned round to break a cycle. */
export interface Layering {
  readonly layer: Int32Array;
  readonly layers: number;
  readonly reversed: Uint8Array;
}

/** Layers `n` nodes joined by edges `from[e] → to[e]` (self-loops are ignored). */
export function assignLayers(n: number, from: Int32Array, to: Int32Array): Layering {
  const m = from.length;
  const reversed = new Uint8Array(m);
  const out = adjacency(n, from);
  // Iterative DFS: an edge into a node still on the stack is a back edge.
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const stackNode = new Int32Array(n);
  const stackPos = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (state[s] !== 0) {
      continue;
    }
    let top = 0;
    stackNode[0] = s;
    stackPos[0] = out.start[s] ?? 0;
    state[s] = 1;
    while (top >= 0) {
      const v = stackNode[top] ?? 0;
      const p = stackPos[top] ?? 0;
      if (p < (out.start[v + 1] ?? 0)) {
        stackPos[top] = p + 1;
        const e = out.edge[p] ?? 0;
        const w = to[e] ?? 0;
        if (w === v) {
          continue;
        }
        if (state[w] === 1) {
          reversed[e] = 1;
        }
        else if (state[w] === 0) {
          state[w] = 1;
          top++;
          stackNode[top] = w;
          stackPos[top] = out.start[w] ?? 0;
        }
      } else {
        state[v] = 2;
        top--;
      }
    }
  }
  // Kahn's order on the acyclic graph, then longest path.
  const dagFrom = new Int32Array(m);
  const dagTo = new Int32Array(m);
  const indeg = new Int32Array(n);
  for (let e = 0; e < m; e++) {
    const a = reversed[e] === 1 ? to[e] ?? 0 : from[e] ?? 0;
    const b = reversed[e] === 1 ? from[e] ?? 0 : to[e] ?? 0;
    dagFrom[e] = a;
    dagTo[e] = b;
    if (a !== b) {
      indeg[b] = (indeg[b] ?? 0) + 1;
    }
  }
  const dag = adjacency(n, dagFrom);
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) {if (indeg[v] === 0) {
    order[tail++] = v;
  }}
  const layer = new Int32Array(n);
  while (head < tail) {
    const v = order[head++] ?? 0;
    for (let p = dag.start[v] ?? 0; p < (dag.start[v + 1] ?? 0); p++) {
      const w = dagTo[dag.edge[p] ?? 0] ?? 0;
      if (w === v) {
        continue;
      }
      if ((layer[v] ?? 0) + 1 > (layer[w] ?? 0)) {
        layer[w] = (layer[v] ?? 0) + 1;
      }
      indeg[w] = (indeg[w] ?? 0) - 1;
      if (indeg[w] === 0) {
        order[tail++] = w;
      }
    }
  }
  // Pull each source up to just before the nearest thing it feeds (successors are final first).
  const hasPred = new Uint8Array(n);
  for (let e = 0; e < m; e++) {if (dagFrom[e] !== dagTo[e]) {
    hasPred[dagTo[e] ?? 0] = 1;
  }}
  for (let i = tail - 1; i >= 0; i--) {
    const v = order[i] ?? 0;
    if (hasPred[v] === 1) {
      continue;
    }
    let min = Infinity;
    for (let p = dag.start[v] ?? 0; p < (dag.start[v + 1] ?? 0); p++) {
      const w = dagTo[dag.edge[p] ?? 0] ?? 0;
      if (w !== v && (layer[w] ?? 0) < min) {
        min = layer[w] ?? 0;
      }
    }
    if (min !== Infinity) {
      layer[v] = min - 1;
    }
  }
  let layers = 0;
  for (let v = 0; v < n; v++) {if ((layer[v] ?? 0) + 1 > layers) {
    layers = (layer[v] ?? 0) + 1;
  }}
  return { layer, layers, reversed };
}

/** Outgoing edges per node, as compressed rows (`edge[start[v] .. start[v+1]]`), in edge order. */
export function adjacency(n: number, from: Int32Array): { readonly start: Int32Array; readonly edge: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < from.length; e++) {
    start[(from[e] ?? 0) + 1] = (start[(from[e] ?? 0) + 1] ?? 0) + 1;
  }
  for (let v = 0; v < n; v++) {
    start[v + 1] = (start[v + 1] ?? 0) + (start[v] ?? 0);
  }
  const fill = start.slice(0, n);
  const edge = new Int32Array(from.length);
  for (let e = 0; e < from.length; e++) {
    const v = from[e] ?? 0;
    edge[fill[v] ?? 0] = e;
    fill[v] = (fill[v] ?? 0) + 1;
  }
  return { start, edge };
}
