/**
 * What a lineage request answers: the nodes and edges reached from one node, bounded by depth and
 * a node budget. Node ids are the names as the store writes them (`schema.table`,
 * `schema.table.column`, an OpenLineage dataset name, a dbt unique_id), made unique with the
 * namespace or kind only where two nodes would share a name.
 */
import type { StatusClass } from './status';

/** One table, column, dataset or job of the graph. */
export interface LineageNode {
  readonly id: string;
  /** The name as the store names it. */
  readonly name: string;
  readonly namespace: string | null;
  /** TABLE, VIEW, COLUMN, DATASET, JOB, ARTIFACT…, as the store writes it. */
  readonly type: string | null;
  /** For a column: the id of its table's node; null otherwise. */
  readonly table: string | null;
  /** Hops from the root: negative upstream, positive downstream, 0 for the root. */
  readonly depth: number;
  /** The latest run that wrote it, and the statuses of its last runs, newest first (empty when unknown). */
  readonly runs: { readonly latest: StatusClass | null; readonly history: readonly StatusClass[] };
  /** Edges beyond the walk's depth or budget, per side: drawn as "N more" stubs with a `+`. */
  readonly more: { readonly upstream: number; readonly downstream: number };
}

/** One edge: `source` feeds `target`. */
export interface LineageEdge {
  readonly source: string;
  readonly target: string;
  /** DERIVES_FROM, AGGREGATES…, where the store names one. */
  readonly relationship: string | null;
  /** Column edges: DIRECT or INDIRECT, and a subtype (FILTER, JOIN…). */
  readonly transformation: { readonly type: string | null; readonly subtype: string | null; readonly description: string | null } | null;
  /** The job or operation between the two datasets, where the store has one. */
  readonly via: string | null;
  /** The run or session that recorded the edge (its `run_id`). */
  readonly recordedBy: string | null;
  /** Epoch ms the edge started and stopped holding (null: unknown, or still holds). */
  readonly validFromMs: number | null;
  readonly validToMs: number | null;
  /** Hops from the root of its far end. */
  readonly depth: number;
  /** The edge closes a cycle (the walk stopped there). */
  readonly cycle: boolean;
}

/** A lineage graph, as the view draws it and `auditlens lineage` writes it. */
export interface LineageGraph {
  readonly root: string;
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  /** The node budget stopped the walk before its depth. */
  readonly truncated: boolean;
}

/** A node found by the lineage search box. */
export interface LineageNodeMatch {
  readonly id: string;
  readonly name: string;
  readonly namespace: string | null;
  readonly type: string | null;
  /** Edges it has, both ways: the search ranks busier nodes first among equal matches. */
  readonly edges: number;
}

/** The runs (their `run_id`s) that recorded edges into a node and out of it. */
export interface LineageRuns {
  readonly wrote: readonly string[];
  readonly read: readonly string[];
}
