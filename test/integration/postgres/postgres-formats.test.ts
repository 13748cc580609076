import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsPlan } from '../../../electron/views/runs-plan';
import { stepsPlan } from '../../../electron/views/view-plans';
import { findFormat } from '../../../electron/views/store-formats';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const db = `al_formats_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const stores = new StoreManager(sqliteDeps);
const APPLES = path.resolve(__dirname, '../../../../shared/fixtures/real/marquez/api/src/test/resources/apples');
let source: Source;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await c.connect();
  // Marquez's table, and the dbt two-table audit log in its own schema.
  await c.query(`CREATE TABLE lineage_events (event_time timestamptz NOT NULL, event jsonb NOT NULL, event_type text, job_name text, job_namespace text, producer text, run_uuid uuid, created_at timestamptz DEFAULT now());
    CREATE SCHEMA analytics;
    CREATE TABLE analytics.dbt_audit_summary (invocation_id varchar(255), model_name varchar(255), run_started_at timestamp, run_ended_at timestamp, execution_time_seconds integer, rows_processed integer, status varchar(50), run_by_user varchar(255), custom_message varchar(1000), PRIMARY KEY (invocation_id, model_name));
    CREATE TABLE analytics.dbt_audit_detail (detail_log_id varchar(255) PRIMARY KEY, invocation_id varchar(255), model_name varchar(255), step_name varchar(255), step_sequence_num integer NULL, event_timestamp timestamp, status varchar(50), message varchar(1000));
    INSERT INTO analytics.dbt_audit_summary VALUES ('i1', 'orders', '2026-10-01 10:00:00', '2026-10-01 10:00:30', 30, NULL, 'completed', 'ana', NULL), ('i1', 'payments', '2026-10-01 10:00:00', NULL, NULL, NULL, 'error', 'ana', 'boom');
    INSERT INTO analytics.dbt_audit_detail VALUES ('d1', 'i1', 'payments', 'execute', 2, '2026-10-01 10:00:20', 'error', 'boom'), ('d2', 'i1', 'payments', 'compile', 1, '2026-10-01 10:00:10', 'info', NULL), ('d3', 'i1', 'payments', 'cleanup', NULL, '2026-10-01 10:00:01', 'debug', NULL);`);
  for (const f of fs.readdirSync(APPLES).filter((x) => x.endsWith('.json'))) {
    const e = JSON.parse(fs.readFileSync(path.join(APPLES, f), 'utf8')) as { eventTime: string; eventType: string; job: { name: string; namespace: string }; run: { runId: string }; producer: string };
    await c.query('INSERT INTO lineage_events (event_time, event, event_type, job_name, job_namespace, producer, run_uuid) VALUES ($1, $2, $3, $4, $5, $6, $7)', [e.eventTime, e, e.eventType, e.job.name, e.job.namespace, e.producer, e.run.runId]);
  }
  // A run that started and failed, to see the most final state win.
  await c.query(`INSERT INTO lineage_events (event_time, event, event_type, job_name, job_namespace, run_uuid) VALUES
    ('2020-11-01T10:00:00+10:00', '{}', 'START', 'bake', 'food', '11111111-1111-1111-1111-111111111111'),
    ('2020-11-01T10:05:00+10:00', '{}', 'FAIL', 'bake', 'food', '11111111-1111-1111-1111-111111111111')`);
  // The pre/post-hook log and the real Fivetran seed log, each in its own schema.
  await c.query(`CREATE SCHEMA hooks; CREATE TABLE hooks.dbt_audit_log (model_name varchar(255), execution_time timestamp, row_count int, run_id varchar(255));
    INSERT INTO hooks.dbt_audit_log VALUES ('"db"."m"."orders" - BEFORE', '2026-10-01 10:00:00', 100, 'r1'), ('"db"."m"."orders" - AFTER', '2026-10-01 10:00:42', 130, 'r1'),
      ('"db"."m"."pay" - BEFORE', '2026-10-01 10:01:00', 7, 'r1');
    CREATE SCHEMA fivetran_log;`);
  const rows = parse(fs.readFileSync(path.resolve(__dirname, '../../../../shared/fixtures/real/dbt_fivetran_log/integration_tests/seeds/log.csv')));
  const [header, ...body] = rows;
  await c.query(`CREATE TABLE fivetran_log.log (${(header ?? []).map((h) => `"${h}" text`).join(', ')})`);
  for (const r of body) {
    await c.query(`INSERT INTO fivetran_log.log VALUES (${r.map((_, i) => `$${i + 1}`).join(', ')})`, r.map((v) => (v === '' ? null : v)));
  }
  await c.end();
  source = (await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${db}`)).source;
});

afterAll(async () => {
  await stores.closeAll();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
});

describe('audit formats on Postgres, through the same views', () => {
  it("openlineage from Marquez's lineage_events: one run per run_uuid, the most final state wins", async () => {
    const f = findFormat(await source.catalog(), 'openlineage');
    const runs = await source.page(await runsPlan(source, f, { columns: ['run_name', 'status', 'raw_status', 'duration_s'], filters: [], sort: [{ column: 'started_at', desc: false }] }), 0, 20);
    expect(runs.rows).toHaveLength(9);
    expect(runs.rows[runs.rows.length - 1]).toEqual(['bake', 'failed', 'FAIL', 300]);
    const steps = await source.page(stepsPlan(f, { columns: ['step_name', 'status'], filters: [], sort: [] }, runs.keys[runs.keys.length - 1] ?? []), 0, 10);
    expect(steps.rows).toEqual([['START', 'ok'], ['FAIL', 'failed']]);
  });

  it('dbt-hook-log and fivetran-log compute their derived runs on Postgres too', async () => {
    const hooks = findFormat(await source.catalog(), 'dbt-hook-log');
    const pairs = await source.page(await runsPlan(source, hooks, { columns: ['run_name', 'status', 'duration_s', 'dbt_audit_log.rows_diff'], filters: [], sort: [{ column: 'run_name', desc: false }] }), 0, 10);
    expect(pairs.rows).toEqual([['"db"."m"."orders"', 'ok', 42, 30], ['"db"."m"."pay"', 'failed', null, null]]);
    const fivetran = findFormat(await source.catalog(), 'fivetran-log');
    const syncs = await source.page(await runsPlan(source, fivetran, { columns: ['run_name', 'status', 'raw_status'], filters: [], sort: [] }), 0, 10);
    expect(syncs.rows).toEqual([['this_connection', 'ok', 'ENDED'], ['this_connection', 'ok', 'ENDED']]);
  });

  it('dbt-audit in a schema: runs, composite keys and steps with NULL sequence last', async () => {
    const f = findFormat(await source.catalog(), 'dbt-audit');
    expect(f.key).toBe('dbt-audit:analytics:dbt_audit_summary');
    const runs = await source.page(await runsPlan(source, f, { columns: ['run_id', 'status', 'duration_s'], filters: [], sort: [{ column: 'run_id', desc: false }] }), 0, 10);
    expect(runs.rows).toEqual([['i1 / orders', 'ok', 30], ['i1 / payments', 'failed', null]]);
    const failed = await source.page(await runsPlan(source, f, { columns: ['run_id'], filters: [], sort: [], anyStepFailed: true }), 0, 10);
    expect(failed.rows).toEqual([['i1 / payments']]);
    const steps = await source.page(stepsPlan(f, { columns: ['step_name'], filters: [], sort: [] }, runs.keys[1] ?? []), 0, 10);
    expect(steps.rows).toEqual([['compile'], ['execute'], ['cleanup']]);
  });
});
