import { AuditlensError } from '../api/result';
import type { ColumnFamily, ColumnInfo, TableInfo } from '../model/catalog';
import { tableLabel } from '../model/catalog';
import type { NaiveTimePolicy } from '../model/audit-model';
import { parseTimestamp } from '../model/timestamps';
import type { ColumnFilter, FilterOp, TableQuery } from '../model/view-request';
import { resolveColumn } from './column-names';
import type { DerivedRelation, RelExpr } from './relation';

/**
 * How a time column whose stored text mixes styles (`2027-03-20 18:09:04` beside
 * `2027-03-20T06:09:55.000000Z`) is read to compare as instants: the store family of the column
 * behind it, the format's naive-time policy and the zone naive local times are in.
 */
export interface InstantRead {
  readonly family: ColumnFamily;
  readonly naive: NaiveTimePolicy;
  readonly zone: string;
}

/**
 * What an ORDER BY term or a keyset column refers to: a catalog column, the SQLite rowid, or a
 * time column read as epoch milliseconds (so mixed styles sort by instant).
 */
export type KeyExpr =
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'rowid'; readonly name: string }
  | ({ readonly kind: 'instant'; readonly name: string } & InstantRead);

/** One ORDER BY term; NULLs always sort as the smallest value in every dialect. */
export interface OrderTerm {
  readonly expr: KeyExpr;
  readonly desc: boolean;
}

/** A filter whose column exists and whose value has been coerced to the column's family. */
export interface PlannedFilter {
  readonly column: string;
  readonly family: ColumnFamily;
  readonly op: FilterOp;
  readonly value: string | number | null;
  readonly values: readonly (string | number | null)[];
  /** Set on a range filter over a mixed-style time column: `value` is epoch ms, the column is read as such. */
  readonly instant?: InstantRead;
}

/** A column holding times, with what the engine needs to read it as epoch milliseconds. */
export interface TimeColumn {
  readonly name: string;
  readonly family: ColumnFamily;
}

/**
 * "The item overlaps the time window `[fromMs, toMs)`": its start is before `toMs` and its end (its
 * start when it has none) is at or after `fromMs`, all in epoch milliseconds. Items whose start
 * does not parse never overlap. Naive times are read per the format's policy, in `zone`.
 */
export interface OverlapCondition {
  readonly kind: 'overlaps';
  readonly start: TimeColumn;
  readonly end: TimeColumn | null;
  readonly fromMs: number;
  readonly toMs: number;
  readonly naive: NaiveTimePolicy;
  /** The IANA zone naive local times are in (the machine's). */
  readonly zone: string;
}

/**
 * A condition across views, beyond one column: "a step of this run matches" (a semi-join into
 * another relation on column pairs), "this value is above its group's threshold" (thresholds
 * computed beforehand, e.g. each run name's median duration), "overlaps a time window", or an
 * OR of conditions (a search over the run's message or its steps').
 */
export type PlanCondition =
  | {
      readonly kind: 'exists';
      readonly relation: DerivedRelation;
      readonly pairs: readonly { readonly outer: string; readonly inner: string }[];
      readonly filters: readonly PlannedFilter[];
      /** Time windows the related row must overlap (a step's run in the window). */
      readonly overlaps?: readonly OverlapCondition[];
      /**
       * How the engine is asked: a correlated EXISTS (one index probe per outer row, best when the
       * inner side has an index on the pairs) or `(outer…) IN (SELECT inner…)`, which SQLite runs
       * once from the inner side (an ephemeral table), so a missing index costs one scan, not one
       * per row. Default: EXISTS.
       */
      readonly semiJoin?: 'exists' | 'in';
    }
  | OverlapCondition
  /** One column filter as a condition, so it can sit in an `anyOf`. */
  | { readonly kind: 'filter'; readonly filter: PlannedFilter }
  /** True when any of its conditions is (OR); false when it has none. */
  | { readonly kind: 'anyOf'; readonly conditions: readonly PlanCondition[] }
  | {
      readonly kind: 'aboveByGroup';
      readonly column: string;
      readonly groupColumn: string;
      readonly thresholds: readonly { readonly group: string | number | null; readonly value: number }[];
    };

/** A dialect-neutral query: every identifier in it comes from the catalog. */
export interface Plan {
  readonly table: TableInfo;
  readonly columns: readonly ColumnInfo[];
  readonly filters: readonly PlannedFilter[];
  readonly order: readonly OrderTerm[];
  /** True when `order` ends in a unique key, so pages can continue after the last row's key. */
  readonly keyset: boolean;
  /** Set when the plan reads a derived relation (runs, steps) rather than the table itself. */
  readonly from?: DerivedRelation;
  /** Conditions across views, ANDed with the column filters. */
  readonly conditions?: readonly PlanCondition[];
  /**
   * Columns selected through an expression under their own name (a ddeutil zlib blob as the JSON
   * text it holds); filters, order and the detail panel still read the stored value.
   */
  readonly decoded?: Readonly<Record<string, RelExpr>>;
}

const ROWID_NAMES = ['rowid', '_rowid_', 'oid'] as const;

