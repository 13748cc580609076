import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stepsPlan, viewPlan } from '../../../electron/views/view-plans';
import { findFormat, storeFormats } from '../../../electron/views/store-formats';
import { SqliteSource } from '../../../electron/sources/sqlite/sqlite-source';
import { sha256, tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('dbt-event-log: started/completed events make runs (invocations) and steps (models)', () => {
  it('pairs events at both levels; a run without "run completed" did not finish', async () => {
    const file = path.join(dir, 'events.db');
    const db = new Database(file);
    // The legacy (<= 0.1.7) column set, as in tables created before event_user existed.
    db.exec(`CREATE TABLE dbt_audit_log (event_name TEXT, event_timestamp TIMESTAMP, event_schema TEXT, event_model TEXT, invocation_id TEXT);
      INSERT INTO dbt_audit_log VALUES
        ('run started', '2026-10-01 10:00:00', NULL, NULL, 'inv-a'),
        ('model deployment started', '2026-10-01 10:00:01', 'analytics', 'orders', 'inv-a'),
        ('model deployment completed', '2026-10-01 10:00:09', 'analytics', 'orders', 'inv-a'),
        ('model deployment started', '2026-10-01 10:00:10', 'analytics', 'payments', 'inv-a'),
        ('model deployment completed', '2026-10-01 10:00:12', 'analytics', 'payments', 'inv-a'),
        ('run completed', '2026-10-01 10:00:13', NULL, NULL, 'inv-a'),
        ('run started', '2026-10-02 10:00:00', NULL, NULL, 'inv-b'),
        ('model deployment started', '2026-10-02 10:00:02', 'analytics', 'orders', 'inv-b');`);
    db.close();
    const before = sha256(file);
    const s = await SqliteSource.open(file, sqliteDeps);
    try {
      const f = findFormat(await s.catalog(), 'dbt-event-log');
      const runs = await s.page(viewPlan(f.runs, { columns: ['run_id', 'duration_s', 'status', 'dbt_audit_log.models_deployed'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 10);
      expect(runs.rows).toEqual([['inv-a', 13, 'ok', 2], ['inv-b', null, 'failed', 0]]);
      const steps = await s.page(stepsPlan(f, { columns: ['step_name', 'status'], filters: [], sort: [] }, ['inv-b']), 0, 10);
      expect(steps.rows).toEqual([['orders', 'failed']]);
      const stepsA = await s.page(stepsPlan(f, { columns: ['step_name', 'status'], filters: [], sort: [] }, ['inv-a']), 0, 10);
      expect(stepsA.rows).toEqual([['orders', 'ok'], ['payments', 'ok']]);
    } finally {
      await s.close();
    }
    expect(sha256(file)).toBe(before);
  });
});

describe('dbt-event-log: a model that started and never completed fails its run', () => {
  it('even though on-run-end logged "run completed" (macros/audit.sql @ 7b289a58 logs it unconditionally)', async () => {
    const file = path.join(dir, 'events-failed-model.db');
    const db = new Database(file);
    // The current column set; a failed model leaves its "started" row only (post-hook never runs).
    db.exec(`CREATE TABLE dbt_audit_log (event_name TEXT, event_timestamp TIMESTAMP, event_schema TEXT, event_model TEXT, event_user TEXT, event_target TEXT, event_is_full_refresh BOOLEAN, invocation_id TEXT);
      INSERT INTO dbt_audit_log VALUES
        ('run started', '2026-10-03 10:00:00', NULL, NULL, 'ana', 'prod', 0, 'inv-c'),
        ('model deployment started', '2026-10-03 10:00:01', 'analytics', 'orders', 'ana', 'prod', 0, 'inv-c'),
        ('model deployment completed', '2026-10-03 10:00:05', 'analytics', 'orders', 'ana', 'prod', 0, 'inv-c'),
        ('model deployment started', '2026-10-03 10:00:06', 'analytics', 'payments', 'ana', 'prod', 0, 'inv-c'),
        ('run completed', '2026-10-03 10:00:07', NULL, NULL, 'ana', 'prod', 0, 'inv-c'),
        ('run started', '2026-10-04 10:00:00', NULL, NULL, 'ana', 'prod', 0, 'inv-d'),
        ('model deployment started', '2026-10-04 10:00:01', 'analytics', 'orders', 'ana', 'prod', 0, 'inv-d'),
        ('model deployment completed', '2026-10-04 10:00:02', 'analytics', 'orders', 'ana', 'prod', 0, 'inv-d'),
        ('run completed', '2026-10-04 10:00:03', NULL, NULL, 'ana', 'prod', 0, 'inv-d');`);
    // What the package's own stg_dbt_model_deployments pairing says: models started without a completion.
    const truth = db.prepare(`SELECT invocation_id, CASE WHEN sum(event_name = 'model deployment started') > sum(event_name = 'model deployment completed') OR sum(event_name = 'run completed') = 0 THEN 'failed' ELSE 'ok' END
      FROM dbt_audit_log GROUP BY invocation_id ORDER BY invocation_id`).raw().all();
    db.close();
    const s = await SqliteSource.open(file, sqliteDeps);
    try {
      const f = findFormat(await s.catalog(), 'dbt-event-log');
      const runs = await s.page(viewPlan(f.runs, { columns: ['run_id', 'status'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 10);
      expect(runs.rows).toEqual(truth);
      expect(runs.rows).toEqual([['inv-c', 'failed'], ['inv-d', 'ok']]);
    } finally {
      await s.close();
    }
  });
});

describe('dbt-artifacts from the dbt_artifacts package and Elementary tables', () => {
  it('groups node results into invocations; any errored node fails the invocation', async () => {
    const file = path.join(dir, 'packages.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE model_executions (command_invocation_id TEXT, node_id TEXT, run_started_at TIMESTAMP, was_full_refresh BOOLEAN, thread_id TEXT, status TEXT,
        compile_started_at TIMESTAMP, query_completed_at TIMESTAMP, total_node_runtime REAL, rows_affected INTEGER, materialization TEXT, schema TEXT, name TEXT, alias TEXT, message TEXT, adapter_response TEXT);
      INSERT INTO model_executions (command_invocation_id, node_id, status, compile_started_at, query_completed_at, message) VALUES
        ('a', 'model.p.orders', 'success', '2026-10-01 10:00:00', '2026-10-01 10:00:05', 'SELECT 10'),
        ('a', 'model.p.payments', 'error', '2026-10-01 10:00:06', '2026-10-01 10:00:07', 'division by zero'),
        ('b', 'model.p.orders', 'success', '2026-10-02 10:00:00', '2026-10-02 10:00:04', 'SELECT 11');
      CREATE TABLE dbt_run_results (model_execution_id TEXT, unique_id TEXT, invocation_id TEXT, generated_at TEXT, name TEXT, message TEXT, status TEXT,
        resource_type TEXT, execution_time REAL, execute_started_at TEXT, execute_completed_at TEXT);
      INSERT INTO dbt_run_results (unique_id, invocation_id, status, execute_started_at, execute_completed_at) VALUES ('model.p.x', 'e1', 'success', '2026-10-03 10:00:00', '2026-10-03 10:00:09');`);
    db.close();
    const s = await SqliteSource.open(file, sqliteDeps);
    try {
      const catalog = await s.catalog();
      const all = storeFormats(catalog);
      expect(all.map((x) => [x.model.formatId, x.model.runs.table.name])).toEqual([['dbt-artifacts', 'model_executions'], ['dbt-artifacts', 'dbt_run_results']]);
      const f = findFormat(catalog, 'dbt-artifacts:::model_executions'.replace(':::', '::'));
      const runs = await s.page(viewPlan(f.runs, { columns: ['run_id', 'status', 'duration_s'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 10);
      expect(runs.rows).toEqual([['a', 'failed', 7], ['b', 'ok', 4]]);
      const steps = await s.page(stepsPlan(f, { columns: ['step_name', 'status'], filters: [], sort: [] }, ['a']), 0, 10);
      expect(steps.rows).toEqual([['model.p.orders', 'ok'], ['model.p.payments', 'failed']]);
    } finally {
      await s.close();
    }
  });
});
