/**
 * The lineage walk as one statement: a depth-bounded `WITH RECURSIVE` over the edges relation `e`
 * (see lineage-edges-sql.ts), up and or down from a root. The recursion keeps (node, hops) pairs
 * with UNION, so a cycle cannot loop: each pair is visited once and the depth bounds the hops.
 * The nearest `budget` nodes are kept, then the same statement returns the edges among them and,
 * per kept node, how many neighbours were left out on each side (the "N more" stubs).
 */
import type { Dialect } from './dialect';
import type { EdgeFilter, EdgeSource } from './lineage-edges-sql';
import { EDGE_COLUMNS } from './lineage-edges-sql';
import { edgeMs, edgesCte } from './lineage-edges-sql';
import { escapeLike } from './dialect';
import type { SqlText } from './sql';
import { Params } from './sql';

/** Which way to walk, how far, and how many nodes to keep. */
export interface WalkSpec {
  readonly root: string;
  readonly direction: 'upstream' | 'downstream' | 'both';
  /** Hops, at least 1. */
  readonly depth: number;
  readonly budget: number;
  /** At most this many edge rows among the kept nodes. */
  readonly edgeCap: number;
}

/**
 * The columns of a walk row. `kind` tells rows apart: `n` a kept node (`a` its id, `num` its
 * rank: hops × 2, plus 1 downstream), `c` the count of nodes reached (`num`), `e` an edge (`a` → `b`
 * with the end and edge columns), `u` / `d` a kept node (`a`) with `num` neighbours left out upstream / downstream.
 */
export const WALK_COLUMNS = [
  'kind', 'a', 'b', 'num', 's_name', 's_ns', 's_type', 's_tab', 't_name', 't_ns', 't_type', 't_tab',
  'rel', 'tt', 'tsub', 'tdesc', 'via', 'rb', 'vf', 'vt',
] as const;

const ATTRS = WALK_COLUMNS.slice(4);
const NULLS = ATTRS.map(() => 'NULL').join(', ');

function int(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error('A lineage walk bound must be a non-negative integer.');
  }
  return String(n);
}

/** The recursive CTE of one direction: `name(n, h)`, stepping from target to source upstream. */
function walkCte(name: string, upstream: boolean, root: string, depth: number, p: Params): string {
  const [near, far] = upstream ? ['t', 's'] : ['s', 't'];
  return `${name}(n, h) AS (SELECT CAST(${p.add(root)} AS TEXT), 0 UNION`
    + ` SELECT g.${far}, ${name}.h + 1 FROM ${name} JOIN g ON g.${near} = ${name}.n WHERE ${name}.h < ${int(depth)})`;
}

