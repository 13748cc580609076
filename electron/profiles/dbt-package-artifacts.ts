import type { AuditModel } from '../../shared/model/audit-model';
import type { Catalog, TableInfo } from '../../shared/model/catalog';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import type { Profile } from './profile';
import { col, hasColumns, tablesBySchema } from './profile';

const c = (name: string): RelExpr => ({ k: 'col', name });
const lit = (value: string | number): RelExpr => ({ k: 'lit', value });
const RESULT_STATUS = { success: 'ok', pass: 'ok', warn: 'ok', error: 'failed', fail: 'failed', 'runtime error': 'failed', skipped: 'skipped' } as const;

/** Where one package keeps its node results, and the names of the columns the views need. */
interface PackageLayout {
  readonly table: string;
  readonly invocation: string;
  readonly node: string;
  readonly status: string;
  readonly started: string;
  readonly ended: string | null;
  readonly message: string | null;
}

/** brooklyn-data/dbt_artifacts (`model_executions`) and Elementary (`dbt_run_results`). */
const LAYOUTS: readonly PackageLayout[] = [
  { table: 'model_executions', invocation: 'command_invocation_id', node: 'node_id', status: 'status', started: 'compile_started_at', ended: 'query_completed_at', message: 'message' },
  { table: 'dbt_run_results', invocation: 'invocation_id', node: 'unique_id', status: 'status', started: 'execute_started_at', ended: 'execute_completed_at', message: 'message' },
];

function modelFor(t: TableInfo, l: PackageLayout, title: string): AuditModel {
  const failed: RelExpr = {
    k: 'agg', fn: 'count', e: lit(1),
    where: { k: 'eq', a: { k: 'status', e: c(col(t, l.status)), vocabulary: RESULT_STATUS }, b: lit('failed') },
  };
  const runs: DerivedRelation = {
    base: { schema: t.schema, name: t.name },
    groupBy: [c(col(t, l.invocation))],
    columns: [
      { name: 'invocation_id', expr: c(col(t, l.invocation)), family: 'text' },
      { name: 'started', expr: { k: 'agg', fn: 'min', e: c(col(t, l.started)) }, family: 'temporal' },
      { name: 'ended', expr: l.ended ? { k: 'agg', fn: 'max', e: c(col(t, l.ended)) } : { k: 'null' }, family: 'temporal' },
      { name: 'nodes', expr: { k: 'agg', fn: 'count', e: lit(1) }, family: 'integer' },
      { name: 'failed_nodes', expr: failed, family: 'integer' },
      { name: 'outcome', expr: { k: 'case', when: [{ cond: { k: 'eq', a: failed, b: lit(0) }, then: lit('success') }], otherwise: lit('error') }, family: 'text' },
      { name: 'name', expr: lit('dbt invocation'), family: 'text' },
    ],
  };
  return {
    formatId: 'dbt-artifacts',
    title,
    runs: { table: { schema: t.schema, name: t.name }, relation: runs, key: ['invocation_id'], name: 'name', started: 'started', ended: 'ended', status: 'outcome' },
    steps: {
      table: { schema: t.schema, name: t.name },
      runKey: [col(t, l.invocation)],
      order: [{ column: col(t, l.started), nullsLast: true }, { column: col(t, l.node) }],
      name: col(t, l.node),
      at: col(t, l.started),
      ...(l.ended && hasColumns(t, [l.ended]) ? { interval: { kind: 'end' as const, column: col(t, l.ended) } } : {}),
      status: col(t, l.status),
      node: col(t, l.node),
      ...(l.message && hasColumns(t, [l.message]) ? { message: col(t, l.message) } : {}),
    },
    runStatus: { success: 'ok', error: 'failed' },
    stepStatus: RESULT_STATUS,
    // dbt_artifacts renders dbt's UTC datetimes into TIMESTAMP columns; Elementary's generated_at is UTC too.
    naiveTime: 'utc',
    timeline: true,
    lineage: [],
  };
}

/**
 * dbt run history kept in the warehouse by packages: dbt_artifacts' `model_executions` and
 * Elementary's `dbt_run_results`. One run per invocation, grouped from its node results (failed
 * when any node errored), the node results as steps.
 */
export const dbtPackageArtifactsProfile: Profile = {
  id: 'dbt-artifacts',
  title: 'dbt artifacts (dbt_artifacts / Elementary tables)',
  detect(catalog: Catalog) {
    const found: AuditModel[] = [];
    for (const tables of tablesBySchema(catalog).values()) {
      for (const l of LAYOUTS) {
        const t = tables.get(l.table);
        if (t && hasColumns(t, [l.invocation, l.node, l.status, l.started])) {
          found.push(modelFor(t, l, l.table === 'model_executions' ? 'dbt artifacts (dbt_artifacts package)' : 'dbt artifacts (Elementary)'));
        }
      }
    }
    return found;
  },
};
