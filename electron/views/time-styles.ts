/**
 * Which time columns of a format's views must compare as instants: those whose stored text mixes
 * styles (`2027-03-20 18:09:04` beside `2027-03-20T06:09:55.000000Z`, fractions, offsets), which
 * sort wrong as text. Over a plain table a bounded sample of each column decides (the first and
 * the last rows by the view's key, so no scan): a column written in one style keeps the plain
 * comparison, and so its index. Over a derived relation (syncs grouped from log rows, executions
 * unioned) the time is computed, so no index serves it and sampling would compute the whole
 * relation: it compares as instants without a sample.
 */
import type { Catalog, ColumnFamily, TableRef } from '../../shared/model/catalog';
import { findTable } from '../../shared/model/catalog';
import type { DerivedRelation } from '../../shared/model/relation';
import type { CellValue } from '../../shared/model/values';
import type { InstantColumns, InstantRead } from '../../shared/query/plan';
import type { AuditView } from '../../shared/query/runs-view';
import type { Source } from '../sources/source';
import type { StoreFormat } from './store-formats';
import { machineZone } from './time-columns';
import { viewPlan } from './view-plans';

/** Values read from each end of a column: the first rows, and the greatest as text. */
const SAMPLE = 100;

/**
 * The shape a value is written in: digits as `9`, an offset kept as written (two offsets of one
 * shape are different instants' conventions). Numbers are one style (epoch values compare as numbers).
 */
export function timeStyle(v: CellValue): string | null {
  if (v === null) {
    return null;
  }
  if (typeof v !== 'string') {
    return 'number';
  }
  const offset = /([+-]\d{2}(:?\d{2})?|Z|z)$/.exec(v.length > 19 ? v : '')?.[0] ?? '';
  return `${v.slice(0, v.length - offset.length).replace(/\d/g, '9')}${offset}`;
}

/** True when the sampled values are written in more than one style. */
export function mixedStyles(values: readonly CellValue[]): boolean {
  const styles = new Set(values.map(timeStyle).filter((s): s is string => s !== null));
  return styles.size > 1;
}

async function sample(source: Source, view: AuditView, column: string): Promise<CellValue[]> {
  const base = { columns: [column], filters: [{ column, op: 'notEmpty' as const }] };
  const key = view.table.primaryKey;
  const first = await source.page(viewPlan(view, { ...base, sort: key.map((c) => ({ column: c, desc: false })) }), 0, SAMPLE);
  const last = key.length > 0 ? await source.page(viewPlan(view, { ...base, sort: key.map((c) => ({ column: c, desc: true })) }), 0, SAMPLE) : { rows: [] };
  return [...first.rows, ...last.rows].map((r) => r[0] ?? null);
}

/** The family of the store column behind a view's time column: the catalog's, or the derived relation's. */
function familyOf(catalog: Catalog, table: TableRef, relation: DerivedRelation | undefined, column: string | undefined): ColumnFamily {
  if (column === undefined) {
    return 'text';
  }
  const cols = relation ? relation.columns : findTable(catalog, table)?.columns ?? [];
  return cols.find((c) => c.name === column)?.family ?? 'text';
}

/** The view's time columns (normalised name, the store column it shows) that mix styles, read as instants. */
async function instantsOf(source: Source, view: AuditView, derived: boolean, columns: readonly (readonly [string, string | null, ColumnFamily])[], read: Omit<InstantRead, 'family'>): Promise<InstantColumns> {
  const out: Record<string, InstantRead> = {};
  for (const [name, own, family] of columns) {
    try {
      // Postgres compares timestamp columns as instants already; numbers compare as numbers.
      const textual = family !== 'integer' && family !== 'real' && (source.dialect.name === 'sqlite' || family !== 'temporal');
      if (textual && (derived || mixedStyles(await sample(source, view, name)))) {
        const r = { ...read, family };
        out[name] = r;
        if (own) {
          out[own] = r;
        }
      }
    } catch {
      // A column the sample cannot read keeps the plain comparison; the view itself reports the error.
    }
  }
  return out;
}

/** The format with its views' mixed-style time columns marked to compare as instants. */
export async function withTimeStyles(source: Source, catalog: Catalog, f: StoreFormat, zone: string = machineZone()): Promise<StoreFormat> {
  const read = { naive: f.model.naiveTime, zone };
  const r = f.model.runs;
  const own = (table: string, c: string | undefined): string | null => (c === undefined ? null : `${table}.${c}`);
  const runFamily = (c: string | undefined): ColumnFamily => familyOf(catalog, r.table, r.relation, c);
  const runCols = [['started_at', own(r.table.name, r.started), runFamily(r.started)], ['ended_at', own(r.table.name, r.ended), runFamily(r.ended)]] as const;
  const runs = await instantsOf(source, f.runs, r.relation !== undefined, runCols.filter(([, c]) => c !== null), read);
  const s = f.model.steps;
  const steps = s && f.steps && s.at !== undefined
    ? await instantsOf(source, f.steps, s.relation !== undefined, [['at', own(s.table.name, s.at), familyOf(catalog, s.table, s.relation, s.at)]], read)
    : {};
  const mark = (view: AuditView, instants: InstantColumns): AuditView => (Object.keys(instants).length > 0 ? { ...view, instants } : view);
  return { ...f, runs: mark(f.runs, runs), steps: f.steps ? mark(f.steps, steps) : null };
}
