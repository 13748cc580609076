import type { DerivedRelation, RelationJoin, RelExpr } from '../model/relation';
import { isDerived } from '../model/relation';
import type { Dialect } from './dialect';

export type { DerivedRelation, RelationJoin, RelColumn, RelExpr } from '../model/relation';

/** Quotes a constant from our own code (status words, suffixes) as an SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Compiles an expression used as a condition. Comparisons are boolean already; anything else
 * (a 0/1 CASE, a count) is tested against 0, because Postgres, unlike SQLite, accepts only a
 * boolean after WHEN and WHERE.
 */
export function compileCond(e: RelExpr, d: Dialect): string {
  return e.k === 'eq' || e.k === 'endsWith' ? compileExpr(e, d) : `(${compileExpr(e, d)}) <> 0`;
}

/** Compiles an expression for a dialect. */
export function compileExpr(e: RelExpr, d: Dialect): string {
  const c = (x: RelExpr): string => compileExpr(x, d);
  const cond = (x: RelExpr): string => compileCond(x, d);
  switch (e.k) {
    case 'col':
      return d.quote(e.name);
    case 'null':
      return 'NULL';
    case 'lit':
      if (typeof e.value === 'number') {
        if (!Number.isFinite(e.value)) {
          throw new Error('A relation literal must be a finite number.');
        }
        return String(e.value);
      }
      return sqlString(e.value);
    case 'text':
      return `CAST(${c(e.e)} AS TEXT)`;
    case 'concat':
      return e.parts.map((p) => `COALESCE(CAST(${c(p)} AS TEXT), '')`).join(` || ${sqlString(e.sep)} || `);
    case 'status': {
      const raw = `lower(trim(CAST(${c(e.e)} AS TEXT)))`;
      const entries = Object.entries(e.vocabulary);
      if (entries.length === 0) {
        return sqlString('unknown');
      }
      return `CASE ${raw} ${entries.map(([k, v]) => `WHEN ${sqlString(k)} THEN ${sqlString(v)}`).join(' ')} ELSE 'unknown' END`;
    }
    case 'seconds':
      return e.divisor === 1 ? `CAST(${c(e.e)} AS ${d.doubleType})` : `(CAST(${c(e.e)} AS ${d.doubleType}) / ${e.divisor})`;
    case 'secondsBetween':
      return d.secondsBetween(c(e.from), c(e.to));
    case 'day':
      return `substr(CAST(${c(e.e)} AS TEXT), 1, 10)`;
    case 'isNull':
      return `(CASE WHEN ${c(e.e)} IS NULL THEN 1 ELSE 0 END)`;
    case 'coalesce':
      return e.parts.length === 1 ? c(e.parts[0] as RelExpr) : `COALESCE(${e.parts.map(c).join(', ')})`;
    case 'eq':
      return `(${c(e.a)} = ${c(e.b)})`;
    case 'endsWith':
      return `(substr(CAST(${c(e.e)} AS TEXT), length(CAST(${c(e.e)} AS TEXT)) - ${[...e.suffix].length - 1}) = ${sqlString(e.suffix)})`;
    case 'stripSuffix': {
      const text = `CAST(${c(e.e)} AS TEXT)`;
      const branches = e.suffixes.map((s) => {
        const n = [...s].length;
        return `WHEN substr(${text}, length(${text}) - ${n - 1}) = ${sqlString(s)} THEN substr(${text}, 1, length(${text}) - ${n})`;
      });
      return `(CASE ${branches.join(' ')} ELSE ${text} END)`;
    }
    case 'case':
      return `(CASE ${e.when.map((w) => `WHEN ${cond(w.cond)} THEN ${c(w.then)}`).join(' ')} ELSE ${c(e.otherwise)} END)`;
    case 'agg': {
      const inner = e.where ? `CASE WHEN ${cond(e.where)} THEN ${c(e.e)} END` : c(e.e);
      return `${e.fn}(${inner})`;
    }
    case 'sub':
      return `(${c(e.a)} - ${c(e.b)})`;
    case 'runningCount':
      return `sum(CASE WHEN ${cond(e.cond)} THEN 1 ELSE 0 END) OVER (PARTITION BY ${e.partition.map(c).join(', ')} ORDER BY ${e.order.map(c).join(', ')} ROWS UNBOUNDED PRECEDING)`;
    case 'jsonText':
      return d.jsonText(c(e.e), e.key);
    case 'appFn':
      return d.appFunction(e.fn, c(e.e));
  }
}

