import type { AuditModel } from '../../shared/model/audit-model';
import type { Profile } from './profile';
import { hasColumns, tablesBySchema } from './profile';

/**
 * OpenLineage events read from files (the JSON source's `openlineage_*` tables): the
 * START/RUNNING/COMPLETE/FAIL/ABORT events of a runId make one run (grouped by the cache, so the
 * key is unique), the events themselves are its steps in time order, parent run ids link runs,
 * and the input/output edges feed the lineage view. Event times carry their offsets.
 */
export const openLineageProfile: Profile = {
  id: 'openlineage',
  title: 'OpenLineage events',
  detect(catalog) {
    const found: AuditModel[] = [];
    if (catalog.source.kind !== 'json') {
      return found;
    }
    for (const tables of tablesBySchema(catalog).values()) {
      const runs = tables.get('openlineage_runs');
      const events = tables.get('openlineage_events');
      if (!runs || !events || !hasColumns(runs, ['run_id', 'job_name', 'state', 'started_at']) || !hasColumns(events, ['run_id', 'event_time', 'event_type'])) {
        continue;
      }
      const edges = tables.get('openlineage_edges');
      found.push({
        formatId: 'openlineage',
        title: this.title,
        runs: {
          table: { schema: runs.schema, name: runs.name },
          key: ['run_id'],
          unique: true,
          name: 'job_name',
          started: 'started_at',
          ended: 'ended_at',
          status: 'state',
          ...(hasColumns(runs, ['error_message']) ? { message: 'error_message' } : {}),
        },
        steps: {
          table: { schema: events.schema, name: events.name },
          runKey: ['run_id'],
          order: [{ column: 'event_time' }, ...(hasColumns(events, ['event_id']) ? [{ column: 'event_id' }] : [])],
          name: 'event_type',
          at: 'event_time',
          status: 'event_type',
          ...(hasColumns(events, ['error_message']) ? { message: 'error_message' } : {}),
        },
        runStatus: { complete: 'ok', fail: 'failed', abort: 'failed', start: 'running', running: 'running', other: 'unknown' },
        stepStatus: { start: 'ok', running: 'ok', complete: 'ok', fail: 'failed', abort: 'failed', other: 'unknown' },
        naiveTime: 'utc',
        timeline: true,
        lineage: edges ? { table: { schema: edges.schema, name: edges.name } } : null,
      });
    }
    return found;
  },
};
