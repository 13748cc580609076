/**
 * The links between the lineage graph and the runs: which runs wrote or read a node (its context
 * menu's "Runs that…"), and which nodes a run touched (a run's "Show lineage"). Each is one query
 * over the same edges relation as the walk.
 */
import type { LineageRuns } from '../../shared/model/lineage-graph';
import { cellToText } from '../../shared/model/values';
import type { EdgeFilter, LineageLevel } from '../../shared/query/lineage-edges-sql';
import { compileNodeRuns, compileRunNodes } from '../../shared/query/lineage-walk-sql';
import type { FormatCatalog } from './format-catalog';
import { edgeSources } from './lineage-query';
import { machineZone } from './time-columns';

/** The most runs listed per side (a runs filter takes at most this many values). */
const RUNS_CAP = 1_000;

/** The runs that recorded edges into `node` and out of it; a column node is looked up at column level. */
export async function lineageRuns(fc: FormatCatalog, req: { readonly format: string; readonly node: string; readonly asOf: string | null }, signal?: AbortSignal, zone: string = machineZone(), nowMs: number = Date.now()): Promise<LineageRuns> {
  const f = fc.find(req.format);
  const sources = edgeSources(f, fc.catalog);
  const asOfMs = req.asOf === null ? null : Date.parse(req.asOf);
  for (const level of ['table', 'column'] as const satisfies readonly LineageLevel[]) {
    const filter: EdgeFilter = { level, naive: f.model.naiveTime, zone, asOfMs, nowMs: asOfMs === null ? nowMs : null, run: null };
    const rows = await fc.source.rows(compileNodeRuns(sources, filter, req.node, 2 * RUNS_CAP, fc.source.dialect), 2 * RUNS_CAP, signal);
    if (rows.length > 0) {
      const side = (s: string): string[] => rows.filter((r) => r[0] === s && r[1] !== null && r[1] !== undefined).map((r) => cellToText(r[1] ?? null)).slice(0, RUNS_CAP);
      return { wrote: side('w'), read: side('r') };
    }
  }
  return { wrote: [], read: [] };
}

/** The nodes a run's edges touch (every edge it recorded, whenever it held), where its data ends up first. */
export async function lineageRunNodes(fc: FormatCatalog, req: { readonly format: string; readonly run: string; readonly limit: number }, signal?: AbortSignal, zone: string = machineZone()): Promise<string[]> {
  const f = fc.find(req.format);
  const filter: EdgeFilter = { level: 'table', naive: f.model.naiveTime, zone, asOfMs: null, nowMs: null, run: req.run };
  const rows = await fc.source.rows(compileRunNodes(edgeSources(f, fc.catalog), filter, req.limit, fc.source.dialect), req.limit, signal);
  return rows.map((r) => cellToText(r[0] ?? null));
}
