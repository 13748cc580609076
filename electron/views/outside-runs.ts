/**
 * The rows of a format's steps table that belong to no run (StepsMapping.outside): never steps,
 * but counted so a user learns how many log rows the runs do not cover.
 */
import type { Plan } from '../../shared/query/plan';
import { compilePlan } from '../../shared/query/plan';
import type { TableInfo } from '../../shared/model/catalog';
import type { StoreFormat } from './store-formats';

/** A plan over the rows outside every run, or null when the format says none can be. */
export function outsidePlan(f: StoreFormat): Plan | null {
  const s = f.model.steps;
  if (!s?.outside) {
    return null;
  }
  const table: TableInfo = {
    schema: s.table.schema,
    name: `rows of ${s.table.name} outside every run`,
    kind: 'view',
    columns: s.outside.columns.map((c) => ({ name: c.name, type: 'TEXT', family: c.family, notNull: false, pk: 0 })),
    primaryKey: [],
    foreignKeys: [],
    indexes: [],
    keyset: 'none',
    rowCount: null,
  };
  return compilePlan(table, { table: { schema: table.schema, name: table.name }, filters: [], sort: [] }, s.outside);
}