/** The walk: kept nodes, the reach count, edges among kept nodes, and the left-out counts. */
export function compileLineageWalk(sources: readonly EdgeSource[], f: EdgeFilter, w: WalkSpec, d: Dialect): SqlText {
  const p = new Params(d);
  // The recursion reads only the ends, so it walks a narrow copy of the edges.
  const ctes = [`e AS (${edgesCte(sources, f, d, p)})`, 'g AS (SELECT DISTINCT s, t FROM e)'];
  const ranks: string[] = [];
  if (w.direction !== 'downstream') {
    ctes.push(walkCte('up', true, w.root, w.depth, p));
    ranks.push('SELECT n, h * 2 AS k FROM up');
  }
  if (w.direction !== 'upstream') {
    ctes.push(walkCte('down', false, w.root, w.depth, p));
    ranks.push('SELECT n, h * 2 + 1 AS k FROM down');
  }
  ctes.push(`w(n, k) AS (SELECT n, min(k) FROM (${ranks.join(' UNION ALL ')}) AS z GROUP BY n)`);
  ctes.push(`pick(n, k) AS (SELECT n, k FROM w ORDER BY k, n LIMIT ${int(w.budget)})`);
  const kept = (c: string): string => `${c} IN (SELECT n FROM pick)`;
  const left = (c: string): string => `${c} NOT IN (SELECT n FROM pick)`;
  // Postgres types a UNION pairwise from the left: the first branch spells out its NULLs' types.
  const typed = ATTRS.map((c) => (c === 'vf' || c === 'vt' ? `CAST(NULL AS ${d.doubleType})` : 'CAST(NULL AS TEXT)')).join(', ');
  const parts = [
    `SELECT 'n' AS kind, n AS a, CAST(NULL AS TEXT) AS b, k AS num, ${typed} FROM pick`,
    `SELECT 'c', NULL, NULL, count(*), ${NULLS} FROM w`,
    `SELECT 'e', ee.s, ee.t, NULL, ${ATTRS.map((c) => (c === 'vf' || c === 'vt' ? edgeMs(`ee.${c}`, f, d) : `ee.${c}`)).join(', ')} FROM (SELECT * FROM e WHERE ${kept('e.s')} AND ${kept('e.t')} LIMIT ${int(w.edgeCap)}) AS ee`,
    `SELECT 'u', e.t, NULL, count(DISTINCT e.s), ${NULLS} FROM e WHERE ${kept('e.t')} AND ${left('e.s')} GROUP BY e.t`,
    `SELECT 'd', e.s, NULL, count(DISTINCT e.t), ${NULLS} FROM e WHERE ${kept('e.s')} AND ${left('e.t')} GROUP BY e.s`,
  ];
  return { sql: `WITH RECURSIVE ${ctes.join(', ')} ${parts.join(' UNION ALL ')}`, params: p.values };
}

/** A JSON array of texts bound as one parameter, as a one-column subquery. */
function jsonList(values: readonly string[], d: Dialect, p: Params): string {
  const ph = p.add(JSON.stringify(values));
  return d.name === 'sqlite' ? `(SELECT value FROM json_each(${ph}))` : `(SELECT jsonb_array_elements_text(CAST(${ph} AS jsonb)))`;
}

/** Column edges between columns of the given tables (the column toggle over a table-level graph): `e` rows. */
export function compileColumnEdgesAmong(sources: readonly EdgeSource[], f: EdgeFilter, tables: readonly string[], cap: number, d: Dialect): SqlText {
  const p = new Params(d);
  const e = edgesCte(sources, { ...f, level: 'column' }, d, p);
  const list = (): string => jsonList(tables, d, p);
  const cols = EDGE_COLUMNS.map((c) => (c === 'vf' || c === 'vt' ? `${edgeMs(`e.${c}`, f, d)} AS ${c}` : `e.${c}`));
  return { sql: `WITH e AS (${e}) SELECT ${cols.join(', ')} FROM e WHERE e.s_tab IN ${list()} AND e.t_tab IN ${list()} LIMIT ${int(cap)}`, params: p.values };
}

/** Both ends of every edge as `(id, name, ns, type, tab)` rows, for lookups and the search. */
const ENDS = 'SELECT s AS id, s_name AS name, s_ns AS ns, s_type AS type, s_tab AS tab FROM e UNION ALL SELECT t, t_name, t_ns, t_type, t_tab FROM e';

/** Nodes whose id or bare name is `node` (exact ids first): `(id, name, ns, type, tab)`. */
export function compileNodeLookup(sources: readonly EdgeSource[], f: EdgeFilter, node: string, d: Dialect): SqlText {
  const p = new Params(d);
  const e = edgesCte(sources, f, d, p);
  const [a, b, c] = [p.add(node), p.add(node), p.add(node)];
  return {
    sql: `WITH e AS (${e}) SELECT DISTINCT z.id, z.name, z.ns, z.type, z.tab, CASE WHEN z.id = ${c} THEN 0 ELSE 1 END AS o FROM (${ENDS}) AS z WHERE z.id = ${a} OR z.name = ${b} ORDER BY o, z.id LIMIT 20`,
    params: p.values,
  };
}

