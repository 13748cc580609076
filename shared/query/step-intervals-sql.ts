/**
 * SQL of step intervals: where each step of a run starts and ends, derived in the engine from the
 * format's interval rule (an end column, a duration from the start or up to the logged time, the
 * next step's start with the last step ending at the run's end, or a point), then the steps in a
 * window for a waterfall, or each step name's p90 duration over a set of runs.
 */
import type { NaiveTimePolicy, StepInterval } from '../model/audit-model';
import type { Dialect } from './dialect';
import type { Plan, TimeColumn } from './plan';
import type { SqlText } from './sql';
import { Params, filterConditions, fromClause, orderClause } from './sql';
import type { MsWindow } from './timeline-sql';
import { numberLiteral } from './timeline-sql';

/** How a steps view's rows become intervals. */
export interface StepItems {
  /** The step's time (start, or the logged end for a duration anchored at the end). */
  readonly at: TimeColumn;
  readonly interval: StepInterval;
  /** The steps view's column of the interval (an end time or a duration), when the rule has one. */
  readonly intervalColumn: TimeColumn | null;
  /** The steps view's column naming the lineage node a step produces, when the format says. */
  readonly node: string | null;
  readonly naive: NaiveTimePolicy;
  readonly zone: string;
}

/**
 * Where the runs end, for the last step of a `next` rule: one run's end as a number (or null), or
 * per run key (view columns) for several runs.
 */
export type RunEnds =
  | { readonly kind: 'one'; readonly endMs: number | null }
  | { readonly kind: 'many'; readonly keyColumns: readonly string[]; readonly runs: readonly { readonly key: readonly unknown[]; readonly endMs: number | null }[] };

function unitMs(interval: StepInterval): number {
  return interval.kind === 'duration' && interval.unit === 's' ? 1000 : 1;
}

/**
 * The intervals relation `y(pos, rk…, name, st, msg, node, s, e)`: steps with a start, in step order
 * (`pos` counts every step of its run from 0, as the steps grid numbers them), each with its end.
 * Placeholders are added in the order they appear in the text (SQLite's `?` are positional): the
 * run ends sit in the inner select list, before the inner WHERE.
 */
