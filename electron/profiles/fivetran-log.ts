import type { AuditModel } from '../../shared/model/audit-model';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import type { TableInfo } from '../../shared/model/catalog';
import type { Profile } from './profile';
import { col, hasColumns, tablesBySchema } from './profile';
import { fivetranLineage } from './fivetran-lineage';

const c = (name: string): RelExpr => ({ k: 'col', name });
const lit = (value: string | number): RelExpr => ({ k: 'lit', value });
const isEvent = (e: string): RelExpr => ({ k: 'eq', a: c('message_event'), b: lit(e) });

/**
 * Fivetran's user activity: log rows whose message_data names an actor other than Fivetran itself
 * (as dbt_fivetran_log's audit_user_activity model keeps them), one row per action, no steps.
 */
function userActivity(t: TableInfo, conn: string): AuditModel {
  const actor: RelExpr = { k: 'jsonText', e: c(col(t, 'message_data')), key: 'actor' };
  return {
    formatId: 'fivetran-log',
    variant: 'activity',
    title: 'Fivetran Platform log (user activity)',
    runs: {
      table: { schema: t.schema, name: t.name },
      relation: {
        base: { schema: t.schema, name: t.name },
        where: [{ k: 'case', when: [{ cond: { k: 'isNull', e: actor }, then: lit(0) }, { cond: { k: 'eq', a: actor, b: lit('fivetran') }, then: lit(0) }], otherwise: lit(1) }],
        columns: [
          { name: 'row', expr: { k: 'concat', parts: [c(conn), c(col(t, 'time_stamp')), ...(hasColumns(t, ['id']) ? [c(col(t, 'id'))] : [])], sep: ' / ' }, family: 'text' },
          { name: 'actor', expr: actor, family: 'text' },
          { name: 'action', expr: c(col(t, 'message_event')), family: 'text' },
          { name: 'connection_id', expr: c(conn), family: 'text' },
          { name: 'time_stamp', expr: c(col(t, 'time_stamp')), family: 'temporal' },
          { name: 'event', expr: c(col(t, 'event')), family: 'text' },
          { name: 'message_data', expr: c(col(t, 'message_data')), family: 'json' },
        ],
      },
      key: ['row'],
      name: 'action',
      started: 'time_stamp',
      status: 'event',
      actor: 'actor',
      message: 'connection_id',
    },
    steps: null,
    runStatus: { info: 'ok', warning: 'ok', severe: 'failed', error: 'failed' },
    stepStatus: {},
    naiveTime: 'utc',
    timeline: false,
    lineage: [],
  };
}

/**
 * The Fivetran Platform `log` table: a sync runs from `sync_start` to `sync_end` on one
 * connection, numbered by a running count of sync_start rows (as dbt_fivetran_log does), with its
 * status from sync_end's `message_data.status`; the log rows in between are its steps. Both the
 * current `connection_id` and the older `connector_id` are read. Timestamps are naive UTC.
 */
