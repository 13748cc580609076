/**
 * The dbt_audit_summary / dbt_audit_detail pattern (kiranjambapuram/dbt @ 8363c6fd macros, per
 * audit-formats.md §6.2): detail rows ordered by step_sequence_num with NULLs last. That order
 * needs a helper `step_sequence_num is null`, which no export or grid column list may show.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteSource } from '../../../electron/sources/sqlite/sqlite-source';
import { formatSummary } from '../../../electron/views/format-summary';
import { findFormat } from '../../../electron/views/store-formats';
import { stepsExportPlan, stepsPlan } from '../../../electron/views/view-plans';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('no helper columns in output', () => {
  it('steps grid columns and the steps export header hold only columns a user can name', async () => {
    const file = path.join(dir, 'dbt-audit.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE dbt_audit_summary (invocation_id VARCHAR(255), model_name VARCHAR(255), run_started_at TIMESTAMP, run_ended_at TIMESTAMP, execution_time_seconds INTEGER, rows_processed INTEGER, status VARCHAR(50), run_by_user VARCHAR(255), custom_message VARCHAR(1000) NULL, PRIMARY KEY (invocation_id, model_name));
      CREATE TABLE dbt_audit_detail (detail_log_id VARCHAR(255) PRIMARY KEY, invocation_id VARCHAR(255), model_name VARCHAR(255), step_name VARCHAR(255), step_sequence_num INTEGER NULL, event_timestamp TIMESTAMP, status VARCHAR(50), message VARCHAR(1000));
      INSERT INTO dbt_audit_summary VALUES ('i1', 'payments', '2026-10-01 10:00:00', '2026-10-01 10:00:30', 30, NULL, 'completed', 'ana', NULL);
      INSERT INTO dbt_audit_detail VALUES ('d1', 'i1', 'payments', 'execute', 2, '2026-10-01 10:00:20', 'info', NULL), ('d2', 'i1', 'payments', 'compile', 1, '2026-10-01 10:00:10', 'info', NULL), ('d3', 'i1', 'payments', 'cleanup', NULL, '2026-10-01 10:00:01', 'debug', NULL);`);
    db.close();
    const s = await SqliteSource.open(file, sqliteDeps);
    try {
      const catalog = await s.catalog();
      const f = findFormat(catalog, 'dbt-audit');
      const exported = stepsExportPlan(f, { filters: [], sort: [] }, null);
      expect(exported.columns.map((c) => c.name).filter((n) => n.endsWith(' is null'))).toEqual([]);
      expect(formatSummary(f, catalog).stepColumns.filter((n) => n.endsWith(' is null'))).toEqual([]);
      // The order still puts the step without a sequence number last.
      const page = await s.page(stepsPlan(f, { filters: [], sort: [] }, ['i1', 'payments']), 0, 10);
      const name = page.columns.indexOf('step_name');
      expect(page.rows.map((r) => r[name])).toEqual(['compile', 'execute', 'cleanup']);
    } finally {
      await s.close();
    }
  });
});
