import type { AuditModel } from '../../shared/model/audit-model';
import type { Catalog, TableInfo } from '../../shared/model/catalog';

/** Recognises one audit format in a catalog and maps it to the audit model. */
export interface Profile {
  readonly id: string;
  readonly title: string;
  /** Every place the format appears (one per schema in Postgres); empty when it is not there. */
  detect(catalog: Catalog): AuditModel[];
}

/** Tables grouped by schema, so a format is recognised within one schema at a time. */
export function tablesBySchema(catalog: Catalog): Map<string | null, Map<string, TableInfo>> {
  const out = new Map<string | null, Map<string, TableInfo>>();
  for (const t of catalog.tables) {
    const inSchema = out.get(t.schema) ?? new Map<string, TableInfo>();
    inSchema.set(t.name.toLowerCase(), t);
    out.set(t.schema, inSchema);
  }
  return out;
}

/** True when the table has every named column (case-insensitive). */
export function hasColumns(t: TableInfo, names: readonly string[]): boolean {
  const have = new Set(t.columns.map((c) => c.name.toLowerCase()));
  return names.every((n) => have.has(n.toLowerCase()));
}

/** The table's own spelling of a column name, matched case-insensitively. */
export function col(t: TableInfo, name: string): string {
  return t.columns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.name ?? name;
}
