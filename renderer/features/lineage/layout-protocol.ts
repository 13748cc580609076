/** The messages between the view and the layout worker. */
import type { GraphLayout, LayoutEdgeInput, LayoutNodeInput } from '../../../shared/lineage/layout-types';

/** Lay out these nodes, keeping the places they had in `previous`. */
export interface LayoutRequest {
  readonly id: number;
  readonly previous: GraphLayout | null;
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
}

/** The layout of request `id`, and how long it took in the worker. */
export interface LayoutReply {
  readonly id: number;
  readonly layout: GraphLayout;
  readonly ms: number;
}
