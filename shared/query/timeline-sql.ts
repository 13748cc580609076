/**
 * SQL of the timeline over the runs view: the filtered range, per-lane time cells (counts by
 * status class, first start, last end) in one GROUP BY, lane counts when there are too many cells,
 * and exact bars. Every query reads the plan's own relation and filters, so the timeline shows
 * exactly what the runs grid shows. Times are epoch milliseconds through `Dialect.epochMs`; the
 * window and grid are number literals because `epochMs` and `timeBucket` repeat their arguments.
 */
import type { NaiveTimePolicy } from '../model/audit-model';
import type { Dialect } from './dialect';
import type { Plan, TimeColumn } from './plan';
import type { SqlText } from './sql';
import { Params, filterConditions, fromClause } from './sql';

/** How the runs view's items sit on the time axis and in lanes. */
export interface RunItems {
  /** The runs-view column lanes group by. */
  readonly lane: string;
  readonly start: TimeColumn;
  readonly end: TimeColumn | null;
  readonly naive: NaiveTimePolicy;
  readonly zone: string;
}

/** A time window `[fromMs, toMs)`. */
export interface MsWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

/** Buckets of `widthMs` from `originMs`, over a window. */
export interface BucketGrid extends MsWindow {
  readonly originMs: number;
  readonly widthMs: number;
}

/** The status classes counted per cell, in the column order of the cells query (unknown is the rest). */
export const CELL_STATUSES = ['ok', 'failed', 'running', 'skipped'] as const;

/** A finite number as an SQL literal (never a placeholder: the time expressions repeat it). */
export function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) {
    throw new Error('A timeline bound must be a finite number.');
  }
  return String(n);
}

/**
 * Keeps the engine from inlining a subquery into the query around it. Inlined, every mention of
 * `t.s` would parse the timestamp again (SQLite and Postgres do not share common expressions):
 * eight parses a row in the cells query instead of two. OFFSET is the fence both engines honour;
 * SQLite wants a LIMIT before it.
 */
export function fence(d: Dialect): string {
  return d.name === 'sqlite' ? ' LIMIT -1 OFFSET 0' : ' OFFSET 0';
}

/**
 * The runs of the plan as `(l, s, e, st, extra…)`: lane value, start and end in epoch ms (NULL when
 * they do not parse), status class, then the extra view columns asked for, as `x0, x1…`.
 */
function runItems(plan: Plan, c: RunItems, d: Dialect, p: Params, extra: readonly string[] = []): string {
  const q = (name: string): string => d.quote(name);
  const s = d.epochMs(q(c.start.name), c.start.family, c.naive, c.zone);
  const e = c.end ? d.epochMs(q(c.end.name), c.end.family, c.naive, c.zone) : `CAST(NULL AS ${d.doubleType})`;
  const cols = [`${q(c.lane)} AS l`, `${s} AS s`, `${e} AS e`, `${q('status')} AS st`, ...extra.map((x, i) => `${q(x)} AS x${i}`)];
  const where = filterConditions(plan, d, p);
  return `(SELECT ${cols.join(', ')} FROM ${fromClause(plan, d)}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}${fence(d)}) AS t`;
}

/** `t` overlaps the window: started before its end, ended (or started) at or after its start. */
function overlaps(w: MsWindow): string {
  return `t.s < ${numberLiteral(w.toMs)} AND COALESCE(t.e, t.s) >= ${numberLiteral(w.fromMs)}`;
}

/** Items, items with a start, the first start and the last end (or start) of the filtered runs. */
export function compileRunRange(plan: Plan, c: RunItems, d: Dialect): SqlText {
  const p = new Params(d);
  const sql = `SELECT count(*) AS n, count(t.s) AS timed, min(t.s) AS lo, max(COALESCE(t.e, t.s)) AS hi FROM ${runItems(plan, c, d, p)}`;
  return { sql, params: p.values };
}

/**
 * Per lane and bucket of the grid: count, count per status class, first start, last end, for the
 * runs in the window; plus, per lane, the runs with no start in bucket -1. Asks for `cap + 1` rows
 * so the caller knows when there were too many cells.
 */
export function compileRunCells(plan: Plan, c: RunItems, grid: BucketGrid, d: Dialect, cap: number): SqlText {
  const p = new Params(d);
  const bucket = d.timeBucket('t.s', numberLiteral(grid.originMs), numberLiteral(grid.widthMs));
  const byStatus = CELL_STATUSES.map((st) => `sum(CASE WHEN t.st = '${st}' THEN 1 ELSE 0 END) AS ${st}`);
  const sql = `SELECT t.l AS l, CASE WHEN t.s IS NULL THEN -1 ELSE ${bucket} END AS b, count(*) AS n, ${byStatus.join(', ')},`
    + ` min(t.s) AS lo, max(COALESCE(t.e, t.s)) AS hi FROM ${runItems(plan, c, d, p)}`
    + ` WHERE t.s IS NULL OR (${overlaps(grid)}) GROUP BY 1, 2 LIMIT ${p.add(cap + 1)}`;
  return { sql, params: p.values };
}

/**
 * Lanes by how many runs they have in the window, busiest first, `limit` of them; each row also
 * carries the number of lanes with runs in the window, those runs, and the runs with no start.
 */
export function compileRunLanes(plan: Plan, c: RunItems, w: MsWindow, d: Dialect, limit: number): SqlText {
  const p = new Params(d);
  const inner = `SELECT t.l AS l, sum(CASE WHEN ${overlaps(w)} THEN 1 ELSE 0 END) AS n, sum(CASE WHEN t.s IS NULL THEN 1 ELSE 0 END) AS u`
    + ` FROM ${runItems(plan, c, d, p)} GROUP BY 1`;
  const sql = `SELECT g.l, g.n, sum(CASE WHEN g.n > 0 THEN 1 ELSE 0 END) OVER () AS lanes, sum(g.n) OVER () AS total, sum(g.u) OVER () AS untimed`
    + ` FROM (${inner}) AS g ORDER BY g.n DESC, g.l${d.nullsOrder(false)} LIMIT ${p.add(limit)}`;
  return { sql, params: p.values };
}

/** Which runs `compileRunBars` returns, and in what order. */
export interface BarSelection {
  /** Only runs overlapping it; null: any time. */
  readonly window: MsWindow | null;
  /** False keeps runs whose start does not parse (one run looked up by key). */
  readonly timedOnly: boolean;
  /** 'lane': by lane then start; 'latest': newest start first. */
  readonly order: 'lane' | 'latest';
}

/**
 * The runs one by one, `(l, s, e, st, x0…)` with the extra view columns, as `sel` says; at most
 * `limit` rows.
 */
export function compileRunBars(plan: Plan, c: RunItems, sel: BarSelection, extra: readonly string[], d: Dialect, limit: number): SqlText {
  const p = new Params(d);
  const items = runItems(plan, c, d, p, extra);
  const where = [...(sel.timedOnly ? ['t.s IS NOT NULL'] : []), ...(sel.window ? [overlaps(sel.window)] : [])];
  const order = sel.order === 'lane' ? `t.l${d.nullsOrder(false)}, t.s` : `t.s DESC${d.nullsOrder(true)}`;
  const sql = `SELECT * FROM ${items}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${p.add(limit)}`;
  return { sql, params: p.values };
}