/** Compiles a validated table request against the catalog's table into a plan, or throws a typed error. */
export function compilePlan(table: TableInfo, query: TableQuery, from?: DerivedRelation, instants: InstantColumns = {}): Plan {
  if (table.columns.length === 0 && !from) {
    // The catalog could not describe it (SQLite: a view over a dropped table); a SELECT of no columns is a syntax error.
    throw new AuditlensError(
      'unsupported',
      `The ${table.kind === 'view' ? 'view' : 'table'} ${tableLabel(table)} has no columns Auditlens could read: the store could not describe it (it may use a table, column or function the store no longer has), so its rows cannot be shown or exported. Repair it in the program that made the store.`,
    );
  }
  const need = (name: string): ColumnInfo => {
    const col = resolveColumn(table.columns, name, tableLabel(table));
    if (!col) {
      throw new AuditlensError('unknown-column', `The table ${tableLabel(table)} has no column named "${name}".`);
    }
    return col;
  };
  const columns = query.columns && query.columns.length > 0 ? query.columns.map(need) : table.columns;
  const filters = query.filters.map((f) => planFilter(need(f.column), f, instants));
  const order: OrderTerm[] = query.sort.map((s) => ({ expr: keyOf(need(s.column).name, instants), desc: s.desc }));
  const tiebreak = tiebreaker(table);
  for (const term of tiebreak) {
    if (!order.some((o) => o.expr.kind === term.expr.kind && o.expr.name === term.expr.name)) {
      order.push(term);
    }
  }
  return { table, columns, filters, order, keyset: tiebreak.length > 0, ...(from ? { from } : {}) };
}

/** The unique key that makes an ordering total: the rowid, the primary key, or nothing for views. */
export function tiebreaker(table: TableInfo): OrderTerm[] {
  if (table.keyset === 'rowid') {
    const taken = new Set(table.columns.map((c) => c.name.toLowerCase()));
    const name = ROWID_NAMES.find((n) => !taken.has(n));
    return name ? [{ expr: { kind: 'rowid', name }, desc: false }] : [];
  }
  if (table.keyset === 'pk' && table.primaryKey.length > 0) {
    return table.primaryKey.map((name) => ({ expr: { kind: 'column', name }, desc: false }));
  }
  return [];
}

/** Plans column filters against a list of columns (e.g. a relation's), with the same checks as a table's. */
export function planFilters(columns: readonly ColumnInfo[], filters: readonly ColumnFilter[], label: string, instants: InstantColumns = {}): PlannedFilter[] {
  return filters.map((f) => {
    const col = resolveColumn(columns, f.column, `the ${label}`);
    if (!col) {
      throw new AuditlensError('unknown-column', `The ${label} have no column named "${f.column}".`);
    }
    return planFilter(col, f, instants);
  });
}

/** Time columns of a view that compare as instants, by view column name. */
export type InstantColumns = Readonly<Record<string, InstantRead>>;

const RANGE_OPS: ReadonlySet<FilterOp> = new Set<FilterOp>(['gt', 'gte', 'lt', 'lte']);

function keyOf(name: string, instants: InstantColumns): KeyExpr {
  const read = instants[name];
  return read ? { kind: 'instant', name, ...read } : { kind: 'column', name };
}

function planFilter(col: ColumnInfo, f: ColumnFilter, instants: InstantColumns): PlannedFilter {
  const read = instants[col.name];
  if (read && RANGE_OPS.has(f.op)) {
    return { column: col.name, family: col.family, op: f.op, value: instantValue(col.name, f.value, read), values: [], instant: read };
  }
  const coerce = (v: string | number | null | undefined): string | number | null => coerceValue(col, f.op, v);
  return {
    column: col.name,
    family: col.family,
    op: f.op,
    value: coerce(f.value),
    values: (f.values ?? []).map(coerce),
  };
}

/** Numbers stay numbers for numeric columns so that `10 > 9`; everything else compares as given. */
function coerceValue(col: ColumnInfo, op: FilterOp, v: string | number | null | undefined): string | number | null {
  if (v === undefined || v === null) {
    return null;
  }
  const numeric = col.family === 'integer' || col.family === 'real';
  if (numeric && typeof v === 'string' && op !== 'contains' && op !== 'notContains' && op !== 'startsWith') {
    const trimmed = v.trim();
    if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
      throw new AuditlensError('bad-input', `Column "${col.name}" holds numbers, and "${v}" is not a number.`);
    }
    const n = Number(trimmed);
    // Beyond 2^53 (bigint ids) or past double precision (numeric(30,10)) the text is bound as
    // written; both engines compare it numerically against a numeric column without rounding.
    const digits = trimmed.replace(/^[+-]/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').length;
    return Number.isSafeInteger(n) || (!Number.isInteger(n) && digits <= 15) ? n : trimmed;
  }
  if (!numeric && typeof v === 'number' && (op === 'contains' || op === 'notContains' || op === 'startsWith')) {
    return String(v);
  }
  return v;
}

/** A range bound on a time column as epoch ms, read like the column's naive values; a typed error otherwise. */
function instantValue(column: string, v: string | number | null | undefined, read: InstantRead): number {
  const text = typeof v === 'number' ? String(v) : (v ?? '').trim();
  // A bare date is its midnight, as a stored time on that day compares after it.
  const parsed = parseTimestamp(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text} 00:00:00` : text, { naive: read.naive });
  if (!parsed) {
    throw new AuditlensError('bad-input', `Column "${column}" holds times, and "${text}" is not a date and time (write e.g. 2027-03-20 18:00 or 2027-03-20T18:00:00Z).`);
  }
  return parsed.epochMs;
}
