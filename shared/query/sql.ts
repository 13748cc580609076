import type { Dialect } from './dialect';
import { escapeLike } from './dialect';
import type { KeyExpr, OrderTerm, OverlapCondition, Plan, PlanCondition, PlannedFilter } from './plan';
import { tiebreaker } from './plan';
import { compileExpr, compileRelation } from './relation';

/** SQL text with its bound parameters, in placeholder order. */
export interface SqlText {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Where a page starts: after a known key (keyset), then skipping `offset` more rows. */
export interface PageWindow {
  readonly after: readonly unknown[] | null;
  readonly offset: number;
  readonly limit: number;
}

/** Collects parameters and hands out the dialect's placeholder for each. */
class Params {
  public readonly values: unknown[] = [];

  public constructor(private readonly dialect: Dialect) {}

  public add(value: unknown): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length);
  }
}

/** One output column of a plan's SELECT: the quoted name, or its decoding expression under that name. */
export function selectColumn(plan: Plan, name: string, d: Dialect, alias = true): string {
  const e = plan.decoded?.[name];
  return e ? `${compileExpr(e, d)}${alias ? ` AS ${d.quote(name)}` : ''}` : d.quote(name);
}

/** The quoted FROM target of a plan. */
export function fromClause(plan: Plan, d: Dialect): string {
  if (plan.from) {
    return compileRelation(plan.from, d);
  }
  const t = plan.table;
  return t.schema ? `${d.quote(t.schema)}.${d.quote(t.name)}` : d.quote(t.name);
}

function keyExprSql(expr: KeyExpr, d: Dialect): string {
  if (expr.kind === 'instant') {
    return d.epochMs(d.quote(expr.name), expr.family, expr.naive, expr.zone);
  }
  return expr.kind === 'rowid' ? expr.name : d.quote(expr.name);
}

function filterSql(f: PlannedFilter, d: Dialect, p: Params): string {
  // A range on a mixed-style time column compares instants; other operators compare the stored value.
  const c = f.instant ? d.epochMs(d.quote(f.column), f.instant.family, f.instant.naive, f.instant.zone) : d.quote(f.column);
  switch (f.op) {
    case 'eq':
      return f.value === null ? `${c} IS NULL` : `${c} = ${p.add(f.value)}`;
    case 'neq':
      return f.value === null ? `${c} IS NOT NULL` : `(${c} <> ${p.add(f.value)} OR ${c} IS NULL)`;
    case 'gt':
      return `${c} > ${p.add(f.value)}`;
    case 'gte':
      return `${c} >= ${p.add(f.value)}`;
    case 'lt':
      return `${c} < ${p.add(f.value)}`;
    case 'lte':
      return `${c} <= ${p.add(f.value)}`;
    case 'contains':
      return d.ilike(c, p.add(`%${escapeLike(String(f.value ?? ''))}%`), f.family);
    case 'notContains':
      return `(NOT ${d.ilike(c, p.add(`%${escapeLike(String(f.value ?? ''))}%`), f.family)} OR ${c} IS NULL)`;
    case 'startsWith':
      return d.ilike(c, p.add(`${escapeLike(String(f.value ?? ''))}%`), f.family);
    case 'empty':
      return d.isEmpty(c, f.family);
    case 'notEmpty':
      return `NOT ${d.isEmpty(c, f.family)}`;
    case 'in': {
      const nonNull = f.values.filter((v) => v !== null);
      const parts: string[] = [];
      if (nonNull.length > 0) {
        parts.push(`${c} IN (${nonNull.map((v) => p.add(v)).join(', ')})`);
      }
      if (f.values.includes(null)) {
        parts.push(`${c} IS NULL`);
      }
      return parts.length === 0 ? '1 = 0' : `(${parts.join(' OR ')})`;
    }
  }
}

/**
 * The keyset condition "row comes after `key` in `order`", with NULL as the smallest value.
 * Expanded as an OR chain because row-value comparison cannot mix directions or NULLs.
 */
