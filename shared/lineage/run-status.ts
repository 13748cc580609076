/**
 * Colour by run status: each node takes the status of the latest run that wrote it, with the
 * statuses of its last runs, newest first, for the history strip (a node failing now against one
 * that fails now and then). Pure: the writers and the runs come from two queries.
 */
import type { LineageGraph } from '../model/lineage-graph';
import type { StatusClass } from '../model/status';

/** How many of a node's last runs the strip shows. */
export const HISTORY_LENGTH = 8;

/** A run that wrote some node, with its normalised status. */
export interface WriterRun {
  readonly run: string;
  readonly status: StatusClass;
}

/**
 * The graph with each node's runs filled in from `writers` (node, run) and `runs`, which are
 * newest first; runs the list lacks are left out, and nodes no run wrote keep an empty history.
 */
export function withRunStatus(g: LineageGraph, writers: readonly (readonly [string, string])[], runs: readonly WriterRun[]): LineageGraph {
  const order = new Map(runs.map((r, i) => [r.run, i] as const));
  const byNode = new Map<string, string[]>();
  for (const [node, run] of writers) {
    if (order.has(run)) {
      byNode.set(node, [...(byNode.get(node) ?? []), run]);
    }
  }
  const status = new Map(runs.map((r) => [r.run, r.status] as const));
  const nodes = g.nodes.map((n) => {
    const mine = [...new Set(byNode.get(n.id) ?? [])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const history = mine.slice(0, HISTORY_LENGTH).map((r) => status.get(r) ?? 'unknown');
    return history.length === 0 ? n : { ...n, runs: { latest: history[0] ?? null, history } };
  });
  return { ...g, nodes };
}
