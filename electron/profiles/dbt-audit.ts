import type { AuditModel, StatusVocabulary } from '../../shared/model/audit-model';
import type { Profile } from './profile';
import { col, hasColumns, tablesBySchema } from './profile';

const RUN_STATUS: StatusVocabulary = {
  completed: 'ok', success: 'ok', pass: 'ok', started: 'running', running: 'running',
  error: 'failed', failed: 'failed', fail: 'failed', skipped: 'skipped', skip: 'skipped',
};
const STEP_STATUS: StatusVocabulary = { info: 'ok', debug: 'ok', warning: 'ok', warn: 'ok', error: 'failed' };

/**
 * dbt two-table audit logs: `dbt_audit_summary` runs keyed by invocation_id + model_name, joined
 * to `dbt_audit_detail` steps ordered by step_sequence_num (NULL last) then event_timestamp.
 * Timestamps come from `now()` into TIMESTAMP, so naive values are the writer's local time.
 */
export const dbtAuditProfile: Profile = {
  id: 'dbt-audit',
  title: 'dbt audit log (summary + detail)',
  detect(catalog) {
    const found: AuditModel[] = [];
    for (const tables of tablesBySchema(catalog).values()) {
      const s = tables.get('dbt_audit_summary');
      if (!s || !hasColumns(s, ['invocation_id', 'model_name', 'run_started_at', 'status'])) {
        continue;
      }
      const d = tables.get('dbt_audit_detail');
      const steps = d && hasColumns(d, ['invocation_id', 'model_name', 'step_name']) ? d : null;
      found.push({
        formatId: 'dbt-audit',
        title: this.title,
        runs: {
          table: { schema: s.schema, name: s.name },
          key: [col(s, 'invocation_id'), col(s, 'model_name')],
          name: col(s, 'model_name'),
          started: col(s, 'run_started_at'),
          ...(hasColumns(s, ['run_ended_at']) ? { ended: col(s, 'run_ended_at') } : {}),
          ...(hasColumns(s, ['execution_time_seconds']) ? { duration: { column: col(s, 'execution_time_seconds'), unit: 's' as const } } : {}),
          status: col(s, 'status'),
          ...(hasColumns(s, ['run_by_user']) ? { actor: col(s, 'run_by_user') } : {}),
          ...(hasColumns(s, ['custom_message']) ? { message: col(s, 'custom_message') } : {}),
          // One dbt invocation runs many models: the invocation gathers them.
          group: col(s, 'invocation_id'),
        },
        steps: steps
          ? {
              table: { schema: steps.schema, name: steps.name },
              runKey: [col(steps, 'invocation_id'), col(steps, 'model_name')],
              order: [
                ...(hasColumns(steps, ['step_sequence_num']) ? [{ column: col(steps, 'step_sequence_num'), nullsLast: true }] : []),
                ...(hasColumns(steps, ['event_timestamp']) ? [{ column: col(steps, 'event_timestamp') }] : []),
              ],
              name: col(steps, 'step_name'),
              ...(hasColumns(steps, ['event_timestamp']) ? { at: col(steps, 'event_timestamp') } : {}),
              ...(hasColumns(steps, ['status']) ? { status: col(steps, 'status') } : {}),
              ...(hasColumns(steps, ['message']) ? { message: col(steps, 'message') } : {}),
            }
          : null,
        runStatus: RUN_STATUS,
        stepStatus: STEP_STATUS,
        naiveTime: 'local',
        timeline: true,
        lineage: [],
      });
    }
    return found;
  },
};
