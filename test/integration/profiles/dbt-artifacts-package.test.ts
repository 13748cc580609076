/**
 * The dbt_artifacts package's tables, shaped as its macros fill them: columns and their order from
 * brooklyn-data/dbt_artifacts @ 6d37fa06 macros/upload_results/get_column_name_lists.sql, types
 * from models/sources/*.sql, values as the upload macros render them (`'{{ run_started_at }}'` is
 * str() of an aware datetime, timing started_at/completed_at naive UTC, statuses from run results).
 * Statuses and ends are checked against SQL over the same tables, on SQLite and on Postgres.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { findFormat, storeFormats } from '../../../electron/views/store-formats';
import { stepsPlan, viewPlan } from '../../../electron/views/view-plans';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const EXEC_COLUMNS = `command_invocation_id VARCHAR(255), node_id VARCHAR(255), run_started_at TIMESTAMP, was_full_refresh BOOLEAN, thread_id VARCHAR(255), status VARCHAR(255),
  compile_started_at TIMESTAMP, query_completed_at TIMESTAMP, total_node_runtime FLOAT, rows_affected INTEGER`;
const DDL = `
  CREATE TABLE invocations (command_invocation_id VARCHAR(255), dbt_version VARCHAR(255), project_name VARCHAR(255), run_started_at TIMESTAMP, dbt_command VARCHAR(255), full_refresh_flag BOOLEAN,
    target_profile_name VARCHAR(255), target_name VARCHAR(255), target_schema VARCHAR(255), target_threads INTEGER, dbt_cloud_project_id VARCHAR(255), dbt_cloud_job_id VARCHAR(255), dbt_cloud_run_id VARCHAR(255),
    dbt_cloud_run_reason_category VARCHAR(255), dbt_cloud_run_reason VARCHAR(255), env_vars JSON, dbt_vars JSON, invocation_args JSON, dbt_custom_envs JSON);
  CREATE TABLE model_executions (${EXEC_COLUMNS}, materialization VARCHAR(255), schema VARCHAR(255), name VARCHAR(255), alias VARCHAR(255), message VARCHAR(4000), adapter_response JSON);
  CREATE TABLE seed_executions (${EXEC_COLUMNS}, materialization VARCHAR(255), schema VARCHAR(255), name VARCHAR(255), alias VARCHAR(255), message VARCHAR(4000), adapter_response JSON);
  CREATE TABLE snapshot_executions (${EXEC_COLUMNS}, materialization VARCHAR(255), schema VARCHAR(255), name VARCHAR(255), alias VARCHAR(255), message VARCHAR(4000), adapter_response JSON);
  CREATE TABLE test_executions (${EXEC_COLUMNS}, failures INTEGER, message VARCHAR(4000), adapter_response JSON);`;

const inv = (id: string, command: string, started: string): string =>
  `('${id}', '1.8.2', 'jaffle_shop', '${started}', '${command}', false, 'jaffle_shop', 'dev', 'analytics', 4, NULL, NULL, NULL, NULL, NULL, '{}', '{}', '{"which": "${command}"}', '{}')`;
const exec = (id: string, node: string, status: string, start: string, end: string | null): string =>
  `('${id}', '${node}', '${start.slice(0, 10)} 09:59:59.500000+00:00', false, 'Thread-1', '${status}', '${start}', ${end ? `'${end}'` : 'NULL'}, 1.5, 1`;

const INSERTS = `
  INSERT INTO invocations VALUES
    ${inv('b1', 'build', '2026-10-01 09:59:59.500000+00:00')},
    ${inv('t1', 'test', '2026-10-02 09:59:59.500000+00:00')},
    ${inv('r1', 'run', '2026-10-03 09:59:59.500000+00:00')},
    ${inv('s1', 'snapshot', '2026-10-04 09:59:59.500000+00:00')},
    ${inv('c1', 'compile', '2026-10-05 09:59:59.500000+00:00')};
  INSERT INTO seed_executions VALUES ${exec('b1', 'seed.jaffle_shop.raw_orders', 'success', '2026-10-01 10:00:00.000000', '2026-10-01 10:00:02.000000')}, 'seed', 'analytics', 'raw_orders', 'raw_orders', 'INSERT 99', '{}');
  INSERT INTO model_executions VALUES
    ${exec('b1', 'model.jaffle_shop.orders', 'success', '2026-10-01 10:00:03.000000', '2026-10-01 10:00:08.000000')}, 'table', 'analytics', 'orders', 'orders', 'SELECT 99', '{}'),
    ${exec('r1', 'model.jaffle_shop.orders', 'success', '2026-10-03 10:00:00.000000', '2026-10-03 10:00:04.000000')}, 'table', 'analytics', 'orders', 'orders', 'SELECT 99', '{}'),
    ${exec('r1', 'model.jaffle_shop.payments', 'error', '2026-10-03 10:00:05.000000', '2026-10-03 10:00:06.000000')}, 'table', 'analytics', 'payments', 'payments', 'division by zero', '{}');
  INSERT INTO test_executions VALUES
    ${exec('b1', 'test.jaffle_shop.unique_orders_order_id', 'pass', '2026-10-01 10:00:09.000000', '2026-10-01 10:00:10.000000')}, 0, 'None', '{}'),
    ${exec('b1', 'test.jaffle_shop.not_null_orders_amount', 'fail', '2026-10-01 10:00:09.500000', '2026-10-01 10:00:12.250000')}, 3, 'Got 3 results, configured to fail if != 0', '{}'),
    ${exec('t1', 'test.jaffle_shop.unique_orders_order_id', 'pass', '2026-10-02 10:00:00.000000', '2026-10-02 10:00:01.000000')}, 0, 'None', '{}'),
    ${exec('t1', 'test.jaffle_shop.accepted_values_status', 'warn', '2026-10-02 10:00:00.500000', '2026-10-02 10:00:03.000000')}, 2, 'Got 2 results, configured to warn if != 0', '{}');
  INSERT INTO snapshot_executions VALUES ${exec('s1', 'snapshot.jaffle_shop.orders_snapshot', 'success', '2026-10-04 10:00:00.000000', '2026-10-04 10:00:07.000000')}, 'snapshot', 'snapshots', 'orders_snapshot', 'orders_snapshot', 'INSERT 0 1', '{}');`;

/** What the audit system means, in plain SQL over the same tables: failed when any execution failed or errored. */
const TRUTH = `
  WITH e AS (
    SELECT command_invocation_id, status, query_completed_at FROM model_executions UNION ALL SELECT command_invocation_id, status, query_completed_at FROM test_executions
    UNION ALL SELECT command_invocation_id, status, query_completed_at FROM seed_executions UNION ALL SELECT command_invocation_id, status, query_completed_at FROM snapshot_executions)
  SELECT i.command_invocation_id, count(e.status) AS n,
    CASE WHEN count(e.status) = 0 THEN 'unknown' WHEN sum(CASE WHEN e.status IN ('fail', 'error', 'runtime error') THEN 1 ELSE 0 END) > 0 THEN 'failed' ELSE 'ok' END AS status
  FROM invocations i LEFT JOIN e ON e.command_invocation_id = i.command_invocation_id GROUP BY i.command_invocation_id ORDER BY i.command_invocation_id`;

