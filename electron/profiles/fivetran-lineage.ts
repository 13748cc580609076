/**
 * Fivetran's lineage tables (Enterprise plans; audit-formats.md §2.1, with the join keys DataHub
 * uses): `table_lineage(source_table_id, destination_table_id, created_at)`, each end named
 * through its table metadata and that table's schema metadata (source → destination schema.table),
 * and `column_lineage(source_column_id, destination_column_id, created_at)`, each end named through
 * its column metadata, then the same table and schema metadata (schema.table.column).
 */
import type { LineageMapping } from '../../shared/model/audit-model';
import type { TableInfo } from '../../shared/model/catalog';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import { col, hasColumns } from './profile';

const c = (name: string): RelExpr => ({ k: 'col', name });

/** A table metadata table joined to its schema metadata: `(p_id, p_name, p_schema)`. */
function namedTables(table: TableInfo, schema: TableInfo, p: string): DerivedRelation {
  return {
    base: { schema: table.schema, name: table.name },
    columns: [
      { name: `${p}_id`, expr: c(col(table, 'id')), family: 'text' },
      { name: `${p}_name`, expr: c(col(table, 'name')), family: 'text' },
      { name: `${p}_schema`, expr: c(`${p}s_name`), family: 'text' },
    ],
    join: {
      relation: { base: { schema: schema.schema, name: schema.name }, columns: [{ name: `${p}s_id`, expr: c(col(schema, 'id')), family: 'text' }, { name: `${p}s_name`, expr: c(col(schema, 'name')), family: 'text' }] },
      on: [{ left: col(table, 'schema_id'), right: `${p}s_id` }],
    },
  };
}

/** A column metadata table joined to its named table: `(p_cid, p_column, p_name, p_schema)`. */
function namedColumns(column: TableInfo, table: TableInfo, schema: TableInfo, p: string): DerivedRelation {
  return {
    base: { schema: column.schema, name: column.name },
    columns: [
      { name: `${p}_cid`, expr: c(col(column, 'id')), family: 'text' },
      { name: `${p}_column`, expr: c(col(column, 'name')), family: 'text' },
      { name: `${p}_name`, expr: c(`${p}_name`), family: 'text' },
      { name: `${p}_schema`, expr: c(`${p}_schema`), family: 'text' },
    ],
    join: { relation: namedTables(table, schema, p), on: [{ left: col(column, 'table_id'), right: `${p}_id` }] },
  };
}

/** The lineage of a Fivetran schema: its table edges and its column edges, where their tables are all there. */
export function fivetranLineage(tables: ReadonlyMap<string, TableInfo>): LineageMapping[] {
  return [...fivetranTableLineage(tables), ...fivetranColumnLineage(tables)];
}