/** The derived relation as a parenthesised subquery with an alias, ready for a FROM clause. */
export function compileRelation(rel: DerivedRelation, d: Dialect, alias = 'rel'): string {
  const parts = [rel, ...(rel.unionAll ?? [])];
  const names = rel.columns.map((c) => c.name).join('\u0000');
  if (parts.some((p) => p.columns.map((c) => c.name).join('\u0000') !== names)) {
    throw new Error('Relations joined by UNION ALL must have the same columns in the same order.');
  }
  return `(${parts.map((p, i) => compileSelect(p, d, i === 0 ? alias : `${alias}_u${i}`)).join(' UNION ALL ')}) AS ${d.quote(alias)}`;
}

/** One SELECT of a relation (its union parts aside), without parentheses or alias. */
function compileSelect(rel: DerivedRelation, d: Dialect, alias: string): string {
  const inner = `${alias}_in`;
  const table = isDerived(rel.base) ? '' : rel.base.schema ? `${d.quote(rel.base.schema)}.${d.quote(rel.base.name)}` : d.quote(rel.base.name);
  // A joined table needs an alias for the ON clause; a lone one keeps its bare name (as before).
  const base = isDerived(rel.base) ? compileRelation(rel.base, d, inner) : rel.join ? `${table} AS ${d.quote(inner)}` : table;
  const each = rel.each ? d.jsonEach(compileExpr(rel.each.e, d), [rel.each.key, ...(rel.each.path ?? [])], rel.each.array) : '';
  const expanded = !rel.each ? base : rel.each.outer ? `${base} LEFT JOIN ${each} ON 1 = 1` : `${base}, ${each}`;
  const from = rel.join ? `${expanded} LEFT JOIN ${compileJoin(rel, rel.join, d, alias)}` : expanded;
  const cols = rel.columns.map((c) => `${compileExpr(c.expr, d)} AS ${d.quote(c.name)}`);
  const where = rel.where && rel.where.length > 0 ? ` WHERE ${rel.where.map((w) => compileCond(w, d)).join(' AND ')}` : '';
  const group = rel.groupBy && rel.groupBy.length > 0 ? ` GROUP BY ${rel.groupBy.map((g) => compileExpr(g, d)).join(', ')}` : '';
  return `SELECT ${cols.join(', ')} FROM ${from}${where}${group}`;
}

/**
 * The joined side and its ON clause. Refuses what would silently go wrong: no join columns (a
 * cross join), or names on both sides (an unqualified reference would be ambiguous).
 */
function compileJoin(rel: DerivedRelation, join: RelationJoin, d: Dialect, alias: string): string {
  if (join.on.length === 0) {
    throw new Error('A relation join needs at least one pair of columns.');
  }
  const right = new Set(join.relation.columns.map((c) => c.name));
  const clash = isDerived(rel.base) ? rel.base.columns.find((c) => right.has(c.name)) : undefined;
  if (clash) {
    throw new Error(`Both sides of a relation join have a column named "${clash.name}".`);
  }
  const left = isDerived(rel.base) ? new Set(rel.base.columns.map((c) => c.name)) : null;
  for (const p of join.on) {
    if (!right.has(p.right) || (left && !left.has(p.left))) {
      throw new Error(`A relation join names a column that is not there ("${left && !left.has(p.left) ? p.left : p.right}").`);
    }
  }
  const [inner, joined] = [d.quote(`${alias}_in`), d.quote(`${alias}_j`)];
  const on = join.on.map((p) => `${inner}.${d.quote(p.left)} = ${joined}.${d.quote(p.right)}`);
  return `${compileRelation(join.relation, d, `${alias}_j`)} ON ${on.join(' AND ')}`;
}