export function keysetSql(order: readonly OrderTerm[], key: readonly unknown[], d: Dialect, p: Params): string {
  const branches: string[] = [];
  for (let i = 0; i < order.length; i++) {
    const term = order[i] as OrderTerm;
    const v = key[i];
    const isNull = v === null || v === undefined;
    if (term.desc && isNull) {
      // Nothing sorts after NULL in a descending term: no branch, and no parameters bound for it.
      continue;
    }
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      const prev = order[j] as OrderTerm;
      const pv = key[j];
      const e = keyExprSql(prev.expr, d);
      parts.push(pv === null || pv === undefined ? `${e} IS NULL` : `${e} = ${p.add(pv)}`);
    }
    const e = keyExprSql(term.expr, d);
    if (!term.desc) {
      parts.push(isNull ? `${e} IS NOT NULL` : `${e} > ${p.add(v)}`);
    } else {
      parts.push(`(${e} < ${p.add(v)} OR ${e} IS NULL)`);
    }
    branches.push(parts.length === 1 ? (parts[0] as string) : `(${parts.join(' AND ')})`);
  }
  return branches.length === 0 ? '1 = 0' : branches.length === 1 ? (branches[0] as string) : `(${branches.join(' OR ')})`;
}

function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

/** The WHERE conditions of the plan's filters. */
export function filterConditions(plan: Plan, d: Dialect, p: Params): string[] {
  return [...plan.filters.map((f) => filterSql(f, d, p)), ...(plan.conditions ?? []).map((c) => conditionSql(plan, c, d, p))];
}

/**
 * The overlap test in SQL; `qualifier` names the relation when the columns could resolve to an
 * outer one. The window bounds are parameters; the time columns appear several times (epochMs).
 */
export function overlapSql(c: OverlapCondition, d: Dialect, p: Params, qualifier = ''): string {
  const col = (t: { readonly name: string }): string => `${qualifier}${d.quote(t.name)}`;
  const s = d.epochMs(col(c.start), c.start.family, c.naive, c.zone);
  const e = c.end ? `COALESCE(${d.epochMs(col(c.end), c.end.family, c.naive, c.zone)}, ${s})` : s;
  return `(${s} < ${p.add(c.toMs)} AND ${e} >= ${p.add(c.fromMs)})`;
}

function conditionSql(plan: Plan, c: PlanCondition, d: Dialect, p: Params): string {
  if (c.kind === 'exists') {
    return semiJoinSql(plan, c, d, p);
  }
  if (c.kind === 'overlaps') {
    return overlapSql(c, d, p);
  }
  if (c.kind === 'filter') {
    return filterSql(c.filter, d, p);
  }
  if (c.kind === 'anyOf') {
    return c.conditions.length === 0 ? '1 = 0' : `(${c.conditions.map((x) => conditionSql(plan, x, d, p)).join(' OR ')})`;
  }
  if (c.thresholds.length === 0) {
    return '1 = 0';
  }
  const g = d.quote(c.groupColumn);
  const cases = c.thresholds.map((t) => (t.group === null ? `WHEN ${g} IS NULL THEN ${p.add(t.value)}` : `WHEN ${g} = ${p.add(t.group)} THEN ${p.add(t.value)}`));
  return `${d.quote(c.column)} > (CASE ${cases.join(' ')} END)`;
}

/**
 * "A related row matches" as EXISTS or as IN (see the condition's `semiJoin`). Inside, names
 * are qualified by the inner alias "sub" so none resolves to the outer relation (always "rel").
 * IN takes row values for a key of several columns (SQLite 3.15+, Postgres); a NULL key matches
 * nothing either way, as with `=`.
 */
function semiJoinSql(plan: Plan, c: Extract<PlanCondition, { kind: 'exists' }>, d: Dialect, p: Params): string {
  const sub = `${d.quote('sub')}.`;
  const outer = plan.from ? `${d.quote('rel')}.` : `${fromClause(plan, d)}.`;
  const inner = c.filters.map((f) => filterSql(f, d, p));
  const windows = (c.overlaps ?? []).map((o) => overlapSql(o, d, p, sub));
  if (c.semiJoin === 'in') {
    const wrap = (xs: readonly string[]): string => (xs.length === 1 ? (xs[0] as string) : `(${xs.join(', ')})`);
    const where = [...inner, ...windows];
    const lhs = wrap(c.pairs.map((x) => `${outer}${d.quote(x.outer)}`));
    const rhs = c.pairs.map((x) => `${sub}${d.quote(x.inner)}`).join(', ');
    return `${lhs} IN (SELECT ${rhs} FROM ${compileRelation(c.relation, d, 'sub')}${whereClause(where)})`;
  }
  const on = c.pairs.map((x) => `${sub}${d.quote(x.inner)} = ${outer}${d.quote(x.outer)}`);
  return `EXISTS (SELECT 1 FROM ${compileRelation(c.relation, d, 'sub')} WHERE ${[...on, ...inner, ...windows].join(' AND ')})`;
}

