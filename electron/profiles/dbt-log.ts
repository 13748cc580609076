import type { AuditModel } from '../../shared/model/audit-model';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import type { Profile } from './profile';
import { hasColumns, tablesBySchema } from './profile';

const c = (name: string): RelExpr => ({ k: 'col', name });
const lit = (value: string | number): RelExpr => ({ k: 'lit', value });
const isName = (n: string): RelExpr => ({ k: 'eq', a: c('name'), b: lit(n) });
const errors: RelExpr = { k: 'agg', fn: 'count', e: c('name'), where: { k: 'case', when: [{ cond: { k: 'eq', a: c('level'), b: lit('error') }, then: lit(1) }], otherwise: lit(0) } };

/** The step column with what the node's result said (its error, when it failed). */
const RESULT_MESSAGE = 'result_message';

/**
 * The error dbt reports for each node after the run ("Got 78 results, configured to fail if != 0"):
 * RunResultError events, which dbt >= 1.8 tie to the node, apart from its NodeFinished (whose
 * msg only says "Finished running node"). The raw text is `data.msg`; `info.msg` indents it.
 */
function nodeErrors(schema: string | null, name: string): DerivedRelation {
  return {
    base: { schema, name },
    where: [isName('RunResultError')],
    groupBy: [c('invocation_id'), c('node_unique_id')],
    columns: [
      { name: 'err_invocation_id', expr: c('invocation_id'), family: 'text' },
      { name: 'err_node', expr: c('node_unique_id'), family: 'text' },
      { name: 'node_error', expr: { k: 'agg', fn: 'max', e: { k: 'coalesce', parts: [{ k: 'jsonText', e: c('data'), key: 'msg' }, c('msg')] } }, family: 'text' },
    ],
  };
}

/**
 * dbt's `--log-format json` stream (the JSON source's `dbt_log_events`): one run per invocation,
 * and its NodeFinished events (one per node, with the node's status) as steps, their message the
 * node's error from a later RunResultError, else NodeFinished's run_result.message. node_started_at
 * is naive UTC while `ts` has a Z; both are read as UTC.
 */
export const dbtLogProfile: Profile = {
  id: 'dbt-log',
  title: 'dbt JSON logs',
  detect(catalog) {
    const found: AuditModel[] = [];
    if (catalog.source.kind !== 'json') {
      return found;
    }
    for (const tables of tablesBySchema(catalog).values()) {
      const t = tables.get('dbt_log_events');
      if (!t || !hasColumns(t, ['ts', 'name', 'level', 'invocation_id', 'node_unique_id', 'node_status'])) {
        continue;
      }
      const runs: DerivedRelation = {
        base: { schema: t.schema, name: t.name },
        groupBy: [c('invocation_id')],
        columns: [
          { name: 'invocation_id', expr: c('invocation_id'), family: 'text' },
          { name: 'started', expr: { k: 'agg', fn: 'min', e: c('ts') }, family: 'temporal' },
          { name: 'ended', expr: { k: 'agg', fn: 'max', e: c('ts'), where: isName('CommandCompleted') }, family: 'temporal' },
          { name: 'nodes', expr: { k: 'agg', fn: 'count', e: c('name'), where: isName('NodeFinished') }, family: 'integer' },
          { name: 'error_lines', expr: errors, family: 'integer' },
          {
            name: 'outcome',
            expr: {
              k: 'case',
              when: [
                // Without CommandCompleted (a truncated or running log, dbt < 1.5): failed only when an error says so.
                { cond: { k: 'eq', a: errors, b: lit(0) }, then: { k: 'case', when: [{ cond: { k: 'eq', a: { k: 'agg', fn: 'count', e: c('name'), where: isName('CommandCompleted') }, b: lit(0) }, then: lit('no CommandCompleted') }], otherwise: lit('success') } },
              ],
              otherwise: lit('error'),
            },
            family: 'text',
          },
          { name: 'name', expr: lit('dbt invocation'), family: 'text' },
        ],
      };
      const steps: DerivedRelation = {
        base: { schema: t.schema, name: t.name },
        where: [isName('NodeFinished')],
        columns: [
          ...t.columns.map((x) => ({ name: x.name, expr: c(x.name), family: x.family })),
          { name: RESULT_MESSAGE, expr: { k: 'coalesce', parts: [c('node_error'), { k: 'jsonText', e: { k: 'jsonText', e: c('data'), key: 'run_result' }, key: 'message' }, c('msg')] }, family: 'text' },
        ],
        join: { relation: nodeErrors(t.schema, t.name), on: [{ left: 'invocation_id', right: 'err_invocation_id' }, { left: 'node_unique_id', right: 'err_node' }] },
      };
      found.push({
        formatId: 'dbt-log',
        title: this.title,
        runs: { table: { schema: t.schema, name: t.name }, relation: runs, key: ['invocation_id'], name: 'name', started: 'started', ended: 'ended', status: 'outcome' },
        steps: { table: { schema: t.schema, name: t.name }, relation: steps, runKey: ['invocation_id'], order: [{ column: 'ts' }, { column: '_line' }], name: 'node_unique_id', at: 'node_started_at', interval: { kind: 'end', column: 'node_finished_at' }, status: 'node_status', message: RESULT_MESSAGE, node: 'node_unique_id' },
        // 'no CommandCompleted' stays unknown: the log does not say how the invocation ended.
        runStatus: { success: 'ok', error: 'failed' },
        stepStatus: { success: 'ok', pass: 'ok', warn: 'ok', error: 'failed', fail: 'failed', skipped: 'skipped' },
        naiveTime: 'utc',
        timeline: true,
        lineage: [],
      });
    }
    return found;
  },
};
