/**
 * Answers lineage requests against a store: resolves the node (or names the nearest ones), runs the
 * walk as one `WITH RECURSIVE` statement where the data is, and assembles the graph. JSON stores
 * answer through their SQLite cache like every other view.
 */
import { AuditlensError } from '../../shared/api/result';
import type { EdgeRow, NodeFacts, WalkRows } from '../../shared/lineage/assemble-graph';
import { assembleGraph, withColumns } from '../../shared/lineage/assemble-graph';
import { nearestNames } from '../../shared/lineage/nearest-names';
import type { LineageMapping } from '../../shared/model/audit-model';
import type { Catalog, ColumnFamily } from '../../shared/model/catalog';
import { findTable } from '../../shared/model/catalog';
import type { LineageGraph, LineageNodeMatch } from '../../shared/model/lineage-graph';
import type { DerivedRelation } from '../../shared/model/relation';
import { isDerived } from '../../shared/model/relation';
import type { CellValue } from '../../shared/model/values';
import { cellToText } from '../../shared/model/values';
import type { LineageRequest } from '../../shared/model/view-request';
import type { EdgeFilter, EdgeSource, LineageLevel } from '../../shared/query/lineage-edges-sql';
import { compileColumnEdgesAmong, compileLineageWalk, compileNodeLookup, compileNodeNames, compileNodeSearch } from '../../shared/query/lineage-walk-sql';
import type { FormatCatalog } from './format-catalog';
import { colourByRuns } from './lineage-status';
import type { StoreFormat } from './store-formats';
import { machineZone } from './time-columns';

/** A lineage request without its `kind`. */
export type LineageInput = Omit<LineageRequest, 'kind'>;

/** How far "all" walks: a node farther than the budget could not be kept anyway. */
const ALL_DEPTH_CAP = 1_000;
/** Edge rows per kept node, at most. */
const EDGES_PER_NODE = 20;
/** Names read for "did you mean". */
const NAME_CANDIDATES = 50_000;

function relationFamily(rel: DerivedRelation, column: string): ColumnFamily | undefined {
  return rel.columns.find((c) => c.name === column)?.family;
}

/** The family of a mapping column, from its relation or the catalog; text when unknown. */
function familyOf(m: LineageMapping, column: string | undefined, catalog: Catalog): ColumnFamily {
  if (column === undefined) {
    return 'text';
  }
  if (m.relation) {
    return relationFamily(m.relation, column) ?? 'text';
  }
  const base = isDerived(m.table) ? undefined : findTable(catalog, m.table);
  return base?.columns.find((c) => c.name === column)?.family ?? 'text';
}

/** The format's lineage mappings with what the SQL needs of the catalog; a typed error when it has none. */
export function edgeSources(f: StoreFormat, catalog: Catalog): EdgeSource[] {
  if (f.model.lineage.length === 0) {
    throw new AuditlensError('unsupported', `${f.model.title} records no lineage: there are no edges to draw for this format.`);
  }
  return f.model.lineage.map((m) => ({ mapping: m, validFromFamily: familyOf(m, m.validFrom, catalog), validToFamily: familyOf(m, m.validTo, catalog) }));
}

const text = (v: CellValue | undefined): string | null => (v === null || v === undefined ? null : cellToText(v));
const num = (v: CellValue | undefined): number | null => {
  const t = text(v);
  const n = t === null ? NaN : Number(t);
  return Number.isFinite(n) ? Math.round(n) : null;
};

function facts(id: CellValue | undefined, name: CellValue | undefined, ns: CellValue | undefined, type: CellValue | undefined, tab: CellValue | undefined): NodeFacts {
  const i = text(id) ?? '';
  return { id: i, name: text(name) ?? i, namespace: text(ns), type: text(type), table: text(tab) };
}