/** The ORDER BY clause of a plan. */
export function orderClause(plan: Plan, d: Dialect): string {
  if (plan.order.length === 0) {
    return '';
  }
  return ` ORDER BY ${plan.order
    .map((o) => `${keyExprSql(o.expr, d)}${o.desc ? ' DESC' : ''}${o.expr.kind === 'rowid' ? '' : d.nullsOrder(o.desc)}`)
    .join(', ')}`;
}

/** Number of leading result columns that are the plan's visible columns (key columns follow them). */
export function visibleWidth(plan: Plan): number {
  return plan.columns.length;
}

/**
 * SELECT for one page: the visible columns, then the order keys (so the caller can continue after
 * the last row), filtered, ordered, starting after `window.after` and skipping `window.offset`.
 */
export function compilePage(plan: Plan, d: Dialect, window: PageWindow): SqlText {
  const p = new Params(d);
  const cols = plan.columns.map((c) => selectColumn(plan, c.name, d));
  const keys = plan.order.map((o, i) => `${keyExprSql(o.expr, d)} AS ${d.quote(`__k${i}`)}`);
  const conditions = filterConditions(plan, d, p);
  if (window.after !== null && plan.keyset) {
    conditions.push(keysetSql(plan.order, window.after, d, p));
  }
  const limit = p.add(window.limit);
  const offset = window.offset > 0 ? ` OFFSET ${p.add(window.offset)}` : '';
  const sql = `SELECT ${[...cols, ...keys].join(', ')} FROM ${fromClause(plan, d)}${whereClause(conditions)}${orderClause(plan, d)} LIMIT ${limit}${offset}`;
  return { sql, params: p.values };
}

/** SELECT of every matching row with only the visible columns, for streaming exports. */
export function compileExport(plan: Plan, d: Dialect): SqlText {
  const p = new Params(d);
  const cols = plan.columns.map((c) => selectColumn(plan, c.name, d));
  const conditions = filterConditions(plan, d, p);
  const sql = `SELECT ${cols.join(', ')} FROM ${fromClause(plan, d)}${whereClause(conditions)}${orderClause(plan, d)}`;
  return { sql, params: p.values };
}

/** COUNT of matching rows, optionally restricted to a key range `(low, high]` for budgeted counting. */
export function compileCount(plan: Plan, d: Dialect, range?: { readonly keyExpr: string }): SqlText {
  const p = new Params(d);
  const conditions = filterConditions(plan, d, p);
  if (range) {
    conditions.push(`${range.keyExpr} > ${p.add(0)}`, `${range.keyExpr} <= ${p.add(0)}`);
  }
  return { sql: `SELECT count(*) AS n FROM ${fromClause(plan, d)}${whereClause(conditions)}`, params: p.values };
}

/** `SELECT 1` per matching row, unordered: for a count that steps through them and can stop at a budget. */
export function compileRowsOf(plan: Plan, d: Dialect): SqlText {
  const p = new Params(d);
  const conditions = filterConditions(plan, d, p);
  return { sql: `SELECT 1 FROM ${fromClause(plan, d)}${whereClause(conditions)}`, params: p.values };
}

