/**
 * The lineage of transformation logging (`../shared/reference/audit-formats.md` §6.4): the
 * `lineage_edge` table itself, then the edges its sessions imply without writing them there, from
 * each operation's input tables to its output table and from each artifact's source tables to it.
 */
import type { LineageMapping } from '../../shared/model/audit-model';
import type { ColumnFamily, TableInfo } from '../../shared/model/catalog';
import type { RelColumn, RelExpr } from '../../shared/model/relation';
import { col, hasColumns } from './profile';

/** Relationships that carry values over (a DIRECT column dependency); the rest only shape rows (INDIRECT). */
const DIRECT = ['COPIES', 'DERIVES_FROM', 'TRANSFORMS', 'AGGREGATES'];
/** The OpenLineage column-lineage subtype each relationship stands for. */
const SUBTYPE: Readonly<Record<string, string>> = {
  COPIES: 'IDENTITY', DERIVES_FROM: 'TRANSFORMATION', TRANSFORMS: 'TRANSFORMATION', AGGREGATES: 'AGGREGATION',
  JOINS: 'JOIN', FILTERS: 'FILTER', ENRICHES: 'JOIN', VALIDATES: 'CONDITIONAL', REFERENCES: 'CONDITIONAL',
};

function familyOf(t: TableInfo, name: string): ColumnFamily {
  return t.columns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.family ?? 'text';
}

/** The table's own columns, passed through as they are. */
function own(t: TableInfo): RelColumn[] {
  return t.columns.map((c) => ({ name: c.name, expr: { k: 'col', name: c.name }, family: c.family }));
}

/** `lineage_edge` as the design writes it: typed, schema-qualified ends, optional columns, a validity period. */
export function lineageEdgeMapping(t: TableInfo): LineageMapping {
  const opt = (role: string, name: string): Record<string, string> => (hasColumns(t, [name]) ? { [role]: col(t, name) } : {});
  const rel: RelExpr = { k: 'text', e: { k: 'col', name: col(t, 'relationship_type') } };
  const columnRow: RelExpr = { k: 'isNull', e: { k: 'col', name: col(t, 'source_column') } };
  const kinds = hasColumns(t, ['relationship_type', 'source_column']);
  const is = (values: readonly string[], then: RelExpr): { cond: RelExpr; then: RelExpr }[] =>
    values.map((v) => ({ cond: { k: 'eq', a: rel, b: { k: 'lit', value: v } }, then }));
  // Column edges say DIRECT or INDIRECT through their relationship; table edges say neither.
  const derived: RelColumn[] = kinds
    ? [
        { name: 'auditlens_transformation_type', family: 'text', expr: { k: 'case', when: [{ cond: columnRow, then: { k: 'null' } }, ...is(DIRECT, { k: 'lit', value: 'DIRECT' })], otherwise: { k: 'lit', value: 'INDIRECT' } } },
        { name: 'auditlens_transformation_subtype', family: 'text', expr: { k: 'case', when: [{ cond: columnRow, then: { k: 'null' } }, ...Object.entries(SUBTYPE).flatMap(([r, s]) => is([r], { k: 'lit', value: s }))], otherwise: { k: 'null' } } },
      ]
    : [];
  return {
    label: t.name,
    table: { schema: t.schema, name: t.name },
    ...(kinds ? { relation: { base: { schema: t.schema, name: t.name }, columns: [...own(t), ...derived] } } : {}),
    source: { name: col(t, 'source_name'), ...opt('type', 'source_type'), ...opt('namespace', 'source_schema'), ...opt('column', 'source_column') },
    target: { name: col(t, 'target_name'), ...opt('type', 'target_type'), ...opt('namespace', 'target_schema'), ...opt('column', 'target_column') },
    ...opt('relationship', 'relationship_type'),
    transformation: {
      ...(kinds ? { type: 'auditlens_transformation_type', subtype: 'auditlens_transformation_subtype' } : {}),
      ...opt('description', 'transformation_description'),
    },
    ...opt('recordedBy', 'session_id'),
    ...opt('validFrom', 'created_at'),
    ...opt('validTo', 'invalidated_at'),
  };
}

/** Operations: every input table feeds the output table, through the operation (its type) of its session. */
export function operationMapping(t: TableInfo): LineageMapping | null {
  if (!hasColumns(t, ['input_tables', 'output_table'])) {
    return null;
  }
  const c = (n: string): RelExpr => (hasColumns(t, [n]) ? { k: 'col', name: col(t, n) } : { k: 'null' });
  const columns: RelColumn[] = [
    { name: 'input_tables', expr: c('input_tables'), family: 'text' },
    { name: 'output_table', expr: c('output_table'), family: 'text' },
    { name: 'via', expr: c('operation_type'), family: 'text' },
    { name: 'logic', expr: c('transformation_logic'), family: 'text' },
    { name: 'session_id', expr: c('session_id'), family: 'text' },
    { name: 'created_at', expr: c('created_at'), family: hasColumns(t, ['created_at']) ? familyOf(t, 'created_at') : 'text' },
  ];
  return {
    label: `${t.name} (input tables → output table)`,
    table: { schema: t.schema, name: t.name },
    relation: { base: { schema: t.schema, name: t.name }, columns },
    source: { name: 'input_tables', list: true },
    target: { name: 'output_table' },
    via: 'via',
    transformation: { description: 'logic' },
    recordedBy: 'session_id',
    validFrom: 'created_at',
  };
}

/** Artifacts: every source table feeds the artifact (a node of type ARTIFACT named by artifact_name). */
export function artifactMapping(t: TableInfo): LineageMapping | null {
  if (!hasColumns(t, ['source_tables', 'artifact_name'])) {
    return null;
  }
  const c = (n: string): RelExpr => (hasColumns(t, [n]) ? { k: 'col', name: col(t, n) } : { k: 'null' });
  const columns: RelColumn[] = [
    { name: 'source_tables', expr: c('source_tables'), family: 'text' },
    { name: 'artifact_name', expr: c('artifact_name'), family: 'text' },
    { name: 'target_type', expr: { k: 'lit', value: 'ARTIFACT' }, family: 'text' },
    { name: 'via', expr: c('artifact_type'), family: 'text' },
    { name: 'session_id', expr: c('session_id'), family: 'text' },
    { name: 'created_at', expr: c('created_at'), family: hasColumns(t, ['created_at']) ? familyOf(t, 'created_at') : 'text' },
  ];
  return {
    label: `${t.name} (source tables → artifact)`,
    table: { schema: t.schema, name: t.name },
    relation: { base: { schema: t.schema, name: t.name }, columns },
    source: { name: 'source_tables', list: true },
    target: { name: 'artifact_name', type: 'target_type' },
    via: 'via',
    recordedBy: 'session_id',
    validFrom: 'created_at',
  };
}