/** Distinct node ids, up to `limit`: the candidates for "did you mean". */
export function compileNodeNames(sources: readonly EdgeSource[], f: EdgeFilter, limit: number, d: Dialect): SqlText {
  const p = new Params(d);
  const e = edgesCte(sources, f, d, p);
  return { sql: `WITH e AS (${e}) SELECT DISTINCT z.id FROM (${ENDS}) AS z LIMIT ${int(limit)}`, params: p.values };
}

/**
 * Nodes whose id contains `text`, case-insensitively: `(id, name, ns, type, edges)`, exact ids
 * and names first, then busier nodes.
 */
export function compileNodeSearch(sources: readonly EdgeSource[], f: EdgeFilter, text: string, limit: number, d: Dialect): SqlText {
  const p = new Params(d);
  const e = edgesCte(sources, f, d, p);
  const like = d.ilike('z.id', p.add(`%${escapeLike(text)}%`), 'text');
  const [x, y] = [p.add(text.toLowerCase()), p.add(text.toLowerCase())];
  return {
    sql: `WITH e AS (${e}) SELECT z.id, max(z.name), max(z.ns), max(z.type), count(*) AS edges FROM (${ENDS}) AS z WHERE ${like} GROUP BY z.id`
      + ` ORDER BY CASE WHEN lower(z.id) = ${x} THEN 0 WHEN lower(max(z.name)) = ${y} THEN 1 ELSE 2 END, count(*) DESC, z.id LIMIT ${int(limit)}`,
    params: p.values,
  };
}

/**
 * The runs that recorded edges into `node` (`side` 'w': they wrote it) and out of it ('r': they
 * read it), as `(side, run)` rows: the graph → runs links.
 */
export function compileNodeRuns(sources: readonly EdgeSource[], f: EdgeFilter, node: string, limit: number, d: Dialect): SqlText {
  const p = new Params(d);
  const e = edgesCte(sources, f, d, p);
  const [a, b, c] = [p.add(node), p.add(node), p.add(node)];
  return {
    sql: `WITH e AS (${e}) SELECT DISTINCT CASE WHEN e.t = ${a} THEN 'w' ELSE 'r' END AS side, e.rb FROM e WHERE (e.t = ${b} OR e.s = ${c}) AND e.rb IS NOT NULL ORDER BY 1, 2 LIMIT ${int(limit)}`,
    params: p.values,
  };
}

/**
 * The nodes the edges of the filter's run touch: first those it wrote that none of its edges
 * read (where its data ends up), then the rest, by id. "Show lineage" of a run starts at the first.
 */
export function compileRunNodes(sources: readonly EdgeSource[], f: EdgeFilter, limit: number, d: Dialect): SqlText {
  const p = new Params(d);
  const e = edgesCte(sources, f, d, p);
  return {
    sql: `WITH e AS (${e}) SELECT z.id FROM (SELECT e.t AS id FROM e UNION SELECT e.s FROM e) AS z`
      + ` ORDER BY CASE WHEN z.id IN (SELECT t FROM e) AND z.id NOT IN (SELECT s FROM e) THEN 0 ELSE 1 END, z.id LIMIT ${int(limit)}`,
    params: p.values,
  };
}

/** The runs that wrote each of `nodes` (recorded edges into it): `(node, run)` rows, for colouring nodes by run status. */
export function compileNodeWriters(sources: readonly EdgeSource[], f: EdgeFilter, nodes: readonly string[], limit: number, d: Dialect): SqlText {
  const p = new Params(d);
  const e = edgesCte(sources, f, d, p);
  return { sql: `WITH e AS (${e}) SELECT DISTINCT e.t, e.rb FROM e WHERE e.t IN ${jsonList(nodes, d, p)} AND e.rb IS NOT NULL LIMIT ${int(limit)}`, params: p.values };
}
