import type { AuditModel } from '../../shared/model/audit-model';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import type { Profile } from './profile';
import { col, hasColumns, tablesBySchema } from './profile';

const c = (name: string): RelExpr => ({ k: 'col', name });
const lit = (value: string): RelExpr => ({ k: 'lit', value });
const isPhase = (p: string): RelExpr => ({ k: 'eq', a: c('phase'), b: lit(p) });
const BEFORE = ' - BEFORE';
const AFTER = ' - AFTER';

/**
 * dbt pre/post-hook audit tables, `dbt_audit_log(model_name, execution_time, row_count, run_id)`.
 * `"x" - BEFORE` and `"x" - AFTER` rows pair into one run per model and run_id, with the row
 * count before, after and the difference; a BEFORE without an AFTER is a run that did not finish.
 * Rows without a suffix (a post-hook only) count as finished at their own time.
 */
export const dbtHookLogProfile: Profile = {
  id: 'dbt-hook-log',
  title: 'dbt hook audit log (BEFORE/AFTER rows)',
  detect(catalog) {
    const found: AuditModel[] = [];
    for (const tables of tablesBySchema(catalog).values()) {
      const t = tables.get('dbt_audit_log');
      if (!t || !hasColumns(t, ['model_name', 'execution_time', 'row_count', 'run_id'])) {
        continue;
      }
      const [model, at, rows, run] = [col(t, 'model_name'), col(t, 'execution_time'), col(t, 'row_count'), col(t, 'run_id')];
      const tagged: DerivedRelation = {
        base: { schema: t.schema, name: t.name },
        columns: [
          { name: 'run_id', expr: c(run), family: 'text' },
          { name: 'model', expr: { k: 'stripSuffix', e: c(model), suffixes: [BEFORE, AFTER] }, family: 'text' },
          {
            name: 'phase',
            expr: { k: 'case', when: [{ cond: { k: 'endsWith', e: c(model), suffix: BEFORE }, then: lit('BEFORE') }, { cond: { k: 'endsWith', e: c(model), suffix: AFTER }, then: lit('AFTER') }], otherwise: lit('ONLY') },
            family: 'text',
          },
          { name: 'model_name', expr: c(model), family: 'text' },
          { name: 'execution_time', expr: c(at), family: 'temporal' },
          { name: 'row_count', expr: c(rows), family: 'integer' },
        ],
      };
      const finishedRows: RelExpr = { k: 'agg', fn: 'count', e: c('phase'), where: { k: 'case', when: [{ cond: isPhase('BEFORE'), then: { k: 'lit', value: 0 } }], otherwise: { k: 'lit', value: 1 } } };
      const rowsBefore: RelExpr = { k: 'agg', fn: 'max', e: c('row_count'), where: isPhase('BEFORE') };
      const rowsAfter: RelExpr = { k: 'agg', fn: 'max', e: c('row_count'), where: { k: 'case', when: [{ cond: isPhase('BEFORE'), then: { k: 'lit', value: 0 } }], otherwise: { k: 'lit', value: 1 } } };
      const runs: DerivedRelation = {
        base: tagged,
        groupBy: [c('run_id'), c('model')],
        columns: [
          { name: 'run_id', expr: c('run_id'), family: 'text' },
          { name: 'model', expr: c('model'), family: 'text' },
          { name: 'started', expr: { k: 'coalesce', parts: [{ k: 'agg', fn: 'min', e: c('execution_time'), where: isPhase('BEFORE') }, { k: 'agg', fn: 'min', e: c('execution_time') }] }, family: 'temporal' },
          { name: 'ended', expr: { k: 'agg', fn: 'max', e: c('execution_time'), where: { k: 'case', when: [{ cond: isPhase('BEFORE'), then: { k: 'lit', value: 0 } }], otherwise: { k: 'lit', value: 1 } } }, family: 'temporal' },
          { name: 'rows_before', expr: rowsBefore, family: 'integer' },
          { name: 'rows_after', expr: rowsAfter, family: 'integer' },
          { name: 'rows_diff', expr: { k: 'sub', a: rowsAfter, b: rowsBefore }, family: 'integer' },
          { name: 'outcome', expr: { k: 'case', when: [{ cond: { k: 'eq', a: finishedRows, b: { k: 'lit', value: 0 } }, then: lit('no AFTER row') }], otherwise: lit('finished') }, family: 'text' },
        ],
      };
      found.push({
        formatId: 'dbt-hook-log',
        title: this.title,
        // run_id is dbt's invocation_id ('{{ invocation_id }}' in the hook): it gathers one dbt run's models.
        runs: { table: { schema: t.schema, name: t.name }, relation: runs, key: ['run_id', 'model'], name: 'model', started: 'started', ended: 'ended', status: 'outcome', group: 'run_id' },
        steps: {
          table: { schema: t.schema, name: t.name },
          relation: tagged,
          runKey: ['run_id', 'model'],
          order: [{ column: 'execution_time' }, { column: 'phase', desc: true }],
          name: 'phase',
          at: 'execution_time',
        },
        runStatus: { finished: 'ok', 'no after row': 'failed' },
        stepStatus: {},
        naiveTime: 'local',
        timeline: true,
        lineage: [],
      });
    }
    return found;
  },
};
