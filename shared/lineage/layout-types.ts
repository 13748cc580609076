/**
 * The shapes a lineage layout takes in and gives back. Coordinates are in layout pixels, y down,
 * x growing downstream (sources on the left); a node's (x, y) is its top-left corner.
 */

/** A node to place, already sized (see `sizeNodes`). */
export interface LayoutNodeInput {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

/** An edge: `source` feeds `target`. Self-loops and duplicates are allowed. */
export interface LayoutEdgeInput {
  readonly source: string;
  readonly target: string;
}

/** Spacing of a layout. */
export interface LayoutOptions {
  /** Horizontal room between two layers. */
  readonly layerGap: number;
  /** Vertical room between two nodes of a layer. */
  readonly nodeGap: number;
  /** Crossing-reduction sweeps (one down and one up each). */
  readonly sweeps: number;
}

/** The spacing used where a caller gives none. */
export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = { layerGap: 72, nodeGap: 14, sweeps: 6 };

/** A point of an edge's route. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A placed node. */
export interface PlacedNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Its column, counted from the leftmost layer of the layout it was first placed in. */
  readonly layer: number;
}

/** A routed edge: from the source's right side, through bend points, to the target's left side. */
export interface RoutedEdge {
  readonly source: string;
  readonly target: string;
  readonly points: readonly Point[];
  /** The edge runs against the flow: it closes a cycle (or is a self-loop). */
  readonly reversed: boolean;
}

/** The smallest box holding every node. */
export interface Bounds {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** A laid-out graph. Nodes come in input order; edges in input order. */
export interface GraphLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly RoutedEdge[];
  readonly bounds: Bounds;
}

/** The bounds of a set of nodes (all zero when there are none). */
export function boundsOf(nodes: readonly PlacedNode[]): Bounds {
  if (nodes.length === 0) {return { minX: 0, minY: 0, maxX: 0, maxY: 0 };}
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    if (n.x < minX) {
      minX = n.x;
    }
    if (n.y < minY) {
      minY = n.y;
    }
    if (n.x + n.width > maxX) {
      maxX = n.x + n.width;
    }
    if (n.y + n.height > maxY) {
      maxY = n.y + n.height;
    }
  }
  return { minX, minY, maxX, maxY };
}
