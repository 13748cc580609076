import type { AuditModel } from '../model/audit-model';
import type { ColumnFamily, ColumnInfo, TableInfo } from '../model/catalog';
import type { SortKey } from '../model/view-request';
import type { DerivedRelation, RelColumn, RelExpr } from '../model/relation';
import type { InstantColumns } from './plan';

/** Normalised run columns, in display order; every format's runs view starts with these. */
export const RUN_COLUMNS = ['run_id', 'run_name', 'started_at', 'ended_at', 'duration_s', 'status', 'raw_status', 'actor', 'message', 'day'] as const;

/** Normalised step columns, in display order. */
export const STEP_COLUMNS = ['step_name', 'at', 'status', 'raw_status', 'message'] as const;

const NULL: RelExpr = { k: 'null' };
const colOr = (name: string | undefined): RelExpr => (name === undefined ? NULL : { k: 'col', name });

/** A runs or steps view: the derived relation and the table the planner sees over it. */
export interface AuditView {
  readonly relation: DerivedRelation;
  readonly table: TableInfo;
  /** The view's columns that hold the run key, in run-key order. */
  readonly keyColumns: readonly string[];
  /** Default order: for steps, the format's step order. */
  readonly defaultSort: readonly SortKey[];
  /** Columns that exist only for the default order (`x is null`): never shown or exported unless named. */
  readonly hidden?: readonly string[];
  /** Time columns whose stored text mixes styles, so sorts and ranges compare them as instants. */
  readonly instants?: InstantColumns;
}

function column(name: string, expr: RelExpr, family: ColumnFamily): RelColumn {
  return { name, expr, family };
}

function info(c: RelColumn, pk = 0): ColumnInfo {
  return { name: c.name, type: c.family === 'real' ? 'REAL' : c.family === 'integer' ? 'INTEGER' : c.family === 'temporal' ? 'TIMESTAMP' : 'TEXT', family: c.family, notNull: false, pk };
}

/**
 * Own columns of the base, named `table.column` so they never collide with normalised ones. The
 * columns the format reads as times are temporal whatever their stored type (text in SQLite), so
 * an export in UTC or local time writes them as it writes `started_at`: one instant, one form.
 */
function ownColumns(base: TableInfo, relation: DerivedRelation | undefined, times: readonly (string | undefined)[] = []): RelColumn[] {
  const cols = relation ? relation.columns.map((c) => ({ name: c.name, family: c.family })) : base.columns;
  const timed = new Set(times.filter((t): t is string => t !== undefined));
  const familyOf = (c: { readonly name: string; readonly family: ColumnFamily }): ColumnFamily => (timed.has(c.name) && (c.family === 'text' || c.family === 'other') ? 'temporal' : c.family);
  return cols.map((c) => column(`${base.name}.${c.name}`, { k: 'col', name: c.name }, familyOf(c)));
}

/** What the view reads from: the format's derived relation, or the table itself. */
function source(base: TableInfo, relation: DerivedRelation | undefined): DerivedRelation['base'] {
  return relation ?? { schema: base.schema, name: base.name };
}

/** Builds the runs view of a model over its base table (which must be the catalog's table). */
export function runsView(model: AuditModel, base: TableInfo): AuditView {
  const r = model.runs;
  const key: RelExpr = r.key.length === 1 ? { k: 'text', e: { k: 'col', name: r.key[0] as string } } : { k: 'concat', parts: r.key.map((name) => ({ k: 'col', name })), sep: ' / ' };
  // End − start where the run has both, so the duration agrees with the times shown beside it
  // (ddeutil's exec_latency is its own figure, kept under its own name); else the duration column.
  const durationParts: RelExpr[] = [];
  if (r.started && r.ended) {
    durationParts.push({ k: 'secondsBetween', from: { k: 'col', name: r.started }, to: { k: 'col', name: r.ended } });
  }
  if (r.duration) {
    durationParts.push({ k: 'seconds', e: { k: 'col', name: r.duration.column }, divisor: r.duration.unit === 'ms' ? 1000 : 1 });
  }
  const duration: RelExpr = durationParts.length === 0 ? NULL : { k: 'coalesce', parts: durationParts };
  const normal: RelColumn[] = [
    column('run_id', key, 'text'),
    column('run_name', colOr(r.name), 'text'),
    column('started_at', colOr(r.started), 'temporal'),
    column('ended_at', colOr(r.ended), 'temporal'),
    column('duration_s', duration, 'real'),
    column('status', { k: 'status', e: colOr(r.status), vocabulary: model.runStatus }, 'text'),
    column('raw_status', colOr(r.status), 'text'),
    column('actor', colOr(r.actor), 'text'),
    column('message', colOr(r.message), 'text'),
    column('day', r.started ? { k: 'day', e: { k: 'col', name: r.started } } : NULL, 'text'),
  ];
  const own = ownColumns(base, r.relation, [r.started, r.ended]);
  const keyColumns = r.key.map((k) => `${base.name}.${k}`);
  // A relation grouped by the run key makes the key unique by construction; plain rows need a key.
  const grouped = (r.relation?.groupBy?.length ?? 0) > 0;
  const uniqueByPk = grouped || r.unique === true || (base.primaryKey.length === r.key.length && base.primaryKey.every((k) => r.key.includes(k)));
  const columns = [...normal, ...own];
  return {
    relation: { base: source(base, r.relation), columns },
    keyColumns,
    defaultSort: r.started ? [{ column: 'started_at', desc: true }] : [],
    table: {
      schema: base.schema,
      name: `runs of ${base.name}`,
      kind: 'view',
      columns: columns.map((c) => info(c, uniqueByPk ? keyColumns.indexOf(c.name) + 1 : 0)),
      primaryKey: uniqueByPk ? keyColumns : [],
      foreignKeys: [],
      indexes: [],
      keyset: uniqueByPk ? 'pk' : 'none',
      rowCount: null,
    },
  };
}