export const fivetranLogProfile: Profile = {
  id: 'fivetran-log',
  title: 'Fivetran Platform log (syncs)',
  detect(catalog) {
    const found: AuditModel[] = [];
    for (const tables of tablesBySchema(catalog).values()) {
      const t = tables.get('log');
      if (!t || !hasColumns(t, ['time_stamp', 'message_event', 'message_data', 'event'])) {
        continue;
      }
      const conn = hasColumns(t, ['connection_id']) ? col(t, 'connection_id') : hasColumns(t, ['connector_id']) ? col(t, 'connector_id') : null;
      if (conn === null) {
        continue;
      }
      const tie = hasColumns(t, ['id']) ? [c(col(t, 'id'))] : [];
      const events: DerivedRelation = {
        base: { schema: t.schema, name: t.name },
        columns: [
          { name: 'connection_id', expr: c(conn), family: 'text' },
          { name: 'sync_seq', expr: { k: 'runningCount', cond: { k: 'eq', a: c(col(t, 'message_event')), b: lit('sync_start') }, partition: [c(conn)], order: [c(col(t, 'time_stamp')), ...tie] }, family: 'integer' },
          ...t.columns.filter((x) => x.name !== conn).map((x) => ({ name: x.name, expr: c(x.name), family: x.family })),
        ],
      };
      // A row is in sync N from its sync_start to its first sync_end; rows before a connection's
      // first sync_start (sync_seq 0) and rows logged after a sync_end, until the next sync_start,
      // belong to no sync (one real log has 2025 events after a sync that ended in 2021).
      const placed: DerivedRelation = {
        base: events,
        columns: [
          ...events.columns.map((x) => ({ name: x.name, expr: c(x.name), family: x.family })),
          {
            name: 'ends_before',
            expr: {
              k: 'sub',
              a: { k: 'runningCount', cond: isEvent('sync_end'), partition: [c('connection_id'), c('sync_seq')], order: [c(col(t, 'time_stamp')), ...(tie.length > 0 ? [c(col(t, 'id'))] : [])] },
              b: { k: 'case', when: [{ cond: isEvent('sync_end'), then: lit(1) }], otherwise: lit(0) },
            },
            family: 'integer',
          },
        ],
      };
      const inSync = (yes: number): RelExpr => ({
        k: 'case',
        when: [{ cond: { k: 'eq', a: c('sync_seq'), b: lit(0) }, then: lit(1 - yes) }, { cond: { k: 'eq', a: c('ends_before'), b: lit(0) }, then: lit(yes) }],
        otherwise: lit(1 - yes),
      });
      const stepRows: DerivedRelation = { base: placed, where: [inSync(1)], columns: events.columns.map((x) => ({ name: x.name, expr: c(x.name), family: x.family })) };
      const endStatus: RelExpr = { k: 'agg', fn: 'max', e: { k: 'jsonText', e: c('message_data'), key: 'status' }, where: isEvent('sync_end') };
      const ends: RelExpr = { k: 'agg', fn: 'count', e: c('message_event'), where: isEvent('sync_end') };
      const syncs: DerivedRelation = {
        base: placed,
        where: [inSync(1)],
        groupBy: [c('connection_id'), c('sync_seq')],
        columns: [
          { name: 'connection_id', expr: c('connection_id'), family: 'text' },
          { name: 'sync_seq', expr: c('sync_seq'), family: 'integer' },
          { name: 'started', expr: { k: 'agg', fn: 'min', e: c('time_stamp'), where: isEvent('sync_start') }, family: 'temporal' },
          { name: 'ended', expr: { k: 'agg', fn: 'max', e: c('time_stamp'), where: isEvent('sync_end') }, family: 'temporal' },
          {
            name: 'sync_status',
            expr: { k: 'case', when: [{ cond: { k: 'eq', a: ends, b: lit(0) }, then: lit('RUNNING') }], otherwise: { k: 'coalesce', parts: [endStatus, lit('ENDED')] } },
            family: 'text',
          },
          { name: 'reason', expr: { k: 'agg', fn: 'max', e: { k: 'jsonText', e: c('message_data'), key: 'reason' }, where: isEvent('sync_end') }, family: 'text' },
          { name: 'events', expr: { k: 'agg', fn: 'count', e: lit(1) }, family: 'integer' },
          { name: 'warnings', expr: { k: 'agg', fn: 'count', e: c('event'), where: { k: 'eq', a: c('event'), b: lit('WARNING') } }, family: 'integer' },
          { name: 'severe', expr: { k: 'agg', fn: 'count', e: c('event'), where: { k: 'eq', a: c('event'), b: lit('SEVERE') } }, family: 'integer' },
        ],
      };
      found.push({
        formatId: 'fivetran-log',
        title: this.title,
        runs: { table: { schema: t.schema, name: t.name }, relation: syncs, key: ['connection_id', 'sync_seq'], name: 'connection_id', started: 'started', ended: 'ended', status: 'sync_status', message: 'reason', group: 'connection_id' },
        steps: {
          table: { schema: t.schema, name: t.name },
          relation: stepRows,
          outside: { base: placed, where: [inSync(0)], columns: [{ name: 'connection_id', expr: c('connection_id'), family: 'text' }] },
          runKey: ['connection_id', 'sync_seq'],
          order: [{ column: col(t, 'time_stamp') }, ...(tie.length > 0 ? [{ column: col(t, 'id') }] : [])],
          name: col(t, 'message_event'),
          at: col(t, 'time_stamp'),
          status: col(t, 'event'),
          message: col(t, 'message_data'),
        },
        runStatus: {
          successful: 'ok', ended: 'ok', running: 'running', failure: 'failed', failure_with_task: 'failed', rescheduled: 'skipped', canceled: 'skipped', cancelled: 'skipped',
        },
        stepStatus: { info: 'ok', warning: 'ok', severe: 'failed', error: 'failed' },
        naiveTime: 'utc',
        timeline: true,
        lineage: fivetranLineage(tables),
      });
      found.push(userActivity(t, conn));
    }
    return found;
  },
};
