import { describe, expect, it } from 'vitest';
import type { AuditModel } from '../../../shared/model/audit-model';
import { sqliteDialect } from '../../../shared/query/dialect';
import { compileRelation } from '../../../shared/query/relation';
import { RUN_COLUMNS, STEP_RUN_COLUMNS, runsView, stepsView, stepsWithRunView } from '../../../shared/query/runs-view';
import { tableOf } from '../../helpers/tables';

const summary = tableOf('dbt_audit_summary', [['invocation_id', 'VARCHAR'], ['model_name', 'VARCHAR'], ['run_started_at', 'TIMESTAMP'], ['status', 'VARCHAR'], ['execution_time_seconds', 'INTEGER']], { keyset: 'pk', primaryKey: ['invocation_id', 'model_name'] });
const detail = tableOf('dbt_audit_detail', [['detail_log_id', 'VARCHAR'], ['invocation_id', 'VARCHAR'], ['model_name', 'VARCHAR'], ['step_name', 'VARCHAR'], ['step_sequence_num', 'INTEGER'], ['status', 'VARCHAR']], { keyset: 'pk', primaryKey: ['detail_log_id'] });

/** A dbt-audit-like model: composite run key, steps ordered by sequence with NULL last. */
const model: AuditModel = {
  formatId: 'dbt-audit',
  title: 'dbt audit',
  runs: { table: { schema: null, name: 'dbt_audit_summary' }, key: ['invocation_id', 'model_name'], name: 'model_name', started: 'run_started_at', status: 'status', duration: { column: 'execution_time_seconds', unit: 's' } },
  steps: { table: { schema: null, name: 'dbt_audit_detail' }, runKey: ['invocation_id', 'model_name'], order: [{ column: 'step_sequence_num', nullsLast: true }], name: 'step_name', status: 'status' },
  runStatus: { error: 'failed' },
  stepStatus: { error: 'failed' },
  naiveTime: 'utc',
  timeline: false,
  lineage: [],
};

function views(runsTable = summary) {
  const steps = stepsView(model, detail);
  if (!steps) {
    throw new Error('no steps view');
  }
  return { runs: runsView(model, runsTable), steps };
}

describe('stepsWithRunView', () => {
  it('names the run columns for the step side: run_ kept, the rest prefixed, row details left out', () => {
    expect(STEP_RUN_COLUMNS).toEqual(['run_id', 'run_name', 'run_started_at', 'run_ended_at', 'run_duration_s', 'run_status', 'run_actor']);
    expect(STEP_RUN_COLUMNS).toHaveLength(RUN_COLUMNS.length - 3);
  });

  it('puts the run columns first, then every steps column unchanged, keeping key, order and primary key', () => {
    const { runs, steps } = views();
    const v = stepsWithRunView(steps, runs);
    const names = v.table.columns.map((c) => c.name);
    expect(names).toEqual([...STEP_RUN_COLUMNS, ...steps.table.columns.map((c) => c.name)]);
    expect(v.relation.columns.map((c) => c.name)).toEqual(names);
    expect(v.table.columns.find((c) => c.name === 'run_duration_s')).toMatchObject({ family: 'real', pk: 0 });
    expect(v.table.columns.find((c) => c.name === 'status')).toEqual(steps.table.columns.find((c) => c.name === 'status'));
    expect(v.keyColumns).toEqual(steps.keyColumns);
    expect(v.defaultSort).toEqual(steps.defaultSort);
    expect(v.table).toMatchObject({ name: steps.table.name, keyset: 'pk', primaryKey: ['dbt_audit_detail.detail_log_id'] });
  });

  it('joins the steps relation to a renaming wrapper over the runs relation on the run key', () => {
    const { runs, steps } = views();
    const v = stepsWithRunView(steps, runs);
    expect(v.relation.base).toBe(steps.relation);
    const join = v.relation.join;
    expect(join?.relation.base).toBe(runs.relation);
    expect(join?.relation.columns.map((c) => [c.name, c.expr])).toEqual([
      ...RUN_COLUMNS.filter((c) => !['raw_status', 'message', 'day'].includes(c)).map((c) => [c.startsWith('run_') ? c : `run_${c}`, { k: 'col', name: c }]),
      ['run_key_1', { k: 'col', name: 'dbt_audit_summary.invocation_id' }],
      ['run_key_2', { k: 'col', name: 'dbt_audit_summary.model_name' }],
    ]);
    expect(join?.on).toEqual([{ left: 'dbt_audit_detail.invocation_id', right: 'run_key_1' }, { left: 'dbt_audit_detail.model_name', right: 'run_key_2' }]);
    // The step's own status and the run's status live side by side without ambiguity.
    expect(compileRelation(v.relation, sqliteDialect)).toContain('"status" AS "run_status"');
  });

  it('claims no primary key when runs are not unique by key (a step may then repeat once per run row)', () => {
    const { runs, steps } = views({ ...summary, keyset: 'rowid', primaryKey: [] });
    const v = stepsWithRunView(steps, runs);
    expect(v.table).toMatchObject({ keyset: 'none', primaryKey: [] });
    expect(v.table.columns.every((c) => c.pk === 0)).toBe(true);
  });

  it('refuses runs and steps whose keys do not pair up', () => {
    const { runs, steps } = views();
    expect(() => stepsWithRunView({ ...steps, keyColumns: steps.keyColumns.slice(0, 1) }, runs)).toThrow(/1 columns but runs are keyed by 2/);
  });
});
