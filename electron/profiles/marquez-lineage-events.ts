import type { AuditModel } from '../../shared/model/audit-model';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import { marquezLineage } from './marquez-lineage';
import type { Profile } from './profile';
import { col, hasColumns, tablesBySchema } from './profile';

const c = (name: string): RelExpr => ({ k: 'col', name });
const lit = (value: string | number): RelExpr => ({ k: 'lit', value });
const count = (type: string): RelExpr => ({ k: 'agg', fn: 'count', e: c('event_type'), where: { k: 'eq', a: c('event_type'), b: lit(type) } });
const seen = (type: string): RelExpr => ({ k: 'case', when: [{ cond: { k: 'eq', a: count(type), b: lit(0) }, then: lit(0) }], otherwise: lit(1) });

/**
 * OpenLineage events stored by Marquez (`lineage_events`: event_time, event_type, job_name,
 * job_namespace, run_uuid, event jsonb): the events of one run_uuid make one run, whose state is
 * its most final event type (FAIL and ABORT over COMPLETE over RUNNING over START). Its inputs,
 * outputs and column lineage facets are the lineage (marquez-lineage.ts).
 */
export const marquezLineageEventsProfile: Profile = {
  id: 'openlineage',
  title: 'OpenLineage events (Marquez)',
  detect(catalog) {
    const found: AuditModel[] = [];
    for (const tables of tablesBySchema(catalog).values()) {
      const t = tables.get('lineage_events');
      if (!t || !hasColumns(t, ['event_time', 'event_type', 'job_name', 'run_uuid'])) {
        continue;
      }
      const events: DerivedRelation = {
        base: { schema: t.schema, name: t.name },
        columns: [
          { name: 'run_uuid', expr: { k: 'text', e: c(col(t, 'run_uuid')) }, family: 'text' },
          { name: 'event_time', expr: c(col(t, 'event_time')), family: 'temporal' },
          { name: 'event_type', expr: { k: 'text', e: c(col(t, 'event_type')) }, family: 'text' },
          { name: 'job_name', expr: c(col(t, 'job_name')), family: 'text' },
          { name: 'job_namespace', expr: hasColumns(t, ['job_namespace']) ? c(col(t, 'job_namespace')) : { k: 'null' }, family: 'text' },
          { name: 'producer', expr: hasColumns(t, ['producer']) ? c(col(t, 'producer')) : { k: 'null' }, family: 'text' },
        ],
        // DATASET_EVENT and JOB_EVENT rows have no run: they make no run and are no run's steps.
        where: [{ k: 'case', when: [{ cond: { k: 'isNull', e: c(col(t, 'run_uuid')) }, then: lit(0) }, { cond: { k: 'eq', a: { k: 'text', e: c(col(t, 'run_uuid')) }, b: lit('') }, then: lit(0) }], otherwise: lit(1) }],
      };
      const runs: DerivedRelation = {
        base: events,
        groupBy: [c('run_uuid')],
        columns: [
          { name: 'run_uuid', expr: c('run_uuid'), family: 'text' },
          { name: 'job_name', expr: { k: 'agg', fn: 'max', e: c('job_name') }, family: 'text' },
          { name: 'job_namespace', expr: { k: 'agg', fn: 'max', e: c('job_namespace') }, family: 'text' },
          { name: 'started', expr: { k: 'agg', fn: 'min', e: c('event_time') }, family: 'temporal' },
          {
            name: 'ended',
            expr: { k: 'agg', fn: 'max', e: c('event_time'), where: { k: 'case', when: [{ cond: { k: 'eq', a: c('event_type'), b: lit('START') }, then: lit(0) }, { cond: { k: 'eq', a: c('event_type'), b: lit('RUNNING') }, then: lit(0) }], otherwise: lit(1) } },
            family: 'temporal',
          },
          {
            name: 'state',
            expr: {
              k: 'case',
              when: [
                { cond: { k: 'eq', a: seen('FAIL'), b: lit(1) }, then: lit('FAIL') },
                { cond: { k: 'eq', a: seen('ABORT'), b: lit(1) }, then: lit('ABORT') },
                { cond: { k: 'eq', a: seen('COMPLETE'), b: lit(1) }, then: lit('COMPLETE') },
                { cond: { k: 'eq', a: seen('RUNNING'), b: lit(1) }, then: lit('RUNNING') },
                { cond: { k: 'eq', a: seen('START'), b: lit(1) }, then: lit('START') },
                { cond: { k: 'eq', a: seen('OTHER'), b: lit(1) }, then: lit('OTHER') },
              ],
              // Events without an eventType say nothing of the run's state, as in the file cache.
              otherwise: { k: 'null' },
            },
            family: 'text',
          },
          { name: 'events', expr: { k: 'agg', fn: 'count', e: lit(1) }, family: 'integer' },
        ],
      };
      found.push({
        formatId: 'openlineage',
        title: this.title,
        runs: { table: { schema: t.schema, name: t.name }, relation: runs, key: ['run_uuid'], name: 'job_name', started: 'started', ended: 'ended', status: 'state' },
        steps: {
          table: { schema: t.schema, name: t.name },
          relation: events,
          outside: { base: { schema: t.schema, name: t.name }, where: [{ k: 'case', when: [{ cond: { k: 'isNull', e: c(col(t, 'run_uuid')) }, then: lit(1) }, { cond: { k: 'eq', a: { k: 'text', e: c(col(t, 'run_uuid')) }, b: lit('') }, then: lit(1) }], otherwise: lit(0) }], columns: [{ name: 'event_type', expr: c(col(t, 'event_type')), family: 'text' }] },
          runKey: ['run_uuid'],
          order: [{ column: 'event_time' }],
          name: 'event_type',
          at: 'event_time',
          interval: { kind: 'point' },
          status: 'event_type',
        },
        runStatus: { complete: 'ok', fail: 'failed', abort: 'failed', start: 'running', running: 'running', other: 'unknown' },
        stepStatus: { start: 'ok', running: 'ok', complete: 'ok', fail: 'failed', abort: 'failed', other: 'unknown' },
        naiveTime: 'utc',
        timeline: true,
        lineage: marquezLineage(t),
      });
    }
    return found;
  },
};
