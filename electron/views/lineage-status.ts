/**
 * Fills in the run status of a graph's nodes from the runs the same store holds: which runs wrote
 * each node (one query over the edges), then those runs' statuses, newest first (one page of the
 * format's runs view filtered by run_id), then `withRunStatus`.
 */
import { withRunStatus } from '../../shared/lineage/run-status';
import type { LineageGraph } from '../../shared/model/lineage-graph';
import type { StatusClass } from '../../shared/model/status';
import { STATUS_CLASSES } from '../../shared/model/status';
import { cellToText } from '../../shared/model/values';
import type { EdgeFilter, EdgeSource } from '../../shared/query/lineage-edges-sql';
import { compileNodeWriters } from '../../shared/query/lineage-walk-sql';
import type { FormatCatalog } from './format-catalog';
import { runsPlan } from './runs-plan';
import type { StoreFormat } from './store-formats';

/** At most this many (node, run) pairs and runs are read: a runs filter takes 1,000 values. */
const WRITERS_CAP = 1_000;

const asStatus = (v: string): StatusClass => STATUS_CLASSES.find((s) => s === v) ?? 'unknown';

/** The graph with its table-level nodes coloured by the runs that wrote them. */
export async function colourByRuns(fc: FormatCatalog, f: StoreFormat, sources: readonly EdgeSource[], filter: EdgeFilter, g: LineageGraph, signal?: AbortSignal): Promise<LineageGraph> {
  const nodes = g.nodes.filter((n) => n.type !== 'COLUMN').map((n) => n.id);
  if (nodes.length === 0) {
    return g;
  }
  const pairs = await fc.source.rows(compileNodeWriters(sources, { ...filter, level: 'table' }, nodes, WRITERS_CAP, fc.source.dialect), WRITERS_CAP, signal);
  const writers = pairs.map((r): [string, string] => [cellToText(r[0] ?? null), cellToText(r[1] ?? null)]);
  const ids = [...new Set(writers.map(([, run]) => run))];
  if (ids.length === 0) {
    return g;
  }
  const plan = await runsPlan(fc.source, f, { columns: ['run_id', 'status'], filters: [{ column: 'run_id', op: 'in', values: ids }], sort: [{ column: 'started_at', desc: true }] });
  const page = await fc.source.page(plan, 0, ids.length, signal);
  const runs = page.rows.map((r) => ({ run: cellToText(r[0] ?? null), status: asStatus(cellToText(r[1] ?? null)) }));
  return withRunStatus(g, writers, runs);
}
