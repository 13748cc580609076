import type { AuditModel } from '../../shared/model/audit-model';
import type { Catalog, IndexInfo, TableInfo } from '../../shared/model/catalog';
import { findTable, tableLabel } from '../../shared/model/catalog';

/** True when some index (or the primary key) starts with all of `columns`, in any order. */
export function hasLeadingIndex(t: TableInfo, columns: readonly string[]): boolean {
  const covers = (lead: readonly string[]): boolean => columns.every((c) => lead.slice(0, columns.length).includes(c));
  if (t.primaryKey.length >= columns.length && covers(t.primaryKey)) {
    return true;
  }
  return t.indexes.some((ix: IndexInfo) => ix.columns.length >= columns.length && covers(ix.columns));
}

/**
 * What the runs view will scan for lack of an index, as sentences for the UI: a run's steps
 * without an index on the steps' run key, the default newest-first order without one on the
 * start time. Formats whose runs are derived (pairs, syncs) are computed anyway and get none.
 */
export function indexAdvice(model: AuditModel, catalog: Catalog): string[] {
  const out: string[] = [];
  const runs = findTable(catalog, model.runs.table);
  if (runs && !model.runs.relation && model.runs.started && !hasLeadingIndex(runs, [model.runs.started]) && runs.kind === 'table') {
    out.push(`${tableLabel(runs)} has no index on ${model.runs.started}, so showing the newest runs first reads and sorts the whole table.`);
  }
  const s = model.steps;
  const steps = s ? findTable(catalog, s.table) : undefined;
  if (s && steps && !s.relation && steps.kind === 'table' && !hasLeadingIndex(steps, s.runKey)) {
    out.push(`${tableLabel(steps)} has no index on (${s.runKey.join(', ')}), so opening a run's steps scans the whole table.`);
  }
  return out;
}
