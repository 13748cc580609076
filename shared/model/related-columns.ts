import type { Catalog, TableInfo, TableRef } from './catalog';

/** Where a column's values lead: a column of another table, declared as a foreign key or inferred from names. */
export interface RelatedColumn {
  readonly table: TableRef;
  readonly column: string;
  /** True when no foreign key says so and the link was guessed from names (shown as such). */
  readonly inferred: boolean;
}

const sameRef = (a: TableRef, b: TableRef): boolean => (a.schema ?? null) === (b.schema ?? null) && a.name === b.name;

/**
 * The columns of `table` whose values name a row elsewhere. Declared single-column foreign keys
 * first; then, for an undeclared `<thing>_id` column (session_id, invocation_id,
 * parent_session_id), the first other table of the same schema that is that thing: one named
 * `<thing>`, `<thing>s` or `…_<thing>` with an `id` column (session_id → transformation_session.id),
 * else one whose primary key holds the same column (invocation_id → the runs of that invocation).
 * A table may lead to itself by name (parent_session_id → its own id), never by its own key.
 */
export function relatedColumns(table: TableInfo, catalog: Catalog): ReadonlyMap<string, RelatedColumn> {
  const out = new Map<string, RelatedColumn>();
  const others = catalog.tables.filter((t) => !sameRef(t, table) && (t.schema ?? null) === (table.schema ?? null));
  for (const fk of table.foreignKeys) {
    const [column] = fk.columns;
    const target = catalog.tables.find((t) => sameRef(t, { schema: fk.refSchema, name: fk.refTable }));
    const refColumn = fk.refColumns[0] ?? target?.primaryKey[0];
    if (fk.columns.length === 1 && column !== undefined && refColumn !== undefined) {
      out.set(column, { table: { schema: fk.refSchema, name: fk.refTable }, column: refColumn, inferred: false });
    }
  }
  for (const c of table.columns) {
    const stem = /^(.+)_id$/i.exec(c.name)?.[1]?.toLowerCase();
    if (out.has(c.name) || stem === undefined) {
      continue;
    }
    const thing = stem.split('_').at(-1) ?? stem;
    // A table may lead to itself (parent_session_id), never from its own key.
    const candidates = table.primaryKey.includes(c.name) ? others : [table, ...others];
    const named = candidates.find((t) => {
      const n = t.name.toLowerCase();
      return (n === thing || n === `${thing}s` || n.endsWith(`_${thing}`) || n.endsWith(`_${thing}s`)) && t.columns.some((x) => x.name === 'id');
    });
    const keyed = named ? undefined : others.find((t) => t.primaryKey.includes(c.name));
    const target = named ? { table: named, column: 'id' } : keyed ? { table: keyed, column: c.name } : null;
    if (target) {
      out.set(c.name, { table: { schema: target.table.schema, name: target.table.name }, column: target.column, inferred: true });
    }
  }
  return out;
}