/** An edge row: ids at `s` and `s + 1`, then from `attrs` the ends' name, namespace, type, table and the edge columns. */
function edgeRow(r: readonly CellValue[], s: number, attrs: number): EdgeRow {
  const a = (k: number): CellValue | undefined => r[attrs + k];
  return {
    source: facts(r[s], a(0), a(1), a(2), a(3)),
    target: facts(r[s + 1], a(4), a(5), a(6), a(7)),
    relationship: text(a(8)), transformationType: text(a(9)), transformationSubtype: text(a(10)), description: text(a(11)),
    via: text(a(12)), recordedBy: text(a(13)), validFromMs: num(a(14)), validToMs: num(a(15)),
  };
}

/** The same row shape for plain `e` rows, whose ends sit at 0 and 5. */
function plainEdgeRow(r: readonly CellValue[]): EdgeRow {
  return edgeRow([r[0] ?? null, r[5] ?? null, ...r.slice(1, 5), ...r.slice(6)], 0, 2);
}

function filterOf(f: StoreFormat, level: LineageLevel, zone: string, asOfMs: number | null, nowMs: number | null, run: string | null): EdgeFilter {
  return { level, naive: f.model.naiveTime, zone, asOfMs, nowMs, run };
}

/** The node a request names, at table level first, then (with columns) at column level; not-found names the nearest. */
async function resolveNode(fc: FormatCatalog, f: StoreFormat, sources: readonly EdgeSource[], node: string, columns: boolean, zone: string, signal?: AbortSignal): Promise<{ facts: NodeFacts; level: LineageLevel }> {
  const levels: LineageLevel[] = columns ? ['table', 'column'] : ['table'];
  for (const level of levels) {
    const rows = await fc.source.rows(compileNodeLookup(sources, filterOf(f, level, zone, null, null, null), node, fc.source.dialect), 20, signal);
    const ids = [...new Set(rows.map((r) => text(r[0]) ?? ''))];
    if (ids.length > 1 && ids[0] !== node) {
      throw new AuditlensError('bad-input', `Several nodes are named "${node}": ${ids.slice(0, 5).join(', ')}; give the full name.`);
    }
    const mine = rows.filter((r) => text(r[0]) === ids[0]);
    if (mine.length > 0) {
      const all = mine.map((r) => facts(r[0], r[1], r[2], r[3], r[4]));
      const first = all.find((a) => a.namespace !== null) ?? all[0];
      if (first) {
        return { facts: { ...first, type: all.find((a) => a.type !== null)?.type ?? null }, level };
      }
    }
  }
  const names: string[] = [];
  for (const level of levels) {
    const rows = await fc.source.rows(compileNodeNames(sources, filterOf(f, level, zone, null, null, null), NAME_CANDIDATES, fc.source.dialect), NAME_CANDIDATES, signal);
    names.push(...rows.map((r) => text(r[0]) ?? ''));
  }
  const near = nearestNames(node, names);
  throw new AuditlensError('not-found', `No node named "${node}" in the lineage of ${f.model.title}${near.length > 0 ? `; nearest: ${near.join(', ')}` : ''}.`);
}

/** Decodes the rows of a walk statement. */
function walkRows(root: NodeFacts, rows: readonly (readonly CellValue[])[], edgeCap: number): WalkRows {
  const kept: { id: string; rank: number }[] = [];
  const edges: EdgeRow[] = [];
  const moreUp = new Map<string, number>();
  const moreDown = new Map<string, number>();
  let reached = 0;
  for (const r of rows) {
    const kind = text(r[0]);
    const a = text(r[1]) ?? '';
    const n = num(r[3]) ?? 0;
    if (kind === 'n') {
      kept.push({ id: a, rank: n });
    } else if (kind === 'c') {
      reached = n;
    } else if (kind === 'e') {
      edges.push(edgeRow(r, 1, 4));
    } else if (kind === 'u') {
      moreUp.set(a, n);
    } else if (kind === 'd') {
      moreDown.set(a, n);
    }
  }
  return { root, kept, reached, edges, edgesCapped: edges.length >= edgeCap, moreUp, moreDown };
}