/** COUNT of matching rows capped at `cap`, for relations that cannot be counted in key ranges. */
export function compileCappedCount(plan: Plan, d: Dialect, cap: number): SqlText {
  const p = new Params(d);
  const conditions = filterConditions(plan, d, p);
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${fromClause(plan, d)}${whereClause(conditions)} LIMIT ${p.add(cap)}) AS capped`;
  return { sql, params: p.values };
}

/** How a value list is ranked: busiest first, or greatest value first (the day facet: newest day on top). */
export type ValueOrder = 'count' | 'newest';

/**
 * The most frequent values of one column under the plan's other filters, with their counts:
 * what a value-list filter shows. Asks for `limit + 1` to learn whether the list is complete.
 */
export function compileValueCounts(plan: Plan, column: string, d: Dialect, limit: number, order: ValueOrder = 'count'): SqlText {
  const p = new Params(d);
  const others: Plan = { ...plan, filters: plan.filters.filter((f) => f.column !== column) };
  const conditions = filterConditions(others, d, p);
  const c = d.quote(column);
  const sql = `SELECT ${c} AS v, count(*) AS n FROM ${fromClause(plan, d)}${whereClause(conditions)} GROUP BY ${c} ORDER BY ${order === 'newest' ? `${c} IS NULL, ${c} DESC` : 'n DESC, v'} LIMIT ${p.add(limit + 1)}`;
  return { sql, params: p.values };
}

/**
 * Each group's median of a numeric column under the plan's filters (window functions, so one pass
 * in the engine): the thresholds of "slower than its name's median". Asks for `limit + 1` groups.
 */
export function compileGroupMedians(plan: Plan, valueColumn: string, groupColumn: string, d: Dialect, limit: number): SqlText {
  const p = new Params(d);
  const v = d.quote(valueColumn);
  const g = d.quote(groupColumn);
  const conditions = [...filterConditions(plan, d, p), `${v} IS NOT NULL`];
  const inner = `SELECT ${g} AS g, ${v} AS v, row_number() OVER (PARTITION BY ${g} ORDER BY ${v}) AS rn, count(*) OVER (PARTITION BY ${g}) AS cnt FROM ${fromClause(plan, d)}${whereClause(conditions)}`;
  const sql = `SELECT g, avg(v) AS median FROM (${inner}) AS m WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2) GROUP BY g LIMIT ${p.add(limit + 1)}`;
  return { sql, params: p.values };
}

/**
 * How well a suggested join holds in the data: of up to `sample` distinct non-NULL key values in
 * the steps table, how many exist in the runs table. Shown beside each suggestion in the form.
 */
export function compileKeyOverlap(
  runs: { readonly schema: string | null; readonly name: string },
  steps: { readonly schema: string | null; readonly name: string },
  pairs: readonly { readonly runs: string; readonly steps: string }[],
  d: Dialect,
  sample: number,
): SqlText {
  const p = new Params(d);
  const ref = (t: { readonly schema: string | null; readonly name: string }): string => (t.schema ? `${d.quote(t.schema)}.${d.quote(t.name)}` : d.quote(t.name));
  const vs = pairs.map((x, i) => `${d.quote(x.steps)} AS ${d.quote(`v${i}`)}`).join(', ');
  const notNull = pairs.map((x) => `${d.quote(x.steps)} IS NOT NULL`).join(' AND ');
  const match = pairs.map((x, i) => `${d.quote('r')}.${d.quote(x.runs)} = ${d.quote('s')}.${d.quote(`v${i}`)}`).join(' AND ');
  const sql = `SELECT count(*) AS sampled, coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM ${ref(runs)} AS ${d.quote('r')} WHERE ${match}) THEN 1 ELSE 0 END), 0) AS matched FROM (SELECT DISTINCT ${vs} FROM ${ref(steps)} WHERE ${notNull} LIMIT ${p.add(sample)}) AS ${d.quote('s')}`;
  return { sql, params: p.values };
}

/** SELECT of one whole row by its unique key (rowid or primary key values), for the detail panel. */
export function compileRowByKey(plan: Plan, d: Dialect, key: readonly unknown[]): SqlText {
  const p = new Params(d);
  const terms = tiebreaker(plan.table);
  const conds = terms.map((o, i) => {
    const v = key[i];
    return v === null || v === undefined ? `${keyExprSql(o.expr, d)} IS NULL` : `${keyExprSql(o.expr, d)} = ${p.add(v)}`;
  });
  const cols = plan.table.columns.map((c) => d.quote(c.name));
  return { sql: `SELECT ${cols.join(', ')} FROM ${fromClause(plan, d)}${whereClause(conds)} LIMIT 2`, params: p.values };
}

/** Indexes into a page row's order keys where the unique key's values sit, in key order. */
export function uniqueKeyPositions(plan: Plan): number[] {
  return tiebreaker(plan.table).map((t) =>
    plan.order.findIndex((o) => o.expr.kind === t.expr.kind && o.expr.name === t.expr.name),
  );
}

export { Params };
