import type { AuditModel, LineageMapping, StatusVocabulary } from '../../shared/model/audit-model';
import type { Profile } from './profile';
import { col, hasColumns, tablesBySchema } from './profile';
import { artifactMapping, lineageEdgeMapping, operationMapping } from './transformation-lineage';

const SESSION_STATUS: StatusVocabulary = {
  active: 'running', completed: 'ok', failed: 'failed', abandoned: 'failed', rolled_back: 'failed',
};

/**
 * Transformation logging (`audit.transformation_session` and friends): sessions are runs,
 * operations are steps by operation_order, lineage_edge feeds the lineage view. TIMESTAMPTZ
 * values carry their offset; naive ones (SQLite copies) are taken as UTC.
 */
export const transformationLogProfile: Profile = {
  id: 'transformation-log',
  title: 'Transformation logging (sessions, operations, lineage)',
  detect(catalog) {
    const found: AuditModel[] = [];
    for (const tables of tablesBySchema(catalog).values()) {
      const s = tables.get('transformation_session');
      if (!s || !hasColumns(s, ['id', 'session_type', 'status', 'started_at'])) {
        continue;
      }
      const op = tables.get('transformation_operation');
      const steps = op && hasColumns(op, ['session_id', 'operation_order']) ? op : null;
      const edges = tables.get('lineage_edge');
      const artifacts = tables.get('output_artifact');
      found.push({
        formatId: 'transformation-log',
        title: this.title,
        runs: {
          table: { schema: s.schema, name: s.name },
          key: [col(s, 'id')],
          name: col(s, 'session_type'),
          started: col(s, 'started_at'),
          ...(hasColumns(s, ['completed_at']) ? { ended: col(s, 'completed_at') } : {}),
          status: col(s, 'status'),
          ...(hasColumns(s, ['agent_id']) ? { actor: col(s, 'agent_id') } : {}),
          ...(hasColumns(s, ['error_message']) ? { message: col(s, 'error_message') } : {}),
          ...(hasColumns(s, ['parent_session_id']) ? { parent: { column: col(s, 'parent_session_id'), key: col(s, 'id') } } : {}),
        },
        steps: steps
          ? {
              table: { schema: steps.schema, name: steps.name },
              runKey: [col(steps, 'session_id')],
              order: [{ column: col(steps, 'operation_order'), nullsLast: true }, ...(hasColumns(steps, ['id']) ? [{ column: col(steps, 'id') }] : [])],
              ...(hasColumns(steps, ['operation_type']) ? { name: col(steps, 'operation_type') } : {}),
              ...(hasColumns(steps, ['created_at']) ? { at: col(steps, 'created_at') } : {}),
              // log_transformation_operation() inserts the row after the operation ran: created_at
              // (DEFAULT NOW()) is its end, and it started execution_time_ms before.
              ...(hasColumns(steps, ['execution_time_ms']) ? { interval: { kind: 'duration' as const, column: col(steps, 'execution_time_ms'), unit: 'ms' as const, anchor: 'end' as const } } : {}),
              ...(hasColumns(steps, ['output_table']) ? { node: col(steps, 'output_table') } : {}),
              // An operation keeps no error of its own: its warnings are what it has to say.
              ...(hasColumns(steps, ['warnings']) ? { message: col(steps, 'warnings') } : {}),
              // What the operation did, and on how many rows: the step's story, so not hidden.
              shown: ['transformation_logic', 'input_row_count', 'output_row_count'].filter((n) => hasColumns(steps, [n])).map((n) => col(steps, n)),
            }
          : null,
        runStatus: SESSION_STATUS,
        stepStatus: {},
        naiveTime: 'utc',
        timeline: true,
        timelineLane: hasColumns(s, ['agent_id']) ? 'actor' : 'run_name',
        // lineage_edge first: the timeline's step dependencies read the first mapping.
        lineage: [
          ...(edges && hasColumns(edges, ['source_name', 'target_name']) ? [lineageEdgeMapping(edges)] : []),
          ...[op && operationMapping(op), artifacts && artifactMapping(artifacts)].filter((m): m is LineageMapping => !!m),
        ],
      });
    }
    return found;
  },
};