/** The walk of one resolved root at one level, decoded. */
async function walkFrom(fc: FormatCatalog, sources: readonly EdgeSource[], filter: EdgeFilter, root: NodeFacts, req: LineageInput, signal?: AbortSignal): Promise<WalkRows> {
  const edgeCap = req.budget * EDGES_PER_NODE;
  const depth = req.depth ?? Math.min(req.budget, ALL_DEPTH_CAP);
  const sql = compileLineageWalk(sources, filter, { root: root.id, direction: req.direction, depth, budget: req.budget, edgeCap }, fc.source.dialect);
  return walkRows(root, await fc.source.rows(sql, req.budget * 3 + edgeCap + 1, signal), edgeCap);
}

/** True when the walk met no edge at all: the node may not exist, or be named another way. */
function isEmptyWalk(w: WalkRows): boolean {
  return w.edges.length === 0 && [...w.moreUp.values(), ...w.moreDown.values()].every((n) => n === 0);
}

/**
 * A lineage graph: the neighbourhood of a node, walked where the data is. The walk starts from the
 * name as given at table level; only when it meets no edge is the node looked up (by bare name,
 * at column level, or to name the nearest), so the common case is one statement.
 */
export async function lineageGraph(fc: FormatCatalog, req: LineageInput, signal?: AbortSignal, zone: string = machineZone(), nowMs: number = Date.now()): Promise<LineageGraph> {
  const f = fc.find(req.format);
  const sources = edgeSources(f, fc.catalog);
  const asOfMs = req.asOf === null ? null : Date.parse(req.asOf);
  // The lineage of a run is every edge it recorded, retired since or not; otherwise the graph as it stands now.
  const filterAt = (level: LineageLevel): EdgeFilter => filterOf(f, level, zone, asOfMs, asOfMs === null && req.run === null ? nowMs : null, req.run);
  const guess: NodeFacts = { id: req.node, name: req.node, namespace: null, type: null, table: null };
  let level: LineageLevel = 'table';
  let walk = await walkFrom(fc, sources, filterAt('table'), guess, req, signal);
  if (isEmptyWalk(walk)) {
    const found = await resolveNode(fc, f, sources, req.node, req.columns, zone, signal);
    level = found.level;
    walk = found.level === 'table' && found.facts.id === req.node
      ? { ...walk, root: found.facts }
      : await walkFrom(fc, sources, filterAt(found.level), found.facts, req, signal);
  }
  const graph = await colourByRuns(fc, f, sources, filterAt('table'), assembleGraph(walk), signal);
  if (!req.columns || level === 'column') {
    return graph;
  }
  const edgeCap = req.budget * EDGES_PER_NODE;
  const colSql = compileColumnEdgesAmong(sources, filterAt('column'), graph.nodes.map((n) => n.id), edgeCap, fc.source.dialect);
  const colRows = await fc.source.rows(colSql, edgeCap, signal);
  return withColumns(graph, colRows.map(plainEdgeRow));
}

/** The search box: nodes whose name contains the text, best first. */
export async function lineageSearch(fc: FormatCatalog, req: { readonly format: string; readonly text: string; readonly columns: boolean; readonly limit: number }, signal?: AbortSignal, zone: string = machineZone()): Promise<LineageNodeMatch[]> {
  const f = fc.find(req.format);
  const sources = edgeSources(f, fc.catalog);
  const levels: LineageLevel[] = req.columns ? ['table', 'column'] : ['table'];
  const out: LineageNodeMatch[] = [];
  for (const level of levels) {
    const sql = compileNodeSearch(sources, filterOf(f, level, zone, null, null, null), req.text, req.limit, fc.source.dialect);
    const rows = await fc.source.rows(sql, req.limit, signal);
    out.push(...rows.map((r) => ({ id: text(r[0]) ?? '', name: text(r[1]) ?? '', namespace: text(r[2]), type: text(r[3]), edges: num(r[4]) ?? 0 })));
  }
  return out.slice(0, req.limit);
}