/** Builds the steps view of a model over its steps table; null when the format has no steps. */
export function stepsView(model: AuditModel, base: TableInfo): AuditView | null {
  const s = model.steps;
  if (!s) {
    return null;
  }
  const normal: RelColumn[] = [
    column('step_name', colOr(s.name), 'text'),
    column('at', colOr(s.at), 'temporal'),
    column('status', { k: 'status', e: colOr(s.status), vocabulary: model.stepStatus }, 'text'),
    column('raw_status', colOr(s.status), 'text'),
    column('message', colOr(s.message), 'text'),
  ];
  const ordering: RelColumn[] = s.order.filter((o) => o.nullsLast).map((o) => column(`${o.column} is null`, { k: 'isNull', e: { k: 'col', name: o.column } }, 'integer'));
  const own = ownColumns(base, s.relation, [s.at, s.interval?.kind === 'end' ? s.interval.column : undefined]);
  const columns = [...normal, ...own, ...ordering];
  const defaultSort: SortKey[] = [];
  for (const o of s.order) {
    if (o.nullsLast) {
      defaultSort.push({ column: `${o.column} is null`, desc: false });
    }
    defaultSort.push({ column: `${base.name}.${o.column}`, desc: o.desc === true });
  }
  const pk = s.relation ? [] : base.primaryKey.map((k) => `${base.name}.${k}`);
  return {
    relation: { base: source(base, s.relation), columns },
    keyColumns: s.runKey.map((k) => `${base.name}.${k}`),
    defaultSort,
    hidden: ordering.map((c) => c.name),
    table: {
      schema: base.schema,
      name: `steps of ${base.name}`,
      kind: 'view',
      columns: columns.map((c) => info(c, pk.indexOf(c.name) + 1)),
      primaryKey: pk,
      foreignKeys: [],
      indexes: [],
      keyset: pk.length > 0 ? 'pk' : 'none',
      rowCount: null,
    },
  };
}

/** The run columns a step carries when joined to its run: the run's own facts, not its row details. */
const JOINED_RUN_SOURCES: readonly string[] = RUN_COLUMNS.filter((c) => c !== 'raw_status' && c !== 'message' && c !== 'day');

/** `status` → `run_status`, so a run column never shadows the step column of the same name. */
const joinedName = (c: string): string => (c.startsWith('run_') ? c : `run_${c}`);

/** The columns a steps view joined to its runs starts with, in order: `run_id`, `run_name`, `run_started_at`, … */
export const STEP_RUN_COLUMNS: readonly string[] = JOINED_RUN_SOURCES.map(joinedName);

/**
 * The steps view with each step's run columns in front (STEP_RUN_COLUMNS), LEFT JOINed on the run
 * key, then every steps column unchanged: what a steps export writes. The run side is a wrapper
 * over the runs relation that renames what it exposes, so no name meets a step column.
 */
export function stepsWithRunView(steps: AuditView, runs: AuditView): AuditView {
  if (steps.keyColumns.length === 0 || steps.keyColumns.length !== runs.keyColumns.length) {
    throw new Error(`Steps join on ${steps.keyColumns.length} columns but runs are keyed by ${runs.keyColumns.length}.`);
  }
  const runColumn = (name: string): RelColumn => {
    const c = runs.relation.columns.find((x) => x.name === name);
    if (!c) {
      throw new Error(`The runs view has no column named "${name}".`);
    }
    return c;
  };
  const shown = JOINED_RUN_SOURCES.map((name) => column(joinedName(name), { k: 'col', name }, runColumn(name).family));
  // Step columns are normalised names, `table.column` or `column is null`: `run_key_N` is none of them.
  const keys = runs.keyColumns.map((k, i) => column(`run_key_${i + 1}`, { k: 'col', name: k }, runColumn(k).family));
  const stepNames = new Set(steps.relation.columns.map((c) => c.name));
  const clash = [...shown, ...keys].find((c) => stepNames.has(c.name));
  if (clash) {
    throw new Error(`The steps view already has a column named "${clash.name}".`);
  }
  const runSide: DerivedRelation = { base: runs.relation, columns: [...shown, ...keys] };
  const columns = [...shown, ...steps.relation.columns].map((c) => column(c.name, { k: 'col', name: c.name }, c.family));
  // A run key that is not unique would repeat a step once per run row, so the step key no longer identifies a row.
  const unique = runs.table.keyset === 'pk';
  return {
    relation: { base: steps.relation, columns, join: { relation: runSide, on: steps.keyColumns.map((left, i) => ({ left, right: `run_key_${i + 1}` })) } },
    keyColumns: steps.keyColumns,
    defaultSort: steps.defaultSort,
    ...(steps.hidden ? { hidden: steps.hidden } : {}),
    ...joinedInstants(steps, runs),
    table: unique
      ? { ...steps.table, columns: [...shown.map((c) => info(c)), ...steps.table.columns] }
      : { ...steps.table, columns: [...shown.map((c) => info(c)), ...steps.table.columns.map((c) => ({ ...c, pk: 0 }))], primaryKey: [], keyset: 'none' },
  };
}

/** The steps' own mixed-style time columns, and the run's start and end under their joined names. */
function joinedInstants(steps: AuditView, runs: AuditView): { instants?: InstantColumns } {
  const fromRuns = Object.entries(runs.instants ?? {}).filter(([name]) => JOINED_RUN_SOURCES.includes(name)).map(([name, read]) => [joinedName(name), read] as const);
  const all = { ...(steps.instants ?? {}), ...Object.fromEntries(fromRuns) };
  return Object.keys(all).length > 0 ? { instants: all } : {};
}
