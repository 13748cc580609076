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

/** Elementary (`dbt_run_results`); dbt_artifacts' tables are read by `artifactsModel`. */
const LAYOUTS: readonly PackageLayout[] = [
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

/** brooklyn-data/dbt_artifacts' execution tables (upload_results.sql), each one kind of node result. */
const EXECUTION_TABLES = [['model_executions', 'model'], ['test_executions', 'test'], ['seed_executions', 'seed'], ['snapshot_executions', 'snapshot']] as const;

/** Columns the union of execution tables carries; a table without one gives NULL there. */
const EXECUTION_COLUMNS = ['command_invocation_id', 'node_id', 'run_started_at', 'thread_id', 'status', 'compile_started_at', 'query_completed_at', 'total_node_runtime', 'rows_affected', 'failures', 'materialization', 'message', 'adapter_response'] as const;

/** Every node result of every execution table, one relation, each row saying its kind. */
function executionsRelation(present: readonly (readonly [TableInfo, string])[]): DerivedRelation {
  const parts = present.map(([t, kind]): DerivedRelation => ({
    base: { schema: t.schema, name: t.name },
    columns: [
      ...EXECUTION_COLUMNS.map((name) => {
        const have = t.columns.find((x) => x.name.toLowerCase() === name);
        return { name, expr: have ? c(have.name) : ({ k: 'null' } as const), family: have?.family ?? 'text' };
      }),
      { name: 'kind', expr: lit(kind), family: 'text' as const },
    ],
  }));
  const [first, ...rest] = parts as [DerivedRelation, ...DerivedRelation[]];
  return rest.length > 0 ? { ...first, unionAll: rest } : first;
}

/**
 * The dbt_artifacts package: one run per invocation (from `invocations` when the store has it,
 * else the invocations the execution tables name), failed when any model, test, seed or snapshot
 * in it failed or errored, ending at its last execution's end. Steps are every execution, with
 * its kind. Shape: dbt_artifacts @ 6d37fa06 macros/upload_results/get_column_name_lists.sql.
 */
function artifactsModel(tables: Map<string, TableInfo>): AuditModel | null {
  const present = EXECUTION_TABLES.flatMap(([name, kind]) => {
    const t = tables.get(name);
    return t && hasColumns(t, ['command_invocation_id', 'node_id', 'status']) ? [[t, kind] as const] : [];
  });
  const first = present[0]?.[0];
  if (!first) {
    return null;
  }
  const executions = executionsRelation(present);
  const failedWhere: RelExpr = { k: 'eq', a: { k: 'status', e: c('status'), vocabulary: RESULT_STATUS }, b: lit('failed') };
  const count = (where?: RelExpr): RelExpr => ({ k: 'agg', fn: 'count', e: lit(1), ...(where ? { where } : {}) });
  const ofKind = (kind: string): RelExpr => ({ k: 'eq', a: c('kind'), b: lit(kind) });
  const perInvocation: DerivedRelation = {
    base: executions,
    groupBy: [c('command_invocation_id')],
    columns: [
      { name: 'exec_invocation_id', expr: c('command_invocation_id'), family: 'text' },
      { name: 'exec_started', expr: { k: 'agg', fn: 'min', e: { k: 'coalesce', parts: [c('compile_started_at'), c('run_started_at')] } }, family: 'temporal' },
      { name: 'exec_ended', expr: { k: 'agg', fn: 'max', e: c('query_completed_at') }, family: 'temporal' },
      { name: 'nodes', expr: count(), family: 'integer' },
      ...present.map(([, kind]) => ({ name: `${kind}s`, expr: count(ofKind(kind)), family: 'integer' as const })),
      { name: 'failed_nodes', expr: count(failedWhere), family: 'integer' },
    ],
  };
  const invocations = tables.get('invocations');
  const withInvocations = invocations && hasColumns(invocations, ['command_invocation_id']) ? invocations : null;
  // The outcome: failed when any execution failed, success when some ran and none failed; an
  // invocation with no executions recorded (a crash before on-run-end, `dbt compile`) is unknown.
  const outcome: RelExpr = {
    k: 'case',
    when: [
      { cond: { k: 'isNull', e: c('nodes') }, then: { k: 'null' } },
      { cond: { k: 'eq', a: c('nodes'), b: lit(0) }, then: { k: 'null' } },
      { cond: { k: 'eq', a: c('failed_nodes'), b: lit(0) }, then: lit('success') },
    ],
    otherwise: lit('error'),
  };
  const execCols = perInvocation.columns.filter((x) => x.name !== 'exec_invocation_id').map((x) => ({ name: x.name, expr: c(x.name), family: x.family }));
  const runs: DerivedRelation = withInvocations
    ? {
        base: { schema: withInvocations.schema, name: withInvocations.name },
        join: { relation: perInvocation, on: [{ left: col(withInvocations, 'command_invocation_id'), right: 'exec_invocation_id' }] },
        columns: [
          ...withInvocations.columns.map((x) => ({ name: x.name, expr: c(x.name), family: x.family })),
          ...execCols.filter((x) => !withInvocations.columns.some((y) => y.name.toLowerCase() === x.name)),
          { name: 'started', expr: { k: 'coalesce', parts: [...(hasColumns(withInvocations, ['run_started_at']) ? [c(col(withInvocations, 'run_started_at'))] : []), c('exec_started')] }, family: 'temporal' },
          { name: 'ended', expr: c('exec_ended'), family: 'temporal' },
          { name: 'outcome', expr: outcome, family: 'text' },
          { name: 'name', expr: hasColumns(withInvocations, ['dbt_command']) ? { k: 'coalesce', parts: [c(col(withInvocations, 'dbt_command')), lit('dbt invocation')] } : lit('dbt invocation'), family: 'text' },
        ],
      }
    : {
        base: perInvocation,
        columns: [
          { name: 'command_invocation_id', expr: c('exec_invocation_id'), family: 'text' },
          ...execCols,
          { name: 'started', expr: c('exec_started'), family: 'temporal' },
          { name: 'ended', expr: c('exec_ended'), family: 'temporal' },
          { name: 'outcome', expr: outcome, family: 'text' },
          { name: 'name', expr: lit('dbt invocation'), family: 'text' },
        ],
      };
  const runTable = withInvocations ?? first;
  return {
    formatId: 'dbt-artifacts',
    title: 'dbt artifacts (dbt_artifacts package)',
    runs: { table: { schema: runTable.schema, name: runTable.name }, relation: runs, key: [withInvocations ? col(withInvocations, 'command_invocation_id') : 'command_invocation_id'], unique: true, name: 'name', started: 'started', ended: 'ended', status: 'outcome' },
    steps: {
      table: { schema: first.schema, name: first.name },
      relation: executions,
      runKey: ['command_invocation_id'],
      order: [{ column: 'compile_started_at', nullsLast: true }, { column: 'node_id' }],
      name: 'node_id',
      at: 'compile_started_at',
      interval: { kind: 'end', column: 'query_completed_at' },
      status: 'status',
      node: 'node_id',
      message: 'message',
    },
    runStatus: { success: 'ok', error: 'failed' },
    stepStatus: RESULT_STATUS,
    // dbt_artifacts renders dbt's UTC datetimes into TIMESTAMP columns.
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
      const artifacts = artifactsModel(tables);
      if (artifacts) {
        found.push(artifacts);
      }
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
