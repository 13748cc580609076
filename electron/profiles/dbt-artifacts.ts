import type { AuditModel } from '../../shared/model/audit-model';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import type { Profile } from './profile';
import { hasColumns, tablesBySchema } from './profile';

const c = (name: string): RelExpr => ({ k: 'col', name });
const lit = (value: string | number): RelExpr => ({ k: 'lit', value });
const failedResults: RelExpr = {
  k: 'agg', fn: 'count', e: c('status'),
  where: { k: 'case', when: [{ cond: { k: 'eq', a: { k: 'status', e: c('status'), vocabulary: { error: 'failed', fail: 'failed', 'runtime error': 'failed' } }, b: lit('failed') }, then: lit(1) }], otherwise: lit(0) },
};

/**
 * dbt artifacts (`run_results.json` + `manifest.json`, read by the JSON source into `dbt_results`,
 * `dbt_nodes`, `dbt_dependencies`): one run per invocation, grouped from its node results (an
 * invocation failed when any result errored or failed), the node results as steps.
 */
export const dbtArtifactsProfile: Profile = {
  id: 'dbt-artifacts',
  title: 'dbt artifacts (run results)',
  detect(catalog) {
    const found: AuditModel[] = [];
    if (catalog.source.kind !== 'json') {
      return found;
    }
    for (const tables of tablesBySchema(catalog).values()) {
      const results = tables.get('dbt_results');
      if (!results || !hasColumns(results, ['invocation_id', 'unique_id', 'status', 'started_at', 'completed_at'])) {
        continue;
      }
      const runs: DerivedRelation = {
        base: { schema: results.schema, name: results.name },
        groupBy: [c('invocation_id')],
        columns: [
          { name: 'invocation_id', expr: c('invocation_id'), family: 'text' },
          { name: 'started', expr: { k: 'agg', fn: 'min', e: c('started_at') }, family: 'temporal' },
          { name: 'ended', expr: { k: 'agg', fn: 'max', e: c('completed_at') }, family: 'temporal' },
          { name: 'results', expr: { k: 'agg', fn: 'count', e: lit(1) }, family: 'integer' },
          { name: 'failed_results', expr: failedResults, family: 'integer' },
          { name: 'outcome', expr: { k: 'case', when: [{ cond: { k: 'eq', a: failedResults, b: lit(0) }, then: lit('success') }], otherwise: lit('error') }, family: 'text' },
          { name: 'name', expr: lit('dbt invocation'), family: 'text' },
        ],
      };
      found.push({
        formatId: 'dbt-artifacts',
        title: this.title,
        runs: { table: { schema: results.schema, name: results.name }, relation: runs, key: ['invocation_id'], name: 'name', started: 'started', ended: 'ended', status: 'outcome' },
        steps: {
          table: { schema: results.schema, name: results.name },
          runKey: ['invocation_id'],
          order: [{ column: 'started_at', nullsLast: true }, { column: '_line' }],
          name: 'unique_id',
          at: 'started_at',
          interval: { kind: 'end', column: 'completed_at' },
          status: 'status',
          node: 'unique_id',
          ...(hasColumns(results, ['message']) ? { message: 'message' } : {}),
        },
        runStatus: { success: 'ok', error: 'failed' },
        stepStatus: { success: 'ok', pass: 'ok', warn: 'ok', error: 'failed', fail: 'failed', 'runtime error': 'failed', skipped: 'skipped' },
        naiveTime: 'utc',
        timeline: true,
        // manifest.json's depends_on: each node is fed by the nodes it depends on.
        lineage: tables.get('dbt_dependencies')
          ? [{ label: 'manifest depends_on', table: { schema: results.schema, name: 'dbt_dependencies' }, source: { name: 'depends_on_id' }, target: { name: 'unique_id' }, recordedBy: 'invocation_id' }]
          : [],
      });
    }
    return found;
  },
};
