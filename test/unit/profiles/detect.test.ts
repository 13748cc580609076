import { describe, expect, it } from 'vitest';
import { normaliseStatus } from '../../../shared/model/audit-model';
import type { Catalog, TableInfo } from '../../../shared/model/catalog';
import { detectFormats } from '../../../electron/profiles/registry';
import { tableOf } from '../../helpers/tables';

function catalogOf(...tables: TableInfo[]): Catalog {
  return { source: { kind: 'sqlite', location: 'x', title: 'x' }, tables, problems: [] };
}

const summary = tableOf('dbt_audit_summary', [['invocation_id', 'VARCHAR'], ['model_name', 'VARCHAR'], ['run_started_at', 'TIMESTAMP'], ['run_ended_at', 'TIMESTAMP'], ['execution_time_seconds', 'INTEGER'], ['status', 'VARCHAR'], ['run_by_user', 'VARCHAR'], ['custom_message', 'VARCHAR']]);
const detail = tableOf('dbt_audit_detail', [['detail_log_id', 'VARCHAR'], ['invocation_id', 'VARCHAR'], ['model_name', 'VARCHAR'], ['step_name', 'VARCHAR'], ['step_sequence_num', 'INTEGER'], ['event_timestamp', 'TIMESTAMP'], ['status', 'VARCHAR'], ['message', 'VARCHAR']]);

describe('format detection', () => {
  it('recognises dbt-audit with its composite join key and step order', () => {
    const [m] = detectFormats(catalogOf(summary, detail));
    expect(m?.formatId).toBe('dbt-audit');
    expect(m?.runs.key).toEqual(['invocation_id', 'model_name']);
    expect(m?.steps?.runKey).toEqual(['invocation_id', 'model_name']);
    expect(m?.steps?.order).toEqual([{ column: 'step_sequence_num', nullsLast: true }, { column: 'event_timestamp' }]);
    expect(m?.naiveTime).toBe('local');
  });

  it('finds a format once per schema, and upper-case column names keep their spelling', () => {
    const upper = tableOf('DBT_AUDIT_SUMMARY', [['INVOCATION_ID', 'TEXT'], ['MODEL_NAME', 'TEXT'], ['RUN_STARTED_AT', 'TEXT'], ['STATUS', 'TEXT']], { schema: 'analytics' });
    const found = detectFormats(catalogOf({ ...summary, schema: 'public' }, upper));
    expect(found.map((f) => [f.runs.table.schema, f.runs.key])).toEqual([['public', ['invocation_id', 'model_name']], ['analytics', ['INVOCATION_ID', 'MODEL_NAME']]]);
  });

  it('does not claim formats that are not there', () => {
    const genericLog = tableOf('log', [['id', 'INTEGER'], ['message', 'TEXT'], ['level', 'TEXT']]);
    const lookalike = tableOf('dbt_audit_summary', [['id', 'INTEGER'], ['status', 'TEXT']]);
    const session = tableOf('transformation_session', [['id', 'TEXT'], ['name', 'TEXT']]);
    expect(detectFormats(catalogOf(genericLog, lookalike, session))).toEqual([]);
  });

  it('normalises raw statuses without guessing', () => {
    const [m] = detectFormats(catalogOf(summary));
    expect(m?.steps).toBeNull();
    expect(normaliseStatus(' Completed ', m?.runStatus ?? {})).toBe('ok');
    expect(normaliseStatus('error', m?.runStatus ?? {})).toBe('failed');
    expect(normaliseStatus('started', m?.runStatus ?? {})).toBe('running');
    expect(normaliseStatus('weird', m?.runStatus ?? {})).toBe('unknown');
    expect(normaliseStatus(null, m?.runStatus ?? {})).toBe('unknown');
  });
});