/** The column-level lineage, when `column_lineage` and its column, table and schema metadata are all there. */
function fivetranColumnLineage(tables: ReadonlyMap<string, TableInfo>): LineageMapping[] {
  const names = ['column_lineage', 'source_column_metadata', 'source_table_metadata', 'source_schema_metadata', 'destination_column_metadata', 'destination_table_metadata', 'destination_schema_metadata'];
  const [lin, sc, st, ss, dc, dt, ds] = names.map((n) => tables.get(n));
  if (!lin || !sc || !st || !ss || !dc || !dt || !ds || !hasColumns(lin, ['source_column_id', 'destination_column_id'])
    || ![sc, dc].every((t) => hasColumns(t, ['id', 'name', 'table_id'])) || ![st, dt].every((t) => hasColumns(t, ['id', 'name', 'schema_id']))
    || ![ss, ds].every((t) => hasColumns(t, ['id', 'name']))) {
    return [];
  }
  const created = hasColumns(lin, ['created_at']) ? col(lin, 'created_at') : null;
  const createdFamily = created === null ? 'text' : lin.columns.find((x) => x.name === created)?.family ?? 'text';
  const withSource: DerivedRelation = {
    base: { schema: lin.schema, name: lin.name },
    columns: [
      { name: 'lin_dst_id', expr: c(col(lin, 'destination_column_id')), family: 'text' },
      ...['column', 'name', 'schema'].map((k) => ({ name: `source_${k}`, expr: c(`src_${k}`), family: 'text' as const })),
      { name: 'created_at', expr: created === null ? { k: 'null' } : c(created), family: createdFamily },
    ],
    join: { relation: namedColumns(sc, st, ss, 'src'), on: [{ left: col(lin, 'source_column_id'), right: 'src_cid' }] },
  };
  return [{
    label: `${lin.name} (source → destination columns)`,
    table: { schema: lin.schema, name: lin.name },
    relation: {
      base: withSource,
      columns: [
        ...['column', 'name', 'schema'].map((k) => ({ name: `source_${k}`, expr: c(`source_${k}`), family: 'text' as const })),
        ...['column', 'name', 'schema'].map((k) => ({ name: `target_${k}`, expr: c(`dst_${k}`), family: 'text' as const })),
        { name: 'created_at', expr: c('created_at'), family: createdFamily },
      ],
      join: { relation: namedColumns(dc, dt, ds, 'dst'), on: [{ left: 'lin_dst_id', right: 'dst_cid' }] },
    },
    source: { name: 'source_name', namespace: 'source_schema', column: 'source_column' },
    target: { name: 'target_name', namespace: 'target_schema', column: 'target_column' },
    ...(created === null ? {} : { validFrom: 'created_at' }),
  }];
}

/** The table-level lineage of a Fivetran schema, when its lineage and metadata tables are all there. */
function fivetranTableLineage(tables: ReadonlyMap<string, TableInfo>): LineageMapping[] {
  const [lin, st, ss, dt, ds] = ['table_lineage', 'source_table_metadata', 'source_schema_metadata', 'destination_table_metadata', 'destination_schema_metadata'].map((n) => tables.get(n));
  if (!lin || !st || !ss || !dt || !ds || !hasColumns(lin, ['source_table_id', 'destination_table_id'])
    || ![st, dt].every((t) => hasColumns(t, ['id', 'name', 'schema_id'])) || ![ss, ds].every((t) => hasColumns(t, ['id', 'name']))) {
    return [];
  }
  const created = hasColumns(lin, ['created_at']) ? col(lin, 'created_at') : null;
  const withSource: DerivedRelation = {
    base: { schema: lin.schema, name: lin.name },
    columns: [
      { name: 'lin_dst_id', expr: c(col(lin, 'destination_table_id')), family: 'text' },
      { name: 'source_name', expr: c('src_name'), family: 'text' },
      { name: 'source_schema', expr: c('src_schema'), family: 'text' },
      { name: 'created_at', expr: created === null ? { k: 'null' } : c(created), family: created === null ? 'text' : lin.columns.find((x) => x.name === created)?.family ?? 'text' },
    ],
    join: { relation: namedTables(st, ss, 'src'), on: [{ left: col(lin, 'source_table_id'), right: 'src_id' }] },
  };
  return [{
    label: `${lin.name} (source → destination tables)`,
    table: { schema: lin.schema, name: lin.name },
    relation: {
      base: withSource,
      columns: [
        { name: 'source_name', expr: c('source_name'), family: 'text' },
        { name: 'source_schema', expr: c('source_schema'), family: 'text' },
        { name: 'target_name', expr: c('dst_name'), family: 'text' },
        { name: 'target_schema', expr: c('dst_schema'), family: 'text' },
        { name: 'created_at', expr: c('created_at'), family: withSource.columns[3]?.family ?? 'text' },
      ],
      join: { relation: namedTables(dt, ds, 'dst'), on: [{ left: 'lin_dst_id', right: 'dst_id' }] },
    },
    source: { name: 'source_name', namespace: 'source_schema' },
    target: { name: 'target_name', namespace: 'target_schema' },
    ...(created === null ? {} : { validFrom: 'created_at' }),
  }];
}