function intervals(plan: Plan, c: StepItems, ends: RunEnds, d: Dialect, p: Params): string {
  const q = (name: string): string => d.quote(name);
  const keys = ends.kind === 'many' ? ends.keyColumns.map(q) : [];
  const partition = keys.length > 0 ? `PARTITION BY ${keys.join(', ')} ` : '';
  const at = d.epochMs(q(c.at.name), c.at.family, c.naive, c.zone);
  const endLiteral = (ms: number | null): string => (ms === null ? `CAST(NULL AS ${d.doubleType})` : numberLiteral(ms));
  const runEnd = ends.kind === 'one'
    ? endLiteral(ends.endMs)
    : `(CASE ${ends.runs.map((r) => `WHEN ${r.key.map((v, i) => `${keys[i] ?? 'NULL'} = ${p.add(v)}`).join(' AND ')} THEN ${endLiteral(r.endMs)}`).join(' ')} END)`;
  const x = [
    `row_number() OVER (${partition}${orderClause(plan, d).trim()}) - 1 AS pos`, ...keys.map((k, i) => `${k} AS rk${i}`),
    `${q('step_name')} AS name`, `${q('status')} AS st`, `${q('message')} AS msg`, `${c.node ? q(c.node) : 'NULL'} AS node`,
    `${at} AS a`, `${c.intervalColumn ? q(c.intervalColumn.name) : 'NULL'} AS v`, `${runEnd} AS re`,
  ];
  const where = filterConditions(plan, d, p);
  const xSql = `SELECT ${x.join(', ')} FROM ${fromClause(plan, d)}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const xPartition = keys.length > 0 ? `PARTITION BY ${keys.map((_, i) => `x.rk${i}`).join(', ')} ` : '';
  const i = c.interval;
  const dur = `(CAST(x.v AS ${d.doubleType}) * ${unitMs(i)})`;
  let start = 'x.a';
  let end: string;
  switch (i.kind) {
    case 'end':
      end = c.intervalColumn ? d.epochMs('x.v', c.intervalColumn.family, c.naive, c.zone) : `CAST(NULL AS ${d.doubleType})`;
      break;
    case 'duration':
      // A step with no duration is a tick at its time.
      start = i.anchor === 'end' ? `(CASE WHEN x.v IS NULL THEN x.a ELSE x.a - ${dur} END)` : 'x.a';
      end = i.anchor === 'end' ? '(CASE WHEN x.v IS NULL THEN NULL ELSE x.a END)' : `(CASE WHEN x.v IS NULL THEN NULL ELSE x.a + ${dur} END)`;
      break;
    case 'next':
      // The next step in time, not in step order: a step logged out of sequence (a pre-hook with no
      // sequence number sorts last) must not end before it starts. A run whose recorded end comes
      // before its last step's start (a skipped run's late cleanup) leaves that step a point.
      end = `COALESCE(lead(x.a) OVER (${xPartition}ORDER BY x.a, x.pos), CASE WHEN x.re >= x.a THEN x.re END)`;
      break;
    case 'point':
      end = `CAST(NULL AS ${d.doubleType})`;
      break;
  }
  const rk = keys.map((_, n) => `x.rk${n} AS rk${n}, `).join('');
  const known = ends.kind === 'many' ? ' AND x.re IS NOT NULL' : '';
  return `SELECT x.pos AS pos, ${rk}x.name AS name, x.st AS st, x.msg AS msg, x.node AS node, ${start} AS s, ${end} AS e`
    + ` FROM (${xSql}) AS x WHERE x.a IS NOT NULL${known}`;
}

/** Steps of the plan, and those among them with a start that parses: `(n, timed)`. */
export function compileStepCounts(plan: Plan, c: StepItems, d: Dialect): SqlText {
  const p = new Params(d);
  const at = d.epochMs(d.quote(c.at.name), c.at.family, c.naive, c.zone);
  const where = filterConditions(plan, d, p);
  const sql = `SELECT count(*) AS n, count(x.a) AS timed FROM (SELECT ${at} AS a FROM ${fromClause(plan, d)}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}) AS x`;
  return { sql, params: p.values };
}

/**
 * One run's steps with their intervals, in step order, those overlapping the window (all with a
 * start when there is none): `(pos, name, st, msg, node, s, e, n, lo, hi)` where `n` counts the
 * steps in the window and `lo`/`hi` are their first start and last end; at most `limit` rows.
 */
export function compileStepIntervals(plan: Plan, c: StepItems, runEndMs: number | null, w: MsWindow | null, d: Dialect, limit: number): SqlText {
  const p = new Params(d);
  const y = intervals(plan, c, { kind: 'one', endMs: runEndMs }, d, p);
  const inWindow = w ? ` WHERE y.s < ${numberLiteral(w.toMs)} AND COALESCE(y.e, y.s) >= ${numberLiteral(w.fromMs)}` : '';
  const sql = `SELECT y.pos, y.name, y.st, y.msg, y.node, y.s, y.e, count(*) OVER () AS n, min(y.s) OVER () AS lo, max(COALESCE(y.e, y.s)) OVER () AS hi`
    + ` FROM (${y}) AS y${inWindow} ORDER BY y.pos LIMIT ${p.add(limit)}`;
  return { sql, params: p.values };
}

/**
 * Each step name's p90 duration (nearest rank) over the given runs, for names with at least
 * `minSamples` steps that have an end: `(name, p90_ms)`. The plan selects those runs' steps
 * (possibly more); rows of other runs are dropped by the run-key match.
 */
export function compileStepP90(plan: Plan, c: StepItems, runs: Extract<RunEnds, { kind: 'many' }>, d: Dialect, minSamples: number, limit: number): SqlText {
  const p = new Params(d);
  // Steps of runs whose end is unknown still count, but only through an explicit interval.
  const known = { ...runs, runs: runs.runs.map((r) => ({ key: r.key, endMs: r.endMs ?? Number.MAX_SAFE_INTEGER })) };
  const y = intervals(plan, c, known, d, p);
  const durations = `SELECT y.name AS name, (y.e - y.s) AS dur FROM (${y}) AS y WHERE y.e IS NOT NULL AND y.e < ${numberLiteral(Number.MAX_SAFE_INTEGER)} AND y.name IS NOT NULL`;
  const ranked = `SELECT z.name AS name, z.dur AS dur, row_number() OVER (PARTITION BY z.name ORDER BY z.dur) AS rn, count(*) OVER (PARTITION BY z.name) AS cnt FROM (${durations}) AS z`;
  const sql = `SELECT r.name, r.dur FROM (${ranked}) AS r WHERE r.rn = (9 * r.cnt + 9) / 10 AND r.cnt >= ${p.add(minSamples)} LIMIT ${p.add(limit)}`;
  return { sql, params: p.values };
}