const { dir, cleanup } = tempDir();
const stores = new StoreManager(sqliteDeps);
const pgDb = `al_artifacts_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const sqliteFile = path.join(dir, 'dbt_artifacts.db');
let truth: unknown[][] = [];

beforeAll(async () => {
  const db = new Database(sqliteFile);
  db.exec(DDL + INSERTS);
  truth = db.prepare(TRUTH).raw().all() as unknown[][];
  db.close();
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: pgDb });
  await c.connect();
  await c.query(DDL + INSERTS);
  const pgTruth = await c.query({ text: TRUTH, rowMode: 'array' });
  expect(pgTruth.rows.map((r: unknown[]) => [r[0], Number(r[1]), r[2]])).toEqual(truth);
  await c.end();
});

afterAll(async () => {
  await stores.closeAll();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

async function check(source: Source): Promise<void> {
  const catalog = await source.catalog();
  expect(storeFormats(catalog).filter((x) => x.model.formatId === 'dbt-artifacts')).toHaveLength(1);
  const f = findFormat(catalog, 'dbt-artifacts');
  const runs = await source.page(viewPlan(f.runs, { columns: ['run_id', 'run_name', 'status', 'ended_at'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 20);
  // Every invocation is a run (a `dbt test` too), with the status the SQL ground truth gives.
  expect(runs.rows.map((r) => [r[0], r[2]])).toEqual(truth.map((t) => [t[0], t[2]]));
  expect(runs.rows.map((r) => r[1])).toEqual(['build', 'compile', 'run', 'snapshot', 'test']);
  // The build ends when its last test ended, not when its model did.
  expect(JSON.stringify(runs.rows[0]?.[3])).toMatch(/^"2026-10-01[ T]10:00:12\.25/);
  const steps = await source.page(stepsPlan(f, { columns: ['step_name', 'status', 'model_executions.kind'], filters: [], sort: [] }, ['b1']), 0, 20);
  expect(steps.rows).toEqual([
    ['seed.jaffle_shop.raw_orders', 'ok', 'seed'],
    ['model.jaffle_shop.orders', 'ok', 'model'],
    ['test.jaffle_shop.unique_orders_order_id', 'ok', 'test'],
    ['test.jaffle_shop.not_null_orders_amount', 'failed', 'test'],
  ]);
  const testRun = await source.page(stepsPlan(f, { columns: ['step_name'], filters: [], sort: [] }, ['t1']), 0, 20);
  expect(testRun.rows).toHaveLength(Number(truth.find((t) => t[0] === 't1')?.[1]));
  const failed = await source.page(viewPlan(f.runs, { columns: ['run_id'], filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [{ column: 'run_id', desc: false }] }), 0, 20);
  expect(failed.rows.map((r) => r[0])).toEqual(truth.filter((t) => t[2] === 'failed').map((t) => t[0]));
}

describe('dbt_artifacts package: runs are invocations, steps are every execution', () => {
  it('on SQLite', async () => {
    await check((await stores.openLocation(sqliteFile)).source);
  });

  it('on Postgres', async () => {
    await check((await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${pgDb}`)).source);
  });

  it('without an invocations table, runs are the invocations the execution tables name', async () => {
    const file = path.join(dir, 'no-invocations.db');
    const db = new Database(file);
    db.exec((DDL + INSERTS).replace(/CREATE TABLE invocations[\s\S]*?\);\n/, '').replace(/INSERT INTO invocations VALUES[\s\S]*?;\n/, ''));
    db.close();
    const source = (await stores.openLocation(file)).source;
    const f = findFormat(await source.catalog(), 'dbt-artifacts');
    const runs = await source.page(viewPlan(f.runs, { columns: ['run_id', 'status'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 20);
    expect(runs.rows).toEqual(truth.filter((t) => t[2] !== 'unknown').map((t) => [t[0], t[2]]));
  });
});
