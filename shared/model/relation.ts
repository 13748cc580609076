import type { StatusVocabulary } from './status';
import type { ColumnFamily, TableRef } from './catalog';

/**
 * An expression over a relation's columns. Profiles build these from catalog names and their own
 * constants; they are compiled per dialect and never contain SQL text from the user.
 */
export type RelExpr =
  | { readonly k: 'col'; readonly name: string }
  | { readonly k: 'null' }
  | { readonly k: 'lit'; readonly value: string | number }
  | { readonly k: 'text'; readonly e: RelExpr }
  | { readonly k: 'concat'; readonly parts: readonly RelExpr[]; readonly sep: string }
  | { readonly k: 'status'; readonly e: RelExpr; readonly vocabulary: StatusVocabulary }
  | { readonly k: 'seconds'; readonly e: RelExpr; readonly divisor: number }
  | { readonly k: 'secondsBetween'; readonly from: RelExpr; readonly to: RelExpr }
  | { readonly k: 'day'; readonly e: RelExpr }
  | { readonly k: 'isNull'; readonly e: RelExpr }
  | { readonly k: 'coalesce'; readonly parts: readonly RelExpr[] }
  | { readonly k: 'eq'; readonly a: RelExpr; readonly b: RelExpr }
  | { readonly k: 'endsWith'; readonly e: RelExpr; readonly suffix: string }
  | { readonly k: 'stripSuffix'; readonly e: RelExpr; readonly suffixes: readonly string[] }
  | { readonly k: 'case'; readonly when: readonly { readonly cond: RelExpr; readonly then: RelExpr }[]; readonly otherwise: RelExpr }
  | { readonly k: 'agg'; readonly fn: 'min' | 'max' | 'count' | 'sum'; readonly e: RelExpr; readonly where?: RelExpr }
  | { readonly k: 'sub'; readonly a: RelExpr; readonly b: RelExpr }
  | { readonly k: 'runningCount'; readonly cond: RelExpr; readonly partition: readonly RelExpr[]; readonly order: readonly RelExpr[] }
  | { readonly k: 'jsonText'; readonly e: RelExpr; readonly key: string }
  | { readonly k: 'appFn'; readonly fn: AppFunction; readonly e: RelExpr };

/** SQL functions Auditlens registers on its own SQLite connections (see sql-functions.ts). */
export type AppFunction = 'inflate' | 'ddeutilStatus';

/** A named output column of a derived relation. */
export interface RelColumn {
  readonly name: string;
  readonly expr: RelExpr;
  readonly family: ColumnFamily;
}

/**
 * A relation computed from a table (or from another derived relation): columns, an optional
 * WHERE and GROUP BY. Runs that a format stores as pairs or sequences of events (hook logs,
 * Fivetran syncs) are derived relations; plain tables are the simplest case.
 */
export interface DerivedRelation {
  readonly base: TableRef | DerivedRelation;
  readonly columns: readonly RelColumn[];
  readonly where?: readonly RelExpr[];
  readonly groupBy?: readonly RelExpr[];
  /**
   * A LEFT JOIN of another relation beside the base (a step's run). Column references stay
   * unqualified, so the two sides' column names must be disjoint.
   */
  readonly join?: RelationJoin;
  /**
   * Relations appended with UNION ALL (dbt_artifacts' model, test, seed and snapshot executions as
   * one steps relation): each must have the same column names, in the same order.
   */
  readonly unionAll?: readonly DerivedRelation[];
  /**
   * One row per entry of the JSON object under key `key` (then the keys of `path`) of the document
   * `e` (ddeutil's `context.jobs`), or per element with `array` (OpenLineage's `inputs`), as columns
   * `key` and `value` beside the base's: so the base must not have columns of those names (nor, on
   * SQLite, `type`, `atom`, `id`, `parent`, `fullkey` or `path`). `outer` keeps a base row that has
   * none, with NULLs (a column edge without a transformations list).
   */
  readonly each?: {
    readonly e: RelExpr;
    readonly key: string;
    readonly path?: readonly string[];
    readonly array?: boolean;
    readonly outer?: boolean;
  };
}

/** A relation LEFT JOINed to a base: `left` names a column of the base, `right` one of `relation`. */
export interface RelationJoin {
  readonly relation: DerivedRelation;
  readonly on: readonly { readonly left: string; readonly right: string }[];
}

/** True when the base of a relation is another relation rather than a table. */
export function isDerived(base: TableRef | DerivedRelation): base is DerivedRelation {
  return 'columns' in base;
}
