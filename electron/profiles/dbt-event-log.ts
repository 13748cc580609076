import type { AuditModel } from '../../shared/model/audit-model';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import type { Profile } from './profile';
import { col, hasColumns, tablesBySchema } from './profile';

const c = (name: string): RelExpr => ({ k: 'col', name });
const lit = (value: string | number): RelExpr => ({ k: 'lit', value });
const isEvent = (e: string): RelExpr => ({ k: 'eq', a: c('event_name'), b: lit(e) });
const countOf = (e: string): RelExpr => ({ k: 'agg', fn: 'count', e: c('event_name'), where: isEvent(e) });
const outcome = (completed: RelExpr): RelExpr => ({ k: 'case', when: [{ cond: { k: 'eq', a: completed, b: lit(0) }, then: lit('not completed') }], otherwise: lit('completed') });

/** A run's outcome: not completed without "run completed", failed models when one started without completing. */
const runOutcome = (completed: RelExpr, unfinished: RelExpr): RelExpr => ({
  k: 'case',
  when: [{ cond: { k: 'eq', a: completed, b: lit(0) }, then: lit('not completed') }, { cond: { k: 'eq', a: unfinished, b: lit(0) }, then: lit('completed') }],
  otherwise: lit('model not completed'),
});

/**
 * dbt-labs/dbt-event-logging's `dbt_audit_log(event_name, event_timestamp, event_schema,
 * event_model, invocation_id, …)`: 'run started'/'run completed' rows make one run per invocation,
 * 'model deployment started'/'completed' rows one step per model. A 'started' with no 'completed'
 * is a crash. Timestamps are naive UTC (current_timestamp_in_utc).
 */
export const dbtEventLogProfile: Profile = {
  id: 'dbt-event-log',
  title: 'dbt event logging (run and model events)',
  detect(catalog) {
    const found: AuditModel[] = [];
    for (const tables of tablesBySchema(catalog).values()) {
      const t = tables.get('dbt_audit_log');
      if (!t || !hasColumns(t, ['event_name', 'event_timestamp', 'event_model', 'invocation_id'])) {
        continue;
      }
      const events: DerivedRelation = {
        base: { schema: t.schema, name: t.name },
        columns: [
          { name: 'event_name', expr: { k: 'text', e: c(col(t, 'event_name')) }, family: 'text' },
          { name: 'event_timestamp', expr: c(col(t, 'event_timestamp')), family: 'temporal' },
          { name: 'event_model', expr: c(col(t, 'event_model')), family: 'text' },
          { name: 'invocation_id', expr: c(col(t, 'invocation_id')), family: 'text' },
          { name: 'event_user', expr: hasColumns(t, ['event_user']) ? c(col(t, 'event_user')) : { k: 'null' }, family: 'text' },
          { name: 'event_target', expr: hasColumns(t, ['event_target']) ? c(col(t, 'event_target')) : { k: 'null' }, family: 'text' },
        ],
      };
      const completedRuns = countOf('run completed');
      // on-run-end logs "run completed" even when a model failed: a model started and never completed failed the run.
      const unfinished: RelExpr = { k: 'sub', a: countOf('model deployment started'), b: countOf('model deployment completed') };
      const runs: DerivedRelation = {
        base: events,
        groupBy: [c('invocation_id')],
        columns: [
          { name: 'invocation_id', expr: c('invocation_id'), family: 'text' },
          { name: 'target', expr: { k: 'agg', fn: 'max', e: c('event_target') }, family: 'text' },
          { name: 'started', expr: { k: 'coalesce', parts: [{ k: 'agg', fn: 'min', e: c('event_timestamp'), where: isEvent('run started') }, { k: 'agg', fn: 'min', e: c('event_timestamp') }] }, family: 'temporal' },
          { name: 'ended', expr: { k: 'agg', fn: 'max', e: c('event_timestamp'), where: isEvent('run completed') }, family: 'temporal' },
          { name: 'outcome', expr: runOutcome(completedRuns, unfinished), family: 'text' },
          { name: 'models_deployed', expr: countOf('model deployment completed'), family: 'integer' },
          { name: 'models_unfinished', expr: unfinished, family: 'integer' },
          { name: 'user', expr: { k: 'agg', fn: 'max', e: c('event_user') }, family: 'text' },
        ],
      };
      const modelEvents: DerivedRelation = {
        base: events,
        where: [{ k: 'case', when: [{ cond: { k: 'isNull', e: c('event_model') }, then: lit(0) }], otherwise: lit(1) }],
        groupBy: [c('invocation_id'), c('event_model')],
        columns: [
          { name: 'invocation_id', expr: c('invocation_id'), family: 'text' },
          { name: 'model', expr: c('event_model'), family: 'text' },
          { name: 'started', expr: { k: 'agg', fn: 'min', e: c('event_timestamp'), where: isEvent('model deployment started') }, family: 'temporal' },
          { name: 'completed', expr: { k: 'agg', fn: 'max', e: c('event_timestamp'), where: isEvent('model deployment completed') }, family: 'temporal' },
          { name: 'outcome', expr: outcome(countOf('model deployment completed')), family: 'text' },
        ],
      };
      found.push({
        formatId: 'dbt-event-log',
        title: this.title,
        runs: { table: { schema: t.schema, name: t.name }, relation: runs, key: ['invocation_id'], name: 'target', started: 'started', ended: 'ended', status: 'outcome', actor: 'user' },
        steps: { table: { schema: t.schema, name: t.name }, relation: modelEvents, runKey: ['invocation_id'], order: [{ column: 'started', nullsLast: true }, { column: 'model' }], name: 'model', at: 'started', interval: { kind: 'end', column: 'completed' }, status: 'outcome' },
        runStatus: { completed: 'ok', 'not completed': 'failed', 'model not completed': 'failed' },
        stepStatus: { completed: 'ok', 'not completed': 'failed' },
        naiveTime: 'utc',
        timeline: true,
        lineage: [],
      });
    }
    return found;
  },
};
